package avro

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/eventdiff/eventdiff/internal/corpus"
	"github.com/eventdiff/eventdiff/internal/testload"
	"github.com/eventdiff/eventdiff/rules/catalogue"
	"github.com/eventdiff/eventdiff/schema"
	"github.com/eventdiff/eventdiff/spec"
)

// corpusPayloads loads one corpus pair and returns the Avro payloads of
// its messages by message label, base then revision.
func corpusPayloads(t *testing.T, id string) (base, rev map[string]*spec.Schema) {
	t.Helper()
	for _, p := range corpus.Pairs(t) {
		if p.ID != id {
			continue
		}
		load := func(file, root string) map[string]*spec.Schema {
			doc, err := testload.Load(t, file, root, spec.Options{})
			if err != nil {
				t.Fatal(err)
			}
			out := map[string]*spec.Schema{}
			for _, m := range doc.Messages {
				if m.Payload != nil && IsAvro(m.Payload.RawFormat) {
					out[m.Label()] = m.Payload
				}
			}
			return out
		}
		return load(p.Old, p.OldRoot), load(p.New, p.NewRoot)
	}
	t.Skipf("corpus pair %s not present", id)
	return nil, nil
}

func count(res schema.Result) map[string]int {
	out := map[string]int{}
	for _, d := range res.Deltas {
		out[d.Rule]++
	}
	return out
}

// 063: both envelope schemas gain an optional `description` (a union with
// null first and default null) inside the nested payload record. That is
// AV-01: compatible both ways. Both sides reference
// com.ecommerce.events.EventMetadata, defined in a file the document does
// not include; the same undefined name on both sides is not a change.
func TestCorpus063FieldsAdded(t *testing.T) {
	t.Parallel()
	base, rev := corpusPayloads(t, "063-sokol-avro-fields-added")
	labels := slices.Sorted(maps.Keys(base))
	if !slices.Equal(labels, []string{"ProductCreated", "ProductUpdated"}) {
		t.Fatalf("messages %v", labels)
	}
	for _, label := range labels {
		res := Compare(base[label].Node, rev[label].Node, schema.Options{})
		if got := ruleIDs(res); !slices.Equal(got, []string{catalogue.AvroFieldAddedWithDefault}) || res.Effect != schema.None {
			t.Errorf("%s: %v (%s)", label, got, res.Effect)
			continue
		}
		d := res.Deltas[0]
		file := "new/avro/" + map[string]string{"ProductCreated": "product_created.avsc", "ProductUpdated": "product_updated.avsc"}[label]
		if d.Path != "/fields/payload/type/fields/description" || !strings.HasSuffix(d.Revision.File.Name, file) || d.Revision.Line != 29 {
			t.Errorf("%s: %s at %v", label, d.Path, d.Revision.Loc())
		}
		if !strings.HasSuffix(d.Base.File.Name, strings.Replace(file, "new/", "old/", 1)) || d.Base.Pointer() != "/fields/1/type/fields" {
			t.Errorf("%s: base at %v", label, d.Base.Loc())
		}
	}
}

// 065: the messages now point at the inner business record
// (ProductCreatedPayload) instead of the metadata+payload envelope
// (ProductCreatedEvent). Whatever the wire carries, the documented
// contract changed to a differently named record with other fields: Avro
// resolution rejects the name both ways, so it is incomparable and breaks
// every direction. The field findings are what Avro's checker also lists.
func TestCorpus065PayloadSwap(t *testing.T) {
	t.Parallel()
	base, rev := corpusPayloads(t, "065-sokol-avro-payload-swap")
	for label, names := range map[string][2]string{
		"ProductCreated": {"ProductCreatedEvent", "ProductCreatedPayload"},
		"ProductUpdated": {"ProductUpdatedEvent", "ProductUpdatedPayload"},
	} {
		if base[label] == nil || rev[label] == nil {
			t.Fatalf("%s missing", label)
		}
		res := Compare(base[label].Node, rev[label].Node, schema.Options{})
		if res.Effect != schema.Incomparable {
			t.Errorf("%s: effect %s", label, res.Effect)
		}
		want := map[string]int{
			catalogue.AvroNameChanged:                1,
			catalogue.AvroDocChanged:                 1,
			catalogue.AvroFieldRemovedWithoutDefault: 2, // metadata, payload
			catalogue.AvroFieldAddedWithoutDefault:   8, // product_id, name, price, quantity, enabled, version, created_at, modified_at
			catalogue.AvroFieldAddedWithDefault:      3, // description, image_id, category_id
		}
		if got := count(res); !maps.Equal(got, want) {
			t.Errorf("%s: %v, want %v", label, got, want)
		}
		d := find(t, res, catalogue.AvroNameChanged)
		ns := "com.ecommerce.events.product."
		if d.Old != ns+names[0] || d.New != ns+names[1] || d.Effect != schema.Incomparable {
			t.Errorf("%s: %v → %v (%s)", label, d.Old, d.New, d.Effect)
		}
		if d.Revision.Line != 3 || !strings.HasSuffix(d.Revision.File.Name, ".avsc") {
			t.Errorf("%s: name change at %v", label, d.Revision.Loc())
		}
	}
}
