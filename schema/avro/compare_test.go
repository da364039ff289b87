package avro

import (
	"slices"
	"strings"
	"testing"

	"github.com/eventdiff/eventdiff/rules/catalogue"
	"github.com/eventdiff/eventdiff/schema"
	"github.com/eventdiff/eventdiff/spec"
	"github.com/eventdiff/eventdiff/tree"
)

func parseNode(t testing.TB, name, text string) *tree.Node {
	t.Helper()
	n, err := spec.ParseResolved(name, []byte(text))
	if err != nil {
		t.Fatalf("%s: %v\n%s", name, err, text)
	}
	return n
}

func compareText(t testing.TB, base, rev string) schema.Result {
	t.Helper()
	return Compare(parseNode(t, "base.json", base), parseNode(t, "revision.json", rev), schema.Options{})
}

func ruleIDs(res schema.Result) []string {
	ids := make([]string, len(res.Deltas))
	for i, d := range res.Deltas {
		ids[i] = d.Rule
	}
	slices.Sort(ids)
	return ids
}

func TestCompareRules(t *testing.T) {
	t.Parallel()
	for _, tc := range ruleCases {
		t.Run(tc.name, func(t *testing.T) {
			res := compareText(t, tc.base, tc.rev)
			want := slices.Clone(tc.rules)
			slices.Sort(want)
			if got := ruleIDs(res); !slices.Equal(got, want) {
				t.Errorf("rules = %v, want %v", got, want)
				for _, d := range res.Deltas {
					t.Logf("  %s %s %s: %s", d.Rule, d.Path, d.Effect, d.Reason)
				}
			}
			if res.Effect != tc.effect {
				t.Errorf("effect = %s, want %s", res.Effect, tc.effect)
			}
			var send, recv bool
			for _, d := range res.Deltas {
				send = send || d.CautionSend
				recv = recv || d.CautionReceive
				checkDelta(t, d)
			}
			if send != tc.send || recv != tc.recv {
				t.Errorf("cautions send=%v receive=%v, want send=%v receive=%v", send, recv, tc.send, tc.recv)
			}
		})
	}
}

// checkDelta asserts what every delta must carry.
func checkDelta(t *testing.T, d schema.Delta) {
	t.Helper()
	if d.Base == nil || d.Revision == nil {
		t.Errorf("%s %s: a node is missing (base %v, revision %v)", d.Rule, d.Path, d.Base, d.Revision)
	}
	if d.Base != nil && d.Base.File != nil && d.Base.File.Name != "base.json" {
		t.Errorf("%s: base node is in %s", d.Rule, d.Base.File.Name)
	}
	if d.Revision != nil && d.Revision.File != nil && d.Revision.File.Name != "revision.json" {
		t.Errorf("%s: revision node is in %s", d.Rule, d.Revision.File.Name)
	}
	if d.Reason == "" {
		t.Errorf("%s: no reason", d.Rule)
	}
	if d.StrictEffect != d.Effect {
		t.Errorf("%s: strict effect %s differs from %s", d.Rule, d.StrictEffect, d.Effect)
	}
	if !strings.HasPrefix(d.Rule, "avro-") {
		t.Errorf("rule %q lacks the avro- prefix", d.Rule)
	}
}

// find returns the only delta with the rule.
func find(t *testing.T, res schema.Result, rule string) schema.Delta {
	t.Helper()
	var out []schema.Delta
	for _, d := range res.Deltas {
		if d.Rule == rule {
			out = append(out, d)
		}
	}
	if len(out) != 1 {
		t.Fatalf("want one %s, got %d in %v", rule, len(out), ruleIDs(res))
	}
	return out[0]
}

