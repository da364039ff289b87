package report

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/eventdiff/eventdiff/check"
)

// CheckText writes the report of eventdiff check for a terminal: the
// verdict first, then each channel with its counts and the reasons
// messages were rejected, then the addresses no channel has and the
// items that could not be read. Every line is escaped (printable), and an
// address from a message is quoted so that spaces and empty ones show.
func CheckText(w io.Writer, r *check.Report, _ Options) error {
	p := &printer{w: w}
	p.line("eventdiff check: %s from %s", plural(r.Seen, "message"), r.Source)
	p.line("  base:     %s", checkDocLine(r.Base.Source, r.Base.AsyncAPI, r.Base.Version))
	if r.Revision != nil {
		p.line("  revision: %s", checkDocLine(r.Revision.Source, r.Revision.AsyncAPI, r.Revision.Version))
	}
	p.line("")
	p.line("%s", CheckHeadline(r))
	if s := strayLine(r); s != "" {
		p.line("%s", s)
	}
	for _, label := range channelOrder(r) {
		p.checkChannel(r, label, r.Channels[label])
	}
	if r.Unmatched > 0 {
		p.line("")
		p.line("no channel has the address of %s:", plural(r.Unmatched, "message"))
		for _, t := range r.UnmatchedTopics {
			p.line("  %s — %s, first at %s", strconv.Quote(t.Topic), plural(t.Count, "message"), seqText(r, t.First))
		}
		if r.OtherTopics > 0 {
			p.line("  and %s on other addresses", plural(r.OtherTopics, "message"))
		}
	}
	if r.Malformed > 0 {
		p.line("")
		p.line("could not read %s as a message:", plural(r.Malformed, seqUnit(r)))
		for _, m := range r.MalformedItems {
			p.line("  %s: %s", seqText(r, m.Seq), m.Reason)
		}
	}
	if r.Interrupted != "" {
		p.line("")
		p.line("the source stopped early: %s", r.Interrupted)
	}
	return p.err
}

// strayLine counts the messages on no documented channel and the items
// that could not be read, or is "" when there are none.
func strayLine(r *check.Report) string {
	var parts []string
	if r.Unmatched > 0 {
		parts = append(parts, plural(r.Unmatched, "message")+" on no documented channel")
	}
	if r.Malformed > 0 {
		parts = append(parts, plural(r.Malformed, seqUnit(r))+" that could not be read")
	}
	return strings.Join(parts, ", ")
}

func checkDocLine(source, asyncapi, version string) string {
	s := source + " (AsyncAPI " + asyncapi
	if version != "" {
		s += ", version " + version
	}
	return s + ")"
}

// CheckHeadline is the verdict of a check in one sentence.
func CheckHeadline(r *check.Report) string {
	var valid, invalid, rejected, onChannels int64
	for _, c := range r.Channels {
		valid += c.ValidBase
		invalid += c.InvalidBase
		if c.RejectedByRevision != nil && *c.RejectedByRevision > 0 {
			rejected += *c.RejectedByRevision
			onChannels++
		}
	}
	if r.Revision == nil {
		if invalid == 0 {
			return fmt.Sprintf("The document accepts all %s on documented channels.", plural(valid, "message"))
		}
		return fmt.Sprintf("The document rejects %s of the %s on documented channels.", number(invalid), plural(valid+invalid, "message"))
	}
	if rejected == 0 {
		return fmt.Sprintf("The revision rejects none of the %s the base accepts.", plural(valid, "message"))
	}
	return fmt.Sprintf("The revision rejects %s of the %s the base accepts, on %s.", number(rejected), plural(valid, "message"), plural(onChannels, "channel"))
}

// channelDirection says what the application does on a channel, for its
// heading: "the application receives (producers write these messages)".
func channelDirection(direction string) string {
	switch direction {
	case "send":
		return "the application sends (consumers read these messages)"
	case "receive":
		return "the application receives (producers write these messages)"
	case "send and receive":
		return "the application sends and receives"
	}
	return ""
}

