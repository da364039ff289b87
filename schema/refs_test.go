package schema

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/eventdiff/eventdiff/spec"
	"github.com/eventdiff/eventdiff/tree"
)

// root parses a document and returns its `root` schema, so references
// into `definitions` resolve.
func root(t testing.TB, name, src string) *tree.Node {
	t.Helper()
	doc := parse(t, name, src)
	r := doc.Get("root")
	if r == nil {
		t.Fatalf("%s has no root", name)
	}
	return r
}

const recursiveTree = `
definitions:
  Node:
    type: object
    required: [value]
    properties:
      value: {type: integer, maximum: %MAX%}
      children:
        type: array
        items: {$ref: '#/definitions/Node'}
root: {$ref: '#/definitions/Node'}
`

func treeDoc(max string) string { return strings.ReplaceAll(recursiveTree, "%MAX%", max) }

func TestRefRenamedWithSameContentIsNoDelta(t *testing.T) {
	t.Parallel()
	b := root(t, "b.yaml", `
definitions:
  Order: {type: object, required: [id], properties: {id: {type: string}, lines: {type: array, items: {$ref: '#/definitions/Line'}}}}
  Line: {type: object, properties: {sku: {type: string}}}
root: {$ref: '#/definitions/Order'}
`)
	r := root(t, "r.yaml", `
definitions:
  PurchaseOrder: {type: object, required: [id], properties: {id: {type: string}, lines: {type: array, items: {$ref: '#/definitions/OrderLine'}}}}
  OrderLine: {type: object, properties: {sku: {type: string}}}
root: {$ref: '#/definitions/PurchaseOrder'}
`)
	res := compareNodes(t, b, r, strict)
	if len(res.Deltas) != 0 || res.Effect != None {
		t.Fatalf("want no delta for a renamed target with identical content:\n%s", describe(res))
	}
}

func TestInlineVersusRefIsNoDelta(t *testing.T) {
	t.Parallel()
	b := root(t, "b.yaml", `
definitions:
  Line: {type: object, properties: {sku: {type: string}}}
root: {type: array, items: {$ref: '#/definitions/Line'}}
`)
	r := root(t, "r.yaml", `
root: {type: array, items: {type: object, properties: {sku: {type: string}}}}
`)
	for _, pair := range [][2]*tree.Node{{b, r}, {r, b}} {
		res := compareNodes(t, pair[0], pair[1], strict)
		if len(res.Deltas) != 0 {
			t.Fatalf("want no delta between inline and $ref:\n%s", describe(res))
		}
	}
}

func TestRecursiveSchemaUnchanged(t *testing.T) {
	t.Parallel()
	b := root(t, "b.yaml", treeDoc("10"))
	r := root(t, "r.yaml", treeDoc("10"))
	done := make(chan Result, 1)
	go func() { done <- compareNodes(t, b, r, strict) }()
	select {
	case res := <-done:
		if len(res.Deltas) != 0 {
			t.Fatalf("unchanged recursive schema gave deltas:\n%s", describe(res))
		}
	case <-time.After(5 * time.Second):
		t.Fatal("comparing a recursive schema did not end")
	}
}

func TestRecursiveSchemaChangedDeepInside(t *testing.T) {
	t.Parallel()
	b := root(t, "b.yaml", treeDoc("10"))
	r := root(t, "r.yaml", treeDoc("5"))
	res := compareNodes(t, b, r, strict)
	if len(res.Deltas) != 1 {
		t.Fatalf("want exactly one delta (reported once, not per recursion):\n%s", describe(res))
	}
	d := res.Deltas[0]
	if d.Rule != "schema-maximum-decreased" || d.Effect != Narrower || res.Effect != Narrower {
		t.Errorf("got %s %v, overall %v", d.Rule, d.Effect, res.Effect)
	}
	if d.Path != "/properties/value/maximum" {
		t.Errorf("path %q", d.Path)
	}
	if !reflect.DeepEqual(d.BaseRefs, []string{"#/definitions/Node"}) || !reflect.DeepEqual(d.RevisionRefs, []string{"#/definitions/Node"}) {
		t.Errorf("refs %v %v", d.BaseRefs, d.RevisionRefs)
	}
	if d.Base.Pointer() != "/definitions/Node/properties/value/maximum" {
		t.Errorf("base node is not the real node: %s", d.Base.Pointer())
	}
	if d.Old != 10.0 || d.New != 5.0 {
		t.Errorf("old/new %v %v", d.Old, d.New)
	}
	if d.Witness == nil || d.Witness.ValidIn != "base" {
		t.Fatalf("want a base witness, got %+v", d.Witness)
	}
	if ok, sure := Validate(b, d.Witness.Value, strict); !ok || !sure {
		t.Errorf("witness %v not valid in base", d.Witness.Value)
	}
	if ok, _ := Validate(r, d.Witness.Value, strict); ok {
		t.Errorf("witness %v valid in revision", d.Witness.Value)
	}
}

