package tree

import (
	"fmt"
	"math/big"
	"regexp"
	"strings"
	"testing"

	"github.com/eventdiff/eventdiff/limits"
)

// The YAML 1.2 core schema's tag resolution, written from
// https://yaml.org/spec/1.2.2/#1023-core-schema: what the resolver is
// checked against.
var coreSchema = []struct {
	kind Kind
	re   *regexp.Regexp
}{
	{Null, regexp.MustCompile(`^(null|Null|NULL|~|)$`)},
	{Bool, regexp.MustCompile(`^(true|True|TRUE|false|False|FALSE)$`)},
	{Number, regexp.MustCompile(`^[-+]?[0-9]+$`)},
	{Number, regexp.MustCompile(`^0o[0-7]+$`)},
	{Number, regexp.MustCompile(`^0x[0-9a-fA-F]+$`)},
	{Number, regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)},
	{String, regexp.MustCompile(`^[-+]?(\.inf|\.Inf|\.INF)$`)}, // a float JSON cannot hold
	{String, regexp.MustCompile(`^(\.nan|\.NaN|\.NAN)$`)},      // likewise
}

func coreKind(s string) Kind {
	for _, c := range coreSchema {
		if c.re.MatchString(s) {
			return c.kind
		}
	}
	return String
}

// spellings are every form the core schema names, and near misses that
// must stay strings (YAML 1.1's booleans and number forms among them).
var spellings = []struct {
	text  string
	kind  Kind
	value string
}{
	{"null", Null, ""}, {"Null", Null, ""}, {"NULL", Null, ""}, {"~", Null, ""},
	{"nULL", String, "nULL"}, {"none", String, "none"},
	{"true", Bool, "true"}, {"True", Bool, "true"}, {"TRUE", Bool, "true"},
	{"false", Bool, "false"}, {"False", Bool, "false"}, {"FALSE", Bool, "false"},
	{"tRUE", String, "tRUE"}, {"yes", String, "yes"}, {"no", String, "no"}, {"on", String, "on"},
	{"off", String, "off"}, {"y", String, "y"}, {"Yes", String, "Yes"},
	{"0", Number, "0"}, {"12", Number, "12"}, {"-3", Number, "-3"}, {"+1", Number, "1"}, {"+0", Number, "0"},
	{"007", Number, "7"}, {"-007", Number, "-7"}, {"-0", Number, "-0"}, {"00", Number, "0"},
	{"123456789012345678901234567890", Number, "123456789012345678901234567890"},
	{"0o17", Number, "15"}, {"0o0", Number, "0"}, {"0o8", String, "0o8"}, {"0O17", String, "0O17"}, {"-0o17", String, "-0o17"},
	{"0x1F", Number, "31"}, {"0x1f", Number, "31"}, {"0xFFFFFFFFFFFFFFFFFF", Number, "4722366482869645213695"},
	{"0xG", String, "0xG"}, {"0X1F", String, "0X1F"}, {"+0x1F", String, "+0x1F"}, {"0x", String, "0x"}, {"0o", String, "0o"},
	{"0b101", String, "0b101"}, {"1_000", String, "1_000"}, {"017", Number, "17"}, {"1:30", String, "1:30"},
	{"1.5", Number, "1.5"}, {"1.50", Number, "1.50"}, {"-1.5", Number, "-1.5"}, {"+1.5", Number, "1.5"},
	{".5", Number, "0.5"}, {"-.5", Number, "-0.5"}, {"+.5", Number, "0.5"}, {"1.", Number, "1.0"}, {"-1.", Number, "-1.0"},
	{"1e3", Number, "1e3"}, {"1E3", Number, "1E3"}, {"1e-2", Number, "1e-2"}, {"1e+2", Number, "1e+2"},
	{"1.e3", Number, "1.0e3"}, {".5e1", Number, "0.5e1"}, {"01.5", Number, "1.5"}, {"00.5e-1", Number, "0.5e-1"},
	{"1e", String, "1e"}, {"1e+", String, "1e+"}, {"e3", String, "e3"}, {".", String, "."}, {"-", String, "-"},
	{"+", String, "+"}, {"1.2.3", String, "1.2.3"}, {"1 2", String, "1 2"}, {"0.1.0", String, "0.1.0"},
	{".inf", String, ".inf"}, {".Inf", String, ".inf"}, {".INF", String, ".inf"}, {"+.inf", String, ".inf"},
	{"-.inf", String, "-.inf"}, {"-.Inf", String, "-.inf"}, {".iNF", String, ".iNF"}, {"inf", String, "inf"},
	{".nan", String, ".nan"}, {".NaN", String, ".nan"}, {".NAN", String, ".nan"}, {"-.nan", String, "-.nan"},
	{"nan", String, "nan"}, {"1.0.0", String, "1.0.0"}, {"3.0.0", String, "3.0.0"},
}

