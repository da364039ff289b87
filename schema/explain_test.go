package schema

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestExplain(t *testing.T) {
	const order = `
type: object
required: [id, total]
properties:
  id: {type: string}
  total: {type: number, maximum: 100}
  kind:
    anyOf:
      - {type: string, enum: [a, b]}
      - {type: integer}
  tags:
    type: array
    contains: {const: vip}
  secret: false
additionalProperties:
  $ref: '#/$defs/Extra'
$defs:
  Extra: {type: string}
`
	s := parse(t, "order.yaml", order)
	cases := []struct {
		name, value string
		valid       bool
		want        []string // keyword@pointer of each failure, in order
	}{
		{"valid", `{"id":"1","total":5,"kind":"a","tags":["vip"]}`, true, nil},
		{"missing required", `{"id":"1"}`, false, []string{"required@/required"}},
		{"two failures", `{"id":1,"total":500}`, false,
			[]string{"type@/properties/id/type", "maximum@/properties/total/maximum"}},
		// The branches' own failures are not the reason: no branch matched.
		{"anyOf", `{"id":"1","total":1,"kind":2.5}`, false, []string{"anyOf@/properties/kind/anyOf"}},
		{"contains", `{"id":"1","total":1,"tags":["x"]}`, false, []string{"contains@/properties/tags/contains"}},
		{"false schema", `{"id":"1","total":1,"secret":1}`, false, []string{"false@/properties/secret"}},
		// A failure behind a $ref points where the keyword is written.
		{"through a reference", `{"id":"1","total":1,"extra":3}`, false, []string{"type@/$defs/Extra/type"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var v any
			if err := json.Unmarshal([]byte(c.value), &v); err != nil {
				t.Fatal(err)
			}
			got := Explain(s, v, Options{})
			if got.Valid != c.valid || !got.Certain {
				t.Fatalf("valid, certain = %v, %v; want %v, true", got.Valid, got.Certain, c.valid)
			}
			if ok, _ := Validate(s, v, Options{}); ok != got.Valid {
				t.Errorf("Explain says %v, Validate %v", got.Valid, ok)
			}
			var fails []string
			for _, f := range got.Failures {
				fails = append(fails, FailureKeyword(f)+"@"+f.Pointer())
			}
			if strings.Join(fails, " ") != strings.Join(c.want, " ") {
				t.Errorf("failures %v, want %v", fails, c.want)
			}
		})
	}
}

// A value far larger than a witness is still judged, not given up on.
func TestExplainLargeValue(t *testing.T) {
	s := parse(t, "list.yaml", "type: array\nitems: {type: object, required: [id], properties: {id: {type: integer}}}\n")
	items := make([]any, 20000)
	for i := range items {
		items[i] = map[string]any{"id": float64(i)}
	}
	if ok, certain := Validate(s, items, Options{}); certain {
		t.Fatalf("the witness validator is expected to give up on this size (valid %v)", ok)
	}
	got := Explain(s, items, Options{})
	if !got.Valid || !got.Certain {
		t.Fatalf("valid, certain = %v, %v", got.Valid, got.Certain)
	}
	items[19999] = map[string]any{"id": "x"}
	got = Explain(s, items, Options{})
	if got.Valid || !got.Certain || len(got.Failures) != 1 || got.Failures[0].Pointer() != "/items/properties/id/type" {
		t.Fatalf("got %+v", got)
	}
}

func TestExplainUncertain(t *testing.T) {
	s := parse(t, "p.yaml", "type: string\npattern: '(?<=a)b'\n")
	if got := Explain(s, "ab", Options{}); got.Certain {
		t.Fatalf("a pattern Go cannot compile cannot give a certain answer: %+v", got)
	}
}

func TestMissingRequired(t *testing.T) {
	s := parse(t, "m.yaml", `
type: object
required: [id]
properties:
  id: {type: string}
  lines:
    type: array
    items: {$ref: '#/$defs/Line'}
$defs:
  Line:
    allOf:
      - type: object
        required: [sku, qty]
`)
	var v any
	if err := json.Unmarshal([]byte(`{"lines":[{"sku":"a","qty":1},{"sku":"b"}]}`), &v); err != nil {
		t.Fatal(err)
	}
	x := Explain(s, v, Options{})
	var got []string
	for _, f := range x.Failures {
		got = append(got, FailureKeyword(f)+":"+strings.Join(MissingRequired(s, v, f), ","))
	}
	if want := "required:qty required:id"; strings.Join(got, " ") != want {
		t.Fatalf("got %v, want %s", got, want)
	}
}
