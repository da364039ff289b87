package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eventdiff/eventdiff/diff"
	"github.com/eventdiff/eventdiff/rules"
)

func TestLookupByOutput(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		output Output
		name   string
		ok     bool
	}{
		{DiffOutput, "github", true},
		{DiffOutput, "xml", false},
		{CatalogueOutput, "markdown", true},
		{CatalogueOutput, "github", false},
		{ChangelogOutput, "json", true},
		{ChangelogOutput, "text", false},
	} {
		f, err := Lookup(tc.output, tc.name)
		if (err == nil) != tc.ok {
			t.Errorf("Lookup(%d, %q): %v", tc.output, tc.name, err)
			continue
		}
		if tc.ok && (f.Name != tc.name || !f.Supports(tc.output)) {
			t.Errorf("Lookup(%d, %q) = %s", tc.output, tc.name, f.Name)
		}
	}
	if got := NamesOf(ChangelogOutput); got != "markdown or json" {
		t.Errorf("changelog formats: %q", got)
	}
	if got := NamesOf(CatalogueOutput); got != "text, markdown or json" {
		t.Errorf("catalogue formats: %q", got)
	}
}

// TestJUnitFailsWhatFailsTheRun: a finding is a failed test case exactly
// when it fails the run (Finding.Fails), and breaking ones still fail
// when nothing fails the run.
func TestJUnitFailsWhatFailsTheRun(t *testing.T) {
	t.Parallel()
	finding := func(l rules.Level) rules.Finding {
		return rules.Finding{Change: diff.Change{Text: string(l) + " change"}, Rule: &rules.Rule{ID: "some-rule"}, Level: l}
	}
	res := &rules.Result{Findings: []rules.Finding{finding(rules.Breaking), finding(rules.Warning), finding(rules.Info)}}
	for _, tc := range []struct {
		failOn rules.Level
		want   int
	}{
		{rules.Off, 1}, {rules.Breaking, 1}, {rules.Warning, 2}, {rules.Info, 3},
	} {
		var b bytes.Buffer
		if err := JUnit(&b, res, Options{FailOn: tc.failOn}); err != nil {
			t.Fatal(err)
		}
		if got := strings.Count(b.String(), "<failure "); got != tc.want {
			t.Errorf("fail-on %s: %d failures, want %d", tc.failOn, got, tc.want)
		}
	}
}

func TestGitHubFilesSkipWhatGitHubDidNotGive(t *testing.T) {
	t.Parallel()
	res := &rules.Result{Summary: rules.Summary{Breaking: 1}, Bump: rules.BumpInfo{Suggested: rules.Major, Next: "2.0.0"}}
	if err := (GitHubFiles{}).WriteOutputs([]*rules.Result{res}); err != nil {
		t.Fatal(err)
	}
	if err := (GitHubFiles{}).AppendSummary("x"); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := GitHubFiles{Summary: filepath.Join(dir, "summary"), Output: filepath.Join(dir, "output")}
	minor := &rules.Result{Summary: rules.Summary{Warning: 2}, Bump: rules.BumpInfo{Suggested: rules.Minor, Next: "1.1.0"}}
	if err := files.WriteOutputs([]*rules.Result{minor, res}); err != nil {
		t.Fatal(err)
	}
	if err := files.AppendSummary("# one\n"); err != nil {
		t.Fatal(err)
	}
	if err := files.AppendSummary("# two\n"); err != nil {
		t.Fatal(err)
	}
	out, _ := os.ReadFile(files.Output)
	if want := "breaking=1\nwarning=2\ninfo=0\nbump=major\nnext-version=\n"; string(out) != want {
		t.Errorf("outputs:\n%s\nwant:\n%s", out, want)
	}
	summary, _ := os.ReadFile(files.Summary)
	if string(summary) != "# one\n# two\n" {
		t.Errorf("summary: %q", summary)
	}
}
