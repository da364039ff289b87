package avro

import "github.com/eventdiff/eventdiff/schema"

// RuleInfo describes one rule this package can emit; it is the shared
// catalogue type, so the rules package can list both engines' rules
// together. Row is the AV row of reference/schema-rules.md §4 the rule
// implements, or "" for rules outside the table.
type RuleInfo = schema.RuleInfo

// Rule ids emitted by Compare.
const (
	ruleAliasesChanged        = "avro-aliases-changed"
	ruleDecimalPrecision      = "avro-decimal-precision-changed"
	ruleDecimalScale          = "avro-decimal-scale-changed"
	ruleDocChanged            = "avro-doc-changed"
	ruleEnumDefaultAdded      = "avro-enum-default-added"
	ruleEnumDefaultChanged    = "avro-enum-default-changed"
	ruleEnumDefaultRemoved    = "avro-enum-default-removed"
	ruleEnumSymbolAdded       = "avro-enum-symbol-added"
	ruleEnumSymbolRemoved     = "avro-enum-symbol-removed"
	ruleEnumSymbolsReordered  = "avro-enum-symbols-reordered"
	ruleFieldAddedDefault     = "avro-field-added-with-default"
	ruleFieldAddedNoDefault   = "avro-field-added-without-default"
	ruleFieldDefaultAdded     = "avro-field-default-added"
	ruleFieldDefaultChanged   = "avro-field-default-changed"
	ruleFieldDefaultInvalid   = "avro-field-default-invalid"
	ruleFieldDefaultRemoved   = "avro-field-default-removed"
	ruleFieldRemovedDefault   = "avro-field-removed-with-default"
	ruleFieldRemovedNoDefault = "avro-field-removed-without-default"
	ruleFieldRenamed          = "avro-field-renamed"
	ruleFieldsReordered       = "avro-fields-reordered"
	ruleFixedSize             = "avro-fixed-size-changed"
	ruleLogicalAdded          = "avro-logical-type-added"
	ruleLogicalChanged        = "avro-logical-type-changed"
	ruleLogicalRemoved        = "avro-logical-type-removed"
	ruleNameChanged           = "avro-name-changed"
	ruleNamespaceChanged      = "avro-namespace-changed"
	ruleOrderChanged          = "avro-order-changed"
	rulePropertyChanged       = "avro-property-changed"
	ruleSchemaInvalid         = "avro-schema-invalid"
	ruleBytesToString         = "avro-type-bytes-to-string"
	ruleTypeChanged           = "avro-type-changed"
	ruleMadeNonNullable       = "avro-type-made-non-nullable"
	ruleMadeNullable          = "avro-type-made-nullable"
	ruleTypeNarrowed          = "avro-type-narrowed"
	ruleTypePromoted          = "avro-type-promoted"
	ruleStringToBytes         = "avro-type-string-to-bytes"
	ruleTypeUnresolved        = "avro-type-unresolved"
	ruleUnionBranchAdded      = "avro-union-branch-added"
	ruleUnionBranchRemoved    = "avro-union-branch-removed"
	ruleUnionReordered        = "avro-union-branches-reordered"
)

