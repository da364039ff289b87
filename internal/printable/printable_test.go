package printable

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
)

func TestString(t *testing.T) {
	for in, want := range map[string]string{
		"":                                    "",
		"user/signedup":                       "user/signedup",
		`back\slash and "quotes"`:             `back\slash and "quotes"`,
		"naïve ✓ 日本 emoji 👍🏽":                 "naïve ✓ 日本 emoji 👍🏽",
		"sub/x\x1b]0;pwned\x07\x1b[31mRED":    `sub/x\x1b]0;pwned\x07\x1b[31mRED`,
		"nul\x00here":                         `nul\x00here`,
		"two\nlines\r\n\ttabbed":              `two\nlines\r\n\ttabbed`,
		"del\x7f":                             `del\x7f`,
		"c1 \u0085 \u009b31m":                 `c1 \u0085 \u009b31m`,
		"bidi \u202eevil\u202c \u2066x\u2069": `bidi \u202eevil\u202c \u2066x\u2069`,
		"marks \u200e\u200f\u061c":            `marks \u200e\u200f\u061c`,
		"separators \u2028\u2029":             `separators \u2028\u2029`,
		"bad \xff\xfe utf-8 \xe2\x82":         `bad \xff\xfe utf-8 \xe2\x82`,
		"zero width joiner \u200d stays":      "zero width joiner \u200d stays",
	} {
		if got := String(in); got != want {
			t.Errorf("String(%q) = %q, want %q", in, got, want)
		}
	}
}

// The escapes are printable ASCII, so escaping twice changes nothing.
func TestStringIsIdempotent(t *testing.T) {
	for c := rune(0); c < 0x3000; c++ {
		once := String(fmt.Sprintf("a%cb", c))
		if String(once) != once {
			t.Fatalf("U+%04X: %q escapes again", c, once)
		}
	}
}

func TestLines(t *testing.T) {
	var b bytes.Buffer
	w := Lines{W: &b}
	fmt.Fprintf(w, "eventdiff: %s: no such file\n", "a\nb\x1b[2J.yaml")
	fmt.Fprintf(w, "no newline at the end \x07")
	want := `eventdiff: a\nb\x1b[2J.yaml: no such file` + "\n" + `no newline at the end \x07`
	if b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}

func TestJSON(t *testing.T) {
	in := []byte("{\"a\":\"x\u202ey\u0085z\x7f\",\"b\":\"naïve ✓ 👍\"}\n")
	want := `{"a":"x\u202ey\u0085z\u007f","b":"naïve ✓ 👍"}` + "\n"
	if got := JSON(in); string(got) != want {
		t.Errorf("JSON = %s, want %s", got, want)
	}
	var back struct{ A, B string }
	if err := json.Unmarshal(JSON(in), &back); err != nil || back.A != "x\u202ey\u0085z\x7f" {
		t.Errorf("the data changed: %+v, %v", back, err)
	}
	plain := []byte(`{"a":1}`)
	if got := JSON(plain); &got[0] != &plain[0] {
		t.Error("JSON with nothing to escape is returned as it is")
	}
}
