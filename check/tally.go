package check

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"

	"github.com/eventdiff/eventdiff/schema"
	"github.com/eventdiff/eventdiff/tree"
)

// MaxExamples is how many example messages a report keeps per reason.
const MaxExamples = 3

// maxValue is the longest example value shown with ShowValues.
const maxValue = 200

// tally accumulates the outcome of many messages. Workers each keep one
// and merge them at the end: every count adds up, and examples keep the
// lowest positions, so the result is the same whatever the scheduling.
type tally struct {
	seen, unmatched, malformed int64
	channels                   map[string]*channelTally
	topics                     map[string]*topicTally // unmatched topics
	otherTopics                int64                  // unmatched messages beyond maxTopics distinct topics
	problems                   []Problem              // the first malformed lines
}

type channelTally struct {
	direction string
	MessageCounts
	invalidRevision, undecided int64
	messages                   map[string]*MessageCounts
	rejected, invalid          map[reasonKey]*reasonTally
}

type reasonKey struct {
	message string
	node    *tree.Node
	text    string
	missing string
}

type reasonTally struct {
	count    int64
	examples []Example
}

type topicTally struct {
	count, first int64
}

// maxTopics bounds the distinct unmatched topics remembered.
const maxTopics = 1000

func newTally() *tally {
	return &tally{channels: map[string]*channelTally{}, topics: map[string]*topicTally{}}
}

func (t *tally) channel(e *channelEntry) *channelTally {
	c := t.channels[e.label]
	if c == nil {
		c = &channelTally{direction: e.direction, messages: map[string]*MessageCounts{},
			rejected: map[reasonKey]*reasonTally{}, invalid: map[reasonKey]*reasonTally{}}
		t.channels[e.label] = c
	}
	return c
}

func (t *tally) addMalformed(m *Message) {
	t.malformed++
	t.problems = appendProblem(t.problems, Problem{Seq: m.Seq, Reason: m.Malformed})
}

func appendProblem(ps []Problem, p Problem) []Problem {
	ps = append(ps, p)
	sort.Slice(ps, func(i, j int) bool { return ps[i].Seq < ps[j].Seq })
	return ps[:min(len(ps), MaxExamples)]
}

func (t *tally) addUnmatched(m *Message) {
	t.unmatched++
	if tt := t.topics[m.Topic]; tt != nil {
		tt.count++
		tt.first = min(tt.first, m.Seq)
	} else if len(t.topics) < maxTopics {
		t.topics[m.Topic] = &topicTally{count: 1, first: m.Seq}
	} else {
		t.otherTopics++
	}
}

// add records the verdicts of both documents on one message (rev is
// unused without a revision).
func (t *tally) add(m *Message, base, rev verdict, twoDocs bool, show bool) {
	t.seen++
	if base.state == unmatched && (!twoDocs || rev.state == unmatched) {
		t.addUnmatched(m)
		return
	}
	owner := base
	if owner.state == unmatched {
		owner = rev
	}
	c := t.channel(owner.channel)
	c.Seen++
	label := ""
	if owner.message != nil {
		label = owner.message.label
	}
	mc := c.messages[label]
	if mc == nil {
		mc = &MessageCounts{}
		c.messages[label] = mc
	}
	mc.Seen++
	switch base.state {
	case valid:
		c.ValidBase++
		mc.ValidBase++
	case invalid, unmatched:
		c.InvalidBase++
		mc.InvalidBase++
		addReasons(c.invalid, m, base, base.value, show)
	case undecided:
		c.undecided++
	}
	if !twoDocs {
		return
	}
	switch rev.state {
	case valid:
		c.ValidRevision++
		mc.ValidRevision++
	case invalid, unmatched:
		c.invalidRevision++
		if base.state == valid {
			c.RejectedByRevision++
			mc.RejectedByRevision++
			addReasons(c.rejected, m, rev, base.value, show) // the base decoded it
		}
	case undecided:
		if base.state != undecided {
			c.undecided++
		}
	}
}