func TestDeltaEvidence(t *testing.T) {
	t.Parallel()
	base := `{
  "type": "record",
  "name": "Order",
  "fields": [
    {"name": "id", "type": "string"},
    {"name": "price", "type": "float"},
    {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "PAID"]}}
  ]
}`
	rev := `{
  "type": "record",
  "name": "Order",
  "fields": [
    {"name": "id", "type": "string"},
    {"name": "price", "type": "double"},
    {"name": "status", "type": {"type": "enum", "name": "Status",
      "symbols": ["NEW", "PAID",
        "SHIPPED"]}},
    {"name": "quantity", "type": "int"}
  ]
}`
	res := compareText(t, base, rev)

	added := find(t, res, catalogue.AvroFieldAddedWithoutDefault)
	if added.Path != "/fields/quantity" {
		t.Errorf("path = %q", added.Path)
	}
	if added.Revision.Line != 10 || added.Revision.Kind != tree.Map {
		t.Errorf("revision node at line %d (%s), want the field object at line 10", added.Revision.Line, added.Revision.Kind)
	}
	if added.Base.Pointer() != "/fields" {
		t.Errorf("base node %s, want the closest existing parent /fields", added.Base.Pointer())
	}
	if added.Old != nil || added.New.(map[string]any)["name"] != "quantity" {
		t.Errorf("old/new = %v / %v", added.Old, added.New)
	}
	if added.Reason != "field `quantity` was added without a default: a new reader cannot read records written without it" {
		t.Errorf("reason = %q", added.Reason)
	}
	if !strings.Contains(added.Hint, "add a default") {
		t.Errorf("hint = %q", added.Hint)
	}

	promoted := find(t, res, catalogue.AvroTypePromoted)
	if promoted.Path != "/fields/price/type" || promoted.Old != "float" || promoted.New != "double" {
		t.Errorf("promoted: %s %v → %v", promoted.Path, promoted.Old, promoted.New)
	}
	if promoted.Base.Pointer() != "/fields/1/type" || promoted.Revision.Pointer() != "/fields/1/type" {
		t.Errorf("promoted nodes %s / %s", promoted.Base.Pointer(), promoted.Revision.Pointer())
	}

	sym := find(t, res, catalogue.AvroEnumSymbolAdded)
	if sym.Path != "/fields/status/type/symbols/SHIPPED" || sym.New != "SHIPPED" {
		t.Errorf("symbol: %s %v", sym.Path, sym.New)
	}
	if sym.Revision.Line != 9 || sym.Revision.Value != "SHIPPED" {
		t.Errorf("symbol node at line %d %q, want the symbol at line 9", sym.Revision.Line, sym.Revision.Value)
	}
	if res.Effect != schema.Incomparable {
		t.Errorf("effect %s", res.Effect)
	}
}

func TestRenameHints(t *testing.T) {
	t.Parallel()
	res := compareText(t, rec(fld("price", `"double"`)), rec(fld("amount", `"double"`)))
	for _, rule := range []string{catalogue.AvroFieldRemovedWithoutDefault, catalogue.AvroFieldAddedWithoutDefault} {
		d := find(t, res, rule)
		if !strings.Contains(d.Hint, `list "price" in the aliases of `+"`amount`") {
			t.Errorf("%s hint = %q", rule, d.Hint)
		}
	}
	// Different types: not suggested as a rename.
	res = compareText(t, rec(fld("price", `"double"`)), rec(fld("amount", `"string"`)))
	if d := find(t, res, catalogue.AvroFieldAddedWithoutDefault); strings.Contains(d.Hint, "renamed") {
		t.Errorf("hint suggests a rename across types: %q", d.Hint)
	}
	name := find(t, compareText(t, rec(idField), recNamed("Purchase", idField)), catalogue.AvroNameChanged)
	if name.Hint != "add \"com.example.orders.Order\" to the aliases of `Purchase`" || name.Path != "/name" {
		t.Errorf("name change: %s hint %q", name.Path, name.Hint)
	}
	if name.Old != "com.example.orders.Order" || name.New != "com.example.orders.Purchase" {
		t.Errorf("name change old/new %v %v", name.Old, name.New)
	}
}

