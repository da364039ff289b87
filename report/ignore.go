package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/eventdiff/eventdiff/internal/printable"
	"github.com/eventdiff/eventdiff/rules"
)

// IgnoreConfig writes a complete .eventdiff.yaml that accepts exactly the
// current findings: one ignore entry per finding, located by the JSON
// pointer of where it is, with an empty reason for a person to fill in
// (the config refuses an empty reason, so nothing is accepted unexplained).
func IgnoreConfig(w io.Writer, r *rules.Result, opts Options) error {
	failOn := string(opts.FailOn)
	var b strings.Builder
	b.WriteString("# eventdiff configuration: accepts the findings listed below.\n")
	b.WriteString("# Fill in every reason; eventdiff refuses an ignore without one.\n")
	if failOn == "" || failOn == "off" {
		failOn = "none"
	}
	fmt.Fprintf(&b, "fail-on: %s\n", failOn)
	seen := map[string]bool{}
	var entries []string
	for i := range r.Findings {
		f := &r.Findings[i]
		l := mainLocation(f)
		if l == nil {
			continue
		}
		loc := l.Pointer
		key := f.Rule.ID + "\x00" + loc
		if seen[key] {
			continue
		}
		seen[key] = true
		entries = append(entries, fmt.Sprintf("  # %s: %s\n  - rule: %s\n    location: %s\n    reason: \"\"\n",
			f.Level, printable.String(oneLine(f.Text)), f.Rule.ID, strconv.Quote(loc)))
	}
	if len(entries) == 0 {
		b.WriteString("ignore: []\n")
	} else {
		b.WriteString("ignore:\n")
		b.WriteString(strings.Join(entries, ""))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
