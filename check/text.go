package check

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// JSON writes the report indented by two spaces, with a final newline.
func (r *Report) JSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// Text writes the report for a terminal: the verdict first, then each
// channel with its counts and the reasons messages were rejected, then
// the addresses no channel has and the items that could not be read.
// Every name that comes from a message or a document is escaped.
func (r *Report) Text(w io.Writer) error {
	p := &printer{w: w}
	p.header(r)
	for _, label := range r.channelOrder() {
		p.channel(r, label, r.Channels[label])
	}
	if r.Unmatched > 0 {
		p.line("")
		p.line("no channel has the address of %s:", plural(r.Unmatched, "message"))
		for _, t := range r.UnmatchedTopics {
			p.line("  %s — %s, first at %s", quoted(t.Topic), plural(t.Count, "message"), r.at(t.First))
		}
		if r.OtherTopics > 0 {
			p.line("  and %s on other addresses", plural(r.OtherTopics, "message"))
		}
	}
	if r.Malformed > 0 {
		p.line("")
		p.line("could not read %s as a message:", plural(r.Malformed, r.unit()))
		for _, m := range r.MalformedItems {
			p.line("  %s: %s", r.at(m.Seq), esc(m.Reason))
		}
	}
	if r.Interrupted != "" {
		p.line("")
		p.line("the source stopped early: %s", esc(r.Interrupted))
	}
	return p.err
}

type printer struct {
	w   io.Writer
	err error
}

func (p *printer) line(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format+"\n", args...)
	}
}

func (p *printer) header(r *Report) {
	p.line("eventdiff check: %s from %s", plural(r.Seen, "message"), esc(r.Source))
	p.line("  base:     %s", docLine(r.Base.Source, r.Base.AsyncAPI, r.Base.Version))
	if r.Revision != nil {
		p.line("  revision: %s", docLine(r.Revision.Source, r.Revision.AsyncAPI, r.Revision.Version))
	}
	p.line("")
	p.line("%s", r.Headline())
	var extra []string
	if r.Unmatched > 0 {
		extra = append(extra, plural(r.Unmatched, "message")+" on no documented channel")
	}
	if r.Malformed > 0 {
		extra = append(extra, plural(r.Malformed, r.unit())+" that could not be read")
	}
	if len(extra) > 0 {
		p.line("%s", strings.Join(extra, ", "))
	}
}

func docLine(source, asyncapi, version string) string {
	s := esc(source) + " (AsyncAPI " + esc(asyncapi)
	if version != "" {
		s += ", version " + esc(version)
	}
	return s + ")"
}

// Headline is the report's verdict in one sentence.
func (r *Report) Headline() string {
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
		return fmt.Sprintf("The document rejects %d of the %s on documented channels.", invalid, plural(valid+invalid, "message"))
	}
	if rejected == 0 {
		return fmt.Sprintf("The revision rejects none of the %s the base accepts.", plural(valid, "message"))
	}
	return fmt.Sprintf("The revision rejects %d of the %s the base accepts, on %s.", rejected, plural(valid, "message"), plural(onChannels, "channel"))
}

func (p *printer) channel(r *Report, label string, c *ChannelReport) {
	p.line("")
	head := "channel " + esc(label)
	switch c.Direction {
	case "send":
		head += " — the application sends (consumers read these messages)"
	case "receive":
		head += " — the application receives (producers write these messages)"
	case "send and receive":
		head += " — the application sends and receives"
	}
	p.line("%s", head)
	base := " under the base"
	if r.Revision == nil {
		base = "" // one document: a plain contract test
	}
	counts := []string{fmt.Sprintf("seen %d", c.Seen), fmt.Sprintf("valid%s %d", base, c.ValidBase)}
	if c.InvalidBase > 0 {
		counts = append(counts, fmt.Sprintf("invalid%s %d", base, c.InvalidBase))
	}
	if c.ValidRevision != nil {
		counts = append(counts, fmt.Sprintf("valid under the revision %d", *c.ValidRevision),
			fmt.Sprintf("rejected by the revision %d", *c.RejectedByRevision))
	}
	if c.Undecided > 0 {
		counts = append(counts, fmt.Sprintf("undecided %d", c.Undecided))
	}
	p.line("  %s", strings.Join(counts, " · "))
	if len(c.Rejected) > 0 {
		p.line("  rejected by the revision although the base accepts them:")
		p.reasons(r, c.Rejected)
	}
	if len(c.Invalid) > 0 {
		who := "base"
		if r.Revision == nil {
			who = "document"
		}
		p.line("  rejected by the %s (no message of the channel accepts them):", who)
		p.reasons(r, c.Invalid)
	}
}

func (p *printer) reasons(r *Report, rs []Rejection) {
	for _, x := range rs {
		what := esc(x.Reason)
		if x.Keyword != "" {
			what = "`" + esc(x.Keyword) + "` at " + esc(locText(x))
		}
		if len(x.Missing) > 0 {
			what = "lack " + esc(codeList(x.Missing)) + " — " + what
		}
		if x.Message != "" {
			what += " (message " + esc(x.Message) + ")"
		}
		p.line("    %s: %s", plural(x.Count, "message"), what)
		for _, e := range x.Examples {
			if e.Value != "" {
				p.line("      %s on %s: %s", r.at(e.Seq), quoted(e.Topic), esc(e.Value))
			} else {
				p.line("      %s on %s", r.at(e.Seq), quoted(e.Topic))
			}
		}
	}
}

func codeList(names []string) string {
	return "`" + strings.Join(names, "`, `") + "`"
}

func locText(x Rejection) string {
	l := x.Schema
	return fmt.Sprintf("%s:%d:%d %s", l.File, l.Line, l.Column, l.Pointer)
}

// channelOrder lists channels with traffic first (most seen first), then
// the rest by address.
func (r *Report) channelOrder() []string {
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

// unit is what a position counts: lines of a capture, or messages.
func (r *Report) unit() string {
	if r.SeqUnit == "line" {
		return "line"
	}
	return "message"
}

// at names a position in the source: "line 12" or "message #12".
func (r *Report) at(seq int64) string {
	if r.SeqUnit == "line" {
		return "line " + strconv.FormatInt(seq, 10)
	}
	return "message #" + strconv.FormatInt(seq, 10)
}

func plural(n int64, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.FormatInt(n, 10) + " " + what + "s"
}

// esc makes text from a message or a document safe to print: control
// characters, invalid UTF-8 and other unprintable runes are escaped the way
// Go quotes strings, so nothing can move the cursor or fake a line.
func esc(s string) string {
	for _, r := range s {
		if r == unicode.ReplacementChar || !unicode.IsPrint(r) && r != ' ' {
			q := strconv.Quote(s)
			return q[1 : len(q)-1]
		}
	}
	return s
}

// quoted is an address from a message, always in quotes so that spaces
// and empty addresses show.
func quoted(s string) string { return strconv.Quote(s) }
