package catalogue

// Rules of the Avro engine (package schema/avro). Each is judged by the
// effect the change has under Avro schema resolution and the direction of
// the message.
var (
	AvroAliasesChanged = byEffect("avro-aliases-changed", "AV-26", Patch, Changed,
		"Avro: aliases of a field or named type changed without renaming anything: no effect.")
	AvroDecimalPrecisionChanged = byEffect("avro-decimal-precision-changed", "AV-25", Minor, Changed,
		"Avro: decimal precision changed with the same scale: more digits is wider, fewer is narrower.")
	AvroDecimalScaleChanged = byEffect("avro-decimal-scale-changed", "AV-25", Minor, Changed,
		"Avro: decimal scale changed: the same bytes mean a different number (incomparable; resolution ignores it).")
	AvroDocChanged = byEffect("avro-doc-changed", "AV-26", Patch, Changed,
		"Avro: doc changed: no effect.")
	AvroEnumDefaultAdded = byEffect("avro-enum-default-added", "AV-13", Minor, Changed,
		"Avro: enum default added: no effect now; readers with the new schema will map unknown symbols to it.")
	AvroEnumDefaultChanged = byEffect("avro-enum-default-changed", "AV-14", Minor, Changed,
		"Avro: enum default changed: no effect on these two versions; a receiving reader maps unknown symbols to a different value.")
	AvroEnumDefaultRemoved = byEffect("avro-enum-default-removed", "AV-14", Minor, Changed,
		"Avro: enum default removed: no effect now; later symbol additions will break readers with the new schema.")
	AvroEnumSymbolAdded = byEffect("avro-enum-symbol-added", "AV-13", Minor, Added,
		"Avro: enum symbol added: old readers fail on it (wider) unless the old enum has a default (none, caution when sending).")
	AvroEnumSymbolRemoved = byEffect("avro-enum-symbol-removed", "AV-14", Minor, Removed,
		"Avro: enum symbol removed: new readers fail on old data (narrower) unless the new enum has a default (none, caution when receiving).")
	AvroEnumSymbolsReordered = byEffect("avro-enum-symbols-reordered", "AV-15", Patch, Changed,
		"Avro: enum symbols reordered: symbols resolve by name, no effect.")
	AvroFieldAddedWithDefault = byEffect("avro-field-added-with-default", "AV-01", Minor, Added,
		"Avro: field added with a default: no effect.")
	AvroFieldAddedWithoutDefault = byEffect("avro-field-added-without-default", "AV-02", Minor, Added,
		"Avro: field added without a default: new readers cannot read old data (narrower).")
	AvroFieldDefaultAdded = byEffect("avro-field-default-added", "AV-05", Minor, Changed,
		"Avro: field default added: no effect; it lets the field be removed later.")
	AvroFieldDefaultChanged = byEffect("avro-field-default-changed", "AV-05", Minor, Changed,
		"Avro: field default changed: no effect on these two versions; caution when receiving, data lacking the field reads differently.")
	AvroFieldDefaultInvalid = byEffect("avro-field-default-invalid", "AV-20", Minor, Changed,
		"Avro: field default does not match the field's type (the first branch of a union): Avro parsers before 1.12 reject the schema.")
	AvroFieldDefaultRemoved = byEffect("avro-field-default-removed", "AV-05", Minor, Changed,
		"Avro: field default removed: no effect on these two versions.")
	AvroFieldRemovedWithDefault = byEffect("avro-field-removed-with-default", "AV-03", Minor, Removed,
		"Avro: field removed that had a default: old readers fill it from their default, no effect.")
	AvroFieldRemovedWithoutDefault = byEffect("avro-field-removed-without-default", "AV-04", Minor, Removed,
		"Avro: field removed that had no default: old readers cannot read new data (wider).")
	AvroFieldRenamed = byEffect("avro-field-renamed", "AV-07", Minor, Changed,
		"Avro: field renamed with an alias: new readers find the old name; old readers need a default for it (wider without one).")
	AvroFieldsReordered = byEffect("avro-fields-reordered", "AV-08", Patch, Changed,
		"Avro: fields reordered: fields resolve by name, no effect.")
	AvroFixedSizeChanged = byEffect("avro-fixed-size-changed", "AV-23", Minor, Changed,
		"Avro: fixed size changed: neither side can read the other (incomparable).")
	AvroLogicalTypeAdded = byEffect("avro-logical-type-added", "AV-25", Minor, Added,
		"Avro: logical type added: the encoding is unchanged, programs see a different type (caution both ways).")
	AvroLogicalTypeChanged = byEffect("avro-logical-type-changed", "AV-25", Minor, Changed,
		"Avro: logical type changed: a unit or meaning change is incomparable; timestamp ↔ local-timestamp of one unit is a caution.")
	AvroLogicalTypeRemoved = byEffect("avro-logical-type-removed", "AV-25", Minor, Removed,
		"Avro: logical type removed: the encoding is unchanged, programs see a different type (caution both ways).")
	AvroNameChanged = byEffect("avro-name-changed", "AV-21", Minor, Changed,
		"Avro: record, enum or fixed renamed: incomparable, or wider when the new type lists the old name in its aliases.")
	AvroNamespaceChanged = byEffect("avro-namespace-changed", "AV-22", Minor, Changed,
		"Avro: namespace changed, short name kept: resolution matches short names (none), generated code moves (caution both ways).")
	AvroOrderChanged = byEffect("avro-order-changed", "AV-26", Patch, Changed,
		"Avro: field sort order changed: affects sorting only, no effect.")
	AvroPropertyChanged = byEffect("avro-property-changed", "AV-26", Patch, Changed,
		"Avro: custom property (or a logical type Avro ignores) changed: no effect.")
	AvroSchemaInvalid = byEffect("avro-schema-invalid", "", Minor, Changed,
		"Avro: a side is not a valid Avro schema at this place: cannot decide (unknown).")
	AvroTypeBytesToString = byEffect("avro-type-bytes-to-string", "AV-11", Minor, Changed,
		"Avro: bytes became string: resolution allows it; old producers' bytes may not be UTF-8 (caution when receiving).")
	AvroTypeChanged = byEffect("avro-type-changed", "AV-12", Minor, Changed,
		"Avro: type changed to one that cannot be resolved from the old one: incomparable.")
	AvroTypeMadeNonNullable = byEffect("avro-type-made-non-nullable", "AV-19", Minor, Changed,
		"Avro: null removed from the type's union: new readers cannot read old nulls (narrower).")
	AvroTypeMadeNullable = byEffect("avro-type-made-nullable", "AV-18", Minor, Changed,
		"Avro: type made nullable (null added to a union): old readers cannot read null (wider).")
	AvroTypeNarrowed = byEffect("avro-type-narrowed", "AV-10", Minor, Changed,
		"Avro: numeric type narrowed (long → int, double → float, ...): narrower.")
	AvroTypePromoted = byEffect("avro-type-promoted", "AV-09", Minor, Changed,
		"Avro: numeric type promoted (int → long → float → double): wider; caution when receiving if precision can be lost.")
	AvroTypeStringToBytes = byEffect("avro-type-string-to-bytes", "AV-11", Minor, Changed,
		"Avro: string became bytes: resolution allows it; new bytes may not be UTF-8 for old string readers (caution when sending).")
	AvroTypeUnresolved = byEffect("avro-type-unresolved", "", Minor, Changed,
		"Avro: a named type is referenced but not defined in the document: cannot compare (unknown).")
	AvroUnionBranchAdded = byEffect("avro-union-branch-added", "AV-16", Minor, Added,
		"Avro: union branch added: old readers cannot read it (wider) unless one of their branches can.")
	AvroUnionBranchRemoved = byEffect("avro-union-branch-removed", "AV-17", Minor, Removed,
		"Avro: union branch removed: new readers cannot read old data of that branch (narrower) unless another branch can.")
	AvroUnionBranchesReordered = byEffect("avro-union-branches-reordered", "AV-20", Patch, Changed,
		"Avro: union branches reordered: no effect; caution both ways when a field default no longer matches the first branch.")
)
