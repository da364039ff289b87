package schema

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/eventdiff/eventdiff/rules/catalogue"
	"github.com/eventdiff/eventdiff/spec"
)

// FuzzCompareContract checks what the rest of the pipeline relies on in
// Compare's answer for two arbitrary schemas, beyond not panicking (which
// FuzzCompare checks): it returns in bounded time; every delta names a
// rule, a reason and a place in at least one document; the result's
// effect is its deltas combined; the same inputs give the same answer;
// and a schema compared with a separately parsed copy of itself changes
// nothing.
func FuzzCompareContract(f *testing.F) {
	seeds := []string{
		`{type: object, properties: {a: {type: string}}, required: [a]}`,
		`{type: object, properties: {a: {type: integer}}, additionalProperties: false}`,
		`{type: [string, "null"], maxLength: 3, pattern: '^a+$'}`,
		`{oneOf: [{type: string}, {type: integer}], discriminator: {propertyName: k}}`,
		`{items: [{}, {}], additionalItems: false, minItems: 1, uniqueItems: true}`,
		`{definitions: {n: {properties: {c: {$ref: '#/definitions/n'}}}}, $ref: '#/definitions/n'}`,
		`{definitions: {a: {allOf: [{$ref: '#/definitions/b'}]}, b: {anyOf: [{$ref: '#/definitions/a'}, {type: string}]}}, $ref: '#/definitions/a'}`,
		`{not: {enum: [1, "1", null]}, const: 1}`, `{if: {required: [a]}, then: {required: [b]}, else: false}`,
		`{type: number, multipleOf: 0.5, minimum: 0, exclusiveMaximum: 10}`, `{format: date-time, type: string}`,
		`{patternProperties: {'^x-': {type: string}}, propertyNames: {maxLength: 8}}`, `true`, `false`, `{}`,
	}
	for _, a := range seeds {
		for _, b := range seeds {
			f.Add(a, b)
		}
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		timer := time.AfterFunc(10*time.Second, func() { panic("hang: one schema pair ran for more than 10s") })
		defer timer.Stop()
		na, err1 := spec.ParseResolved("a.yaml", []byte(a))
		nb, err2 := spec.ParseResolved("b.yaml", []byte(b))
		if err1 != nil || err2 != nil {
			return
		}
		for _, o := range []Options{{}, {Strict: true, AssertFormat: true}} {
			res := Compare(na, nb, o)
			checkResult(t, res)
			if again := Compare(na, nb, o); summary(again) != summary(res) {
				t.Fatalf("two runs differ:\n%s\n----\n%s", summary(res), summary(again))
			}
			na2, err := spec.ParseResolved("a2.yaml", []byte(a))
			if err != nil {
				t.Fatalf("the same text parses once and not twice: %v", err)
			}
			if same := Compare(na, na2, o); same.Effect != None {
				t.Fatalf("a schema compared with a copy of itself: %s", summary(same))
			}
		}
	})
}

func checkResult(t *testing.T, res Result) {
	t.Helper()
	var effects []Effect
	for _, d := range res.Deltas {
		if d.Rule == "" || d.Reason == "" || (d.Base == nil && d.Revision == nil) {
			t.Fatalf("incomplete delta %+v", d)
		}
		if _, ok := catalogue.Lookup(d.Rule); !ok {
			t.Fatalf("delta with a rule %q that is not in the catalogue", d.Rule)
		}
		effects = append(effects, d.Effect)
	}
	if effect := CombineAll(effects...); effect != res.Effect {
		t.Fatalf("effect %s, deltas combine to %s", res.Effect, effect)
	}
}

// summary is what a report shows of a result, without node identities.
func summary(res Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "effect %s\n", res.Effect)
	for _, d := range res.Deltas {
		fmt.Fprintf(&b, "%s %s %s/%s %v %v %s\n", d.Rule, d.Path, d.Effect, d.StrictEffect, d.BaseRefs, d.RevisionRefs, d.Reason)
		if d.Witness != nil {
			fmt.Fprintf(&b, "  witness %+v\n", *d.Witness)
		}
	}
	return b.String()
}

// Found by FuzzCompareContract: Combine is not associative once unknown
// meets wider and narrower ((unknown+wider)+narrower is unknown,
// unknown+(wider+narrower) incomparable), so the result's effect depended
// on the order the properties were written in.
func TestResultEffectIgnoresOrder(t *testing.T) {
	t.Parallel()
	props := func(order []string, defs map[string]string) string {
		var parts []string
		for _, k := range order {
			parts = append(parts, k+": "+defs[k])
		}
		return "{properties: {" + strings.Join(parts, ", ") + "}}"
	}
	base := map[string]string{"a": "{type: string}", "b": "{maxLength: 2}", "c": "{}"}
	rev := map[string]string{"a": "{type: string, format: '0'}", "b": "{}", "c": "{type: string}"}
	for _, order := range [][]string{{"a", "b", "c"}, {"c", "b", "a"}, {"b", "a", "c"}} {
		nb, err1 := spec.ParseResolved("a.yaml", []byte(props(order, base)))
		nr, err2 := spec.ParseResolved("b.yaml", []byte(props(order, rev)))
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		res := Compare(nb, nr, Options{Strict: true, AssertFormat: true})
		if res.Effect != Incomparable {
			t.Errorf("order %v: effect %s, want incomparable (a wider and a narrower change, whatever the unknown one)\n%s", order, res.Effect, summary(res))
		}
		checkResult(t, res)
	}
	for _, es := range [][]Effect{{Unknown, Wider, Narrower}, {Wider, Unknown, Narrower}, {Narrower, Wider, Unknown}} {
		if got := CombineAll(es...); got != Incomparable {
			t.Errorf("CombineAll%v = %s", es, got)
		}
	}
}
