package schema

import "sort"

// RuleInfo describes one schema rule: the id a Delta carries, the row of
// the catalogue (reference/schema-rules.md §2) it implements, and what it
// detects.
type RuleInfo struct {
	ID          string
	Row         string // "JS-01"
	Description string // one line
}

// Rules is the catalogue of every Delta.Rule the engine emits, sorted by ID.
var Rules = sortedRules([]RuleInfo{
	{"schema-property-removed", "JS-01", "optional property removed from an open object (strict: wider; pragmatic: none)"},
	{"schema-required-property-removed", "JS-02", "required property removed: messages may omit it"},
	{"schema-property-removed-from-closed", "JS-03", "property removed from a closed object: messages carrying it are rejected"},
	{"schema-required-property-removed-from-closed", "JS-04", "required property removed from a closed object: old and new messages are disjoint"},
	{"schema-property-removed-from-partially-open", "JS-05", "property removed; its name now falls under additionalProperties or patternProperties"},
	{"schema-property-added", "JS-06", "optional property added to an open object (strict: narrower; pragmatic: none)"},
	{"schema-property-added-to-closed", "JS-07", "optional property added to a closed object: messages carrying it are accepted now"},
	{"schema-property-added-to-partially-open", "JS-08", "property added where additionalProperties or patternProperties governed its name"},
	{"schema-required-property-added", "JS-09", "new property added and required"},
	{"schema-required-property-added-to-closed", "JS-10", "new required property in a closed object: old and new messages are disjoint"},
	{"schema-required-added", "JS-11", "existing property becomes required"},
	{"schema-required-removed", "JS-12", "property no longer required"},
	{"schema-additional-properties-allowed", "JS-13", "additionalProperties false became true, absent or a schema"},
	{"schema-additional-properties-disallowed", "JS-14", "additionalProperties became false"},
	{"schema-additional-properties-added", "JS-15", "additionalProperties schema added where any property was allowed"},
	{"schema-additional-properties-removed", "JS-15", "additionalProperties schema removed: any additional property is allowed"},
	{"schema-pattern-property-added", "JS-16", "patternProperties key added"},
	{"schema-pattern-property-removed", "JS-16", "patternProperties key removed"},
	{"schema-property-names-added", "JS-17", "propertyNames added: property names it rejects are rejected"},
	{"schema-property-names-removed", "JS-17", "propertyNames removed: any property name is accepted"},
	{"schema-min-properties-increased", "JS-18", "minProperties added or increased"},
	{"schema-min-properties-decreased", "JS-18", "minProperties decreased or removed"},
	{"schema-max-properties-decreased", "JS-18", "maxProperties added or decreased"},
	{"schema-max-properties-increased", "JS-18", "maxProperties increased or removed"},
	{"schema-dependency-added", "JS-19", "dependencies entry added (property list or schema)"},
	{"schema-dependency-removed", "JS-19", "dependencies entry removed"},
	{"schema-dependency-extended", "JS-19", "dependencies property list extended"},
	{"schema-dependency-narrowed", "JS-19", "dependencies property list shrunk"},
	{"schema-dependency-changed", "JS-19", "dependencies property list changed both ways, or switched form"},
	{"schema-type-integer-to-number", "JS-21", "integer became number"},
	{"schema-type-number-to-integer", "JS-22", "number became integer"},
	{"schema-type-added", "JS-23", "a type is accepted in addition (type array extended, e.g. null)"},
	{"schema-type-removed", "JS-24", "a type is no longer accepted"},
	{"schema-type-keyword-added", "JS-25", "type keyword added where any type was accepted"},
	{"schema-type-keyword-removed", "JS-25", "type keyword removed: any type is accepted"},
	{"schema-type-changed", "JS-26", "type replaced by a different type"},
	{"schema-nullable-added", "JS-27", "OpenAPI nullable became true"},
	{"schema-nullable-removed", "JS-27", "OpenAPI nullable became false or was removed"},
	{"schema-nullable-ignored", "JS-27", "nullable changed in a schema format where it is not a keyword"},
	{"schema-enum-value-added", "JS-28", "enum value added"},
	{"schema-enum-value-removed", "JS-29", "enum value removed"},
	{"schema-enum-changed", "JS-30", "enum values both added and removed"},
	{"schema-enum-added", "JS-31", "enum keyword added"},
	{"schema-enum-removed", "JS-31", "enum keyword removed"},
	{"schema-const-added", "JS-32", "const added"},
	{"schema-const-removed", "JS-32", "const removed"},
	{"schema-const-changed", "JS-32", "const changed"},
	{"schema-extensible-enum-changed", "JS-33", "x-extensible-enum values changed (no validation effect)"},
	{"schema-maximum-decreased", "JS-34", "maximum or exclusiveMaximum added or decreased"},
	{"schema-max-length-decreased", "JS-34", "maxLength added or decreased"},
	{"schema-max-items-decreased", "JS-34", "maxItems added or decreased"},
	{"schema-maximum-increased", "JS-35", "maximum or exclusiveMaximum increased or removed"},
	{"schema-max-length-increased", "JS-35", "maxLength increased or removed"},
	{"schema-max-items-increased", "JS-35", "maxItems increased or removed"},
	{"schema-minimum-increased", "JS-36", "minimum or exclusiveMinimum added or increased"},
	{"schema-min-length-increased", "JS-36", "minLength added or increased"},
	{"schema-min-items-increased", "JS-36", "minItems added or increased"},
	{"schema-minimum-decreased", "JS-37", "minimum or exclusiveMinimum decreased or removed"},
	{"schema-min-length-decreased", "JS-37", "minLength decreased or removed"},
	{"schema-min-items-decreased", "JS-37", "minItems decreased or removed"},
	{"schema-bound-exclusivity-changed", "JS-38", "bound switched between inclusive and exclusive form; compared on the real (or integer) interval"},
	{"schema-multiple-of-added", "JS-39", "multipleOf added"},
	{"schema-multiple-of-removed", "JS-39", "multipleOf removed"},
	{"schema-multiple-of-changed", "JS-39", "multipleOf changed (divides: wider, multiple: narrower, else incomparable)"},
	{"schema-pattern-added", "JS-40", "pattern added"},
	{"schema-pattern-removed", "JS-40", "pattern removed"},
	{"schema-pattern-changed", "JS-40", "pattern changed (unknown unless provably related)"},
	{"schema-format-added", "JS-41", "format added (an annotation unless formats are asserted)"},
	{"schema-format-removed", "JS-41", "format removed (an annotation unless formats are asserted)"},
	{"schema-format-changed", "JS-41", "format changed (an annotation unless formats are asserted; lattice when asserted)"},
	{"schema-content-changed", "JS-42", "contentEncoding, contentMediaType or contentSchema changed (annotations)"},
	{"schema-items-added", "JS-43", "items schema added"},
	{"schema-items-removed", "JS-43", "items schema removed"},
	{"schema-items-form-changed", "JS-43", "items switched between one schema and a list of positions"},
	{"schema-tuple-item-added", "JS-44", "tuple position added to an open (or partially open) array"},
	{"schema-tuple-item-added-to-closed", "JS-45", "tuple position added to a closed array (additionalItems: false)"},
	{"schema-tuple-item-removed", "JS-46", "tuple position removed"},
	{"schema-additional-items-allowed", "JS-47", "additionalItems false became true, absent or a schema"},
	{"schema-additional-items-disallowed", "JS-47", "additionalItems became false"},
	{"schema-additional-items-added", "JS-47", "additionalItems schema added"},
	{"schema-additional-items-removed", "JS-47", "additionalItems schema removed"},
	{"schema-unique-items-added", "JS-48", "uniqueItems became true"},
	{"schema-unique-items-removed", "JS-48", "uniqueItems became false or was removed"},
	{"schema-contains-added", "JS-49", "contains added"},
	{"schema-contains-removed", "JS-49", "contains removed"},
	{"schema-any-of-branch-added", "JS-50", "anyOf branch added (none when an existing branch covers it)"},
	{"schema-any-of-branch-removed", "JS-51", "anyOf branch removed (none when the remaining branches cover it)"},
	{"schema-one-of-branch-added", "JS-52", "oneOf branch added (wider when provably disjoint, else unknown)"},
	{"schema-one-of-branch-removed", "JS-53", "oneOf branch removed (narrower when it was disjoint, else unknown)"},
	{"schema-all-of-member-added", "JS-54", "allOf member added"},
	{"schema-combinator-added", "JS-54", "anyOf or oneOf keyword added: a new constraint"},
	{"schema-all-of-member-removed", "JS-55", "allOf member removed"},
	{"schema-combinator-removed", "JS-55", "anyOf or oneOf keyword removed"},
	{"schema-combinator-changed", "JS-56", "combinator switched (oneOf, anyOf, allOf) over the same members"},
	{"schema-combinator-wrapper-changed", "JS-57", "schema wrapped in or unwrapped from a single-member allOf/anyOf/oneOf (no effect)"},
	{"schema-not-added", "JS-58", "not added"},
	{"schema-not-removed", "JS-58", "not removed"},
	{"schema-conditional-added", "JS-59", "if/then/else added"},
	{"schema-conditional-removed", "JS-59", "if/then/else removed"},
	{"schema-conditional-branch-added", "JS-59", "then or else added under the same if"},
	{"schema-conditional-branch-removed", "JS-59", "then or else removed under the same if"},
	{"schema-if-changed", "JS-59", "if condition changed (unknown)"},
	{"schema-id-changed", "JS-62", "$id, $schema or $anchor changed (no effect after resolution)"},
	{"schema-comment-changed", "JS-62", "$comment changed"},
	{"schema-default-changed", "JS-63", "default added, changed or removed (no validation effect; receivers filling defaults see another value)"},
	{"schema-description-changed", "JS-64", "description changed"},
	{"schema-title-changed", "JS-64", "title changed"},
	{"schema-examples-changed", "JS-64", "examples changed"},
	{"schema-external-docs-changed", "JS-64", "externalDocs changed"},
	{"schema-extension-changed", "JS-64", "x- extension changed"},
	{"schema-deprecated-changed", "JS-65", "deprecated added, changed or removed"},
	{"schema-read-write-only-changed", "JS-65", "readOnly or writeOnly changed"},
	{"schema-discriminator-changed", "JS-66", "discriminator changed, or a schema under a discriminator renamed: wire values change"},
	{RemoteRefChanged, "JS-60", "a remote $ref that is not followed changed URL, or replaced a schema or was replaced by one: compared by URL, the effect is unknown"},
	{"schema-payload-added", "JS-67", "schema added where there was none (anything was accepted)"},
	{"schema-payload-removed", "JS-67", "schema removed: anything is accepted"},
	{"schema-changed-to-false", "JS-70", "schema became false: everything is rejected"},
	{"schema-changed-from-false", "JS-70", "schema was false and now accepts values"},
})

func sortedRules(r []RuleInfo) []RuleInfo {
	sort.Slice(r, func(i, j int) bool { return r[i].ID < r[j].ID })
	return r
}

// RuleByID returns the catalogue entry of a rule id.
func RuleByID(id string) (RuleInfo, bool) {
	i := sort.Search(len(Rules), func(i int) bool { return Rules[i].ID >= id })
	if i < len(Rules) && Rules[i].ID == id {
		return Rules[i], true
	}
	return RuleInfo{}, false
}
