package report

import (
	"fmt"

	"github.com/eventdiff/eventdiff/rules"
)

// GitHubOutputs appends the step outputs for several documents compared in
// one step to the GITHUB_OUTPUT file: the counts added up, the largest bump,
// and next-version only when every document agrees on it (each has its
// own info.version, so there is no single next version otherwise). For one
// result it writes what GitHub writes.
func GitHubOutputs(file string, results []*rules.Result) error {
	var sum rules.Summary
	bump := rules.None
	next := ""
	for i, r := range results {
		sum.Breaking += r.Summary.Breaking
		sum.Warning += r.Summary.Warning
		sum.Info += r.Summary.Info
		if r.Bump.Suggested.Rank() > bump.Rank() {
			bump = r.Bump.Suggested
		}
		if i == 0 {
			next = r.Bump.Next
		} else if r.Bump.Next != next {
			next = ""
		}
	}
	text := fmt.Sprintf("breaking=%d\nwarning=%d\ninfo=%d\nbump=%s\nnext-version=%s\n",
		sum.Breaking, sum.Warning, sum.Info, bump, next)
	if err := AppendFile(file, text); err != nil {
		return fmt.Errorf("GITHUB_OUTPUT: %w", err)
	}
	return nil
}
