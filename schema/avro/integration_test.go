package avro

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/eventdiff/eventdiff/rules/catalogue"
	"github.com/eventdiff/eventdiff/schema"
	"github.com/eventdiff/eventdiff/spec"
	"github.com/eventdiff/eventdiff/tree"
)

// message returns the message with the name, checking the action of the
// operation that carries it.
func message(t *testing.T, doc *spec.Document, name string, action spec.Action) *spec.Message {
	t.Helper()
	for _, op := range doc.Operations {
		for _, m := range op.Messages {
			if m.Name == name {
				if op.Action != action {
					t.Errorf("%s: %s is %s, want %s", doc.Name, name, op.Action, action)
				}
				return m
			}
		}
	}
	t.Fatalf("%s: no operation carries message %s", doc.Name, name)
	return nil
}

type wantLoc struct {
	rule              string
	path              string
	baseLine, revLine int
	baseKind, revKind tree.Kind
	old, new          any
	effect            schema.Effect
	baseFile, revFile string // suffix of the file name
	baseRefs, revRefs []string
}

func checkLoc(t *testing.T, res schema.Result, w wantLoc) {
	t.Helper()
	d := find(t, res, w.rule)
	if d.Path != w.path || d.Effect != w.effect {
		t.Errorf("%s: %s %s, want %s %s", w.rule, d.Path, d.Effect, w.path, w.effect)
	}
	if d.Base.File == nil || !strings.HasSuffix(d.Base.File.Name, w.baseFile) || int(d.Base.Line) != w.baseLine || d.Base.Kind != w.baseKind {
		t.Errorf("%s: base at %+v (%s), want %s:%d (%s)", w.rule, d.Base.Loc(), d.Base.Kind, w.baseFile, w.baseLine, w.baseKind)
	}
	if d.Revision.File == nil || !strings.HasSuffix(d.Revision.File.Name, w.revFile) || int(d.Revision.Line) != w.revLine || d.Revision.Kind != w.revKind {
		t.Errorf("%s: revision at %+v (%s), want %s:%d (%s)", w.rule, d.Revision.Loc(), d.Revision.Kind, w.revFile, w.revLine, w.revKind)
	}
	if w.old != nil && d.Old != w.old || w.new != nil && d.New != w.new {
		t.Errorf("%s: %v → %v, want %v → %v", w.rule, d.Old, d.New, w.old, w.new)
	}
	if !slices.Equal(d.BaseRefs, w.baseRefs) || !slices.Equal(d.RevisionRefs, w.revRefs) {
		t.Errorf("%s: refs %v / %v, want %v / %v", w.rule, d.BaseRefs, d.RevisionRefs, w.baseRefs, w.revRefs)
	}
}

func TestIntegrationV3(t *testing.T) {
	t.Parallel()
	dir := filepath.Join("..", "..", "testdata", "avro", "v3")
	base := loadDoc(t, filepath.Join(dir, "base", "asyncapi.yaml"))
	rev := loadDoc(t, filepath.Join(dir, "revision", "asyncapi.yaml"))

	bm, rm := message(t, base, "orderPlaced", spec.Send), message(t, rev, "orderPlaced", spec.Send)
	if bm.Payload.Format != spec.FormatAvro || !IsAvro(rm.Payload.RawFormat) {
		t.Fatalf("payload formats %q / %q", bm.Payload.RawFormat, rm.Payload.RawFormat)
	}
	res := Compare(bm.Payload.Node, rm.Payload.Node, schema.Options{})
	if got := ruleIDs(res); !slices.Equal(got, []string{catalogue.AvroEnumSymbolAdded, catalogue.AvroFieldAddedWithoutDefault}) {
		t.Fatalf("rules %v", got)
	}
	if res.Effect != schema.Incomparable {
		t.Errorf("effect %s", res.Effect)
	}
	refs := []string{"./schemas/order.avsc"}
	checkLoc(t, res, wantLoc{rule: catalogue.AvroFieldAddedWithoutDefault, path: "/fields/salesChannel", effect: schema.Narrower,
		baseFile: "base/schemas/order.avsc", baseLine: 6, baseKind: tree.Seq,
		revFile: "revision/schemas/order.avsc", revLine: 21, revKind: tree.Map, baseRefs: refs, revRefs: refs})
	checkLoc(t, res, wantLoc{rule: catalogue.AvroEnumSymbolAdded, path: "/fields/status/type/symbols/SHIPPED", effect: schema.Wider,
		baseFile: "base/schemas/order.avsc", baseLine: 14, baseKind: tree.Seq,
		revFile: "revision/schemas/order.avsc", revLine: 15, revKind: tree.String, new: "SHIPPED", baseRefs: refs, revRefs: refs})

	bc, rc := message(t, base, "cancelOrder", spec.Receive), message(t, rev, "cancelOrder", spec.Receive)
	if res := Compare(bc.Payload.Node, rc.Payload.Node, schema.Options{}); len(res.Deltas) != 0 {
		t.Errorf("unchanged cancel-order.avsc: %v", ruleIDs(res))
	}
}

