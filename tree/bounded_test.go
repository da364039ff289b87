package tree

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestCutString(t *testing.T) {
	for _, tt := range []struct {
		s     string
		limit int
		want  string
	}{
		{"abc", 3, "abc"},
		{"abcdef", 5, "ab…"},
		{"ééé", 5, "é…"}, // "é" is 2 bytes, "…" 3
		{"ééé", 6, "ééé"},
		{"ééé", 4, "…"}, // no room for a whole é and the mark
		{"éééé", 7, "éé…"},
		{"abc", 1, "…"},
	} {
		if got := CutString(tt.s, tt.limit); got != tt.want {
			t.Errorf("CutString(%q, %d) = %q, want %q", tt.s, tt.limit, got, tt.want)
		}
	}
}

// Bound keeps what fits whole, and cuts the rest in key and item order,
// marking each cut.
func TestBound(t *testing.T) {
	type named struct{ Name string }
	long := strings.Repeat("x", 100)
	for _, tt := range []struct {
		name  string
		v     any
		limit int
		want  string
		cut   bool
	}{
		{"fits", map[string]any{"a": []any{1.0, "b", nil, true}}, 100, `{"a":[1,"b",null,true]}`, false},
		{"a long string", long, 20, `"xxxxxxxxxxxxxxx…"`, true},
		{"a long list", []any{"aaaa", "bbbb", "cccc", "dddd"}, 16, `["aaaa","bbbb","…"]`, true},
		{"a list cut inside an item", []any{"aaaa", "bbbbbbbb", "cccc"}, 16, `["aaaa","b…","…"]`, true},
		{"a wide map, cut in key order", map[string]any{"d": 1.0, "c": 1.0, "b": 1.0, "a": 1.0}, 30, `{"a":1,"b":1,"c":1,"…":"…"}`, true},
		{"strings", []string{long, long}, 50, `["` + strings.Repeat("x", 42) + `…","…"]`, true},
		{"another type, as its JSON", []named{{long}, {long}}, 60, `[{"Name":"` + strings.Repeat("x", 43) + `…"},"…"]`, true},
	} {
		got, cut := Bound(tt.v, tt.limit)
		b, _ := json.Marshal(got)
		if string(b) != tt.want || cut != tt.cut {
			t.Errorf("%s: got %s (cut %v), want %s (cut %v)", tt.name, b, cut, tt.want, tt.cut)
		}
	}
}
