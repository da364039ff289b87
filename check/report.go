package check

import (
	"sort"
	"strings"

	"github.com/eventdiff/eventdiff/rules"
	"github.com/eventdiff/eventdiff/tree"
)

// SchemaVersion is the version of the JSON report's shape: fields are
// added, never renamed or removed, within one version.
const SchemaVersion = "1"

// Report is what check found. Its JSON form is the `--format json` output;
// the field names are a contract (see the README).
type Report struct {
	SchemaVersion string         `json:"schemaVersion"`
	Base          rules.DocInfo  `json:"base"`
	Revision      *rules.DocInfo `json:"revision,omitempty"` // nil with one document
	Source        string         `json:"source"`             // where the messages came from, without credentials
	// SeqUnit says what the positions (seq) in the report count: "line"
	// for a capture, "message" (arrival order) for a live source.
	SeqUnit string `json:"seqUnit"`

	Seen      int64 `json:"seen"`      // messages read (malformed items not included)
	Unmatched int64 `json:"unmatched"` // messages whose address no channel of either document has
	Malformed int64 `json:"malformed"` // items that could not be read as a message

	// Channels by address (as the base writes it; the revision's for a
	// channel only it has), every channel of the documents, seen or not.
	Channels map[string]*ChannelReport `json:"channels"`

	UnmatchedTopics []TopicCount `json:"unmatchedTopics"` // the most frequent addresses no channel has
	OtherTopics     int64        `json:"otherUnmatched,omitempty"`
	MalformedItems  []Problem    `json:"malformedItems"` // the first items that could not be read
	// Interrupted says why the source stopped early (a broker closing the
	// connection); the counts are those of the messages read until then.
	Interrupted string `json:"interrupted,omitempty"`
}

// ChannelReport counts the messages seen on one channel.
type ChannelReport struct {
	// Direction is what the application does on the channel: send,
	// receive, "send and receive", or "" when no operation uses it.
	Direction string `json:"direction,omitempty"`
	Seen      int64  `json:"seen"`
	ValidBase int64  `json:"validBase"`
	// InvalidBase are messages no message of the channel accepts under the
	// base (or the base has no such channel): the spec has drifted.
	InvalidBase int64 `json:"invalidBase"`
	// With a revision: messages it accepts, rejects, and rejects although
	// the base accepts them (the evidence that a change breaks traffic).
	ValidRevision      *int64 `json:"validRevision,omitempty"`
	InvalidRevision    *int64 `json:"invalidRevision,omitempty"`
	RejectedByRevision *int64 `json:"rejectedByRevision,omitempty"`
	// Undecided are messages a document could not judge (a schema format
	// or content type that is not validated, a pattern Go cannot run).
	Undecided int64                     `json:"undecided"`
	Messages  map[string]*MessageCounts `json:"messages"`
	// Rejected are the revision's reasons for rejecting messages the base
	// accepts; Invalid the base's reasons for the messages it rejects.
	Rejected []Rejection `json:"rejected"`
	Invalid  []Rejection `json:"invalid"`
}

// MessageCounts count the messages of a channel that one message of the
// document (the one that accepts them, or the closest) stands for.
type MessageCounts struct {
	Seen               int64 `json:"seen"`
	ValidBase          int64 `json:"validBase"`
	InvalidBase        int64 `json:"invalidBase"`
	ValidRevision      int64 `json:"validRevision"`
	RejectedByRevision int64 `json:"rejectedByRevision"`
}

func (m *MessageCounts) add(o *MessageCounts) {
	m.Seen += o.Seen
	m.ValidBase += o.ValidBase
	m.InvalidBase += o.InvalidBase
	m.ValidRevision += o.ValidRevision
	m.RejectedByRevision += o.RejectedByRevision
}

// Rejection is one reason a document rejects messages: a schema keyword
// (Keyword, and Schema: where it is written) or, when no keyword is to
// blame, words (Reason: a payload that is not JSON, no such channel).
type Rejection struct {
	Message  string         `json:"message,omitempty"` // the message whose schema rejects them
	Keyword  string         `json:"keyword,omitempty"`
	Schema   *tree.Location `json:"schema,omitempty"`
	Missing  []string       `json:"missing,omitempty"` // `required`: the properties the messages lack
	Reason   string         `json:"reason,omitempty"`
	Count    int64          `json:"count"`
	Examples []Example      `json:"examples"`
}

