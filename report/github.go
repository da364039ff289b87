package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/eventdiff/eventdiff/internal/printable"
	"github.com/eventdiff/eventdiff/rules"
)

// GitHub writes workflow-command annotations (error, warning, notice)
// pointing at the revision's file and line, appends the markdown report to
// the job summary and writes the step outputs, when GitHub provides the files.
// With several documents, the step outputs are written once for all of
// them by the format's Finish.
func GitHub(w io.Writer, r *rules.Result, opts Options) error {
	files := opts.GitHub
	for i := range r.Findings {
		f := &r.Findings[i]
		if !f.Counts() {
			continue
		}
		cmd := map[rules.Level]string{rules.Breaking: "error", rules.Warning: "warning", rules.Info: "notice"}[f.Level]
		props := []string{}
		if l := mainLocation(f); l != nil && l.File != "" {
			props = append(props, "file="+escapeProperty(l.WorkingPath()))
			if l.Line > 0 {
				props = append(props, fmt.Sprintf("line=%d", l.Line))
			}
			if l.Column > 0 {
				props = append(props, fmt.Sprintf("col=%d", l.Column))
			}
		}
		props = append(props, "title="+escapeProperty(f.Rule.ID))
		msg := oneLine(f.Text)
		if f.Consequence != "" {
			msg += " (" + f.Consequence + ")"
		}
		msg = withTraffic(msg, opts.Traffic, f)
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", cmd, strings.Join(props, ","), EscapeData(msg)); err != nil {
			return err
		}
	}
	if _, err := fmt.Fprintf(w, "eventdiff: %s\n", Headline(r)); err != nil {
		return err
	}
	if s := TrafficLine(opts.Traffic); s != "" {
		if _, err := fmt.Fprintf(w, "eventdiff: %s\n", EscapeData(s)); err != nil {
			return err
		}
	}
	if files.Summary == "" {
		return nil
	}
	return files.AppendSummary(MarkdownString(r, opts, MaxMarkdown) + "\n")
}

// finishGitHub writes the step outputs once for every document.
func finishGitHub(results []*rules.Result, opts Options) error {
	return opts.GitHub.WriteOutputs(results)
}

// EscapeData escapes a workflow command's message as GitHub requires (%,
// CR and LF as %25, %0D, %0A), and what printable escapes besides, so
// that a name from the input can neither start a command of its own nor
// reach the log viewer as a control sequence.
func EscapeData(s string) string {
	return printable.String(dataEscapes.Replace(s))
}

// escapeProperty escapes a workflow command property value: as data, and
// : and , which separate properties.
func escapeProperty(s string) string {
	return printable.String(propertyEscapes.Replace(s))
}

var (
	dataEscapes     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscapes = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)
