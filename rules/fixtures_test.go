package rules_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/eventdiff/eventdiff/internal/golden"
	"github.com/eventdiff/eventdiff/pkg/eventdiff"
	"github.com/eventdiff/eventdiff/rules"
	"github.com/eventdiff/eventdiff/spec"
	"github.com/eventdiff/eventdiff/tree"
)

// fixtureDir holds one folder per rule: base.yaml, revision.yaml, an
// optional `flags` file, and expected.txt with the exact findings.
const fixtureDir = "../testdata/rules"

// TestRuleFixtures runs every fixture pair through the whole pipeline and
// compares the findings, one per line, with expected.txt.
func TestRuleFixtures(t *testing.T) {
	dirs, err := os.ReadDir(fixtureDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		id := d.Name()
		t.Run(id, func(t *testing.T) {
			dir := filepath.Join(fixtureDir, id)
			got := runFixture(t, dir)
			golden.Check(t, filepath.Join(dir, "expected.txt"), got)
			if !*golden.Update && !bytes.Contains(got, []byte("\t"+id+"\t")) {
				t.Errorf("the fixture of %s does not produce a %s finding", id, id)
			}
		})
	}
}

// TestEveryRuleHasAFixture keeps the catalogue and the fixtures in step.
func TestEveryRuleHasAFixture(t *testing.T) {
	for _, r := range rules.All() {
		if _, err := os.Stat(filepath.Join(fixtureDir, r.ID, "expected.txt")); err != nil {
			t.Errorf("rule %s has no fixture in %s/%s", r.ID, fixtureDir, r.ID)
		}
	}
	dirs, _ := os.ReadDir(fixtureDir)
	for _, d := range dirs {
		if _, ok := rules.Lookup(d.Name()); !ok && d.IsDir() {
			t.Errorf("fixture %s names no rule", d.Name())
		}
	}
}

func runFixture(t *testing.T, dir string) []byte {
	t.Helper()
	base, revision := filepath.Join(dir, "base.yaml"), filepath.Join(dir, "revision.yaml")
	opts := eventdiff.Options{Config: &rules.Config{}}
	if flags, err := os.ReadFile(filepath.Join(dir, "flags")); err == nil {
		for _, f := range strings.Fields(string(flags)) {
			switch f {
			case "strict":
				opts.Config.Policy.Strict = true
			case "assert-format":
				opts.Config.Policy.AssertFormat = true
			case "v2-perspective=client":
				opts.Perspective = spec.Client
			default:
				t.Fatalf("unknown flag %q in %s/flags", f, dir)
			}
		}
	}
	if _, err := os.Stat(base); err != nil {
		base, revision = filepath.Join(dir, "base.json"), filepath.Join(dir, "revision.json")
	}
	res, err := eventdiff.Compare(context.Background(), eventdiff.File(base), eventdiff.File(revision), opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Findings {
		if _, declared := rules.Lookup(f.Kind); !declared {
			t.Errorf("%s emits %q, which no rule declares", dir, f.Kind)
		}
		checkWords(t, dir, &f)
		// The catalogue's bump column (eventdiff rules) must say what
		// diff reports.
		if f.Bump != f.Rule.BumpAt(f.Level) || f.Level == rules.Breaking && !strings.HasPrefix(f.Rule.BumpRule(), "major") {
			t.Errorf("%s: %s %s has bump %s, the catalogue says %q", dir, f.Level, f.Rule.ID, f.Bump, f.Rule.BumpRule())
		}
	}
	return FormatFindings(&res.Result)
}

// checkWords holds a finding's words to its verdict: an info finding
// says nothing about breaking anyone, a breaking one says whom it breaks
// when it knows, a warning says "may", and no hint is offered where
// nothing needs fixing.
func checkWords(t *testing.T, dir string, f *rules.Finding) {
	t.Helper()
	words := strings.ToLower(f.Text + " " + f.Consequence + " " + f.Hint)
	switch f.Level {
	case rules.Info:
		if f.Consequence != "" || f.Hint != "" || f.Breaks != "" || strings.Contains(words, "break") {
			t.Errorf("%s: info %s speaks of breaking or fixing: %q / %q / hint %q", dir, f.Rule.ID, f.Text, f.Consequence, f.Hint)
		}
	case rules.Warning:
		if f.Breaks != "" && !strings.HasPrefix(f.Consequence, "may break "+f.Breaks) {
			t.Errorf("%s: warning %s: consequence %q", dir, f.Rule.ID, f.Consequence)
		}
	case rules.Breaking:
		if f.Breaks != "" && !strings.HasPrefix(f.Consequence, "breaks "+f.Breaks) {
			t.Errorf("%s: breaking %s: consequence %q", dir, f.Rule.ID, f.Consequence)
		}
	}
}

// FormatFindings renders findings one per line: level, rule id, direction,
// base and revision pointers (with the file when it is not the main one).
func FormatFindings(res *rules.Result) []byte {
	var lines []string
	for _, f := range res.Findings {
		lines = append(lines, fmt.Sprintf("%s\t%s\t%s\t%s\t%s", f.Level, f.Rule.ID, f.Direction, ptr(f.Base), ptr(f.Revision)))
	}
	sort.Strings(lines)
	if len(lines) == 0 {
		return []byte("(no findings)\n")
	}
	return []byte(strings.Join(lines, "\n") + "\n")
}

func ptr(l *tree.Location) string {
	if l == nil {
		return "-"
	}
	base := filepath.Base(l.File)
	if base == "base.yaml" || base == "revision.yaml" || base == "base.json" || base == "revision.json" {
		return l.Pointer
	}
	return base + l.Pointer
}