func TestUnionPaths(t *testing.T) {
	t.Parallel()
	res := compareText(t, rec(fld("amount", `"int"`)), rec(fld("amount", `["null", "long"]`)))
	if d := find(t, res, catalogue.AvroTypeMadeNullable); d.Path != "/fields/amount/type/null" || d.Base.Pointer() != "/fields/0/type" || d.Revision.Pointer() != "/fields/0/type/0" {
		t.Errorf("made nullable at %s, nodes %s / %s", d.Path, d.Base.Pointer(), d.Revision.Pointer())
	}
	if d := find(t, res, catalogue.AvroTypePromoted); d.Path != "/fields/amount/type/long" || d.Revision.Pointer() != "/fields/0/type/1" {
		t.Errorf("promoted at %s, revision %s", d.Path, d.Revision.Pointer())
	}
}

func TestRecursiveChangeReportedAtFirstPath(t *testing.T) {
	t.Parallel()
	base := `{"type": "record", "name": "Tree", "fields": [
	  {"name": "value", "type": "int"},
	  {"name": "left", "type": ["null", "Tree"], "default": null},
	  {"name": "right", "type": ["null", "Tree"], "default": null}]}`
	rev := strings.Replace(base, `"value", "type": "int"`, `"value", "type": "string"`, 1)
	res := compareText(t, base, rev)
	d := find(t, res, catalogue.AvroTypeChanged)
	if d.Path != "/fields/value/type" {
		t.Errorf("path %s", d.Path)
	}
}

func TestYAMLInline(t *testing.T) {
	t.Parallel()
	// YAML authors leave null unquoted; it still means the null type.
	base := "type: record\nname: Order\nfields:\n  - name: note\n    type: [null, string]\n    default: null\n"
	rev := "type: record\nname: Order\nfields:\n  - name: note\n    type: ['null', string, int]\n    default: null\n"
	res := Compare(parseNode(t, "base.yaml", base), parseNode(t, "revision.yaml", rev), schema.Options{})
	if got := ruleIDs(res); !slices.Equal(got, []string{catalogue.AvroUnionBranchAdded}) {
		t.Fatalf("rules %v", got)
	}
	if d := res.Deltas[0]; d.Revision.Line != 5 || d.Path != "/fields/note/type/int" {
		t.Errorf("delta at %s line %d", d.Path, d.Revision.Line)
	}
}

func TestRefsAreFollowedAndRecorded(t *testing.T) {
	t.Parallel()
	base := `{"schemas": {"Qty": "int"}, "root": {"type": "record", "name": "Order", "fields": [{"name": "q", "type": {"$ref": "#/schemas/Qty"}}]}}`
	rev := `{"schemas": {"Qty": "long"}, "root": {"type": "record", "name": "Order", "fields": [{"name": "q", "type": {"$ref": "#/schemas/Qty"}}]}}`
	b, r := parseNode(t, "base.json", base), parseNode(t, "revision.json", rev)
	res := Compare(b.Get("root"), r.Get("root"), schema.Options{})
	d := find(t, res, catalogue.AvroTypePromoted)
	if !slices.Equal(d.BaseRefs, []string{"#/schemas/Qty"}) || !slices.Equal(d.RevisionRefs, []string{"#/schemas/Qty"}) {
		t.Errorf("refs %v / %v", d.BaseRefs, d.RevisionRefs)
	}
	if d.Base.Pointer() != "/schemas/Qty" {
		t.Errorf("base node %s, want the referenced definition", d.Base.Pointer())
	}
}

func TestNilSides(t *testing.T) {
	t.Parallel()
	if res := Compare(nil, nil, schema.Options{}); len(res.Deltas) != 0 || res.Effect != schema.None {
		t.Errorf("nil/nil: %+v", res)
	}
	res := Compare(nil, parseNode(t, "revision.json", `"int"`), schema.Options{})
	if res.Effect != schema.Unknown || len(res.Deltas) != 1 || res.Deltas[0].Base == nil {
		t.Errorf("nil base: %+v", res)
	}
}