func TestMutualRecursionChangedInOneHalf(t *testing.T) {
	t.Parallel()
	src := func(kind string) string {
		return `
definitions:
  Folder: {type: object, properties: {name: {type: string}, entries: {type: array, items: {$ref: '#/definitions/Entry'}}}}
  Entry:
    type: object
    required: [kind]
    properties:
      kind: {enum: [` + kind + `]}
      folder: {$ref: '#/definitions/Folder'}
root: {$ref: '#/definitions/Folder'}
`
	}
	b := root(t, "b.yaml", src("file, link"))
	r := root(t, "r.yaml", src("file"))
	res := compareNodes(t, b, r, strict)
	if len(res.Deltas) != 1 || res.Deltas[0].Rule != "schema-enum-value-removed" {
		t.Fatalf("want one enum-value-removed:\n%s", describe(res))
	}
	d := res.Deltas[0]
	if d.Path != "/properties/entries/items/properties/kind/enum" {
		t.Errorf("path %q", d.Path)
	}
	if !reflect.DeepEqual(d.BaseRefs, []string{"#/definitions/Folder", "#/definitions/Entry"}) {
		t.Errorf("base refs %v", d.BaseRefs)
	}
	// Entering the cycle from the other half reports the same nodes.
	bb, rr := b.Parent.Get("definitions").Get("Entry"), r.Parent.Get("definitions").Get("Entry")
	res2 := compareNodes(t, bb, rr, strict)
	if len(res2.Deltas) != 1 || res2.Deltas[0].Base != d.Base || res2.Deltas[0].Revision != d.Revision {
		t.Fatalf("entering from Entry: want the same single delta on the same nodes:\n%s", describe(res2))
	}
}

func TestSharedSchemaReportedOnce(t *testing.T) {
	t.Parallel()
	src := func(max string) string {
		return `
definitions:
  Money: {type: number, maximum: ` + max + `}
root:
  type: object
  properties:
    price: {$ref: '#/definitions/Money'}
    tax: {$ref: '#/definitions/Money'}
    lines: {type: array, items: {type: object, properties: {amount: {$ref: '#/definitions/Money'}}}}
`
	}
	b, r := root(t, "b.yaml", src("100")), root(t, "r.yaml", src("50"))
	res := compareNodes(t, b, r, strict)
	if len(res.Deltas) != 1 {
		t.Fatalf("want the shared change once:\n%s", describe(res))
	}
	d := res.Deltas[0]
	if d.Path != "/properties/price/maximum" || d.Base.Pointer() != "/definitions/Money/maximum" {
		t.Errorf("path %q, base %s", d.Path, d.Base.Pointer())
	}
	if !reflect.DeepEqual(d.BaseRefs, []string{"#/definitions/Money"}) {
		t.Errorf("refs %v", d.BaseRefs)
	}
}

