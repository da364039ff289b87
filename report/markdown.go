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
	var head strings.Builder
	icon := "✅"
	switch {
	case r.Summary.Breaking > 0:
		icon = "❌"
	case r.Summary.Warning > 0:
		icon = "⚠️"
	}
	fmt.Fprintf(&head, "### %s eventdiff: %s\n\n", icon, mdEscape(Headline(r)))
	fmt.Fprintf(&head, "%s (AsyncAPI %s, version %s) → %s (AsyncAPI %s, version %s)\n\n",
		CodeSpan(r.Base.Source), mdEscape(r.Base.AsyncAPI), mdEscape(orDash(r.Base.Version)),
		CodeSpan(r.Revision.Source), mdEscape(r.Revision.AsyncAPI), mdEscape(orDash(r.Revision.Version)))
	if p := Perspective(r); p != "" {
		fmt.Fprintf(&head, "<sub>%s.</sub>\n\n", mdEscape(p))
	}
	head.WriteString("| breaking | warning | info | accepted |\n|---:|---:|---:|---:|\n")
	fmt.Fprintf(&head, "| %d | %d | %d | %d |\n", r.Summary.Breaking, r.Summary.Warning, r.Summary.Info, r.Summary.Accepted)

	footer := "\n<sub>eventdiff " + opts.Version + "</sub>\n"
	budget := limit - head.Len() - len(footer) - 200 // room for the truncation note
	var body strings.Builder
	omitted := 0
	section := func(title string, fs []*rules.Finding, open bool) {
		if len(fs) == 0 {
			return
		}
		var sec strings.Builder
		if open {
			fmt.Fprintf(&sec, "\n#### %s\n", title)
		} else {
			fmt.Fprintf(&sec, "\n<details><summary><b>%s</b></summary>\n\n", title)
		}
		shown := 0
		for _, g := range groups(fs) {
			gh := fmt.Sprintf("\n**%s**\n\n", mdEscape(g.Title))
			groupStarted := false
			for _, f := range g.Findings {
				entry := markdownFinding(f, opts)
				if body.Len()+sec.Len()+len(gh)+len(entry)+40 > budget {
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
			return
		}
		if !open {
			sec.WriteString("\n</details>\n")
		}
		body.WriteString(sec.String())
	}
	var accepted []*rules.Finding
	levelOf := func(l rules.Level) []*rules.Finding {
		var out []*rules.Finding
		for _, f := range byLevel(r, l) {
			if f.Counts() {
				out = append(out, f)
			} else {
				accepted = append(accepted, f)
			}
		}
		return out
	}
	breaking, warnings, infos := levelOf(rules.Breaking), levelOf(rules.Warning), levelOf(rules.Info)
	section(plural(len(breaking), "breaking change"), breaking, true)
	section(plural(len(warnings), "warning"), warnings, false)
	section(fmt.Sprintf("%d info", len(infos)), infos, false)
	section(fmt.Sprintf("%d accepted by the config", len(accepted)), accepted, false)

	var out strings.Builder
	out.WriteString(head.String())
	out.WriteString(body.String())
	if omitted > 0 {
		fmt.Fprintf(&out, "\n> **%s not shown** to stay within GitHub's comment size. Run `eventdiff diff` locally or see the job log for the full list.\n", plural(omitted, "more change"))
	}
	out.WriteString(footer)
	return out.String()
}

// markdownFinding renders one finding as a list item with its evidence.
func markdownFinding(f *rules.Finding, opts Options) string {
	var b strings.Builder
	fmt.Fprintf(&b, "- **`%s`** %s", f.Rule.ID, mdEscape(oneLine(f.Text)))
	var facts []string
	if f.Breaks != "" {
		facts = append(facts, fmt.Sprintf("%s **%s**", breaksVerb(f), mdEscape(f.Breaks)))
	}
	if ops := operationsText(f, false); ops != "" {
		facts = append(facts, "via "+mdEscape(ops))
	}
	if l := mainLocation(f); l != nil {
		facts = append(facts, link(l, opts.LinkBase))
	}
	if len(facts) > 0 {
		b.WriteString("<br>" + strings.Join(facts, " · "))
	}
	if f.Accepted != nil {
		fmt.Fprintf(&b, "<br>accepted: %s (%s)", mdEscape(f.Accepted.Reason), mdEscape(f.Accepted.Where))
	}
	var details []string
	if path := schemaPath(f); path != "" {
		details = append(details, "path: "+CodeSpan(path))
	}
	if f.Schema != nil && f.Schema.Effect.String() != "none" {
		details = append(details, "effect: the accepted set is "+f.Schema.Effect.String())
	}
	if w := witnessText(f); w != "" {
		details = append(details, "example: "+CodeSpan(w))
	}
	if f.Note != "" {
		details = append(details, "note: "+mdEscape(f.Note))
	}
	if f.Schema != nil && f.Schema.Hint != "" {
		details = append(details, "hint: "+mdEscape(f.Schema.Hint))
	}
	if f.Base != nil && f.Revision != nil && locText(f.Base) != locText(f.Revision) && !(f.Old == nil && f.New != nil) {
		details = append(details, "was at "+link(f.Base, opts.LinkBase))
	}
	for _, d := range details {
		b.WriteString("<br>" + d)
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

// CodeSpan writes s as inline code: a backtick would end the span and
// becomes ', a line break would end the line and becomes a space, and
// what printable escapes is escaped.
func CodeSpan(s string) string { return "`" + codeText(s) + "`" }

func codeText(s string) string { return printable.String(codeBreaks.Replace(s)) }

var codeBreaks = strings.NewReplacer("`", "'", "\r\n", " ", "\n", " ", "\r", " ")
