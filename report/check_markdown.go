package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/eventdiff/eventdiff/check"
)

// markdownStyle writes names and places as code spans and escapes words.
var markdownStyle = style{code: CodeSpan, place: CodeSpan, words: mdEscape}

// CheckMarkdown writes the report of eventdiff check for pull-request
// comments and job summaries: the verdict, a table of the channels that
// carried messages, the reasons messages were rejected with their first
// examples, the addresses no channel has and the items that could not be
// read. It stays under MaxMarkdown characters, saying what it left out.
func CheckMarkdown(w io.Writer, r *check.Report, o Options) error {
	_, err := io.WriteString(w, checkMarkdownString(r, o, MaxMarkdown))
	return err
}

func checkMarkdownString(r *check.Report, o Options, limit int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "### %s eventdiff check: %s\n\n", checkIcon(r), mdEscape(CheckHeadline(r)))
	fmt.Fprintf(&b, "%s from %s; base %s", plural(r.Seen, "message"), CodeSpan(r.Source), mdDocLine(r.Base.Source, r.Base.AsyncAPI, r.Base.Version))
	if r.Revision != nil {
		fmt.Fprintf(&b, ", revision %s", mdDocLine(r.Revision.Source, r.Revision.AsyncAPI, r.Revision.Version))
	}
	b.WriteString(".\n")
	if s := strayLine(r); s != "" {
		fmt.Fprintf(&b, "\n%s.\n", mdEscape(s))
	}
	if r.Interrupted != "" {
		fmt.Fprintf(&b, "\n> The source stopped early: %s\n", mdEscape(r.Interrupted))
	}
	footer := "\n<sub>eventdiff " + mdEscape(o.Version) + "</sub>\n"
	budget := limit - len(footer) - 200 // room for the truncation note
	cut := false
	add := func(part string) {
		if cut = cut || b.Len()+len(part) > budget; !cut {
			b.WriteString(part)
		}
	}
	order := channelOrder(r)
	b.WriteString("\n" + checkTableHead(r))
	for _, label := range order {
		if c := r.Channels[label]; c.Seen > 0 {
			add(checkTableRow(r, label, c))
		}
	}
	if quiet := len(order) - seenChannels(r); quiet > 0 {
		add(fmt.Sprintf("\n%s of the documents carried no message.\n", plural(quiet, "channel")))
	}
	for _, label := range order {
		c := r.Channels[label]
		if len(c.Rejected) > 0 {
			add(mdRejections(r, label, rejectedTitle, c.Rejected))
		}
		if len(c.Invalid) > 0 {
			add(mdRejections(r, label, invalidTitle(r), c.Invalid))
		}
	}
	add(mdStrays(r))
	if cut {
		b.WriteString("\n> **The report is cut here** to stay within GitHub's comment size. Run `eventdiff check` locally for all of it.\n")
	}
	b.WriteString(footer)
	return b.String()
}

// checkIcon is the verdict at a glance: messages the revision rejects
// (with one document: that it rejects), drift, or neither.
func checkIcon(r *check.Report) string {
	switch {
	case r.Fails(check.FailRejected):
		return "❌"
	case r.Fails(check.FailInvalid):
		return "⚠️"
	}
	return "✅"
}

func mdDocLine(source, asyncapi, version string) string {
	s := CodeSpan(source) + " (AsyncAPI " + mdEscape(asyncapi)
	if version != "" {
		s += ", version " + mdEscape(version)
	}
	return s + ")"
}

func seenChannels(r *check.Report) int {
	n := 0
	for _, c := range r.Channels {
		if c.Seen > 0 {
			n++
		}
	}
	return n
}

func checkTableHead(r *check.Report) string {
	if r.Revision == nil {
		return "| channel | the application | seen | valid | invalid | undecided |\n|---|---|---:|---:|---:|---:|\n"
	}
	return "| channel | the application | seen | valid under the base | invalid under the base | valid under the revision | rejected by the revision | undecided |\n" +
		"|---|---|---:|---:|---:|---:|---:|---:|\n"
}

func checkTableRow(r *check.Report, label string, c *check.ChannelReport) string {
	cells := []string{CodeSpan(label), mdEscape(c.Direction), number(c.Seen), number(c.ValidBase), number(c.InvalidBase)}
	if r.Revision != nil {
		rejected := number(*c.RejectedByRevision)
		if *c.RejectedByRevision > 0 {
			rejected = "**" + rejected + "**"
		}
		cells = append(cells, number(*c.ValidRevision), rejected)
	}
	cells = append(cells, number(c.Undecided))
	return "| " + strings.Join(cells, " | ") + " |\n"
}

// mdRejections is one channel's reasons of one kind, each with its first
// examples.
func mdRejections(r *check.Report, label, title string, rs []check.Rejection) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\n**%s**: %s\n\n", CodeSpan(label), mdEscape(title))
	for _, x := range rs {
		fmt.Fprintf(&b, "- %s: %s", plural(x.Count, "message"), rejectionText(x, markdownStyle))
		var examples []string
		for _, e := range x.Examples {
			s := mdEscape(seqText(r, e.Seq)) + " on " + CodeSpan(strconv.Quote(e.Topic))
			if e.Value != "" {
				s += ": " + CodeSpan(e.Value)
			}
			examples = append(examples, s)
		}
		if len(examples) > 0 {
			b.WriteString("<br>" + strings.Join(examples, "; "))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// mdStrays lists the addresses no channel has and the items that could
// not be read.
func mdStrays(r *check.Report) string {
	var b strings.Builder
	if r.Unmatched > 0 {
		fmt.Fprintf(&b, "\n**No channel has the address of %s:**\n\n", plural(r.Unmatched, "message"))
		for _, t := range r.UnmatchedTopics {
			fmt.Fprintf(&b, "- %s — %s, first at %s\n", CodeSpan(strconv.Quote(t.Topic)), plural(t.Count, "message"), seqText(r, t.First))
		}
		if r.OtherTopics > 0 {
			fmt.Fprintf(&b, "- and %s on other addresses\n", plural(r.OtherTopics, "message"))
		}
	}
	if r.Malformed > 0 {
		fmt.Fprintf(&b, "\n**Could not read %s as a message:**\n\n", plural(r.Malformed, seqUnit(r)))
		for _, m := range r.MalformedItems {
			fmt.Fprintf(&b, "- %s: %s\n", seqText(r, m.Seq), mdEscape(m.Reason))
		}
	}
	return b.String()
}