func TestDeltaNodesAreTheDocumentsNodes(t *testing.T) {
	t.Parallel()
	b := parse(t, "b.yaml", `{type: object, required: [id], properties: {id: {type: string}, status: {type: string, enum: [A, B]}}}`)
	r := parse(t, "r.yaml", `{type: object, required: [id, status], properties: {id: {type: string}, status: {type: string, enum: [A]}}}`)
	res := compareNodes(t, b, r, Options{})
	for _, d := range res.Deltas {
		for _, n := range []*tree.Node{d.Base, d.Revision} {
			if n == nil {
				continue
			}
			top := n
			for top.Parent != nil {
				top = top.Parent
			}
			if top != b && top != r {
				t.Errorf("%s: node %s is not in either document", d.Rule, n.Pointer())
			}
		}
	}
	var enum *Delta
	for i := range res.Deltas {
		if res.Deltas[i].Rule == "schema-enum-value-removed" {
			enum = &res.Deltas[i]
		}
	}
	if enum == nil {
		t.Fatalf("no enum delta:\n%s", describe(res))
	}
	if enum.Base != b.Get("properties").Get("status").Get("enum") || enum.Revision != r.Get("properties").Get("status").Get("enum") {
		t.Errorf("enum delta points at %s / %s", enum.Base.Pointer(), enum.Revision.Pointer())
	}
	if !reflect.DeepEqual(enum.Old, []any{"A", "B"}) || !reflect.DeepEqual(enum.New, []any{"A"}) {
		t.Errorf("old/new %v %v", enum.Old, enum.New)
	}
	if !strings.Contains(enum.Hint, "keep the old enum value") {
		t.Errorf("hint %q", enum.Hint)
	}
	if enum.Path != "/properties/status/enum" {
		t.Errorf("path %q", enum.Path)
	}
}

func TestEvidence(t *testing.T) {
	t.Parallel()
	b := `{type: object, required: [id], properties: {id: {type: string}, status: {type: string}}}`
	r := `{type: object, required: [id, status], properties: {id: {type: string}, status: {type: string}}}`
	res := compareT(t, b, r, Options{})
	if len(res.Deltas) != 1 {
		t.Fatalf("%s", describe(res))
	}
	d := res.Deltas[0]
	if !strings.Contains(d.Reason, "`status` is now required") || !strings.Contains(d.Reason, "rejected") {
		t.Errorf("reason %q", d.Reason)
	}
	if d.Hint != "make it optional" {
		t.Errorf("hint %q", d.Hint)
	}
	w := d.Witness
	if w == nil || w.ValidIn != "base" || w.Source != "generated" {
		t.Fatalf("witness %+v", w)
	}
	if m, ok := w.Value.(map[string]any); !ok || m["id"] == nil || m["status"] != nil {
		t.Errorf("want a minimal object with id and without status, got %#v", w.Value)
	}

	// A message example that proves it is preferred over a generated value.
	ex := map[string]any{"id": "o-1", "note": "x"}
	res = compareT(t, b, r, Options{BaseExamples: []any{map[string]any{"id": "o-2", "status": "new"}, ex}})
	w = res.Deltas[0].Witness
	if w == nil || w.Source != "example" || !reflect.DeepEqual(w.Value, ex) {
		t.Errorf("want the example as witness, got %+v", w)
	}
}

func TestWitnessForWiderAndIncomparable(t *testing.T) {
	t.Parallel()
	res := compareT(t, `{type: object, properties: {n: {type: integer, maximum: 5}}}`, `{type: object, properties: {n: {type: integer, maximum: 7}}}`, strict)
	w := res.Deltas[0].Witness
	if w == nil || w.ValidIn != "revision" {
		t.Fatalf("witness %+v\n%s", w, describe(res))
	}
	if m := w.Value.(map[string]any); m["n"].(float64) <= 5 || m["n"].(float64) > 7 {
		t.Errorf("witness %v is not between the bounds", w.Value)
	}
	res = compareT(t, `{type: string}`, `{type: integer}`, strict)
	if w := res.Deltas[0].Witness; w == nil {
		t.Fatalf("no witness for a type change")
	}
}

func TestUnknownPatternProvedIncomparableByWitnesses(t *testing.T) {
	t.Parallel()
	b := `{type: object, properties: {sku: {type: string, pattern: "^[A-Z]{3}$"}}}`
	r := `{type: object, properties: {sku: {type: string, pattern: "^[0-9]{3}$"}}}`
	res := compareT(t, b, r, Options{
		BaseExamples:     []any{map[string]any{"sku": "ABC"}},
		RevisionExamples: []any{map[string]any{"sku": "123"}},
	})
	if len(res.Deltas) != 1 || res.Deltas[0].Effect != Incomparable || res.Deltas[0].Witness == nil || res.Deltas[0].Witness.Source != "example" {
		t.Fatalf("want examples to prove incomparable:\n%s", describe(res))
	}
	// Without examples, strings sampled from each pattern do it.
	res = compareT(t, b, r, Options{})
	if res.Deltas[0].Effect != Incomparable || res.Deltas[0].Witness == nil || res.Deltas[0].Witness.Source != "generated" {
		t.Fatalf("without examples want generated witnesses:\n%s", describe(res))
	}
	// With nothing to sample (the patterns only differ in a way samples
	// miss), the change stays unknown.
	res = compareT(t, `{type: string, pattern: "^a.*$"}`, `{type: string, pattern: "^a"}`, Options{})
	if res.Deltas[0].Effect != Unknown {
		t.Fatalf("want unknown:\n%s", describe(res))
	}
}

