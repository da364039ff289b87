package avro

// RuleInfo describes one rule this package can emit. The shared catalogue
// type (schema.RuleInfo) does not exist yet; this is the same shape with
// the AV row of reference/schema-rules.md §4 the rule implements.
type RuleInfo struct {
	ID          string
	Row         string // AV-xx, or "" for rules outside the table
	Description string
}

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
	{ruleAliasesChanged, "AV-26", "aliases of a field or named type changed without renaming anything: no effect"},
	{ruleDecimalPrecision, "AV-25", "decimal precision changed with the same scale: more digits is wider, fewer is narrower"},
	{ruleDecimalScale, "AV-25", "decimal scale changed: the same bytes mean a different number (incomparable; resolution ignores it)"},
	{ruleDocChanged, "AV-26", "doc changed: no effect"},
	{ruleEnumDefaultAdded, "AV-13", "enum default added: no effect now; readers with the new schema will map unknown symbols to it"},
	{ruleEnumDefaultChanged, "AV-14", "enum default changed: no effect on these two versions; a receiving reader maps unknown symbols to a different value"},
	{ruleEnumDefaultRemoved, "AV-14", "enum default removed: no effect now; later symbol additions will break readers with the new schema"},
	{ruleEnumSymbolAdded, "AV-13", "enum symbol added: old readers fail on it (wider) unless the old enum has a default (none, caution when sending)"},
	{ruleEnumSymbolRemoved, "AV-14", "enum symbol removed: new readers fail on old data (narrower) unless the new enum has a default (none, caution when receiving)"},
	{ruleEnumSymbolsReordered, "AV-15", "enum symbols reordered: symbols resolve by name, no effect"},
	{ruleFieldAddedDefault, "AV-01", "field added with a default: no effect"},
	{ruleFieldAddedNoDefault, "AV-02", "field added without a default: new readers cannot read old data (narrower)"},
	{ruleFieldDefaultAdded, "AV-05", "field default added: no effect; it lets the field be removed later"},
	{ruleFieldDefaultChanged, "AV-05", "field default changed: no effect on these two versions; caution when receiving, data lacking the field reads differently"},
	{ruleFieldDefaultInvalid, "AV-20", "field default does not match the field's type (the first branch of a union): Avro parsers before 1.12 reject the schema"},
	{ruleFieldDefaultRemoved, "AV-05", "field default removed: no effect on these two versions"},
	{ruleFieldRemovedDefault, "AV-03", "field removed that had a default: old readers fill it from their default, no effect"},
	{ruleFieldRemovedNoDefault, "AV-04", "field removed that had no default: old readers cannot read new data (wider)"},
	{ruleFieldRenamed, "AV-07", "field renamed with an alias: new readers find the old name; old readers need a default for it (wider without one)"},
	{ruleFieldsReordered, "AV-08", "fields reordered: fields resolve by name, no effect"},
	{ruleFixedSize, "AV-23", "fixed size changed: neither side can read the other (incomparable)"},
	{ruleLogicalAdded, "AV-25", "logical type added: the encoding is unchanged, programs see a different type (caution both ways)"},
	{ruleLogicalChanged, "AV-25", "logical type changed: a unit or meaning change is incomparable; timestamp ↔ local-timestamp of one unit is a caution"},
	{ruleLogicalRemoved, "AV-25", "logical type removed: the encoding is unchanged, programs see a different type (caution both ways)"},
	{ruleNameChanged, "AV-21", "record, enum or fixed renamed: incomparable, or wider when the new type lists the old name in its aliases"},
	{ruleNamespaceChanged, "AV-22", "namespace changed, short name kept: resolution matches short names (none), generated code moves (caution both ways)"},
	{ruleOrderChanged, "AV-26", "field sort order changed: affects sorting only, no effect"},
	{rulePropertyChanged, "AV-26", "custom property (or a logical type Avro ignores) changed: no effect"},
	{ruleSchemaInvalid, "", "a side is not a valid Avro schema at this place: cannot decide (unknown)"},
	{ruleBytesToString, "AV-11", "bytes became string: resolution allows it; old producers' bytes may not be UTF-8 (caution when receiving)"},
	{ruleTypeChanged, "AV-12", "type changed to one that cannot be resolved from the old one: incomparable"},
	{ruleMadeNonNullable, "AV-19", "null removed from the type's union: new readers cannot read old nulls (narrower)"},
	{ruleMadeNullable, "AV-18", "type made nullable (null added to a union): old readers cannot read null (wider)"},
	{ruleTypeNarrowed, "AV-10", "numeric type narrowed (long → int, double → float, ...): narrower"},
	{ruleTypePromoted, "AV-09", "numeric type promoted (int → long → float → double): wider; caution when receiving if precision can be lost"},
	{ruleStringToBytes, "AV-11", "string became bytes: resolution allows it; new bytes may not be UTF-8 for old string readers (caution when sending)"},
	{ruleTypeUnresolved, "", "a named type is referenced but not defined in the document: cannot compare (unknown)"},
	{ruleUnionBranchAdded, "AV-16", "union branch added: old readers cannot read it (wider) unless one of their branches can"},
	{ruleUnionBranchRemoved, "AV-17", "union branch removed: new readers cannot read old data of that branch (narrower) unless another branch can"},
	{ruleUnionReordered, "AV-20", "union branches reordered: no effect; caution both ways when a field default no longer matches the first branch"},
}
