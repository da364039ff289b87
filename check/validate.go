package check

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/eventdiff/eventdiff/schema"
	"github.com/eventdiff/eventdiff/tree"
)

// state is what one document says of one message.
type state uint8

const (
	unmatched state = iota // no channel of the document has its address
	valid                  // a message of its channel accepts it
	invalid                // no message of its channel accepts it
	undecided              // the validator cannot tell (an unvalidated format, a regexp Go cannot run)
)

// reason is why a message is rejected (or undecided): a keyword node of a
// schema, or words when no keyword is to blame (a payload that is not JSON).
type reason struct {
	node    *tree.Node
	text    string
	missing string // a `required` failure: the names missing, joined by ", "
}

// verdict is one document's judgement of one message.
type verdict struct {
	state   state
	channel *channelEntry
	message *messageEntry // the message that accepts it, else the closest candidate
	reasons []reason
	value   any // the decoded payload, for examples
}

// decoded caches a message's payload parsed as JSON: every candidate
// message of both documents that reads JSON shares one parse.
type decoded struct {
	m      *Message
	ex     *schema.Explainer // the worker's, with its compiled patterns
	done   bool
	value  any
	reason string
}

func (d *decoded) json() (any, string) {
	if d.m.Decoded {
		return d.m.Value, ""
	}
	if !d.done {
		d.done = true
		if err := json.Unmarshal(d.m.Raw, &d.value); err != nil {
			d.reason = notJSON(d.m.Raw, err)
		}
	}
	return d.value, d.reason
}

func notJSON(raw []byte, err error) string {
	if isBinary(raw) {
		return fmt.Sprintf("payload is binary (%d bytes), not JSON", len(raw))
	}
	return "payload is not JSON: " + clip(err.Error(), 120)
}

// isBinary reports whether bytes cannot be text: invalid UTF-8, or control
// characters other than whitespace.
func isBinary(raw []byte) bool {
	for _, c := range raw {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f {
			return true
		}
	}
	return !utf8.Valid(raw)
}

// judge validates one message against one document.
func (d *docIndex) judge(m *Message, dec *decoded, cache map[string]matched) verdict {
	mt, ok := cache[m.Topic+"\x00"+m.ChannelID]
	if !ok {
		mt.channel, mt.values = d.match(m)
		if len(cache) < maxCachedTopics {
			cache[m.Topic+"\x00"+m.ChannelID] = mt
		}
	}
	ch := mt.channel
	if ch == nil {
		return verdict{state: unmatched}
	}
	if len(ch.messages) == 0 {
		return verdict{state: invalid, channel: ch, reasons: []reason{{text: "the channel declares no message"}}}
	}
	if rs := ch.checkParams(mt.values, dec.ex); len(rs) > 0 {
		return verdict{state: invalid, channel: ch, message: ch.messages[0], reasons: rs}
	}
	var best verdict
	bestKnown := 0
	for i, me := range ch.messages {
		v := me.judge(m, dec)
		v.channel, v.message = ch, me
		if v.state == valid {
			return v
		}
		// The closest candidate explains the rejection: undecided over
		// invalid, then the fewest reasons, then the one that declares
		// more of the payload's properties.
		known := me.known(v.value)
		if i == 0 || v.state == undecided && best.state == invalid ||
			v.state == best.state && (len(v.reasons) < len(best.reasons) ||
				len(v.reasons) == len(best.reasons) && known > bestKnown) {
			best, bestKnown = v, known
		}
	}
	return best
}

// known counts the properties of an object payload that the message's
// payload schema declares at its top level.
func (me *messageEntry) known(value any) int {
	obj, ok := value.(map[string]any)
	props := me.payload.Deref().Get("properties").Deref()
	if !ok || props == nil {
		return 0
	}
	n := 0
	for k := range obj {
		if props.Get(k) != nil {
			n++
		}
	}
	return n
}

// matched is a cached channel match of one topic.
type matched struct {
	channel *channelEntry
	values  []string
}