func TestCautionOnFormatWidth(t *testing.T) {
	t.Parallel()
	res := compareT(t, `{type: integer, format: int32}`, `{type: integer, format: int64}`, Options{})
	if len(res.Deltas) != 1 || !res.Deltas[0].CautionSend || res.Deltas[0].CautionReceive {
		t.Fatalf("int32→int64 must caution senders:\n%s", describe(res))
	}
	res = compareT(t, `{type: number, format: double}`, `{type: number, format: float}`, Options{})
	if len(res.Deltas) != 1 || !res.Deltas[0].CautionReceive {
		t.Fatalf("double→float must caution receivers:\n%s", describe(res))
	}
	res = compareT(t, `{type: string, default: a}`, `{type: string, default: b}`, Options{})
	if !res.Deltas[0].CautionReceive {
		t.Fatalf("default change must caution receivers")
	}
}

func TestDiscriminatedBranchRenamed(t *testing.T) {
	t.Parallel()
	src := func(name string) string {
		return `
definitions:
  ` + name + `: {type: object, required: [petType], properties: {petType: {type: string}, meow: {type: boolean}}}
  Dog: {type: object, required: [petType], properties: {petType: {type: string}, bark: {type: boolean}}}
root:
  discriminator: petType
  oneOf:
    - {$ref: '#/definitions/` + name + `'}
    - {$ref: '#/definitions/Dog'}
`
	}
	res := compareNodes(t, root(t, "b.yaml", src("Cat")), root(t, "r.yaml", src("Kitty")), Options{})
	if got := ruleIDs(res); !reflect.DeepEqual(got, []string{"schema-discriminator-changed"}) || res.Effect != Incomparable {
		t.Fatalf("renaming a discriminated schema changes wire values:\n%s", describe(res))
	}
	if res.Deltas[0].Old != "Cat" || res.Deltas[0].New != "Kitty" {
		t.Errorf("old/new %v %v", res.Deltas[0].Old, res.Deltas[0].New)
	}
}

func TestIdenticalPointersShortCircuit(t *testing.T) {
	n := root(t, "b.yaml", treeDoc("10"))
	if res := Compare(n, n, Options{}); len(res.Deltas) != 0 {
		t.Fatal("same node gave deltas")
	}
	allocs := testing.AllocsPerRun(100, func() { Compare(n, n, Options{}) })
	if allocs > 0 {
		t.Errorf("comparing a node with itself allocates %v times", allocs)
	}
}

func TestDeterministic(t *testing.T) {
	t.Parallel()
	b := `{type: object, required: [a], properties: {a: {type: string}, b: {enum: [1, 2]}, c: {anyOf: [{type: string}, {type: integer}]}}}`
	r := `{type: object, required: [b], properties: {a: {type: integer}, b: {enum: [2, 3]}, c: {anyOf: [{type: integer}, {type: boolean}]}, d: {}}}`
	first := describe(compareT(t, b, r, Options{}))
	for i := 0; i < 20; i++ {
		if got := describe(compareT(t, b, r, Options{})); got != first {
			t.Fatalf("run %d differs:\n%s\nvs\n%s", i, got, first)
		}
	}
}

