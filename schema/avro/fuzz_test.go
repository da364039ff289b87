package avro

import (
	"testing"

	"github.com/eventdiff/eventdiff/schema"
	"github.com/eventdiff/eventdiff/spec"
)

// FuzzCompare feeds arbitrary YAML/JSON pairs to Compare: it must return,
// without panicking, deltas that carry both nodes and a reason, and an
// effect that is the combination of its deltas.
func FuzzCompare(f *testing.F) {
	for _, tc := range ruleCases {
		f.Add(tc.base, tc.rev)
	}
	f.Add(`{"a": {"type": "array", "items": {"$ref": "#/a"}}}`, `"int"`)
	f.Add("type: record\nname: R\nfields:\n  - name: x\n    type: [null, R]\n", "[null, int, {type: map, values: long}]")
	f.Fuzz(func(t *testing.T, a, b string) {
		// Seeds run in parallel under go test; fuzzing runs one input at a time.
		t.Parallel()
		base, err := spec.ParseResolved("base.yaml", []byte(a))
		if err != nil {
			return
		}
		rev, err := spec.ParseResolved("revision.yaml", []byte(b))
		if err != nil {
			return
		}
		res := Compare(base, rev, schema.Options{})
		effect := schema.None
		for _, d := range res.Deltas {
			if d.Base == nil || d.Revision == nil || d.Reason == "" || d.Rule == "" {
				t.Fatalf("incomplete delta %+v", d)
			}
			effect = schema.Combine(effect, d.Effect)
		}
		if effect != res.Effect {
			t.Fatalf("effect %s, deltas combine to %s", res.Effect, effect)
		}
		// A schema never differs from itself.
		if same := Compare(base, base, schema.Options{}); len(same.Deltas) != 0 {
			t.Fatalf("a schema differs from itself: %+v", same.Deltas[0])
		}
	})
}