// maxCachedTopics bounds the per-worker cache of topic matches: real
// traffic has few topics, but a stream of distinct ones must not grow it.
const maxCachedTopics = 4096

// checkParams checks bound parameter values: against a 3.x `enum`, or a
// 2.x parameter schema (the value is a string; a number-like value is also
// tried as a number, since a topic cannot say which it is).
func (e *channelEntry) checkParams(values []string, ex *schema.Explainer) []reason {
	var out []reason
	for i := 1; i < len(e.parts) && i/2 < len(values); i += 2 {
		p := e.params[e.parts[i]]
		if p == nil {
			continue
		}
		val := values[i/2]
		if p.HasEnum && !slices.Contains(p.Enum, val) {
			out = append(out, reason{node: p.Node.Get("enum")})
		}
		if p.Schema == nil {
			continue
		}
		x := ex.Explain(p.Schema, val, schema.Options{})
		if !x.Valid {
			var num float64
			if json.Unmarshal([]byte(val), &num) == nil && ex.Explain(p.Schema, num, schema.Options{}).Valid {
				continue
			}
			out = append(out, failures(p.Schema, val, x)...)
		}
	}
	return out
}

// judge validates a message's payload and headers against one candidate.
func (me *messageEntry) judge(m *Message, dec *decoded) verdict {
	var v verdict
	if me.payload != nil {
		v = me.judgePayload(m, dec)
		if v.state != valid {
			return v
		}
	} else {
		v.state = valid
	}
	if m.HasHeaders && me.headers != nil {
		x := dec.ex.Explain(me.headers, m.Headers, me.opts)
		if !x.Valid {
			return verdict{state: invalid, reasons: failures(me.headers, m.Headers, x)}
		}
		if !x.Certain {
			return verdict{state: undecided, reasons: []reason{{text: "the validator cannot decide the headers"}}}
		}
	}
	return v
}

func (me *messageEntry) judgePayload(m *Message, dec *decoded) verdict {
	var value any
	switch me.kind {
	case payloadOther:
		return verdict{state: undecided, reasons: []reason{{text: "not validated: " + me.why}}}
	case payloadAvro:
		if m.Decoded {
			return verdict{state: undecided, reasons: []reason{{text: "an Avro payload given as a JSON value is not validated (give its bytes as payloadBase64)"}}}
		}
		val, why, problem := me.avro.decode(m.Raw)
		switch {
		case problem != nil:
			return verdict{state: undecided, reasons: []reason{{text: problem.Error()}}}
		case why != "":
			return verdict{state: invalid, reasons: []reason{{text: why}}}
		}
		return verdict{state: valid, value: val}
	case payloadText:
		if m.Decoded {
			value = m.Value
		} else if isBinary(m.Raw) {
			return verdict{state: invalid, reasons: []reason{{text: fmt.Sprintf("payload is binary (%d bytes), not text", len(m.Raw))}}}
		} else {
			value = string(m.Raw)
		}
	default:
		var why string
		if value, why = dec.json(); why != "" {
			return verdict{state: invalid, reasons: []reason{{text: why}}}
		}
	}
	x := dec.ex.Explain(me.payload, value, me.opts)
	switch {
	case !x.Valid:
		return verdict{state: invalid, reasons: failures(me.payload, value, x), value: value}
	case !x.Certain:
		return verdict{state: undecided, reasons: []reason{{text: "the validator cannot decide (a pattern Go cannot run, an unknown asserted format)"}}, value: value}
	}
	return verdict{state: valid, value: value}
}

// failures are the reasons of a rejection; a `required` one names the
// properties the value lacks.
func failures(root *tree.Node, value any, x schema.Explained) []reason {
	out := make([]reason, len(x.Failures))
	for i, f := range x.Failures {
		out[i] = reason{node: f}
		if schema.FailureKeyword(f) == "required" {
			out[i].missing = strings.Join(schema.MissingRequired(root, value, f), ", ")
		}
	}
	return out
}

// clip shortens s to at most n bytes, on a rune boundary, marking the cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n - 3
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}
