package tree

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eventdiff/eventdiff/internal/corpus"
	"github.com/eventdiff/eventdiff/limits"
)

// parseBoth parses YAML with the token builder and with goccy's full
// parser, and says how they differ ("" when they agree).
func parseBoth(name string, data []byte) (usedFast bool, diff string) {
	full := NewParser(limits.Default)
	full.fullOnly = true
	slow, slowWarns, slowErr := full.parseYAML(&File{Name: name}, string(data), &meter{file: name, lim: limits.Default, doc: full})
	if flowDepth(string(data)) > limits.Default.MaxDepth {
		return false, "" // the full path refuses what may only be brackets in a string
	}
	b := &tokenBuilder{s: newYAMLScanner(string(data)), file: &File{Name: name},
		m: &meter{file: name, lim: limits.Default, doc: NewParser(limits.Default)}, anchors: map[string]*Node{}}
	fastRoot, fastErr := b.build()
	if fastErr == errFallback {
		return false, ""
	}
	switch {
	case slowErr != nil && fastErr == nil:
		return true, "the parser refuses it (" + slowErr.Error() + ") but the fast path accepts it"
	case slowErr == nil && fastErr != nil:
		return true, "the fast path fails: " + fastErr.Error()
	case slowErr != nil:
		return true, ""
	}
	if d := sameTree(slow, fastRoot, ""); d != "" {
		return true, d
	}
	if fmt.Sprint(slowWarns) != fmt.Sprint(b.warns) {
		return true, fmt.Sprintf("warnings differ: %v vs %v", slowWarns, b.warns)
	}
	return true, ""
}

// sameTree compares values, positions and pointers of two trees.
func sameTree(a, b *Node, path string) string {
	if a.Kind != b.Kind || a.Value != b.Value {
		return fmt.Sprintf("%s: %s %q vs %s %q", path, a.Kind, a.Value, b.Kind, b.Value)
	}
	// Where an implicit null sits is the parser's whim; it is never reported.
	if a.Kind != Null && (a.Line != b.Line || a.Col != b.Col) {
		return fmt.Sprintf("%s: position %d:%d vs %d:%d", path, a.Line, a.Col, b.Line, b.Col)
	}
	if a.Pointer() != b.Pointer() {
		return fmt.Sprintf("%s: pointer %s vs %s", path, a.Pointer(), b.Pointer())
	}
	if len(a.Fields) != len(b.Fields) || len(a.Items) != len(b.Items) {
		return fmt.Sprintf("%s: %d/%d entries vs %d/%d", path, len(a.Fields), len(a.Items), len(b.Fields), len(b.Items))
	}
	for i := range a.Fields {
		if a.Fields[i].Key != b.Fields[i].Key {
			return fmt.Sprintf("%s: key %q vs %q", path, a.Fields[i].Key, b.Fields[i].Key)
		}
		if d := sameTree(a.Fields[i].Value, b.Fields[i].Value, path+"/"+a.Fields[i].Key); d != "" {
			return d
		}
	}
	for i := range a.Items {
		if d := sameTree(a.Items[i], b.Items[i], fmt.Sprintf("%s/%d", path, i)); d != "" {
			return d
		}
	}
	return ""
}

var yamlSamples = []string{
	"a: &x {b: 1, 'c d': [2, \"e\"]}\nf:\n- g\n-   h: *x\n    i: |\n      lit\n      more\n    j: plain\n      multi line\nl: !!str 12\nm:\nn: ~\n",
	"list:\n  - one\n  -\n  - - nested\n    - seq\n  - key: v\n    other: w\n",
	"a: 1\na: 2\n",
	"base: &b {x: 1}\nm:\n  <<: *b\n  y: 2\n",
	"---\nk: v\n...\n",
	"# comment\nk: # trailing\n  # own line\n  v: 1 # more\n",
	"empty: {}\nnone: []\nq: 'it''s'\ndq: \"tab\\t\"\nf: 1.5e3\nneg: -4\nbig: 123456789012345678901234567890\n",
	"k: [a: 1]\n",
	"? complex\n: value\n",
	"a: b: c\n",
	"k:\n- x\n- y\nz: 1\n",
	"folded: >\n  one\n  two\n\nnext: 1\n",
	"anch: &a\n  x: 1\nref: *a\n",
	"t: true\nf: False\ny: yes\noct: 0o17\nhex: 0x1F\n",
	"a: plain  \n  continued  \n\n  \n  again\nb: 'single\n\n  ''quoted'''\nc: \"dq \\u00e9\\x41\\\n  \\ud83d\\ude00 end\"\n",
	"l: |+\n  keep\n\n    more\nf: >-\n  folded\n  line\n\n   indented\n  back\ng: |\n\n  after blank\n",
	"k: [a, 'b', \"c\", {d: e, 'f': g}, [h]]\nu: {url: http://x:8080/p, n: b:c}\n",
	"- &a !!str 007\n- *a\n- !str\n  x\n- - nested\n  - - deeper\n- k: v\n  <<: {m: 1}\n",
	"e1: 1e3\ne2: .5\ne3: +1\ne4: .inf\ne5: ~\ne6: 0o17\ne7: NULL\n~: k\n",
	"crlf: a\r\nb: |\r\n  x\r\n  y\r\n",
}

// TestFastYAMLAgreesWithTheParser holds the token builder to goccy's full
// parser on samples, every YAML file under testdata, and the corpus.
func TestFastYAMLAgreesWithTheParser(t *testing.T) {
	t.Parallel()
	check := func(name string, data []byte) bool {
		used, d := parseBoth(name, data)
		if d != "" {
			t.Errorf("%s: %s", name, d)
		}
		return used
	}
	for i, s := range yamlSamples {
		check(fmt.Sprintf("sample%d.yaml", i), []byte(s))
	}
	files, fast := 0, 0
	walk := func(root string) {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !(strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return nil
			}
			files++
			if check(p, data) {
				fast++
			}
			// The same with Windows line breaks, which goccy counts its
			// own way after a comment.
			check(p+" (CRLF)", bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n")))
			return nil
		})
	}
	walk("../testdata")
	if dir := corpus.Dir(); dir != "" {
		walk(dir)
	}
	t.Logf("%d YAML files, %d read by the fast path", files, fast)
	if files > 100 && fast*10 < files*9 {
		t.Errorf("the fast path should read nearly every real file, read %d of %d", fast, files)
	}
}

// FuzzFastYAML holds the token builder to the full parser on any input:
// where the builder does not give up, both must give the same tree.
func FuzzFastYAML(f *testing.F) {
	for _, s := range yamlSamples {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		// Seeds run in parallel under go test; fuzzing runs one input at a time.
		t.Parallel()
		if _, d := parseBoth("fuzz.yaml", data); d != "" {
			t.Fatal(d)
		}
	})
}
