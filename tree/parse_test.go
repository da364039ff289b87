package tree

import (
	"errors"
	"strings"
	"testing"
	"time"

	_ "github.com/eventdiff/eventdiff/internal/golden"
	"github.com/eventdiff/eventdiff/limits"
)

func TestParseErrorsNameFileAndLine(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, file, src string
		line            int
		msg             string
	}{
		{"unclosed flow map", "a.yaml", "asyncapi: 3.0.0\ninfo: {title: x\n", 2, "invalid YAML"},
		{"bad indentation", "a.yaml", "a:\n  b: 1\n c: 2\n", 3, "invalid YAML"},
		{"json trailing garbage", "a.json", "{\"a\": 1} x", 1, "invalid JSON"},
		{"json missing comma", "a.json", "{\n  \"a\": 1\n  \"b\": 2\n}", 3, "invalid JSON"},
		{"json bad escape", "a.json", `{"a": "\q"}`, 1, "invalid JSON"},
		{"empty", "a.yaml", "  \n", 0, "file is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Parse(tt.file, []byte(tt.src), limits.Default)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("want *Error, got %v", err)
			}
			if e.File != tt.file || e.Line != tt.line || !strings.Contains(e.Msg, tt.msg) {
				t.Errorf("got %s; want file %s line %d containing %q", e, tt.file, tt.line, tt.msg)
			}
			if strings.Contains(e.Error(), "\n") {
				t.Errorf("error spans lines: %q", e.Error())
			}
		})
	}
}

func TestJSONAndYAMLGiveTheSameTreeAndPositions(t *testing.T) {
	t.Parallel()
	j, _, err := Parse("d.json", []byte("{\n  \"a\": {\n    \"b\": [1, 2.5, \"x\", true, null]\n  },\n  \"c\": \"\\u00e9\\ud83d\\ude00\"\n}"), limits.Default)
	if err != nil {
		t.Fatal(err)
	}
	y, _, err := Parse("d.yaml", []byte("a:\n  b: [1, 2.5, x, true, null]\nc: \"é😀\"\n"), limits.Default)
	if err != nil {
		t.Fatal(err)
	}
	if !j.JSON || y.JSON {
		t.Errorf("JSON fast path: json=%v yaml=%v", j.JSON, y.JSON)
	}
	if !Equal(j.Root, y.Root) {
		t.Errorf("trees differ: %v vs %v", j.Root.Interface(), y.Root.Interface())
	}
	b := j.Root.Get("a").Get("b")
	if b.Line != 3 || b.Items[1].Line != 3 || b.Items[1].Value != "2.5" {
		t.Errorf("json positions: b at %d, item at %d (%s)", b.Line, b.Items[1].Line, b.Items[1].Value)
	}
	if got := b.Items[2].Pointer(); got != "/a/b/2" {
		t.Errorf("pointer %q", got)
	}
	if yb := y.Root.Get("a").Get("b"); yb.Line != 2 || yb.Col != 3 {
		t.Errorf("yaml collection is shown at its key: line %d col %d", yb.Line, yb.Col)
	}
}

func TestYAMLScalarsBecomeJSONValues(t *testing.T) {
	t.Parallel()
	f, _, err := Parse("s.yaml", []byte("i: 0x1F\nf: 1.50\nb: yes\ns: !!str 12\nn: ~\nl: |\n  text\n"), limits.Default)
	if err != nil {
		t.Fatal(err)
	}
	r := f.Root
	for key, want := range map[string]struct {
		kind  Kind
		value string
	}{"i": {Number, "31"}, "f": {Number, "1.50"}, "s": {String, "12"}, "n": {Null, ""}, "l": {String, "text\n"}} {
		if n := r.Get(key); n.Kind != want.kind || n.Value != want.value {
			t.Errorf("%s: got %s %q, want %s %q", key, n.Kind, n.Value, want.kind, want.value)
		}
	}
}