// Malformed schemas are compared as best possible, never panicking.
func TestMalformedSchemasAreTolerated(t *testing.T) {
	t.Parallel()
	weird := []string{
		`{type: 5}`, `{properties: []}`, `{required: "x"}`, `{type: [5, {}]}`, `{enum: 3}`, `{const: null}`,
		`{items: 7}`, `{items: [1, "x"]}`, `{allOf: {}}`, `{anyOf: []}`, `{oneOf: [null]}`, `{not: 3}`,
		`{maximum: "ten"}`, `{minLength: -1}`, `{multipleOf: 0}`, `{pattern: "("}`, `{patternProperties: {"(": {}}}`,
		`{dependencies: {a: 5}}`, `{additionalProperties: "no"}`, `{if: 1, then: 2}`, `{type: object, properties: {a: [1]}}`,
		`[1, 2]`, `"string"`, `42`, `null`, `{format: 7}`, `{discriminator: {propertyName: 3}}`, `{exclusiveMaximum: true}`,
		`{type: integer, maximum: 1e400}`, `{propertyNames: false}`, `{contains: false}`, `{additionalItems: false}`,
	}
	for _, a := range weird {
		for _, b := range weird {
			func() {
				defer func() {
					if p := recover(); p != nil {
						t.Fatalf("panic comparing %s with %s: %v", a, b, p)
					}
				}()
				for _, o := range []Options{{}, {Strict: true, AssertFormat: true, OpenAPI: true}} {
					compareT(t, a, b, o)
				}
			}()
		}
	}
}

func FuzzCompare(f *testing.F) {
	seeds := []string{
		`{type: object, properties: {a: {type: string}}}`, `{type: [string, "null"], maxLength: 3}`,
		`{oneOf: [{type: string}, {type: integer}]}`, `{items: [{}, {}], additionalItems: false}`,
		`{definitions: {n: {properties: {c: {$ref: '#/definitions/n'}}}}, $ref: '#/definitions/n'}`,
		`{not: {enum: [1]}}`, `{if: {required: [a]}, then: {required: [b]}}`, `{type: 5}`, `{properties: []}`,
	}
	for _, a := range seeds {
		for _, b := range seeds {
			f.Add(a, b)
		}
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		// Seeds run in parallel under go test; fuzzing runs one input at a time.
		t.Parallel()
		na, err1 := spec.ParseResolved("a.yaml", []byte(a))
		nb, err2 := spec.ParseResolved("b.yaml", []byte(b))
		if err1 != nil || err2 != nil {
			return
		}
		full := Compare(na, nb, Options{})
		Compare(na, nb, Options{Strict: true, AssertFormat: true, OpenAPI: true})
		// A bound on deltas gives all of them or TooMany, never a part.
		if n := len(full.Deltas); n > 1 {
			for _, max := range []int{1, n / 2, n - 1, n} {
				got := Compare(na, nb, Options{MaxDeltas: max})
				if (max < n && !got.TooMany) || (!got.TooMany && describe(got) != describe(full)) || (got.TooMany && len(got.Deltas) > 0) {
					t.Fatalf("MaxDeltas %d of %d deltas: TooMany %v, %d deltas", max, n, got.TooMany, len(got.Deltas))
				}
			}
		}
	})
}

// Compare only reads the documents, so callers may compare messages that
// share schemas from several goroutines.
func TestConcurrentCompares(t *testing.T) {
	t.Parallel()
	b := root(t, "b.yaml", treeDoc("10"))
	r := root(t, "r.yaml", treeDoc("5"))
	done := make(chan string, 8)
	for i := 0; i < 8; i++ {
		go func() { done <- describe(Compare(b, r, Options{})) }()
	}
	first := <-done
	for i := 1; i < 8; i++ {
		if got := <-done; got != first {
			t.Fatalf("concurrent results differ:\n%s\n%s", first, got)
		}
	}
}

func TestRefsThroughAWrapper(t *testing.T) {
	t.Parallel()
	b := root(t, "b.yaml", `
definitions:
  Money: {type: number, maximum: 100}
root: {type: object, properties: {price: {$ref: '#/definitions/Money'}}}
`)
	r := root(t, "r.yaml", `
definitions:
  Amount: {allOf: [{$ref: '#/definitions/Money'}]}
  Money: {type: number, maximum: 50}
root: {type: object, properties: {price: {$ref: '#/definitions/Amount'}}}
`)
	res := compareNodes(t, b, r, strict)
	var max *Delta
	for i := range res.Deltas {
		if res.Deltas[i].Rule == "schema-maximum-decreased" {
			max = &res.Deltas[i]
		}
	}
	if max == nil {
		t.Fatalf("no maximum delta:\n%s", describe(res))
	}
	if !reflect.DeepEqual(max.RevisionRefs, []string{"#/definitions/Amount", "#/definitions/Money"}) || !reflect.DeepEqual(max.BaseRefs, []string{"#/definitions/Money"}) {
		t.Errorf("refs %v / %v", max.BaseRefs, max.RevisionRefs)
	}
	if max.Path != "/properties/price/maximum" {
		t.Errorf("path %q", max.Path)
	}
}

