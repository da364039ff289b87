package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/eventdiff/eventdiff/check"
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

// textLevels are the sections of the text report, most serious first.
var textLevels = []struct {
	level rules.Level
	title string
	color string
}{{rules.Breaking, "BREAKING", ansiRed}, {rules.Warning, "WARNING", ansiYellow}, {rules.Info, "INFO", ansiCyan}}

// Text writes the report for a terminal: the verdict first, then findings
// grouped by level (breaking first) and by place, then the accepted ones.
func Text(w io.Writer, r *rules.Result, opts Options) error {
	p := &printer{w: w, color: opts.Color, traffic: opts.Traffic}
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
	p.line("%s", countsLine(r, opts.MinLevel))
	if s := TrafficLine(opts.Traffic); s != "" {
		p.line("%s", s)
	}
	for _, lv := range textLevels {
		fs := shown(r, lv.level, opts.MinLevel, true)
		if len(fs) == 0 {
			continue
		}
		p.line("")
		p.colored(ansiBold+lv.color, "%s (%d)", lv.title, len(fs))
		for _, g := range groups(fs) {
			p.colored(ansiBold, "  %s", g.Title)
			for _, f := range g.Findings {
				p.finding(f, lv.color, opts.Verbose)
			}
		}
	}
	if accepted := shownAccepted(r, opts.MinLevel); len(accepted) > 0 {
		p.line("")
		p.colored(ansiBold, "ACCEPTED BY THE CONFIG (%d)", len(accepted))
		for _, g := range groups(accepted) {
			p.colored(ansiBold, "  %s", g.Title)
			for _, f := range g.Findings {
				p.finding(f, ansiDim, opts.Verbose)
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
	w       io.Writer
	color   bool
	traffic *check.Traffic // the evidence of real messages, when there is some
	err     error
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

// finding prints one finding: its rule and words on one line, then for
// breaking and warning findings (every finding with verbose) what it
// means and through which operations, its evidence and where it is.
func (p *printer) finding(f *rules.Finding, color string, verbose bool) {
	p.write("    " + p.paint(color, printable.String(f.Rule.ID)) + "  " + printable.String(oneLine(f.Text)))
	if !detailed(f, verbose) {
		return
	}
	if facts := factsLine(f); facts != "" {
		p.dim("      %s", facts)
	}
	for _, e := range evidence(f, p.traffic) {
		p.dim("      %s: %s", e.label, e.text)
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
