package check

import (
	"regexp"
	"strings"

	"github.com/eventdiff/eventdiff/schema"
	"github.com/eventdiff/eventdiff/spec"
	"github.com/eventdiff/eventdiff/tree"
)

// docIndex is one document prepared for matching messages: its channels
// by literal address, by template, and by 3.x id.
type docIndex struct {
	doc       *spec.Document
	channels  []*channelEntry
	literal   map[string]*channelEntry
	templated []*channelEntry
	byID      map[string]*channelEntry
}

// channelEntry is a channel with the messages that may travel on it.
type channelEntry struct {
	ch        *spec.Channel
	label     string
	parts     []string       // the address split at its parameters: literal, name, literal, …, literal
	re        *regexp.Regexp // a templated address as a regexp (see templateRegexp)
	literals  int            // characters outside parameters: the more, the more specific
	params    map[string]*spec.Parameter
	messages  []*messageEntry
	direction string // send, receive, send and receive, or "" when no operation uses it
}

// messageEntry is a message with what validating it needs.
type messageEntry struct {
	m       *spec.Message
	label   string
	payload *tree.Node
	headers *tree.Node
	kind    payloadKind
	why     string // kind other: why the payload is not validated
	opts    schema.Options
	avro    *avroCodec // kind avro
}

type payloadKind uint8

const (
	payloadJSON  payloadKind = iota // JSON text checked with a JSON Schema
	payloadText                     // text/*: the bytes are a string
	payloadAvro                     // Avro binary in Confluent wire format
	payloadOther                    // a format or content type that is not validated
)

func newIndex(doc *spec.Document, assertFormat bool) *docIndex {
	d := &docIndex{doc: doc, literal: map[string]*channelEntry{}, byID: map[string]*channelEntry{}}
	entries := map[*spec.Message]*messageEntry{}
	for _, ch := range doc.Channels {
		e := &channelEntry{ch: ch, label: ch.Label(), params: map[string]*spec.Parameter{}}
		for _, p := range ch.Parameters {
			e.params[p.Name] = p
		}
		for _, m := range candidates(doc, ch) {
			me := entries[m]
			if me == nil {
				me = newMessageEntry(doc, m, assertFormat)
				entries[m] = me
			}
			e.messages = append(e.messages, me)
		}
		e.direction = direction(doc, ch)
		d.channels = append(d.channels, e)
		if doc.Major >= 3 && ch.Key != "" {
			d.byID[ch.Key] = e
		}
		if ch.AddressNull {
			continue // an unknown address matches nothing
		}
		e.parts, e.literals = splitAddress(ch.Address)
		if len(e.parts) == 1 {
			if _, dup := d.literal[ch.Address]; !dup {
				d.literal[ch.Address] = e
			}
		} else {
			e.re = templateRegexp(e.parts)
			d.templated = append(d.templated, e)
		}
	}
	return d
}

// candidates are the messages that may travel on a channel: those of the
// operations (and replies) on it, in document order, else the channel's own.
func candidates(doc *spec.Document, ch *spec.Channel) []*spec.Message {
	var out []*spec.Message
	seen := map[*spec.Message]bool{}
	add := func(ms []*spec.Message) {
		for _, m := range ms {
			if !seen[m] {
				seen[m] = true
				out = append(out, m)
			}
		}
	}
	for _, op := range doc.Operations {
		if op.Channel == ch {
			add(op.Messages)
		}
		if op.Reply != nil && op.Reply.Channel == ch {
			add(op.Reply.Messages)
		}
	}
	if len(out) == 0 {
		add(ch.Messages)
	}
	return out
}

// direction says what the application does on a channel, from its
// operations (a reply goes the other way).
func direction(doc *spec.Document, ch *spec.Channel) string {
	var send, receive bool
	for _, op := range doc.Operations {
		a := op.Action
		if op.Reply != nil && op.Reply.Channel == ch && op.Channel != ch {
			a = flip(a)
		} else if op.Channel != ch {
			continue
		}
		send, receive = send || a == spec.Send, receive || a == spec.Receive
	}
	switch {
	case send && receive:
		return "send and receive"
	case send:
		return string(spec.Send)
	case receive:
		return string(spec.Receive)
	}
	return ""
}

func flip(a spec.Action) spec.Action {
	if a == spec.Send {
		return spec.Receive
	}
	return spec.Send
}

func newMessageEntry(doc *spec.Document, m *spec.Message, assertFormat bool) *messageEntry {
	me := &messageEntry{m: m, label: m.Label(), opts: schema.Options{AssertFormat: assertFormat}}
	if m.Headers != nil {
		me.headers = m.Headers.Node
		me.opts.OpenAPI = spec.IsOpenAPIFormat(m.Headers.RawFormat)
	}
	if m.Payload == nil || m.Payload.Node == nil {
		return me
	}
	me.payload = m.Payload.Node
	ct := strings.ToLower(strings.TrimSpace(m.ContentType))
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		ct = strings.TrimSpace(ct[:i])
	}
	switch family := m.Payload.Format; {
	case family == spec.FormatAvro:
		me.kind = payloadAvro
		me.avro = newAvroCodec(m.Payload.Node)
	case family != spec.FormatJSONSchema:
		me.kind, me.why = payloadOther, "its schema format "+m.Payload.RawFormat+" is not validated"
	case ct == "" || ct == "application/json" || strings.HasSuffix(ct, "+json") || strings.HasSuffix(ct, "/json"):
		me.kind = payloadJSON
		me.opts.OpenAPI = spec.IsOpenAPIFormat(m.Payload.RawFormat)
	case strings.HasPrefix(ct, "text/"):
		me.kind = payloadText
		me.opts.OpenAPI = spec.IsOpenAPIFormat(m.Payload.RawFormat)
	default:
		me.kind, me.why = payloadOther, "its content type "+m.ContentType+" is not validated"
	}
	return me
}

// splitAddress splits an address template at its {parameters}: literal,
// name, literal, …, literal (a literal may be empty). It also counts the
// literal characters.
func splitAddress(a string) (parts []string, literals int) {
	last := 0
	spec.ForEachParam(a, func(name string, start, end int) {
		parts = append(parts, a[last:start], name)
		literals += start - last
		last = end
	})
	parts = append(parts, a[last:])
	return parts, literals + len(a) - last
}

// match binds a topic to a channel: the channel given by id, else the
// literal address, else the most specific template that matches (the
// most literal characters; the first in the document on a tie). It
// returns the parameter values in the order of the address.
func (d *docIndex) match(m *Message) (*channelEntry, []string) {
	if m.ChannelID != "" {
		if e := d.byID[m.ChannelID]; e != nil {
			return e, nil
		}
	}
	if e := d.literal[m.Topic]; e != nil {
		return e, nil
	}
	var best *channelEntry
	var bestValues []string
	for _, e := range d.templated {
		if best != nil && e.literals <= best.literals {
			continue
		}
		if sub := e.re.FindStringSubmatch(m.Topic); sub != nil {
			best, bestValues = e, sub[1:]
		}
	}
	return best, bestValues
}

// templateRegexp turns the parts of an address (see splitAddress) into a
// regular expression. A parameter binds one or more characters other than
// '/' (one MQTT level, or a piece of a Kafka topic name), the shortest that
// lets the rest match. Go's regexps run in time linear in the topic, so no
// topic or template can make matching slow.
func templateRegexp(parts []string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^")
	for i, p := range parts {
		if i%2 == 0 {
			b.WriteString(regexp.QuoteMeta(p))
		} else {
			b.WriteString("([^/]+?)")
		}
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}