func TestDuplicateKeysWarnAndKeepTheLast(t *testing.T) {
	t.Parallel()
	for _, src := range []struct{ name, text string }{
		{"d.yaml", "a: 1\nb: 2\na: 3\n"},
		{"d.json", `{"a": 1, "b": 2, "a": 3}`},
	} {
		f, warns, err := Parse(src.name, []byte(src.text), limits.Default)
		if err != nil {
			t.Fatal(err)
		}
		if v := f.Root.Get("a"); v.Value != "3" || len(f.Root.Fields) != 2 {
			t.Errorf("%s: a=%s with %d fields", src.name, v.Value, len(f.Root.Fields))
		}
		if len(warns) != 1 || !strings.Contains(warns[0].Msg, "duplicate key") {
			t.Errorf("%s: warnings %v", src.name, warns)
		}
		if got := f.Root.Get("a").Pointer(); got != "/a" {
			t.Errorf("%s: pointer of the kept value %q", src.name, got)
		}
	}
}

func TestAliasesShareNodesAndMergeKeysMerge(t *testing.T) {
	t.Parallel()
	f, _, err := Parse("a.yaml", []byte("base: &b {x: 1, y: 2}\nuse: *b\nmerged:\n  <<: *b\n  y: 3\n"), limits.Default)
	if err != nil {
		t.Fatal(err)
	}
	if f.Root.Get("use") != f.Root.Get("base") {
		t.Error("an alias should share the anchored node")
	}
	m := f.Root.Get("merged")
	if m.Get("x").Value != "1" || m.Get("y").Value != "3" {
		t.Errorf("merge: x=%s y=%s", m.Get("x").Value, m.Get("y").Value)
	}
}

// A billion-laughs document must fail fast, without expanding.
func TestYAMLBombFailsFast(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i <= 9; i++ {
		b.WriteString("a" + string(rune('0'+i)) + ": &a" + string(rune('0'+i)) + " [")
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*a" + string(rune('0'+i-1)))
		}
		b.WriteString("]\n")
	}
	start := time.Now()
	_, _, err := Parse("bomb.yaml", []byte(b.String()), limits.Default)
	if err == nil || !strings.Contains(err.Error(), "aliases expand") {
		t.Fatalf("want an alias expansion error, got %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d) // a guard against hanging, not a speed target
	}
}

func TestDeepNestingIsRefused(t *testing.T) {
	t.Parallel()
	deep := strings.Repeat("[", 100000) + strings.Repeat("]", 100000)
	for _, name := range []string{"deep.yaml", "deep.json"} {
		_, _, err := Parse(name, []byte(deep), limits.Default)
		if err == nil || !strings.Contains(err.Error(), "nesting is deeper than the limit") {
			t.Errorf("%s: got %v", name, err)
		}
	}
	// Block-style nesting is measured while converting.
	var b strings.Builder
	for i := 0; i < 30; i++ {
		b.WriteString(strings.Repeat("  ", i) + "k:\n")
	}
	lim := limits.Default
	lim.MaxDepth = 10
	if _, _, err := Parse("block.yaml", []byte(b.String()), lim); !isLimit(err, limits.Depth) {
		t.Errorf("block nesting: got %v", err)
	}
}

func TestFileSizeLimit(t *testing.T) {
	t.Parallel()
	lim := limits.Default
	lim.MaxFileSize = 10
	_, _, err := Parse("big.yaml", []byte("a: 123456789012345"), lim)
	if !isLimit(err, limits.FileSize) {
		t.Errorf("got %v", err)
	}
}

func TestLongNamesAreClippedInMessages(t *testing.T) {
	t.Parallel()
	key := strings.Repeat("k", 1<<20)
	w := Warning{File: "a.yaml", Line: 3, Msg: `unknown field "` + key + `" in the document root`}
	if s := w.String(); len(s) > 300 || !strings.HasSuffix(s, `…" in the document root`) {
		t.Errorf("warning of %d bytes: %.120s", len(s), s)
	}
	e := &Error{File: "a.yaml", Line: 1, Col: 1, Msg: `$ref "` + key + `" refers only to itself`}
	if s := e.Error(); len(s) > 300 || !strings.Contains(s, "refers only to itself") {
		t.Errorf("error of %d bytes", len(s))
	}
	short := &Error{File: "a.yaml", Msg: `$ref "https://example.com/a/rather/long/but/reasonable/reference/to/a/schema.json" is remote`}
	if !strings.Contains(short.Error(), "schema.json") {
		t.Error("a reasonable name stays whole")
	}
}

// isLimit reports whether err says that the limit was reached.
func isLimit(err error, limit limits.Name) bool {
	var le *limits.Error
	return errors.As(err, &le) && le.Limit == limit
}