// Every spelling resolves as the core schema's regular expressions say,
// with the value JSON would hold.
func TestPlainScalarsFollowTheCoreSchema(t *testing.T) {
	for _, s := range spellings {
		kind, value := resolvePlain(s.text)
		if kind != s.kind || value != s.value {
			t.Errorf("%q: got %s %q, want %s %q", s.text, kind, value, s.kind, s.value)
		}
		if want := coreKind(s.text); kind != want {
			t.Errorf("%q: %s, but the core schema says %s", s.text, kind, want)
		}
		if kind == Number {
			if _, ok := new(big.Rat).SetString(value); !ok || !regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$`).MatchString(value) {
				t.Errorf("%q: %q is not a JSON number", s.text, value)
			}
		}
	}
}

// Random strings over the characters that matter resolve as the regular
// expressions say.
func TestPlainScalarsAgreeWithTheRegexps(t *testing.T) {
	const alphabet = "0123456789+-.eExXoOabfinlNAtrueTRUEsS~_ "
	seed := uint32(1)
	for i := 0; i < 200000; i++ {
		var b strings.Builder
		for n := 1 + i%7; n > 0; n-- {
			seed = seed*1664525 + 1013904223
			b.WriteByte(alphabet[seed>>24%uint32(len(alphabet))])
		}
		s := b.String()
		if kind, _ := resolvePlain(s); kind != coreKind(s) {
			t.Fatalf("%q: %s, but the core schema says %s", s, kind, coreKind(s))
		}
	}
}

// Both parse paths, the token builder and goccy's parser, type plain
// scalars the same way; quoted scalars, !!str and keys stay as written.
func TestEveryParsePathResolvesTheCoreSchema(t *testing.T) {
	var doc strings.Builder
	for i, s := range spellings {
		if s.text == "-" {
			continue // `- ` starts a list
		}
		fmt.Fprintf(&doc, "p%d: %s\nq%d: '%s'\nt%d: !!str %s\n%s: k%d\n", i, s.text, i, s.text, i, s.text, s.text, i)
	}
	for _, fullOnly := range []bool{false, true} {
		p := NewParser(limits.Default)
		p.fullOnly = fullOnly
		f, _, err := p.Parse("core.yaml", []byte(doc.String()))
		if err != nil {
			t.Fatalf("full parser only %v: %v", fullOnly, err)
		}
		for i, s := range spellings {
			if s.text == "-" {
				continue
			}
			if n := f.Root.Get(fmt.Sprintf("p%d", i)); n.Kind != s.kind || n.Value != s.value {
				t.Errorf("full parser only %v: plain %q: got %s %q, want %s %q", fullOnly, s.text, n.Kind, n.Value, s.kind, s.value)
			}
			if n := f.Root.Get(fmt.Sprintf("q%d", i)); n.Kind != String || n.Value != s.text {
				t.Errorf("full parser only %v: quoted %q: got %s %q", fullOnly, s.text, n.Kind, n.Value)
			}
			if n := f.Root.Get(fmt.Sprintf("t%d", i)); s.text != "" && (n.Kind != String || n.Value != s.text) {
				t.Errorf("full parser only %v: !!str %q: got %s %q", fullOnly, s.text, n.Kind, n.Value)
			}
			key := s.text
			if s.kind == Null {
				key = "null"
			}
			if n := f.Root.Get(key); n == nil || n.Kind != String {
				t.Errorf("full parser only %v: key %q is missing", fullOnly, key)
			}
		}
	}
}

// The same numbers written as YAML and as JSON are the same numbers.
func TestYAMLAndJSONNumbersAreEqual(t *testing.T) {
	y, _, err := Parse("n.yaml", []byte("a: 1e-2\nb: 1e3\nc: .5\nd: 0x10\ne: +7\n"), limits.Default)
	if err != nil {
		t.Fatal(err)
	}
	j, _, err := Parse("n.json", []byte(`{"a": 0.01, "b": 1000, "c": 0.5, "d": 16, "e": 7}`), limits.Default)
	if err != nil {
		t.Fatal(err)
	}
	if !Equal(y.Root, j.Root) {
		t.Errorf("%v differs from %v", y.Root.Interface(), j.Root.Interface())
	}
}
