package tree

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/eventdiff/eventdiff/limits"
)

// allocated returns the bytes f allocates: what these tests assert, since
// it does not depend on how busy the machine is.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

const mb = 1 << 20

// YAML shapes that made the parser's work grow faster than its input
// (nesting "- - - …", a mapping of very many keys, long keys above many
// values) are refused before it runs, with little memory.
func TestCostlyYAMLIsRefusedSmall(t *testing.T) {
	var wide strings.Builder
	for i := 0; i < 100000; i++ {
		fmt.Fprintf(&wide, "k%d: v\n", i)
	}
	var flowWide strings.Builder
	flowWide.WriteString(strings.Repeat("k", 1<<20) + ": [")
	for i := 0; i < 100000; i++ {
		flowWide.WriteString("1, ")
	}
	flowWide.WriteString("1]\n")
	tests := []struct {
		name, text, want string
	}{
		{"100000 compact block sequences", "x:\n" + strings.Repeat("- ", 100000) + "x\n", "nesting is deeper"},
		{"100000 compact sequences after a document marker", "--- " + strings.Repeat("- ", 100000) + "x\n", "nesting is deeper"},
		{"100000 keys in one mapping", wide.String(), "write the document as JSON"},
		{"a 1 MB key above 1000 entries", strings.Repeat("k", 1<<20) + ":\n" + strings.Repeat(" a: 1\n b: 2\n", 500), "write the document as JSON"},
		{"a 1 MB key above a flow list of 100000", flowWide.String(), "write the document as JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The token builder reads some of these shapes in linear time;
			// the others fall back to goccy's parser, whose guard refuses them.
			var err error
			alloc := allocated(func() { _, _, err = Parse("x.yaml", []byte(tt.text), limits.Default) })
			t.Logf("%d bytes: %.1f MB allocated, error %v", len(tt.text), float64(alloc)/mb, err)
			if err != nil && !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want none or an error mentioning %q", err, tt.want)
			}
			if alloc > 200*mb {
				t.Errorf("allocated %.0f MB", float64(alloc)/mb)
			}
			// On the fallback path the guard refuses the shape before the parser sees it.
			if gerr := guardYAML("x.yaml", lexTokenize(tt.text), len(tt.text), limits.Default); gerr == nil || !strings.Contains(gerr.Error(), tt.want) {
				t.Errorf("the guard lets %s through: %v", tt.name, gerr)
			}
		})
	}
}

// The guard refuses only what real documents never hold: these shapes,
// each just under a budget, still read.
func TestYAMLGuardLetsRealShapesThrough(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("properties:\n")
	for i := 0; i < 10000; i++ {
		fmt.Fprintf(&b, "  p%d: {type: string}\n", i)
	}
	var nested strings.Builder
	for i := 0; i < 900; i++ {
		nested.WriteString(strings.Repeat(" ", i) + "k:\n")
	}
	var longKeys strings.Builder
	for i := 0; i < 100; i++ {
		fmt.Fprintf(&longKeys, "%s%d:\n  - {a: 1, b: [1, 2, 3]}\n  - - x\n", strings.Repeat("k", 4096), i)
	}
	for name, text := range map[string]string{
		"10000 properties":       b.String(),
		"900 levels of mappings": nested.String(),
		"900 compact sequences":  "x:\n" + strings.Repeat("- ", 899) + "x\n",
		"100 keys of 4 kB":       longKeys.String(),
		"a literal block":        "d: |\n" + strings.Repeat("  - - - - - - - - - -\n", 200),
	} {
		if _, _, err := Parse(name+".yaml", []byte(text), limits.Default); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// Duplicate keys are found by the hash index in large maps too: the last
// value wins and a warning names the key.
func TestDuplicateKeysInLargeMaps(t *testing.T) {
	t.Parallel()
	var y, j strings.Builder
	j.WriteString("{")
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&y, "k%d: %d\n", i, i)
		fmt.Fprintf(&j, `"k%d": %d, `, i, i)
	}
	y.WriteString("k500: last\n<<: {k1: merged, new: merged}\n")
	j.WriteString(`"k500": "last"}`)
	for name, text := range map[string]string{"big.yaml": y.String(), "big.json": j.String()} {
		f, warns, err := Parse(name, []byte(text), limits.Default)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if v := f.Root.Get("k500"); v == nil || v.Value != "last" || len(warns) != 1 || !strings.Contains(warns[0].Msg, `"k500"`) {
			t.Errorf("%s: k500 = %v, warnings %v", name, v, warns)
		}
		if f.Root.Get("k1").Value != "1" {
			t.Errorf("%s: a merge key must not override k1", name)
		}
		if name == "big.yaml" && (f.Root.Get("new") == nil || len(f.Root.Fields) != 1001) {
			t.Errorf("%s: merge: %d fields", name, len(f.Root.Fields))
		}
	}
}
