package catalogue

// Rules of the JSON Schema engine (package schema), in the order of the
// engine's keyword table (Row). Each is judged by the effect the change has
// on the accepted values and the direction of the message.
var (
	SchemaPropertyRemoved = byEffect("schema-property-removed", "JS-01", Minor, Removed,
		"Optional property removed from an open object (strict: wider; pragmatic: none).")
	SchemaPropertyRenamed = byEffect("schema-property-renamed", "JS-01", Minor, Changed,
		"A property removed and another added with the same schema in the same object: likely a rename, whose old readers lose the value (at least a warning both ways).")
	SchemaRequiredPropertyRemoved = byEffect("schema-required-property-removed", "JS-02", Minor, Removed,
		"Required property removed: messages may omit it.")
	SchemaPropertyRemovedFromClosed = byEffect("schema-property-removed-from-closed", "JS-03", Minor, Removed,
		"Property removed from a closed object: messages carrying it are rejected.")
	SchemaRequiredPropertyRemovedFromClosed = byEffect("schema-required-property-removed-from-closed", "JS-04", Minor, Removed,
		"Required property removed from a closed object: old and new messages are disjoint.")
	SchemaPropertyRemovedFromPartiallyOpen = byEffect("schema-property-removed-from-partially-open", "JS-05", Minor, Removed,
		"Property removed; its name now falls under additionalProperties or patternProperties.")
	SchemaPropertyAdded = byEffect("schema-property-added", "JS-06", Minor, Added,
		"Optional property added to an open object (strict: narrower; pragmatic: none).")
	SchemaPropertyAddedToClosed = byEffect("schema-property-added-to-closed", "JS-07", Minor, Added,
		"Optional property added to a closed object: messages carrying it are accepted now.")
	SchemaPropertyAddedToPartiallyOpen = byEffect("schema-property-added-to-partially-open", "JS-08", Minor, Added,
		"Property added where additionalProperties or patternProperties governed its name.")
	SchemaRequiredPropertyAdded = byEffect("schema-required-property-added", "JS-09", Minor, Added,
		"New property added and required.")
	SchemaRequiredPropertyAddedToClosed = byEffect("schema-required-property-added-to-closed", "JS-10", Minor, Added,
		"New required property in a closed object: old and new messages are disjoint.")
	SchemaRequiredAdded = byEffect("schema-required-added", "JS-11", Minor, Changed,
		"Existing property becomes required.")
	SchemaRequiredRemoved = byEffect("schema-required-removed", "JS-12", Minor, Changed,
		"Property no longer required.")
	SchemaAdditionalPropertiesAllowed = byEffect("schema-additional-properties-allowed", "JS-13", Minor, Changed,
		"AdditionalProperties false became true, absent or a schema.")
	SchemaAdditionalPropertiesDisallowed = byEffect("schema-additional-properties-disallowed", "JS-14", Minor, Changed,
		"AdditionalProperties became false.")
	SchemaAdditionalPropertiesAdded = byEffect("schema-additional-properties-added", "JS-15", Minor, Changed,
		"AdditionalProperties schema added where any property was allowed.")
	SchemaAdditionalPropertiesRemoved = byEffect("schema-additional-properties-removed", "JS-15", Minor, Changed,
		"AdditionalProperties schema removed: any additional property is allowed.")
	SchemaPatternPropertyAdded = byEffect("schema-pattern-property-added", "JS-16", Minor, Added,
		"PatternProperties key added.")
	SchemaPatternPropertyRemoved = byEffect("schema-pattern-property-removed", "JS-16", Minor, Removed,
		"PatternProperties key removed.")
	SchemaPropertyNamesAdded = byEffect("schema-property-names-added", "JS-17", Minor, Changed,
		"PropertyNames added: property names it rejects are rejected.")
	SchemaPropertyNamesRemoved = byEffect("schema-property-names-removed", "JS-17", Minor, Changed,
		"PropertyNames removed: any property name is accepted.")
	SchemaMinPropertiesIncreased = byEffect("schema-min-properties-increased", "JS-18", Minor, Changed,
		"MinProperties added or increased.")
	SchemaMinPropertiesDecreased = byEffect("schema-min-properties-decreased", "JS-18", Minor, Changed,
		"MinProperties decreased or removed.")
	SchemaMaxPropertiesDecreased = byEffect("schema-max-properties-decreased", "JS-18", Minor, Changed,
		"MaxProperties added or decreased.")
	SchemaMaxPropertiesIncreased = byEffect("schema-max-properties-increased", "JS-18", Minor, Changed,
		"MaxProperties increased or removed.")
	SchemaDependencyAdded = byEffect("schema-dependency-added", "JS-19", Minor, Changed,
		"Dependencies entry added (property list or schema).")
	SchemaDependencyRemoved = byEffect("schema-dependency-removed", "JS-19", Minor, Changed,
		"Dependencies entry removed.")
	SchemaDependencyExtended = byEffect("schema-dependency-extended", "JS-19", Minor, Changed,
		"Dependencies property list extended.")
	SchemaDependencyNarrowed = byEffect("schema-dependency-narrowed", "JS-19", Minor, Changed,
		"Dependencies property list shrunk.")
	SchemaDependencyChanged = byEffect("schema-dependency-changed", "JS-19", Minor, Changed,
		"Dependencies property list changed both ways, or switched form.")
	SchemaTypeIntegerToNumber = byEffect("schema-type-integer-to-number", "JS-21", Minor, Changed,
		"Integer became number.")
	SchemaTypeNumberToInteger = byEffect("schema-type-number-to-integer", "JS-22", Minor, Changed,
		"Number became integer.")
	SchemaTypeAdded = byEffect("schema-type-added", "JS-23", Minor, Added,
		"A type is accepted in addition (type array extended, e.g. null).")
	SchemaTypeRemoved = byEffect("schema-type-removed", "JS-24", Minor, Removed,
		"A type is no longer accepted.")
	SchemaTypeKeywordAdded = byEffect("schema-type-keyword-added", "JS-25", Minor, Changed,
		"Type keyword added where any type was accepted.")
	SchemaTypeKeywordRemoved = byEffect("schema-type-keyword-removed", "JS-25", Minor, Changed,
		"Type keyword removed: any type is accepted.")
	SchemaTypeChanged = byEffect("schema-type-changed", "JS-26", Minor, Changed,
		"Type replaced by a different type.")
	SchemaNullableAdded = byEffect("schema-nullable-added", "JS-27", Minor, Changed,
		"OpenAPI nullable became true.")
	SchemaNullableRemoved = byEffect("schema-nullable-removed", "JS-27", Minor, Changed,
		"OpenAPI nullable became false or was removed.")
	SchemaNullableIgnored = byEffect("schema-nullable-ignored", "JS-27", Patch, Changed,
		"Nullable changed in a schema format where it is not a keyword.")
	SchemaEnumValueAdded = byEffect("schema-enum-value-added", "JS-28", Minor, Added,
		"Enum value added: a new kind of value (breaking when sent, info when received).")
	SchemaEnumValueRemoved = byEffect("schema-enum-value-removed", "JS-29", Minor, Removed,
		"Enum value removed.")
	SchemaEnumChanged = byEffect("schema-enum-changed", "JS-30", Minor, Changed,
		"Enum values both added and removed.")
	SchemaEnumAdded = byEffect("schema-enum-added", "JS-31", Minor, Changed,
		"Enum keyword added.")
	SchemaEnumRemoved = byEffect("schema-enum-removed", "JS-31", Minor, Changed,
		"Enum keyword removed.")
	SchemaConstAdded = byEffect("schema-const-added", "JS-32", Minor, Changed,
		"Const added.")
	SchemaConstRemoved = byEffect("schema-const-removed", "JS-32", Minor, Changed,
		"Const removed.")
	SchemaConstChanged = byEffect("schema-const-changed", "JS-32", Minor, Changed,
		"Const changed.")
	SchemaExtensibleEnumChanged = byEffect("schema-extensible-enum-changed", "JS-33", Patch, Changed,
		"X-extensible-enum values changed (no validation effect).")
	SchemaMaximumDecreased = byEffect("schema-maximum-decreased", "JS-34", Minor, Changed,
		"Maximum or exclusiveMaximum added or decreased.")
	SchemaMaxLengthDecreased = byEffect("schema-max-length-decreased", "JS-34", Minor, Changed,
		"MaxLength added or decreased.")
	SchemaMaxItemsDecreased = byEffect("schema-max-items-decreased", "JS-34", Minor, Changed,
		"MaxItems added or decreased.")
	SchemaMaximumIncreased = byEffect("schema-maximum-increased", "JS-35", Minor, Changed,
		"Maximum or exclusiveMaximum increased or removed.")
	SchemaMaxLengthIncreased = byEffect("schema-max-length-increased", "JS-35", Minor, Changed,
		"MaxLength increased or removed.")
	SchemaMaxItemsIncreased = byEffect("schema-max-items-increased", "JS-35", Minor, Changed,
		"MaxItems increased or removed.")
	SchemaMinimumIncreased = byEffect("schema-minimum-increased", "JS-36", Minor, Changed,
		"Minimum or exclusiveMinimum added or increased.")
	SchemaMinLengthIncreased = byEffect("schema-min-length-increased", "JS-36", Minor, Changed,
		"MinLength added or increased.")
	SchemaMinItemsIncreased = byEffect("schema-min-items-increased", "JS-36", Minor, Changed,
		"MinItems added or increased.")
	SchemaMinimumDecreased = byEffect("schema-minimum-decreased", "JS-37", Minor, Changed,
		"Minimum or exclusiveMinimum decreased or removed.")
	SchemaMinLengthDecreased = byEffect("schema-min-length-decreased", "JS-37", Minor, Changed,
		"MinLength decreased or removed.")
	SchemaMinItemsDecreased = byEffect("schema-min-items-decreased", "JS-37", Minor, Changed,
		"MinItems decreased or removed.")
	SchemaBoundExclusivityChanged = byEffect("schema-bound-exclusivity-changed", "JS-38", Minor, Changed,
		"Bound switched between inclusive and exclusive form; compared on the real (or integer) interval.")
	SchemaMultipleOfAdded = byEffect("schema-multiple-of-added", "JS-39", Minor, Changed,
		"MultipleOf added.")
	SchemaMultipleOfRemoved = byEffect("schema-multiple-of-removed", "JS-39", Minor, Changed,
		"MultipleOf removed.")
	SchemaMultipleOfChanged = byEffect("schema-multiple-of-changed", "JS-39", Minor, Changed,
		"MultipleOf changed (divides: wider, multiple: narrower, else incomparable).")
	SchemaPatternAdded = byEffect("schema-pattern-added", "JS-40", Minor, Changed,
		"Pattern added.")
	SchemaPatternRemoved = byEffect("schema-pattern-removed", "JS-40", Minor, Changed,
		"Pattern removed.")
	SchemaPatternChanged = byEffect("schema-pattern-changed", "JS-40", Minor, Changed,
		"Pattern changed (unknown unless provably related).")
	SchemaFormatAdded = byEffect("schema-format-added", "JS-41", Minor, Changed,
		"Format added (an annotation unless formats are asserted).")
	SchemaFormatRemoved = byEffect("schema-format-removed", "JS-41", Minor, Changed,
		"Format removed (an annotation unless formats are asserted).")
	SchemaFormatChanged = byEffect("schema-format-changed", "JS-41", Minor, Changed,
		"Format changed (an annotation unless formats are asserted; lattice when asserted).")
	SchemaContentChanged = byEffect("schema-content-changed", "JS-42", Minor, Changed,
		"ContentEncoding, contentMediaType or contentSchema changed (annotations).")
	SchemaItemsAdded = byEffect("schema-items-added", "JS-43", Minor, Changed,
		"Items schema added.")
	SchemaItemsRemoved = byEffect("schema-items-removed", "JS-43", Minor, Changed,
		"Items schema removed.")
	SchemaItemsFormChanged = byEffect("schema-items-form-changed", "JS-43", Minor, Changed,
		"Items switched between one schema and a list of positions.")
	SchemaTupleItemAdded = byEffect("schema-tuple-item-added", "JS-44", Minor, Added,
		"Tuple position added to an open (or partially open) array.")
	SchemaTupleItemAddedToClosed = byEffect("schema-tuple-item-added-to-closed", "JS-45", Minor, Added,
		"Tuple position added to a closed array (additionalItems: false).")
	SchemaTupleItemRemoved = byEffect("schema-tuple-item-removed", "JS-46", Minor, Removed,
		"Tuple position removed.")
	SchemaAdditionalItemsAllowed = byEffect("schema-additional-items-allowed", "JS-47", Minor, Changed,
		"AdditionalItems false became true, absent or a schema.")
	SchemaAdditionalItemsDisallowed = byEffect("schema-additional-items-disallowed", "JS-47", Minor, Changed,
		"AdditionalItems became false.")
	SchemaAdditionalItemsAdded = byEffect("schema-additional-items-added", "JS-47", Minor, Changed,
		"AdditionalItems schema added.")
	SchemaAdditionalItemsRemoved = byEffect("schema-additional-items-removed", "JS-47", Minor, Changed,
		"AdditionalItems schema removed.")
	SchemaUniqueItemsAdded = byEffect("schema-unique-items-added", "JS-48", Minor, Changed,
		"UniqueItems became true.")
	SchemaUniqueItemsRemoved = byEffect("schema-unique-items-removed", "JS-48", Minor, Changed,
		"UniqueItems became false or was removed.")
	SchemaContainsAdded = byEffect("schema-contains-added", "JS-49", Minor, Changed,
		"Contains added.")
	SchemaContainsRemoved = byEffect("schema-contains-removed", "JS-49", Minor, Changed,
		"Contains removed.")
	SchemaAnyOfBranchAdded = byEffect("schema-any-of-branch-added", "JS-50", Minor, Added,
		"AnyOf branch added: a new kind of value (breaking when sent, info when received); none when an existing branch covers it.")
	SchemaAnyOfBranchRemoved = byEffect("schema-any-of-branch-removed", "JS-51", Minor, Removed,
		"AnyOf branch removed (none when the remaining branches cover it).")
	SchemaOneOfBranchAdded = byEffect("schema-one-of-branch-added", "JS-52", Minor, Added,
		"OneOf branch added: a new kind of value (breaking when sent) when provably disjoint or shown by a value only it accepts; values it shares with another branch are rejected (narrower when covered by one, else unknown).")
	SchemaOneOfBranchRemoved = byEffect("schema-one-of-branch-removed", "JS-53", Minor, Removed,
		"OneOf branch removed (narrower when it was disjoint, else unknown).")
	SchemaAllOfMemberAdded = byEffect("schema-all-of-member-added", "JS-54", Minor, Changed,
		"AllOf member added.")
	SchemaCombinatorAdded = byEffect("schema-combinator-added", "JS-54", Minor, Changed,
		"AnyOf or oneOf keyword added: a new constraint.")
	SchemaAllOfMemberRemoved = byEffect("schema-all-of-member-removed", "JS-55", Minor, Changed,
		"AllOf member removed.")
	SchemaCombinatorRemoved = byEffect("schema-combinator-removed", "JS-55", Minor, Changed,
		"AnyOf or oneOf keyword removed.")
	SchemaCombinatorChanged = byEffect("schema-combinator-changed", "JS-56", Minor, Changed,
		"Combinator switched (oneOf, anyOf, allOf) over the same members.")
	SchemaCombinatorWrapperChanged = byEffect("schema-combinator-wrapper-changed", "JS-57", Patch, Changed,
		"Schema wrapped in or unwrapped from a single-member allOf/anyOf/oneOf (no effect).")
	SchemaNotAdded = byEffect("schema-not-added", "JS-58", Minor, Changed,
		"Not added.")
	SchemaNotRemoved = byEffect("schema-not-removed", "JS-58", Minor, Changed,
		"Not removed.")
	SchemaConditionalAdded = byEffect("schema-conditional-added", "JS-59", Minor, Changed,
		"If/then/else added.")
	SchemaConditionalRemoved = byEffect("schema-conditional-removed", "JS-59", Minor, Changed,
		"If/then/else removed.")
	SchemaConditionalBranchAdded = byEffect("schema-conditional-branch-added", "JS-59", Minor, Added,
		"Then or else added under the same if.")
	SchemaConditionalBranchRemoved = byEffect("schema-conditional-branch-removed", "JS-59", Minor, Removed,
		"Then or else removed under the same if.")
	SchemaIfChanged = byEffect("schema-if-changed", "JS-59", Minor, Changed,
		"If condition changed (unknown).")
	SchemaIDChanged = byEffect("schema-id-changed", "JS-62", Patch, Changed,
		"$id, $schema or $anchor changed (no effect after resolution).")
	SchemaCommentChanged = byEffect("schema-comment-changed", "JS-62", Patch, Changed,
		"$comment changed.")
	SchemaDefaultChanged = byEffect("schema-default-changed", "JS-63", Patch, Changed,
		"Default added, changed or removed (no validation effect; receivers filling defaults see another value).")
	SchemaDescriptionChanged = byEffect("schema-description-changed", "JS-64", Patch, Changed,
		"Description changed.")
	SchemaTitleChanged = byEffect("schema-title-changed", "JS-64", Patch, Changed,
		"Title changed.")
	SchemaExamplesChanged = byEffect("schema-examples-changed", "JS-64", Patch, Changed,
		"Examples changed.")
	SchemaExternalDocsChanged = byEffect("schema-external-docs-changed", "JS-64", Patch, Changed,
		"ExternalDocs changed.")
	SchemaExtensionChanged = byEffect("schema-extension-changed", "JS-64", Patch, Changed,
		"X- extension changed.")
	SchemaDeprecatedChanged = byEffect("schema-deprecated-changed", "JS-65", Minor, Deprecated,
		"Deprecated added, changed or removed.")
	SchemaReadWriteOnlyChanged = byEffect("schema-read-write-only-changed", "JS-65", Patch, Changed,
		"ReadOnly or writeOnly changed.")
	SchemaDiscriminatorChanged = byEffect("schema-discriminator-changed", "JS-66", Minor, Changed,
		"Discriminator changed, or a schema under a discriminator renamed: wire values change.")
	SchemaRemoteRefChanged = byEffect("schema-remote-ref-changed", "JS-60", Minor, Changed,
		"A remote $ref that is not followed changed URL, or replaced a schema or was replaced by one: compared by URL, the effect is unknown.")
	SchemaPayloadAdded = byEffect("schema-payload-added", "JS-67", Minor, Added,
		"Schema added where there was none (anything was accepted).")
	SchemaPayloadRemoved = byEffect("schema-payload-removed", "JS-67", Minor, Removed,
		"Schema removed: anything is accepted.")
	SchemaChangedToFalse = byEffect("schema-changed-to-false", "JS-70", Minor, Changed,
		"Schema became false: everything is rejected.")
	SchemaChangedFromFalse = byEffect("schema-changed-from-false", "JS-70", Minor, Changed,
		"Schema was false and now accepts values.")
)
