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
// current findings: one ignore entry per finding, located by its place
// in the document model (a JSON pointer naming list items by identity,
// `required/customerId` rather than `required/1`, so reordering a list
// keeps it accepted), with an empty reason for a person to fill in (the
// config refuses an empty reason, so nothing is accepted unexplained).
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
		loc := ownPlace(f)
		if loc == "" {
			continue
		}
		key := f.Rule.ID + "\x00" + loc
		if seen[key] {
			continue
		}
		seen[key] = true
		entries = append(entries, fmt.Sprintf("  # %s: %s\n  - rule: %s\n    location: %s\n    reason: \"\"\n",
			f.Level, printable.String(withTraffic(oneLine(f.Text), opts.Traffic, f)), f.Rule.ID, strconv.Quote(loc)))
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

// ownPlace is the place that names a finding's element itself: for a
// removal the base's (the revision only has the parent that stands in
// for it), for an addition the revision's, else the revision's.
func ownPlace(f *rules.Finding) string {
	b, r := f.BasePlace, f.RevisionPlace
	_, bp, _ := strings.Cut(b, "#")
	_, rp, _ := strings.Cut(r, "#")
	if r == "" || len(bp) > len(rp) {
		return b
	}
	return r
}
