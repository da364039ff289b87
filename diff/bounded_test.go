package diff

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/eventdiff/eventdiff/limits"
	"github.com/eventdiff/eventdiff/schema"
	"github.com/eventdiff/eventdiff/spec"
)

// oneFile serves a document of one file.
type oneFile []byte

func (f oneFile) ReadFile(string) ([]byte, error) { return f, nil }

func loadText(t *testing.T, text string, lim limits.Limits) *spec.Document {
	t.Helper()
	return loadNamed(t, "a.yaml", text, lim)
}

// loadNamed loads a document of one file with its name.
func loadNamed(t *testing.T, name, text string, lim limits.Limits) *spec.Document {
	t.Helper()
	d, err := spec.Load(spec.Input{FS: oneFile(text), Main: name}, spec.Options{Limits: lim})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Whatever a document holds, a change carries a bounded part of it, says
// what it cut, and cuts it the same way whichever way the value came.
func TestReportValuesAreBounded(t *testing.T) {
	long := strings.Repeat("é", 1<<20) // 2 MB, two bytes a character
	lim := limits.Default
	lim.MaxAliasBytes = 200 << 20
	aliased := "x-s: &s " + strings.Repeat("b", 10000) + "\n" +
		"x-l1: &l1 [" + strings.TrimSuffix(strings.Repeat("*s, ", 10), ", ") + "]\n" +
		"x-l2: &l2 [" + strings.TrimSuffix(strings.Repeat("*l1, ", 10), ", ") + "]\n" +
		"x-l3: &l3 [" + strings.TrimSuffix(strings.Repeat("*l2, ", 10), ", ") + "]\n" +
		"x-l4: [" + strings.TrimSuffix(strings.Repeat("*l3, ", 10), ", ") + "]\n"
	head := "asyncapi: 3.0.0\ninfo: {title: t, version: '1'}\n"
	tests := []struct {
		name, base, rev string
		cut             []string
	}{
		{"a 2 MB string", head, head + "x-a: " + long + "\n", []string{"new"}},
		{"a list of 300,000 items", head + "x-a: [" + strings.Repeat("1, ", 300000) + "1]\n", head, []string{"old"}},
		{"a map of 100,000 keys", head, head + "x-a: {" + strings.Repeat("k: v, ", 1) + mapOf(100000) + "}\n", []string{"new"}},
		{"a 10,000-character string aliased 10,000 times", head, head + aliased, []string{"new"}},
		{"a 2 MB description", head + "channels: {c: {address: c, description: a}}\n",
			head + "channels: {c: {address: c, description: " + long + "}}\n", []string{"new"}},
		{"a 2 MB channel address", head + "channels: {c: {address: a" + long + "}}\n",
			head + "channels: {c: {address: b" + long + "}}\n", []string{"old", "new", "message"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			changes, err := Compare(loadText(t, tt.base, lim), loadText(t, tt.rev, lim), Options{Schema: schema.Options{}})
			if err != nil {
				t.Fatal(err)
			}
			var found bool
			for _, c := range changes {
				if len(c.Elided) == 0 {
					continue
				}
				found = true
				if fmt.Sprint(c.Elided) != fmt.Sprint(tt.cut) {
					t.Errorf("%s: elided %v, want %v", c.Kind, c.Elided, tt.cut)
				}
				for _, v := range []any{c.Old, c.New} {
					b, err := json.Marshal(v)
					if err != nil || len(b) > maxValueBytes+1024 {
						t.Errorf("%s: a value of %d bytes (%v)", c.Kind, len(b), err)
					}
					if strings.Contains(string(b), "\\ufffd") {
						t.Errorf("%s: a character was cut in half", c.Kind)
					}
				}
				if len(c.Text) > maxTextBytes {
					t.Errorf("%s: a message of %d bytes", c.Kind, len(c.Text))
				}
			}
			if !found {
				t.Errorf("no change was cut: %d changes", len(changes))
			}
		})
	}
}

func mapOf(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "k%d: %d, ", i, i)
	}
	return strings.TrimSuffix(b.String(), ", ")
}

// A value cut from a node and the same value cut as plain data are the
// same, and a value within the bound is kept whole.
func TestCuttingIsTheSameFromNodesAndValues(t *testing.T) {
	lim := limits.Default
	d := loadText(t, "asyncapi: 3.0.0\ninfo: {title: t, version: '1'}\nx-a: {b: ["+strings.Repeat("'"+strings.Repeat("x", 100)+"', ", 1000)+"1], a: "+strings.Repeat("y", 50000)+", c: {d: 1}}\nx-small: {a: [1, 'two', null, true]}\nx-wide: {"+mapOf(20000)+"}\n", lim)
	for _, key := range []string{"x-a", "x-small", "x-wide"} {
		n := d.Root.Get(key)
		fromNode, _ := boundValue(plain(n), maxValueBytes)
		fromValue, cut := boundValue(n.Resolved(), maxValueBytes)
		a, _ := json.Marshal(fromNode)
		b, _ := json.Marshal(fromValue)
		if string(a) != string(b) {
			t.Errorf("%s: cut from the node:\n%.300s\nfrom the value:\n%.300s", key, a[max(len(a)-200, 0):], b[max(len(b)-200, 0):])
		}
		if want := key != "x-small"; cut != want {
			t.Errorf("%s: cut %v", key, cut)
		}
		if key == "x-small" {
			whole, _ := json.Marshal(n.Resolved())
			if string(a) != string(whole) {
				t.Errorf("a small value changed: %s", a)
			}
		}
	}
}
