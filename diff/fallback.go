package diff

import (
	"eventdiff/schema"
	"eventdiff/spec"
)

// compareJSONSchemas is the JSON Schema engine. Until the effect engine
// lands it only says whether a schema changed.
var compareJSONSchemas = func(a, b *spec.Node, _ schema.Options) schema.Result {
	if spec.EqualResolved(a, b) {
		return schema.Result{}
	}
	return schema.Result{Effect: schema.Unknown, Deltas: []schema.Delta{{Rule: "schema-changed", Base: a, Revision: b,
		Effect: schema.Unknown, StrictEffect: schema.Unknown, Reason: "the schema changed"}}}
}
