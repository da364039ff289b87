package rules_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/eventdiff/eventdiff/internal/expected"
	"github.com/eventdiff/eventdiff/internal/golden"
	"github.com/eventdiff/eventdiff/rules"
)

// fixtureDir holds one folder per rule: base.yaml, revision.yaml, an
// optional `flags` file, and expected.txt with the exact findings.
const fixtureDir = "../" + expected.Dir

// TestRuleFixtures runs every fixture pair through the whole pipeline and
// compares the findings, one per line, with expected.txt. With -update it
// rewrites only the folders written by hand: a schema engine's test
// generates its folders' documents and expected findings in the same run.
func TestRuleFixtures(t *testing.T) {
	t.Parallel()
	dirs, err := os.ReadDir(fixtureDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		t.Run(d.Name(), func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(fixtureDir, d.Name())
			if pkg := expected.GeneratedBy(dir); pkg != "" && *golden.Update {
				t.Skipf("go test %s -update writes this folder", pkg)
			}
			expected.Check(t, dir)
		})
	}
}

// TestEveryRuleHasAFixture keeps the catalogue and the fixtures in step.
func TestEveryRuleHasAFixture(t *testing.T) {
	t.Parallel()
	for _, r := range rules.All() {
		if r.ByEffect && *golden.Update {
			continue // its engine's tests write the folder in this run, and check it is there
		}
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