// Two messages sharing a component give deltas a caller can merge by
// (Rule, Base, Revision).
func TestDeltasAcrossComparesShareNodes(t *testing.T) {
	t.Parallel()
	src := func(max string) string {
		return `
definitions:
  Line: {type: object, properties: {qty: {type: integer, maximum: ` + max + `}}}
created: {type: object, properties: {lines: {type: array, items: {$ref: '#/definitions/Line'}}}}
updated: {type: object, properties: {line: {$ref: '#/definitions/Line'}}}
`
	}
	b, r := parse(t, "b.yaml", src("10")), parse(t, "r.yaml", src("5"))
	one := compareNodes(t, b.Get("created"), r.Get("created"), strict)
	two := compareNodes(t, b.Get("updated"), r.Get("updated"), strict)
	if len(one.Deltas) != 1 || len(two.Deltas) != 1 {
		t.Fatalf("%s\n%s", describe(one), describe(two))
	}
	d1, d2 := one.Deltas[0], two.Deltas[0]
	if d1.Rule != d2.Rule || d1.Base != d2.Base || d1.Revision != d2.Revision {
		t.Errorf("the shared change is not recognisable as one: %v/%v vs %v/%v", d1.Base.Loc(), d1.Revision.Loc(), d2.Base.Loc(), d2.Revision.Loc())
	}
	if d1.Path == d2.Path {
		t.Errorf("paths should differ per message, both %q", d1.Path)
	}
}

// An example is a witness only for the change that makes it fail.
func TestExampleWitnessMatchesItsDelta(t *testing.T) {
	t.Parallel()
	b := `{type: object, properties: {id: {type: string}, note: {type: string, maxLength: 10}}}`
	r := `{type: object, required: [id], properties: {id: {type: string}, note: {type: string, maxLength: 5}}}`
	ex := map[string]any{"note": "hi"} // lacks id, short note
	res := compareT(t, b, r, Options{BaseExamples: []any{ex}})
	for _, d := range res.Deltas {
		switch d.Rule {
		case "schema-required-added":
			if d.Witness == nil || d.Witness.Source != "example" {
				t.Errorf("required-added: want the example, got %+v", d.Witness)
			}
		case "schema-max-length-decreased":
			if d.Witness != nil && d.Witness.Source == "example" {
				t.Errorf("max-length-decreased: the example does not show it, got %+v", d.Witness)
			}
			if d.Witness == nil {
				t.Errorf("max-length-decreased: want a generated witness")
			}
		}
	}
}

// AsyncAPI hierarchies put the discriminator on the parent that children
// extend with allOf; renaming a child changes its wire value too.
func TestDiscriminatedHierarchyChildRenamed(t *testing.T) {
	t.Parallel()
	src := func(name string) string {
		return `
definitions:
  Pet: {type: object, discriminator: petType, required: [petType], properties: {petType: {type: string}}}
  ` + name + `: {allOf: [{$ref: '#/definitions/Pet'}, {properties: {meow: {type: boolean}}}]}
  Dog: {allOf: [{$ref: '#/definitions/Pet'}, {properties: {bark: {type: boolean}}}]}
root:
  oneOf:
    - {$ref: '#/definitions/` + name + `'}
    - {$ref: '#/definitions/Dog'}
`
	}
	res := compareNodes(t, root(t, "b.yaml", src("Cat")), root(t, "r.yaml", src("Kitty")), Options{})
	if got := ruleIDs(res); !reflect.DeepEqual(got, []string{"schema-discriminator-changed"}) {
		t.Fatalf("want the rename reported:\n%s", describe(res))
	}
	// Renaming a schema outside any hierarchy is no change.
	plain := func(name string) string {
		return `
definitions:
  ` + name + `: {type: object, properties: {meow: {type: boolean}}}
root: {oneOf: [{$ref: '#/definitions/` + name + `'}, {type: string}]}
`
	}
	if res := compareNodes(t, root(t, "b.yaml", plain("Cat")), root(t, "r.yaml", plain("Kitty")), Options{}); len(res.Deltas) != 0 {
		t.Fatalf("plain rename: %s", describe(res))
	}
}