// channelCounts are a channel's counts in words: "seen 9 · valid under
// the base 7 · …"; with one document, plain "valid" and "invalid".
func channelCounts(r *check.Report, c *check.ChannelReport) []string {
	base := " under the base"
	if r.Revision == nil {
		base = "" // one document: a plain contract test
	}
	counts := []string{"seen " + number(c.Seen), "valid" + base + " " + number(c.ValidBase)}
	if c.InvalidBase > 0 {
		counts = append(counts, "invalid"+base+" "+number(c.InvalidBase))
	}
	if c.ValidRevision != nil {
		counts = append(counts, "valid under the revision "+number(*c.ValidRevision),
			"rejected by the revision "+number(*c.RejectedByRevision))
	}
	if c.Undecided > 0 {
		counts = append(counts, "undecided "+number(c.Undecided))
	}
	return counts
}

// invalidTitle introduces the reasons the base (with one document, the
// document) rejects messages for.
func invalidTitle(r *check.Report) string {
	if r.Revision == nil {
		return "rejected by the document (no message of the channel accepts them)"
	}
	return "rejected by the base (no message of the channel accepts them)"
}

const rejectedTitle = "rejected by the revision although the base accepts them"

func (p *printer) checkChannel(r *check.Report, label string, c *check.ChannelReport) {
	p.line("")
	head := "channel " + label
	if d := channelDirection(c.Direction); d != "" {
		head += " — " + d
	}
	p.line("%s", head)
	p.line("  %s", strings.Join(channelCounts(r, c), " · "))
	if len(c.Rejected) > 0 {
		p.line("  %s:", rejectedTitle)
		p.rejections(r, c.Rejected)
	}
	if len(c.Invalid) > 0 {
		p.line("  %s:", invalidTitle(r))
		p.rejections(r, c.Invalid)
	}
}

func (p *printer) rejections(r *check.Report, rs []check.Rejection) {
	for _, x := range rs {
		p.line("    %s: %s", plural(x.Count, "message"), rejectionText(x, textStyle))
		for _, e := range x.Examples {
			if e.Value != "" {
				p.line("      %s on %s: %s", seqText(r, e.Seq), strconv.Quote(e.Topic), e.Value)
			} else {
				p.line("      %s on %s", seqText(r, e.Seq), strconv.Quote(e.Topic))
			}
		}
	}
}

// style renders the parts of a sentence in one notation: names as code,
// places (file:line:column pointer), and words from the input.
type style struct {
	code, place, words func(string) string
}

func same(s string) string { return s }

// textStyle is the text report's: its printer escapes whole lines.
var textStyle = style{code: func(s string) string { return "`" + s + "`" }, place: same, words: same}

// rejectionText says why messages were rejected: "lack `currency` —
// `required` at FILE:LINE:COL POINTER (message OrderPlaced)", or the
// reason in words.
func rejectionText(x check.Rejection, st style) string {
	what := st.words(x.Reason)
	if x.Keyword != "" {
		what = st.code(x.Keyword) + " at " + st.place(locText(x.Schema)+" "+x.Schema.Pointer)
	}
	if len(x.Missing) > 0 {
		names := make([]string, len(x.Missing))
		for i, n := range x.Missing {
			names[i] = st.code(n)
		}
		what = "lack " + strings.Join(names, ", ") + " — " + what
	}
	if x.Message != "" {
		what += " (message " + st.words(x.Message) + ")"
	}
	return what
}

// channelOrder lists channels with traffic first (most seen first), then
// the rest by address.
func channelOrder(r *check.Report) []string {
	out := make([]string, 0, len(r.Channels))
	for label := range r.Channels {
		out = append(out, label)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := r.Channels[out[i]], r.Channels[out[j]]
		if a.Seen != b.Seen {
			return a.Seen > b.Seen
		}
		return out[i] < out[j]
	})
	return out
}

// seqUnit is what a position counts: lines of a capture, or messages.
func seqUnit(r *check.Report) string {
	if r.SeqUnit == "line" {
		return "line"
	}
	return "message"
}

// seqText names a position in the source: "line 12" or "message #12".
func seqText(r *check.Report, seq int64) string {
	if r.SeqUnit == "line" {
		return "line " + strconv.FormatInt(seq, 10)
	}
	return "message #" + strconv.FormatInt(seq, 10)
}

// CheckJSON writes the report of eventdiff check as JSON (its field names
// are a contract, see check.Report).
func CheckJSON(w io.Writer, r *check.Report, _ Options) error {
	return writeJSON(w, r)
}
