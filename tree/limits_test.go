package tree

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/eventdiff/eventdiff/limits"
	"github.com/goccy/go-yaml/lexer"
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
			if gerr := guardYAML("x.yaml", lexer.Tokenize(tt.text), len(tt.text), limits.Default); gerr == nil || !strings.Contains(gerr.Error(), tt.want) {
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

// The input shapes that cost the most per byte are read at a small, fixed
// cost per byte: a list of one-character items (the most nodes per byte),
// in YAML flow style, block style and JSON, and a long quoted scalar.
// A node costs its 112 bytes and its place in its parent, about 125 bytes
// in all. Before the YAML reader was the project's own, a 5 MB flow list
// took 1.2 GB (240 bytes per byte); a JSON array of 1s, 90 bytes per byte.
func TestCostPerByteIsSmall(t *testing.T) {
	const size = 3 << 20
	lim := limits.Default
	lim.MaxScalarSize = 0
	tests := []struct {
		name, text string
		perByte    float64 // allocated bytes per byte of input, at most
	}{
		{"YAML flow list", "x: [" + strings.Repeat("a, ", size/3) + "a]\n", 50},
		{"YAML block list", "x:\n" + strings.Repeat("- a\n", size/4), 40},
		{"JSON array", `{"x": [` + strings.Repeat("1,", size/2) + "1]}", 70},
		{"YAML quoted scalar", `x: "` + strings.Repeat("a", size) + "\"\n", 3},
		{"YAML plain scalar", "x: " + strings.Repeat("a", size) + "\n", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := "x.yaml"
			if strings.HasPrefix(tt.text, "{") {
				name = "x.json"
			}
			var err error
			alloc := allocated(func() { _, _, err = Parse(name, []byte(tt.text), lim) })
			if err != nil {
				t.Fatal(err)
			}
			perByte := float64(alloc) / float64(len(tt.text))
			t.Logf("%d bytes: %.1f MB allocated, %.1f per byte", len(tt.text), float64(alloc)/mb, perByte)
			if perByte > tt.perByte {
				t.Errorf("%.1f bytes allocated per byte of input, more than %.0f", perByte, tt.perByte)
			}
		})
	}
}

// Every parse path counts nodes, over all the files of a document, and
// measures each scalar and key.
func TestNodeAndScalarLimits(t *testing.T) {
	lim := limits.Default
	lim.MaxNodes = 10
	lim.MaxScalarSize = 8
	for _, fullOnly := range []bool{false, true} {
		for _, tt := range []struct {
			name, text string
			limit      limits.Name
			line       int
		}{
			{"a.yaml", "a: [1, 2, 3,\n  4, 5, 6, 7, 8, 9]\n", limits.Nodes, 2},
			{"a.json", "{\"a\": [1, 2, 3,\n  4, 5, 6, 7, 8, 9]}", limits.Nodes, 2},
			{"a.yaml", "a:\n- 1\n- 2\n- 3\n- 4\n- 5\n- 6\n- 7\n- 8\n- 9\n", limits.Nodes, 10},
			{"a.yaml", "a: 12345678\nb: '123456789'\n", limits.ScalarSize, 2},
			{"a.yaml", "a: |\n  12345678\n", limits.ScalarSize, 1},
			{"a.yaml", "123456789: b\n", limits.ScalarSize, 1},
			{"a.json", "{\"a\": \"12345678\",\n\"b\": 123456789}", limits.ScalarSize, 2},
			{"a.json", "{\"a\": \"12345678\",\n\"123456789\": 1}", limits.ScalarSize, 2},
		} {
			p := NewParser(lim)
			p.fullOnly = fullOnly
			_, _, err := p.Parse(tt.name, []byte(tt.text))
			var e *Error
			if !isLimit(err, tt.limit) || !errors.As(err, &e) || e.Line != tt.line || e.File != tt.name {
				t.Errorf("full parser only %v: %q: got %v, want the %s limit at %s:%d", fullOnly, tt.text, err, tt.limit, tt.name, tt.line)
			}
		}
		// Two files of 6 nodes each: the second passes the document's limit.
		p := NewParser(lim)
		p.fullOnly = fullOnly
		if _, _, err := p.Parse("one.yaml", []byte("a: [1, 2, 3, 4]\n")); err != nil {
			t.Fatal(err)
		}
		if _, _, err := p.Parse("two.yaml", []byte("a: [1, 2, 3, 4]\n")); !isLimit(err, limits.Nodes) || !strings.Contains(err.Error(), "two.yaml:1:") {
			t.Errorf("full parser only %v: the document's second file: got %v", fullOnly, err)
		}
	}
}

