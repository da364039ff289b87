package report

import (
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/eventdiff/eventdiff/internal/printable"
	"github.com/eventdiff/eventdiff/rules"
	"github.com/eventdiff/eventdiff/tree"
)

// MaxMarkdown keeps a markdown report under GitHub's 65,536-character
// limit on comment bodies, with room for a marker around it.
const MaxMarkdown = 60000

// Markdown writes the report for pull-request comments and job summaries:
// the verdict, a table of counts, breaking changes in full grouped by
// channel, the rest collapsed. Whatever the input, it stays under
// MaxMarkdown characters, saying how much it left out.
func Markdown(w io.Writer, r *rules.Result, opts Options) error {
	_, err := io.WriteString(w, MarkdownString(r, opts, MaxMarkdown))
	return err
}

// MarkdownString renders the markdown report within limit characters.
func MarkdownString(r *rules.Result, opts Options, limit int) string {
	head := markdownHead(r, opts)
	footer := "\n<sub>eventdiff " + opts.Version + "</sub>\n"
	budget := limit - len(head) - len(footer) - 200 // room for the truncation note
	var body strings.Builder
	omitted := 0
	section := func(title string, fs []*rules.Finding, open bool) {
		sec, left := markdownSection(title, fs, open, opts, budget-body.Len())
		omitted += left
		body.WriteString(sec)
	}
	breaking := shown(r, rules.Breaking, opts.MinLevel, true)
	warnings := shown(r, rules.Warning, opts.MinLevel, true)
	infos := shown(r, rules.Info, opts.MinLevel, true)
	accepted := shownAccepted(r, opts.MinLevel)
	section(plural(len(breaking), "breaking change"), breaking, true)
	section(plural(len(warnings), "warning"), warnings, false)
	section(fmt.Sprintf("%d info", len(infos)), infos, false)
	section(fmt.Sprintf("%d accepted by the config", len(accepted)), accepted, false)

	var out strings.Builder
	out.WriteString(head)
	out.WriteString(body.String())
	if omitted > 0 {
		fmt.Fprintf(&out, "\n> **%s not shown** to stay within GitHub's comment size. Run `eventdiff diff` locally or see the job log for the full list.\n", plural(omitted, "more change"))
	}
	if opts.MinLevel != "" && opts.MinLevel != rules.Info {
		fmt.Fprintf(&out, "\n<sub>Findings below %s are counted but not listed (--min-level %s).</sub>\n", opts.MinLevel, opts.MinLevel)
	}
	out.WriteString(footer)
	return out.String()
}

// markdownHead is the verdict, the documents and the table of counts.
// With several documents in one run, the heading names its document.
func markdownHead(r *rules.Result, opts Options) string {
	var head strings.Builder
	icon := "✅"
	switch {
	case r.Summary.Breaking > 0:
		icon = "❌"
	case r.Summary.Warning > 0:
		icon = "⚠️"
	}
	title := "eventdiff"
	if opts.Several {
		title = CodeSpan(r.Revision.Source)
	}
	fmt.Fprintf(&head, "### %s %s: %s\n\n", icon, title, mdEscape(Headline(r)))
	fmt.Fprintf(&head, "%s (AsyncAPI %s, version %s) → %s (AsyncAPI %s, version %s)\n\n",
		CodeSpan(r.Base.Source), mdEscape(r.Base.AsyncAPI), mdEscape(orDash(r.Base.Version)),
		CodeSpan(r.Revision.Source), mdEscape(r.Revision.AsyncAPI), mdEscape(orDash(r.Revision.Version)))
	if p := Perspective(r); p != "" {
		fmt.Fprintf(&head, "<sub>%s.</sub>\n\n", mdEscape(p))
	}
	head.WriteString("| breaking | warning | info | accepted |\n|---:|---:|---:|---:|\n")
	fmt.Fprintf(&head, "| %d | %d | %d | %d |\n", r.Summary.Breaking, r.Summary.Warning, r.Summary.Info, r.Summary.Accepted)
	if s := TrafficLine(opts.Traffic); s != "" {
		fmt.Fprintf(&head, "\n%s\n", mdEscape(s))
	}
	return head.String()
}

// markdownSection renders one section of findings grouped by place,
// within budget characters; it returns the section ("" when nothing fits)
// and how many findings it left out.
func markdownSection(title string, fs []*rules.Finding, open bool, opts Options, budget int) (string, int) {
	if len(fs) == 0 {
		return "", 0
	}
	var sec strings.Builder
	if open {
		fmt.Fprintf(&sec, "\n#### %s\n", title)
	} else {
		fmt.Fprintf(&sec, "\n<details><summary><b>%s</b></summary>\n\n", title)
	}
	shown, omitted := 0, 0
	for _, g := range groups(fs) {
		gh := fmt.Sprintf("\n**%s**\n\n", mdEscape(g.Title))
		groupStarted := false
		for _, f := range g.Findings {
			entry := markdownFinding(f, opts)
			if sec.Len()+len(gh)+len(entry)+40 > budget {
				omitted++
				continue
			}
			if !groupStarted {
				sec.WriteString(gh)
				groupStarted = true
			}
			sec.WriteString(entry)
			shown++
		}
	}
	if shown == 0 {
		return "", omitted
	}
	if !open {
		sec.WriteString("\n</details>\n")
	}
	return sec.String(), omitted
}