// addReasons counts each reason a document gives for rejecting m.
// value is the payload as the base decoded it, for examples.
func addReasons(into map[reasonKey]*reasonTally, m *Message, v verdict, value any, show bool) {
	rs := v.reasons
	if v.state == unmatched {
		rs = []reason{{text: "no channel of this document has the address"}}
	}
	label := ""
	if v.message != nil {
		label = v.message.label
	}
	for _, r := range rs {
		k := reasonKey{message: label, node: r.node, text: r.text, missing: r.missing}
		rt := into[k]
		if rt == nil {
			rt = &reasonTally{}
			into[k] = rt
		}
		rt.count++
		if len(rt.examples) < MaxExamples || m.Seq < rt.examples[len(rt.examples)-1].Seq {
			ex := Example{Seq: m.Seq, Topic: m.Topic}
			if show {
				ex.Value = exampleValue(m, value)
			}
			rt.examples = appendExample(rt.examples, ex)
		}
	}
}

func appendExample(es []Example, e Example) []Example {
	es = append(es, e)
	sort.Slice(es, func(i, j int) bool { return es[i].Seq < es[j].Seq })
	return es[:min(len(es), MaxExamples)]
}

// exampleValue is the message's payload for a report: JSON when it was
// decoded, else its bytes quoted; at most maxValue bytes.
func exampleValue(m *Message, value any) string {
	var s string
	switch {
	case m.Decoded:
		b, _ := json.Marshal(m.Value)
		s = string(b)
	case value != nil:
		b, err := json.Marshal(value)
		if err != nil {
			b = []byte(strconv.Quote(string(m.Raw)))
		}
		s = string(b)
	default:
		s = strconv.Quote(string(m.Raw))
	}
	return clip(s, maxValue)
}

// merge adds o into t.
func (t *tally) merge(o *tally) {
	t.seen += o.seen
	t.unmatched += o.unmatched
	t.malformed += o.malformed
	t.otherTopics += o.otherTopics
	for _, p := range o.problems {
		t.problems = appendProblem(t.problems, p)
	}
	for topic, ot := range o.topics {
		if tt := t.topics[topic]; tt != nil {
			tt.count += ot.count
			tt.first = min(tt.first, ot.first)
		} else if len(t.topics) < maxTopics {
			t.topics[topic] = ot
		} else {
			t.otherTopics += ot.count
		}
	}
	for label, oc := range o.channels {
		c := t.channels[label]
		if c == nil {
			t.channels[label] = oc
			continue
		}
		c.merge(oc)
	}
}

func (c *channelTally) merge(o *channelTally) {
	c.add(&o.MessageCounts)
	c.invalidRevision += o.invalidRevision
	c.undecided += o.undecided
	for label, om := range o.messages {
		if mc := c.messages[label]; mc != nil {
			mc.add(om)
		} else {
			c.messages[label] = om
		}
	}
	mergeReasons(c.rejected, o.rejected)
	mergeReasons(c.invalid, o.invalid)
}

func mergeReasons(into, from map[reasonKey]*reasonTally) {
	for k, or := range from {
		rt := into[k]
		if rt == nil {
			into[k] = or
			continue
		}
		rt.count += or.count
		for _, e := range or.examples {
			rt.examples = appendExample(rt.examples, e)
		}
	}
}

// reasonsOf turns reason tallies into a report's list: most frequent
// first, then by message, place and words, so the order never depends on
// map iteration.
func reasonsOf(m map[reasonKey]*reasonTally) []Rejection {
	out := make([]Rejection, 0, len(m))
	for k, rt := range m {
		r := Rejection{Message: k.message, Reason: k.text, Count: rt.count, Examples: rt.examples}
		if k.node != nil {
			r.Keyword = schema.FailureKeyword(k.node)
			r.Schema = k.node.Loc()
		}
		if k.missing != "" {
			r.Missing = strings.Split(k.missing, ", ")
		}
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		if a.Message != b.Message {
			return a.Message < b.Message
		}
		if pa, pb := a.where(), b.where(); pa != pb {
			return pa < pb
		}
		if ma, mb := strings.Join(a.Missing, ","), strings.Join(b.Missing, ","); ma != mb {
			return ma < mb
		}
		return a.Reason < b.Reason
	})
	return out
}