func TestIntegrationV26(t *testing.T) {
	t.Parallel()
	dir := filepath.Join("..", "..", "testdata", "avro", "v26")
	base := loadDoc(t, filepath.Join(dir, "base", "asyncapi.yaml"))
	rev := loadDoc(t, filepath.Join(dir, "revision", "asyncapi.yaml"))

	bm, rm := message(t, base, "orderPlaced", spec.Send), message(t, rev, "orderPlaced", spec.Send)
	if !IsAvro(bm.Payload.RawFormat) || rm.Payload.Format != spec.FormatAvro {
		t.Fatalf("payload formats %q / %q", bm.Payload.RawFormat, rm.Payload.RawFormat)
	}
	res := Compare(bm.Payload.Node, rm.Payload.Node, schema.Options{})
	want := []string{catalogue.AvroEnumSymbolAdded, catalogue.AvroFieldAddedWithoutDefault, catalogue.AvroTypePromoted}
	if got := ruleIDs(res); !slices.Equal(got, want) {
		t.Fatalf("rules %v, want %v", got, want)
	}
	refs := []string{"./schemas/order.avsc"}
	checkLoc(t, res, wantLoc{rule: catalogue.AvroFieldAddedWithoutDefault, path: "/fields/currency", effect: schema.Narrower,
		baseFile: "base/schemas/order.avsc", baseLine: 5, baseKind: tree.Seq,
		revFile: "revision/schemas/order.avsc", revLine: 25, revKind: tree.Map, baseRefs: refs, revRefs: refs})
	checkLoc(t, res, wantLoc{rule: catalogue.AvroEnumSymbolAdded, path: "/fields/status/type/symbols/SHIPPED", effect: schema.Wider,
		baseFile: "base/schemas/order.avsc", baseLine: 9, baseKind: tree.Seq,
		revFile: "revision/schemas/order.avsc", revLine: 9, revKind: tree.String, new: "SHIPPED", baseRefs: refs, revRefs: refs})
	checkLoc(t, res, wantLoc{rule: catalogue.AvroTypePromoted, path: "/fields/lines/type/items/fields/quantity/type", effect: schema.Wider,
		baseFile: "base/schemas/order.avsc", baseLine: 20, baseKind: tree.String,
		revFile: "revision/schemas/order.avsc", revLine: 20, revKind: tree.String, old: "int", new: "long", baseRefs: refs, revRefs: refs})

	bc, rc := message(t, base, "cancelOrder", spec.Receive), message(t, rev, "cancelOrder", spec.Receive)
	if res := Compare(bc.Payload.Node, rc.Payload.Node, schema.Options{}); len(res.Deltas) != 0 {
		t.Errorf("unchanged cancel-order.avsc: %v", ruleIDs(res))
	}
}
