package spec

import (
	"fmt"
	"io/fs"
	"runtime"
	"strings"
	"testing"
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

// fuzzFS serves a fuzzed document: the main file under its own name and
// the second fuzzed file under every other name, so that any relative
// `$ref` the fuzzer writes reaches a file. Names mentioning "missing" do
// not exist, to keep that error path in play.
type fuzzFS struct {
	main      string
	mainData  []byte
	otherData []byte
}

func (f fuzzFS) ReadFile(name string) ([]byte, error) {
	switch {
	case name == f.main:
		return f.mainData, nil
	case strings.Contains(name, "missing"):
		return nil, fs.ErrNotExist
	}
	return f.otherData, nil
}

// loadFuzzed loads main under name, with every other file being other.
func loadFuzzed(name string, main, other []byte) (*Document, error) {
	return Load(Input{FS: fuzzFS{main: name, mainData: main, otherData: other}, Main: name}, Options{})
}

// A file that refers to itself through a relative path into a folder
// ("refs/x.yaml" read from refs/) names a new, longer file at every step.
// It used to run until --max-files: 10,000 files with names up to 50 kB,
// 15 seconds and gigabytes. Paths longer than an operating system allows
// are refused.
func TestGrowingRelativePathIsRefusedEarly(t *testing.T) {
	main := []byte(header3 + "components:\n  schemas:\n    s: {$ref: 'refs/x.yaml'}\n")
	other := []byte("type: object\nproperties:\n  n: {$ref: 'refs/x.yaml'}\n")
	var err error
	alloc := allocated(func() { _, err = loadFuzzed("asyncapi.yaml", main, other) })
	t.Logf("%.1f MB allocated", float64(alloc)/mb)
	if err == nil || !strings.Contains(err.Error(), "longer than 4096 bytes") {
		t.Fatalf("got %v", err)
	}
	if alloc > 100*mb {
		t.Errorf("allocated %.0f MB", float64(alloc)/mb)
	}
}

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
		{"100000 compact block sequences", "x:\n" + strings.Repeat("- ", 100000) + "x\n", "--max-depth"},
		{"100000 compact sequences after a document marker", "--- " + strings.Repeat("- ", 100000) + "x\n", "--max-depth"},
		{"100000 keys in one mapping", wide.String(), "write the document as JSON"},
		{"a 1 MB key above 1000 entries", strings.Repeat("k", 1<<20) + ":\n" + strings.Repeat(" a: 1\n b: 2\n", 500), "write the document as JSON"},
		{"a 1 MB key above a flow list of 100000", flowWide.String(), "write the document as JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The token builder reads some of these shapes in linear time;
			// the others fall back to goccy's parser, whose guard refuses them.
			var err error
			alloc := allocated(func() { _, _, err = Parse("x.yaml", []byte(tt.text), DefaultLimits) })
			t.Logf("%d bytes: %.1f MB allocated, error %v", len(tt.text), float64(alloc)/mb, err)
			if err != nil && !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want none or an error mentioning %q", err, tt.want)
			}
			if alloc > 200*mb {
				t.Errorf("allocated %.0f MB", float64(alloc)/mb)
			}
			// On the fallback path the guard refuses the shape before the parser sees it.
			if gerr := guardYAML("x.yaml", lexTokenize(tt.text), len(tt.text), DefaultLimits); gerr == nil || !strings.Contains(gerr.Error(), tt.want) {
				t.Errorf("the guard lets %s through: %v", tt.name, gerr)
			}
		})
	}
}

// The guard refuses only what real documents never hold: these shapes,
// each just under a budget, still read.
func TestYAMLGuardLetsRealShapesThrough(t *testing.T) {
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
		if _, _, err := Parse(name+".yaml", []byte(text), DefaultLimits); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// Duplicate keys are found by the hash index in large maps too: the last
// value wins and a warning names the key.
func TestDuplicateKeysInLargeMaps(t *testing.T) {
	var y, j strings.Builder
	j.WriteString("{")
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&y, "k%d: %d\n", i, i)
		fmt.Fprintf(&j, `"k%d": %d, `, i, i)
	}
	y.WriteString("k500: last\n<<: {k1: merged, new: merged}\n")
	j.WriteString(`"k500": "last"}`)
	for name, text := range map[string]string{"big.yaml": y.String(), "big.json": j.String()} {
		f, warns, err := Parse(name, []byte(text), DefaultLimits)
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

// A $ref chain counts every hop to its target, whichever end of the chain
// the loader meets first: the limit was never reached before.
func TestRefHopsCountTheWholeChain(t *testing.T) {
	for _, fromEnd := range []bool{false, true} {
		var lines []string
		for i := 0; i < 10; i++ {
			lines = append(lines, fmt.Sprintf("    s%d: {$ref: '#/components/schemas/s%d'}\n", i, i+1))
		}
		lines = append(lines, "    s10: {type: string}\n")
		if fromEnd {
			for i, j := 0, len(lines)-1; i < j; i, j = i+1, j-1 {
				lines[i], lines[j] = lines[j], lines[i]
			}
		}
		doc := []byte(header3 + "components:\n  schemas:\n" + strings.Join(lines, ""))
		in := Input{FS: fuzzFS{main: "a.yaml", mainData: doc}, Main: "a.yaml"}
		lim := DefaultLimits
		lim.MaxRefHops = 9
		if _, err := Load(in, Options{Limits: lim}); err == nil || !strings.Contains(err.Error(), "--max-ref-hops") {
			t.Errorf("from the end %v, 10 hops with a limit of 9: %v", fromEnd, err)
		}
		lim.MaxRefHops = 10
		d, err := Load(in, Options{Limits: lim})
		if err != nil {
			t.Fatalf("from the end %v, 10 hops with a limit of 10: %v", fromEnd, err)
		}
		s0 := d.Root.Get("components").Get("schemas").Get("s0")
		if s0.Deref().Str("type") != "string" {
			t.Errorf("s0 resolves to %v", s0.Deref())
		}
	}
}