func TestMalformed(t *testing.T) {
	t.Parallel()
	valid := rec(idField)
	bad := []string{
		`42`, `true`, `[]`, `{}`, `{"type": 7}`, `{"type": "record"}`,
		`{"type": "record", "name": "R", "fields": {"a": 1}}`,
		`{"type": "record", "name": "R", "fields": [1, {"type": "int"}, {"name": "a"}, {"name": "a", "type": "int"}, {"name": "a", "type": "int"}]}`,
		`{"type": "enum", "name": "E"}`, `{"type": "fixed", "name": "F", "size": -1}`, `{"type": "fixed", "name": "F", "size": 1.5}`,
		`{"type": "array"}`, `{"type": "map"}`, `["int", ["string"]]`, `["int", "int"]`, `"not a name"`,
		`{"type": "record", "name": "A", "fields": [{"name": "x", "type": {"type": "record", "name": "A", "fields": []}}]}`,
		`{"type": "bytes", "logicalType": "decimal", "precision": "x"}`,
		`{"type": {"type": {"type": "int"}}}`,
	}
	for _, b := range bad {
		for _, pair := range [][2]string{{valid, b}, {b, valid}, {b, b}} {
			res := compareText(t, pair[0], pair[1])
			for _, d := range res.Deltas {
				if d.Base == nil || d.Revision == nil || d.Reason == "" {
					t.Errorf("%s vs %s: incomplete delta %+v", pair[0], pair[1], d)
				}
			}
			if pair[0] != pair[1] && res.Effect != schema.Unknown && res.Effect != schema.Incomparable {
				t.Errorf("%s vs %s: effect %s, want unknown (or incomparable)", pair[0], pair[1], res.Effect)
			}
		}
		if res := compareText(t, b, b); len(res.Deltas) != 0 {
			t.Errorf("%s against itself: %v", b, ruleIDs(res))
		}
	}
}

func TestRefCycleDoesNotHang(t *testing.T) {
	t.Parallel()
	// An array whose items are the array itself, through $ref: not
	// expressible in Avro (recursion needs a named type), must end.
	doc := `{"a": {"type": "array", "items": {"$ref": "#/a"}}}`
	n := parseNode(t, "base.json", doc)
	res := Compare(n.Get("a"), n.Get("a"), schema.Options{})
	_ = res // the same node on both sides: whatever it says, it returned
	n2 := parseNode(t, "revision.json", `{"a": {"type": "array", "items": "int"}}`)
	res = Compare(n.Get("a"), n2.Get("a"), schema.Options{})
	if res.Effect != schema.Unknown {
		t.Errorf("cycle vs array of int: %s %v", res.Effect, ruleIDs(res))
	}
}

func TestOptionsDoNotChangeAvro(t *testing.T) {
	t.Parallel()
	b, r := parseNode(t, "base.json", rec(idField)), parseNode(t, "revision.json", rec(idField, fld("q", `"int"`)))
	a := Compare(b, r, schema.Options{})
	s := Compare(b, r, schema.Options{Strict: true})
	if a.Effect != s.Effect || len(a.Deltas) != len(s.Deltas) {
		t.Errorf("strict changed the result: %s vs %s", a.Effect, s.Effect)
	}
}

func TestMultiFormatSchemaObjectInsideAvro(t *testing.T) {
	t.Parallel()
	doc := func(city string) string {
		return `{"components": {"schemas": {"Address": {"schemaFormat": "application/vnd.apache.avro;version=1.9.0",
		  "schema": {"type": "record", "name": "Address", "fields": [{"name": "city", "type": "` + city + `"}]}}}},
		  "root": {"type": "record", "name": "Order", "fields": [{"name": "shipTo", "type": {"$ref": "#/components/schemas/Address"}}]}}`
	}
	b := parseNode(t, "base.json", doc("string")).Get("root")
	r := parseNode(t, "revision.json", doc("bytes")).Get("root")
	res := Compare(b, r, schema.Options{})
	if got := ruleIDs(res); !slices.Equal(got, []string{catalogue.AvroTypeStringToBytes}) {
		t.Fatalf("rules %v", got)
	}
	if d := res.Deltas[0]; d.Path != "/fields/shipTo/type/fields/city/type" || !slices.Equal(d.BaseRefs, []string{"#/components/schemas/Address"}) {
		t.Errorf("%s refs %v", d.Path, d.BaseRefs)
	}
}
