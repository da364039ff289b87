package tree

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/eventdiff/eventdiff/limits"
)

// jsonSamples seed FuzzJSON and pin the edges where a hand-written reader
// is easily wrong.
var jsonSamples = []string{
	`{"a": [1, 2.5, -0, 1e3, 1E-2, "x", true, false, null], "b": {}}`,
	`"\ud800\u0041"`, `"\ud83d\ude00"`, `"\udc00"`, `"\ud800\ud800\udc00"`, `"\ud800"`, `"\ud800\u00"`,
	`{"k":01}`, `[-01]`, `[-]`, `[1.]`, `[.5]`, `[1e]`, `[1e+]`, `[+1]`, `[0x1]`, `[00]`, `[-0.0e-0]`,
	"\"\xff\xfe\"", "[\"\x01\"]", `["\q"]`, `["\/\b\f\n\r\t\\\""]`, `{"a":1,"a":2}`, `{"a" 1}`, `{"a":1,}`, `[1,]`,
	`[1 2]`, `{} {}`, ` [ ] `, "\t[\r\n]", `nul`, `[tru]`, `"\u00e9\u4e2d"`, `{"\u0000":"\u0000"}`, "",
}

// readJSON reads data with the JSON reader, with no limit below
// encoding/json's own.
func readJSON(data []byte) (*Node, error) {
	lim := limits.Limits{MaxDepth: 10000}
	root, _, err := parseJSON(&File{Name: "f.json"}, string(data), &meter{file: "f.json", lim: lim, doc: NewParser(lim)})
	return root, err
}

// asDecoded converts a node to what encoding/json decodes with UseNumber.
func asDecoded(n *Node) any {
	switch n.Kind {
	case Bool:
		return n.Value == "true"
	case Number:
		return json.Number(n.Value)
	case String:
		return n.Value
	case Map:
		m := make(map[string]any, len(n.Fields))
		for _, f := range n.Fields {
			m[f.Key] = asDecoded(f.Value)
		}
		return m
	case Seq:
		s := make([]any, len(n.Items))
		for i, it := range n.Items {
			s[i] = asDecoded(it)
		}
		return s
	}
	return nil
}

// nesting returns the deepest bracket nesting in data, strings included
// (an overestimate is fine: it only skips inputs).
func nesting(data []byte) int {
	depth, deepest := 0, 0
	for _, c := range data {
		switch c {
		case '[', '{':
			depth++
			deepest = max(deepest, depth)
		case ']', '}':
			depth--
		}
	}
	return deepest
}

// sameAsEncodingJSON says how the JSON reader and encoding/json differ on
// data ("" when they agree).
func sameAsEncodingJSON(data []byte) string {
	if nesting(data) > 5000 {
		return "" // the two count nesting differently at their limits
	}
	root, err := readJSON(data)
	valid := json.Valid(data)
	if (err == nil) != valid {
		return "encoding/json says valid=" + map[bool]string{true: "true", false: "false"}[valid] + ", the reader: " + errText(err)
	}
	if err != nil {
		return ""
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var want any
	if err := dec.Decode(&want); err != nil {
		return "encoding/json cannot decode what it says is valid: " + err.Error()
	}
	if got := asDecoded(root); !reflect.DeepEqual(got, want) {
		b1, _ := json.Marshal(got)
		b2, _ := json.Marshal(want)
		return "values differ: " + string(b1) + " vs " + string(b2)
	}
	return ""
}

func errText(err error) string {
	if err == nil {
		return "no error"
	}
	return err.Error()
}

func TestJSONReaderAgreesWithEncodingJSON(t *testing.T) {
	for _, s := range jsonSamples {
		if d := sameAsEncodingJSON([]byte(s)); d != "" {
			t.Errorf("%q: %s", s, d)
		}
	}
	// The two edge bugs of the reader this replaced.
	if root, err := readJSON([]byte(`"\ud800\u0041"`)); err != nil || root.Value != "\uFFFDA" {
		t.Errorf(`"\ud800\u0041" reads as %v, %v; want "\uFFFDA"`, root, err)
	}
	if _, err := readJSON([]byte(`{"k":01}`)); err == nil {
		t.Error(`{"k":01} is accepted`)
	}
}

// FuzzJSON holds the JSON reader to encoding/json on any input: the same
// texts accepted and refused, the same values.
func FuzzJSON(f *testing.F) {
	for _, s := range jsonSamples {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if d := sameAsEncodingJSON(data); d != "" {
			t.Fatal(d)
		}
	})
}