func (r *Rejection) where() string {
	if r.Schema == nil {
		return ""
	}
	return r.Schema.File + r.Schema.Pointer
}

// Example is one message a reason applies to: where it is in the source
// (the line of a capture, the arrival order of a live source) and its
// address; its payload only when values are shown, truncated.
type Example struct {
	Seq   int64  `json:"seq"`
	Topic string `json:"topic"`
	Value string `json:"value,omitempty"`
}

// TopicCount is an address no channel has, with how often it was seen
// and where first.
type TopicCount struct {
	Topic string `json:"topic"`
	Count int64  `json:"count"`
	First int64  `json:"first"`
}

// Problem is an item that could not be read as a message.
type Problem struct {
	Seq    int64  `json:"seq"`
	Reason string `json:"reason"`
}

// maxTopicsShown is how many unmatched addresses a report lists.
const maxTopicsShown = 5

// report turns the merged tally into a Report.
func (c *Checker) report(t *tally, source string) *Report {
	r := &Report{SchemaVersion: SchemaVersion, Base: docInfo(c.base), Source: source,
		Seen: t.seen, Unmatched: t.unmatched, Malformed: t.malformed, OtherTopics: t.otherTopics,
		Channels: map[string]*ChannelReport{}, MalformedItems: t.problems, UnmatchedTopics: []TopicCount{}}
	if r.MalformedItems == nil {
		r.MalformedItems = []Problem{}
	}
	if c.rev != nil {
		ri := docInfo(c.rev)
		r.Revision = &ri
	}
	// Every channel appears, seen or not; a revision's channel once, under
	// the base's address when the base has it with other parameter names.
	inBase := map[string]bool{}
	for _, e := range c.base.channels {
		t.channel(e)
		inBase[canonicalAddress(e)] = true
	}
	if c.rev != nil {
		for _, e := range c.rev.channels {
			if !inBase[canonicalAddress(e)] {
				t.channel(e)
			}
		}
	}
	for label, ct := range t.channels {
		r.Channels[label] = ct.report(c.rev != nil)
	}
	for topic, tt := range t.topics {
		r.UnmatchedTopics = append(r.UnmatchedTopics, TopicCount{Topic: topic, Count: tt.count, First: tt.first})
	}
	sort.Slice(r.UnmatchedTopics, func(i, j int) bool {
		a, b := r.UnmatchedTopics[i], r.UnmatchedTopics[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return a.First < b.First
	})
	if len(r.UnmatchedTopics) > maxTopicsShown {
		for _, tc := range r.UnmatchedTopics[maxTopicsShown:] {
			r.OtherTopics += tc.Count
		}
		r.UnmatchedTopics = r.UnmatchedTopics[:maxTopicsShown]
	}
	return r
}

func (ct *channelTally) report(twoDocs bool) *ChannelReport {
	cr := &ChannelReport{Direction: ct.direction, Seen: ct.Seen, ValidBase: ct.ValidBase, InvalidBase: ct.InvalidBase,
		Undecided: ct.undecided, Messages: ct.messages, Rejected: reasonsOf(ct.rejected), Invalid: reasonsOf(ct.invalid)}
	if twoDocs {
		cr.ValidRevision, cr.InvalidRevision, cr.RejectedByRevision = &ct.ValidRevision, &ct.invalidRevision, &ct.RejectedByRevision
	}
	return cr
}

func docInfo(d *docIndex) rules.DocInfo {
	di := rules.DocInfo{Source: d.doc.Name, AsyncAPI: d.doc.Version}
	if d.doc.Info != nil {
		di.Version = d.doc.Info.Version
	}
	if d.doc.Major == 2 {
		di.Perspective = string(d.doc.Perspective)
	}
	return di
}

// canonicalAddress is a channel's address with its parameter names left
// out (user/{id} is user/{userId}), or its label when it has none.
func canonicalAddress(e *channelEntry) string {
	if e.parts == nil {
		return e.label
	}
	var b strings.Builder
	for i, p := range e.parts {
		if i%2 == 0 {
			b.WriteString(p)
		} else {
			b.WriteString("{}")
		}
	}
	return b.String()
}
