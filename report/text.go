package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/eventdiff/eventdiff/internal/printable"
	"github.com/eventdiff/eventdiff/rules"
)

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
	ansiDim    = "\x1b[2m"
)

// Text writes the report for a terminal: the verdict first, then findings
// grouped by level (breaking first) and by place.
func Text(w io.Writer, r *rules.Result, opts Options) error {
	p := &printer{w: w, color: opts.Color}
	p.line("eventdiff: %s → %s", r.Base.Source, r.Revision.Source)
	p.line("  base:     AsyncAPI %s, version %s", r.Base.AsyncAPI, orDash(r.Base.Version))
	p.line("  revision: AsyncAPI %s, version %s", r.Revision.AsyncAPI, orDash(r.Revision.Version))
	if s := Perspective(r); s != "" {
		p.line("  %s", s)
	}
	if r.Policy.Strict {
		p.line("  policy: strict (validation-exact)")
	}
	p.line("")
	headColor := ansiBold
	switch {
	case r.Summary.Breaking > 0:
		headColor += ansiRed
	case r.Summary.Warning > 0:
		headColor += ansiYellow
	}
	p.colored(headColor, "%s", Headline(r))
	if r.Summary.Accepted > 0 {
		p.line("%d breaking, %d warning, %d info, %d accepted", r.Summary.Breaking, r.Summary.Warning, r.Summary.Info, r.Summary.Accepted)
	} else {
		p.line("%d breaking, %d warning, %d info", r.Summary.Breaking, r.Summary.Warning, r.Summary.Info)
	}
	for _, lv := range []struct {
		level rules.Level
		title string
		color string
	}{{rules.Breaking, "BREAKING", ansiRed}, {rules.Warning, "WARNING", ansiYellow}, {rules.Info, "INFO", ansiCyan}} {
		var fs []*rules.Finding
		for _, f := range byLevel(r, lv.level) {
			if f.Counts() {
				fs = append(fs, f)
			}
		}
		if len(fs) == 0 {
			continue
		}
		p.line("")
		p.colored(ansiBold+lv.color, "%s (%d)", lv.title, len(fs))
		for _, g := range groups(fs) {
			p.colored(ansiBold, "  %s", g.Title)
			for _, f := range g.Findings {
				p.finding(f, lv.color)
			}
		}
	}
	var accepted []*rules.Finding
	for i := range r.Findings {
		if !r.Findings[i].Counts() {
			accepted = append(accepted, &r.Findings[i])
		}
	}
	if len(accepted) > 0 {
		p.line("")
		p.colored(ansiBold, "ACCEPTED BY THE CONFIG (%d)", len(accepted))
		for _, g := range groups(accepted) {
			p.colored(ansiBold, "  %s", g.Title)
			for _, f := range g.Findings {
				p.finding(f, ansiDim)
				p.dim("      accepted (%s): %s", f.Accepted.Where, f.Accepted.Reason)
			}
		}
	}
	return p.err
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// printer writes the text report line by line. Every line is escaped
// (printable) before its colour is put around it: names come from the
// input, and a terminal must only ever receive the report's own escape
// sequences.
type printer struct {
	w     io.Writer
	color bool
	err   error
}

func (p *printer) line(format string, args ...any) { p.styled("", format, args...) }

func (p *printer) colored(color, format string, args ...any) { p.styled(color, format, args...) }

func (p *printer) dim(format string, args ...any) { p.styled(ansiDim, format, args...) }

func (p *printer) styled(color, format string, args ...any) {
	p.write(p.paint(color, printable.String(fmt.Sprintf(format, args...))))
}

// paint puts a colour around text that is already safe to print.
func (p *printer) paint(color, text string) string {
	if !p.color || color == "" {
		return text
	}
	return color + text + ansiReset
}

func (p *printer) write(line string) {
	if p.err != nil {
		return
	}
	_, p.err = io.WriteString(p.w, line+"\n")
}

func (p *printer) finding(f *rules.Finding, color string) {
	p.write("    " + p.paint(color, printable.String(f.Rule.ID)) + "  " + printable.String(oneLine(f.Text)))
	var details []string
	if f.Breaks != "" {
		details = append(details, breaksVerb(f)+" "+f.Breaks)
	}
	if ops := operationsText(f, false); ops != "" {
		details = append(details, "via "+ops)
	}
	if len(details) > 0 {
		p.dim("      %s", strings.Join(details, " · "))
	}
	if path := schemaPath(f); path != "" {
		p.dim("      path: %s", path)
	}
	if f.Schema != nil && f.Schema.Effect.String() != "none" {
		p.dim("      effect: the accepted set is %s", f.Schema.Effect)
	}
	if w := witnessText(f); w != "" {
		p.dim("      example: %s", w)
	}
	if f.Note != "" {
		p.dim("      note: %s", f.Note)
	}
	if f.Schema != nil && f.Schema.Hint != "" {
		p.dim("      hint: %s", f.Schema.Hint)
	}
	switch {
	case f.Old == nil && f.New != nil && f.Revision != nil: // an addition: the base only has its parent
		p.dim("      at %s", locText(f.Revision))
	case f.Revision != nil && f.Base != nil && locText(f.Base) != locText(f.Revision):
		p.dim("      at %s (was %s)", locText(f.Revision), locText(f.Base))
	case f.Revision != nil:
		p.dim("      at %s", locText(f.Revision))
	case f.Base != nil:
		p.dim("      was at %s", locText(f.Base))
	}
}

// oneLine keeps a finding on one line however long the description it quotes.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 240 {
		s = s[:237] + "..."
	}
	return s
}