// markdownFinding renders one finding as a list item: its rule and words,
// then for breaking and warning findings (every finding with Verbose)
// what it means, where it is and its evidence.
func markdownFinding(f *rules.Finding, opts Options) string {
	var b strings.Builder
	fmt.Fprintf(&b, "- **%s** %s", CodeSpan(f.Rule.ID), mdText(oneLine(f.Text)))
	if !detailed(f, opts.Verbose) {
		b.WriteString("\n")
		return b.String()
	}
	var facts []string
	if f.Consequence != "" {
		c := mdEscape(f.Consequence)
		if who := mdEscape(f.Breaks); who != "" {
			c = strings.Replace(c, who, "**"+who+"**", 1)
		}
		facts = append(facts, c)
	}
	if ops := operationsText(f, false); ops != "" {
		facts = append(facts, "via "+mdEscape(ops))
	}
	if l := mainLocation(f); l != nil {
		facts = append(facts, link(l, linkBase(l, opts, f.Revision == nil)))
	}
	if len(facts) > 0 {
		b.WriteString("<br>" + strings.Join(facts, " · "))
	}
	if f.Accepted != nil {
		fmt.Fprintf(&b, "<br>accepted: %s (%s)", mdEscape(f.Accepted.Reason), mdEscape(f.Accepted.Where))
	}
	for _, e := range evidence(f, opts.Traffic) {
		text := mdEscape(e.text)
		if e.code {
			text = CodeSpan(e.text)
		}
		b.WriteString("<br>" + e.label + ": " + text)
	}
	if f.Base != nil && f.Revision != nil && locText(f.Base) != locText(f.Revision) && !(f.Old == nil && f.New != nil) {
		b.WriteString("<br>was at " + link(f.Base, linkBase(f.Base, opts, true)))
	}
	b.WriteString("\n")
	return b.String()
}

// mainLocation is where a reader should look: the revision, except for an
// addition-less removal where only the base still has the thing.
func mainLocation(f *rules.Finding) *tree.Location {
	if f.Revision != nil {
		return f.Revision
	}
	return f.Base
}

// linkBase is the URL a location's path is appended to: the one for the
// git revision its file was read from, when the run knows it, so each
// side links to its own commit; else --link-base, except for a base-side
// file of a git revision, which --link-base (the revision's commit) would
// show at the wrong line.
func linkBase(l *tree.Location, opts Options, baseSide bool) string {
	if l.Rev != "" {
		if b, ok := opts.RevisionLinks[l.Rev]; ok {
			return b
		}
		if baseSide {
			return ""
		}
	}
	return opts.LinkBase
}

// link renders a location, as a link when a base URL is known.
func link(l *tree.Location, base string) string {
	text := CodeSpan(fmt.Sprintf("%s:%d", l.File, l.Line))
	if base == "" || l.Line == 0 {
		return text
	}
	return fmt.Sprintf("[%s](%s%s#L%d)", text, base, urlPath(strings.TrimPrefix(l.WorkingPath(), "./")), l.Line)
}

// urlPath escapes each segment of a slash-separated path for a URL, so
// that a file name can neither end the link (a parenthesis, a space) nor
// carry a control character into it.
func urlPath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// mdEscape keeps text from being read as markdown or HTML, or from acting
// on a reader (printable).
func mdEscape(s string) string {
	// Everything escaped here sits on one line (a title, a list item, a
	// table cell): a line break from the input would end it and let the
	// rest write markdown of its own.
	return printable.String(mdSyntax.Replace(s))
}

var mdSyntax = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\\", "\\\\", "<", "&lt;", ">", "&gt;", "*", "\\*", "_", "\\_", "|", "\\|", "[", "\\[", "]", "\\]", "`", "\\`")

var codeBreaks = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ")

// mdText renders a finding's words, which write names and values as code
// between backticks (property `reason`): those parts become code spans,
// the rest is escaped. A name that itself holds a backtick may split
// differently than meant, but every part is either escaped text or a
// code span, so nothing is read as markdown or HTML.
func mdText(s string) string {
	parts := strings.Split(s, "`")
	if len(parts)%2 == 0 { // an odd number of backticks: no pairing to trust
		return mdEscape(s)
	}
	var b strings.Builder
	for i, p := range parts {
		if i%2 == 0 {
			b.WriteString(mdEscape(p))
		} else {
			b.WriteString(CodeSpan(p))
		}
	}
	return b.String()
}

// CodeSpan renders s as a markdown code span that shows it exactly: the
// fence is one backtick longer than any run of backticks inside, and
// padded with a space where s starts or ends with a backtick or a space
// (CommonMark strips one such space from each end). Line breaks become
// spaces, as they would inside a span anyway, and what printable escapes
// is escaped.
func CodeSpan(s string) string {
	s = printable.String(codeBreaks.Replace(s))
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if s == "" {
		return "` `"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") || (strings.HasPrefix(s, " ") && strings.HasSuffix(s, " ")) {
		s = " " + s + " "
	}
	return fence + s + fence
}
