package avro

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/eventdiff/eventdiff/schema"
)

// sharedDAG builds a schema whose unfolding doubles at every level: each
// level is a union of an array and a map of the next level, reached
// through $ref so YAML alias limits do not apply.
func sharedDAG(levels int, leaf string) string {
	var b strings.Builder
	b.WriteString(`{"root": {"$ref": "#/l0"}`)
	for i := 0; i < levels; i++ {
		fmt.Fprintf(&b, `, "l%d": [{"type": "array", "items": {"$ref": "#/l%d"}}, {"type": "map", "values": {"$ref": "#/l%d"}}]`, i, i+1, i+1)
	}
	fmt.Fprintf(&b, `, "l%d": %q}`, levels, leaf)
	return b.String()
}

func within(t *testing.T, limit time.Duration, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	start := time.Now()
	go func() { f(); close(done) }()
	select {
	case <-done:
	case <-time.After(limit):
		t.Fatalf("%s: still running after %s", what, limit)
	}
	t.Logf("%s: %s", what, time.Since(start))
}

func TestSharedGraphStaysLinear(t *testing.T) {
	t.Parallel()
	b := parseNode(t, "base.json", sharedDAG(60, "int")).Get("root")
	r := parseNode(t, "revision.json", sharedDAG(60, "long")).Get("root")
	within(t, 5*time.Second, "leaf promoted under 2^60 paths", func() {
		res := Compare(b, r, schema.Options{})
		if res.Effect != schema.Wider {
			t.Errorf("effect %s", res.Effect)
		}
	})
	i := parseNode(t, "revision.json", `"int"`)
	within(t, 5*time.Second, "shared graph replaced by int", func() {
		res := Compare(b, i, schema.Options{})
		if res.Effect != schema.Incomparable {
			t.Errorf("effect %s %v", res.Effect, ruleIDs(res))
		}
		for _, d := range res.Deltas {
			if s := fmt.Sprint(d.Old, d.New, d.Reason); len(s) > 2000 {
				t.Errorf("%s: %d characters of evidence", d.Rule, len(s))
			}
		}
	})
}

func TestWideUnionsAndRenames(t *testing.T) {
	t.Parallel()
	const n = 5000
	var bb, rb, bf, rf []string
	for i := 0; i < n; i++ {
		bb = append(bb, fmt.Sprintf(`{"type": "record", "name": "B%d", "fields": []}`, i))
		rb = append(rb, fmt.Sprintf(`{"type": "record", "name": "R%d", "aliases": ["B%d"], "fields": []}`, i, i))
		bf = append(bf, fmt.Sprintf(`{"name": "f%d", "type": "int"}`, i))
		rf = append(rf, fmt.Sprintf(`{"name": "g%d", "type": "int", "aliases": ["f%d"]}`, i, i))
	}
	bu := parseNode(t, "base.json", "["+strings.Join(bb, ",")+"]")
	ru := parseNode(t, "revision.json", "["+strings.Join(rb, ",")+"]")
	within(t, 10*time.Second, "union of 5000 renamed records", func() {
		res := Compare(bu, ru, schema.Options{})
		if len(res.Deltas) != n || res.Effect != schema.Wider {
			t.Errorf("%d deltas, effect %s", len(res.Deltas), res.Effect)
		}
	})
	br := parseNode(t, "base.json", recNamed("Wide", bf...))
	rr := parseNode(t, "revision.json", recNamed("Wide", rf...))
	within(t, 10*time.Second, "record of 5000 renamed fields", func() {
		res := Compare(br, rr, schema.Options{})
		if len(res.Deltas) != n || res.Effect != schema.Wider {
			t.Errorf("%d deltas, effect %s", len(res.Deltas), res.Effect)
		}
	})
}

func TestDeepNesting(t *testing.T) {
	t.Parallel()
	deep := func(leaf string) string {
		return strings.Repeat(`{"type": "array", "items": `, 900) + leaf + strings.Repeat("}", 900)
	}
	b, r := parseNode(t, "base.json", deep(`"int"`)), parseNode(t, "revision.json", deep(`"string"`))
	within(t, 5*time.Second, "900 nested arrays", func() {
		res := Compare(b, r, schema.Options{})
		if res.Effect != schema.Incomparable || len(res.Deltas) != 1 {
			t.Errorf("%s %v", res.Effect, ruleIDs(res))
		}
	})
}