// Rules lists every rule Compare can emit, sorted by ID.
var Rules = []RuleInfo{
	{ID: ruleAliasesChanged, Row: "AV-26", Description: "aliases of a field or named type changed without renaming anything: no effect"},
	{ID: ruleDecimalPrecision, Row: "AV-25", Description: "decimal precision changed with the same scale: more digits is wider, fewer is narrower"},
	{ID: ruleDecimalScale, Row: "AV-25", Description: "decimal scale changed: the same bytes mean a different number (incomparable; resolution ignores it)"},
	{ID: ruleDocChanged, Row: "AV-26", Description: "doc changed: no effect"},
	{ID: ruleEnumDefaultAdded, Row: "AV-13", Description: "enum default added: no effect now; readers with the new schema will map unknown symbols to it"},
	{ID: ruleEnumDefaultChanged, Row: "AV-14", Description: "enum default changed: no effect on these two versions; a receiving reader maps unknown symbols to a different value"},
	{ID: ruleEnumDefaultRemoved, Row: "AV-14", Description: "enum default removed: no effect now; later symbol additions will break readers with the new schema"},
	{ID: ruleEnumSymbolAdded, Row: "AV-13", Description: "enum symbol added: old readers fail on it (wider) unless the old enum has a default (none, caution when sending)"},
	{ID: ruleEnumSymbolRemoved, Row: "AV-14", Description: "enum symbol removed: new readers fail on old data (narrower) unless the new enum has a default (none, caution when receiving)"},
	{ID: ruleEnumSymbolsReordered, Row: "AV-15", Description: "enum symbols reordered: symbols resolve by name, no effect"},
	{ID: ruleFieldAddedDefault, Row: "AV-01", Description: "field added with a default: no effect"},
	{ID: ruleFieldAddedNoDefault, Row: "AV-02", Description: "field added without a default: new readers cannot read old data (narrower)"},
	{ID: ruleFieldDefaultAdded, Row: "AV-05", Description: "field default added: no effect; it lets the field be removed later"},
	{ID: ruleFieldDefaultChanged, Row: "AV-05", Description: "field default changed: no effect on these two versions; caution when receiving, data lacking the field reads differently"},
	{ID: ruleFieldDefaultInvalid, Row: "AV-20", Description: "field default does not match the field's type (the first branch of a union): Avro parsers before 1.12 reject the schema"},
	{ID: ruleFieldDefaultRemoved, Row: "AV-05", Description: "field default removed: no effect on these two versions"},
	{ID: ruleFieldRemovedDefault, Row: "AV-03", Description: "field removed that had a default: old readers fill it from their default, no effect"},
	{ID: ruleFieldRemovedNoDefault, Row: "AV-04", Description: "field removed that had no default: old readers cannot read new data (wider)"},
	{ID: ruleFieldRenamed, Row: "AV-07", Description: "field renamed with an alias: new readers find the old name; old readers need a default for it (wider without one)"},
	{ID: ruleFieldsReordered, Row: "AV-08", Description: "fields reordered: fields resolve by name, no effect"},
	{ID: ruleFixedSize, Row: "AV-23", Description: "fixed size changed: neither side can read the other (incomparable)"},
	{ID: ruleLogicalAdded, Row: "AV-25", Description: "logical type added: the encoding is unchanged, programs see a different type (caution both ways)"},
	{ID: ruleLogicalChanged, Row: "AV-25", Description: "logical type changed: a unit or meaning change is incomparable; timestamp ↔ local-timestamp of one unit is a caution"},
	{ID: ruleLogicalRemoved, Row: "AV-25", Description: "logical type removed: the encoding is unchanged, programs see a different type (caution both ways)"},
	{ID: ruleNameChanged, Row: "AV-21", Description: "record, enum or fixed renamed: incomparable, or wider when the new type lists the old name in its aliases"},
	{ID: ruleNamespaceChanged, Row: "AV-22", Description: "namespace changed, short name kept: resolution matches short names (none), generated code moves (caution both ways)"},
	{ID: ruleOrderChanged, Row: "AV-26", Description: "field sort order changed: affects sorting only, no effect"},
	{ID: rulePropertyChanged, Row: "AV-26", Description: "custom property (or a logical type Avro ignores) changed: no effect"},
	{ID: ruleSchemaInvalid, Row: "", Description: "a side is not a valid Avro schema at this place: cannot decide (unknown)"},
	{ID: ruleBytesToString, Row: "AV-11", Description: "bytes became string: resolution allows it; old producers' bytes may not be UTF-8 (caution when receiving)"},
	{ID: ruleTypeChanged, Row: "AV-12", Description: "type changed to one that cannot be resolved from the old one: incomparable"},
	{ID: ruleMadeNonNullable, Row: "AV-19", Description: "null removed from the type's union: new readers cannot read old nulls (narrower)"},
	{ID: ruleMadeNullable, Row: "AV-18", Description: "type made nullable (null added to a union): old readers cannot read null (wider)"},
	{ID: ruleTypeNarrowed, Row: "AV-10", Description: "numeric type narrowed (long → int, double → float, ...): narrower"},
	{ID: ruleTypePromoted, Row: "AV-09", Description: "numeric type promoted (int → long → float → double): wider; caution when receiving if precision can be lost"},
	{ID: ruleStringToBytes, Row: "AV-11", Description: "string became bytes: resolution allows it; new bytes may not be UTF-8 for old string readers (caution when sending)"},
	{ID: ruleTypeUnresolved, Row: "", Description: "a named type is referenced but not defined in the document: cannot compare (unknown)"},
	{ID: ruleUnionBranchAdded, Row: "AV-16", Description: "union branch added: old readers cannot read it (wider) unless one of their branches can"},
	{ID: ruleUnionBranchRemoved, Row: "AV-17", Description: "union branch removed: new readers cannot read old data of that branch (narrower) unless another branch can"},
	{ID: ruleUnionReordered, Row: "AV-20", Description: "union branches reordered: no effect; caution both ways when a field default no longer matches the first branch"},
}