// Aliases are counted by what they expand to, in bytes too: 10 KB of text
// that aliases a 10,000-character string ten thousand times expands to
// 100 MB.
func TestAliasBytesLimit(t *testing.T) {
	text := "s: &s " + strings.Repeat("b", 10000) + "\n" +
		"l1: &l1 [" + strings.TrimSuffix(strings.Repeat("*s, ", 10), ", ") + "]\n" +
		"l2: &l2 [" + strings.TrimSuffix(strings.Repeat("*l1, ", 10), ", ") + "]\n" +
		"l3: &l3 [" + strings.TrimSuffix(strings.Repeat("*l2, ", 10), ", ") + "]\n" +
		"l4: [" + strings.TrimSuffix(strings.Repeat("*l3, ", 10), ", ") + "]\n"
	for _, fullOnly := range []bool{false, true} {
		p := NewParser(limits.Default)
		p.fullOnly = fullOnly
		var err error
		alloc := allocated(func() { _, _, err = p.Parse("a.yaml", []byte(text)) })
		if !isLimit(err, limits.AliasBytes) || !strings.Contains(err.Error(), "a.yaml:5:") {
			t.Errorf("full parser only %v: got %v, want the alias bytes limit on line 5", fullOnly, err)
		}
		if alloc > 20*mb {
			t.Errorf("full parser only %v: %.1f MB allocated", fullOnly, float64(alloc)/mb)
		}
		lim := limits.Default
		lim.MaxAliasBytes = 120_000_000
		p = NewParser(lim)
		p.fullOnly = fullOnly
		if _, _, err := p.Parse("a.yaml", []byte(text)); err != nil {
			t.Errorf("full parser only %v: with the limit raised: %v", fullOnly, err)
		}
	}
}

// What the token builder leaves to goccy's parser is read only in files
// of a sixty-fourth of the file limit: that parser costs up to 300 bytes
// per byte.
func TestTheFullParserReadsSmallFilesOnly(t *testing.T) {
	text := "a: !!binary aGVsbG8=\nb: " + strings.Repeat("x", 2000) + "\n"
	lim := limits.Default
	lim.MaxFileSize = int64(len(text)) * 64
	if _, _, err := Parse("a.yaml", []byte(text), lim); err != nil {
		t.Errorf("within the share: %v", err)
	}
	lim.MaxFileSize = int64(len(text))*64 - 64
	_, _, err := Parse("a.yaml", []byte(text), lim)
	if !isLimit(err, limits.FileSize) || !strings.Contains(err.Error(), "a.yaml:1:") || !strings.Contains(err.Error(), "full YAML parser") {
		t.Errorf("past the share: got %v", err)
	}
}

// A UTF-8 byte order mark is no part of the document, in either format,
// and moves no column.
func TestByteOrderMarkIsSkipped(t *testing.T) {
	for name, text := range map[string]string{
		"bom.yaml": "\ufeffasyncapi: 3.0.0\ninfo: {title: t}\n",
		"bom.json": "\ufeff{\"asyncapi\": \"3.0.0\",\n \"info\": {\"title\": \"t\"}}",
	} {
		f, _, err := Parse(name, []byte(text), limits.Default)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if v := f.Root.Get("asyncapi"); v == nil || v.Value != "3.0.0" || f.Root.Fields[0].Key != "asyncapi" {
			t.Errorf("%s: keys %v", name, f.Root.Interface())
		}
		if info := f.Root.Get("info"); info.Line != 2 || info.Col > 2 {
			t.Errorf("%s: info at %d:%d", name, info.Line, info.Col)
		}
	}
}
