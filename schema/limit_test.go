package schema

import "testing"

// With MaxDeltas, a comparison returns every delta or says TooMany: never
// a part of them, whatever the bound and wherever exploring stops (pairs
// compared only to decide something locally count while exploring).
func TestMaxDeltasAllOrNothing(t *testing.T) {
	tests := []struct{ name, base, rev string }{
		{"properties", `
type: object
properties: {a: {type: string}, b: {type: integer}, c: {enum: [x, y]}, d: {maxLength: 3}}
required: [a]`, `
type: object
properties: {a: {type: integer}, b: {type: string}, c: {enum: [x, y, z]}, d: {maxLength: 2}, e: {type: string}}
required: [a, b]`},
		{"branches", `
anyOf:
  - {type: object, properties: {k: {const: a}, v: {type: string}}, required: [k]}
  - {type: object, properties: {k: {const: b}, v: {oneOf: [{type: string}, {type: integer}]}}, required: [k]}
  - {type: string, maxLength: 5}`, `
oneOf:
  - {type: object, properties: {k: {const: a}, v: {type: integer}}, required: [k]}
  - {type: object, properties: {k: {const: b}, v: {anyOf: [{type: string}, {type: boolean}]}}, required: [k, v]}
  - {type: string, maxLength: 4}
  - {type: number}`},
		{"nested", `
type: object
properties:
  o: {type: object, properties: {p: {type: array, items: {type: string, minLength: 1}}, q: {allOf: [{minimum: 1}, {maximum: 9}]}}}`, `
type: object
properties:
  o: {type: object, properties: {p: {type: array, items: {type: integer}, maxItems: 3}, q: {allOf: [{minimum: 2}, {maximum: 8}]}}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			full := compareT(t, tt.base, tt.rev, Options{})
			if len(full.Deltas) < 3 {
				t.Fatalf("only %d deltas: the case needs more", len(full.Deltas))
			}
			for max := 1; max <= len(full.Deltas)+1; max++ {
				got := compareT(t, tt.base, tt.rev, Options{MaxDeltas: max})
				switch {
				case max < len(full.Deltas) && !got.TooMany:
					t.Errorf("MaxDeltas %d of %d: not TooMany, %d deltas", max, len(full.Deltas), len(got.Deltas))
				case got.TooMany && len(got.Deltas) != 0:
					t.Errorf("MaxDeltas %d: TooMany with %d deltas", max, len(got.Deltas))
				case !got.TooMany && describe(got) != describe(full):
					t.Errorf("MaxDeltas %d: a part of the deltas:\n%s\nwant\n%s", max, describe(got), describe(full))
				}
			}
			if got := compareT(t, tt.base, tt.rev, Options{MaxDeltas: len(full.Deltas)}); got.TooMany {
				t.Errorf("MaxDeltas %d, exactly the deltas there are: TooMany", len(full.Deltas))
			}
		})
	}
}
