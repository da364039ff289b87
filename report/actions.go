package report

import (
	"fmt"
	"os"

	"github.com/eventdiff/eventdiff/rules"
)

// GitHubFiles are the files a GitHub Actions step may write to. Every
// write to them goes through the methods below, whichever format or
// command asks for it; an empty path means GitHub gave no such file and
// the write is skipped.
type GitHubFiles struct {
	Summary string // GITHUB_STEP_SUMMARY: markdown appended to the job summary
	Output  string // GITHUB_OUTPUT: name=value step outputs
}

// AppendSummary appends markdown to the job summary.
func (g GitHubFiles) AppendSummary(markdown string) error {
	if g.Summary == "" {
		return nil
	}
	if err := appendFile(g.Summary, markdown); err != nil {
		return fmt.Errorf("GITHUB_STEP_SUMMARY: %w", err)
	}
	return nil
}

// WriteOutputs appends the step outputs for the documents compared in one
// step: the counts added up, the largest bump, and next-version only when
// every document agrees on it (each has its own info.version, so there is
// no single next version otherwise).
func (g GitHubFiles) WriteOutputs(results []*rules.Result) error {
	if g.Output == "" || len(results) == 0 {
		return nil
	}
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
	if err := appendFile(g.Output, text); err != nil {
		return fmt.Errorf("GITHUB_OUTPUT: %w", err)
	}
	return nil
}

// appendFile appends text to a file GitHub gives a step.
func appendFile(path, text string) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
