package schema

import (
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/eventdiff/eventdiff/rules/catalogue"
	"github.com/eventdiff/eventdiff/spec"
	"github.com/eventdiff/eventdiff/tree"
)

// emitted collects every rule id any test saw, so TestMain can check the
// catalogue against the tests.
var (
	emittedMu sync.Mutex
	emitted   = map[string]bool{}
)

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	// Only a full run can judge coverage of the catalogue.
	if code == 0 && flag.Lookup("test.run").Value.String() == "" && flag.Lookup("test.skip").Value.String() == "" {
		var missing []string
		for _, r := range declaredRules() {
			if !emitted[r.ID] {
				missing = append(missing, r.ID)
			}
		}
		if len(missing) > 0 {
			fmt.Fprintf(os.Stderr, "FAIL: rules in the catalogue that no test emits: %s\n", strings.Join(missing, ", "))
			code = 1
		}
	}
	os.Exit(code)
}

func parse(t testing.TB, name, src string) *tree.Node {
	t.Helper()
	if strings.TrimSpace(src) == "" {
		return nil
	}
	n, err := spec.ParseResolved(name, []byte(src))
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return n
}

// compareT compares two YAML snippets and checks the rule ids against the
// catalogue.
func compareT(t testing.TB, base, rev string, opts Options) Result {
	t.Helper()
	b, r := parse(t, "base.yaml", base), parse(t, "revision.yaml", rev)
	return compareNodes(t, b, r, opts)
}

func compareNodes(t testing.TB, b, r *tree.Node, opts Options) Result {
	t.Helper()
	res := Compare(b, r, opts)
	emittedMu.Lock()
	defer emittedMu.Unlock()
	for _, d := range res.Deltas {
		if _, ok := catalogue.Lookup(d.Rule); !ok {
			t.Errorf("rule %q is not in the catalogue", d.Rule)
		}
		emitted[d.Rule] = true
		if d.Base == nil && d.Revision == nil {
			t.Errorf("%s: delta without nodes", d.Rule)
		}
	}
	return res
}

func describe(res Result) string {
	var b strings.Builder
	for _, d := range res.Deltas {
		fmt.Fprintf(&b, "  %s %s effect=%v strict=%v: %s\n", d.Rule, d.Path, d.Effect, d.StrictEffect, d.Reason)
	}
	fmt.Fprintf(&b, "  overall %v", res.Effect)
	return b.String()
}

func ruleIDs(res Result) []string {
	var out []string
	for _, d := range res.Deltas {
		out = append(out, d.Rule)
	}
	sort.Strings(out)
	return out
}
