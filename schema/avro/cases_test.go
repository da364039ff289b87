package avro

import (
	"strings"

	"github.com/eventdiff/eventdiff/rules/catalogue"
	"github.com/eventdiff/eventdiff/schema"
)

// ruleCase is one base/revision pair with what Compare must say about it.
// fixture names the rule this case illustrates in testdata/rules (each
// rule has exactly one fixture case).
type ruleCase struct {
	name      string
	fixture   string
	base, rev string
	rules     []string // every rule id emitted, in any order
	effect    schema.Effect
	send      bool // some delta has CautionSend
	recv      bool // some delta has CautionReceive
}

// Helpers that keep the cases short: a record Order in com.example.orders
// with the given fields, and one field.
func rec(fields ...string) string { return recNamed("Order", fields...) }

func recNamed(name string, fields ...string) string {
	return `{"type": "record", "name": "` + name + `", "namespace": "com.example.orders", "fields": [` + strings.Join(fields, ", ") + `]}`
}

func fld(name, typ string, extra ...string) string {
	s := `{"name": "` + name + `", "type": ` + typ
	for _, e := range extra {
		s += ", " + e
	}
	return s + "}"
}

const (
	idField     = `{"name": "id", "type": "string"}`
	statusEnum  = `{"type": "enum", "name": "Status", "symbols": ["NEW", "PAID"]}`
	statusEnum3 = `{"type": "enum", "name": "Status", "symbols": ["NEW", "PAID", "SHIPPED"]}`
)

var ruleCases = []ruleCase{
	// AV-01 .. AV-04: fields added and removed
	{name: "field added with default", fixture: catalogue.AvroFieldAddedWithDefault,
		base: rec(idField), rev: rec(idField, fld("note", `["null", "string"]`, `"default": null`)),
		rules: []string{catalogue.AvroFieldAddedWithDefault}, effect: schema.None},
	{name: "field added without default", fixture: catalogue.AvroFieldAddedWithoutDefault,
		base: rec(idField), rev: rec(idField, fld("quantity", `"int"`)),
		rules: []string{catalogue.AvroFieldAddedWithoutDefault}, effect: schema.Narrower},
	{name: "field removed with default", fixture: catalogue.AvroFieldRemovedWithDefault,
		base: rec(idField, fld("note", `["null", "string"]`, `"default": null`)), rev: rec(idField),
		rules: []string{catalogue.AvroFieldRemovedWithDefault}, effect: schema.None},
	{name: "field removed without default", fixture: catalogue.AvroFieldRemovedWithoutDefault,
		base: rec(idField, fld("quantity", `"int"`)), rev: rec(idField),
		rules: []string{catalogue.AvroFieldRemovedWithoutDefault}, effect: schema.Wider},
	{name: "field removed and another added without defaults",
		base: rec(idField, fld("quantity", `"int"`)), rev: rec(idField, fld("price", `"double"`)),
		rules: []string{catalogue.AvroFieldRemovedWithoutDefault, catalogue.AvroFieldAddedWithoutDefault}, effect: schema.Incomparable},

	// AV-05: defaults
	{name: "field default added", fixture: catalogue.AvroFieldDefaultAdded,
		base: rec(fld("quantity", `"int"`)), rev: rec(fld("quantity", `"int"`, `"default": 0`)),
		rules: []string{catalogue.AvroFieldDefaultAdded}, effect: schema.None},
	{name: "field default changed", fixture: catalogue.AvroFieldDefaultChanged,
		base: rec(fld("quantity", `"int"`, `"default": 0`)), rev: rec(fld("quantity", `"int"`, `"default": 1`)),
		rules: []string{catalogue.AvroFieldDefaultChanged}, effect: schema.None, recv: true},
	{name: "field default written differently but equal",
		base: rec(fld("price", `"double"`, `"default": 1`)), rev: rec(fld("price", `"double"`, `"default": 1.0`)),
		effect: schema.None},
	{name: "field default removed", fixture: catalogue.AvroFieldDefaultRemoved,
		base: rec(fld("quantity", `"int"`, `"default": 0`)), rev: rec(fld("quantity", `"int"`)),
		rules: []string{catalogue.AvroFieldDefaultRemoved}, effect: schema.None},
	{name: "field default does not match the type", fixture: catalogue.AvroFieldDefaultInvalid,
		base: rec(fld("quantity", `"int"`, `"default": 0`)), rev: rec(fld("quantity", `"int"`, `"default": "zero"`)),
		rules: []string{catalogue.AvroFieldDefaultChanged, catalogue.AvroFieldDefaultInvalid}, effect: schema.None, send: true, recv: true},
	{name: "field added with a default of the wrong type",
		base: rec(idField), rev: rec(idField, fld("note", `["null", "string"]`, `"default": "none"`)),
		rules: []string{catalogue.AvroFieldAddedWithDefault, catalogue.AvroFieldDefaultInvalid}, effect: schema.None, send: true, recv: true},
	{name: "a default already invalid in the base is not reported again",
		base: rec(fld("quantity", `"int"`, `"default": "zero"`)), rev: rec(fld("quantity", `"int"`, `"default": "zero"`), idField),
		rules: []string{catalogue.AvroFieldAddedWithoutDefault}, effect: schema.Narrower},

	// AV-06 .. AV-08: renames and order
	{name: "field renamed with alias, old field without default", fixture: catalogue.AvroFieldRenamed,
		base: rec(fld("price", `"double"`)), rev: rec(fld("amount", `"double"`, `"aliases": ["price"]`)),
		rules: []string{catalogue.AvroFieldRenamed}, effect: schema.Wider},
	{name: "field renamed with alias, old field with default",
		base: rec(fld("price", `"double"`, `"default": 0`)), rev: rec(fld("amount", `"double"`, `"aliases": ["price"]`, `"default": 0`)),
		rules: []string{catalogue.AvroFieldRenamed}, effect: schema.None},
	{name: "field renamed with alias and promoted: the old reader does not look it up",
		base: rec(fld("price", `"float"`)), rev: rec(fld("amount", `"double"`, `"aliases": ["price"]`)),
		rules: []string{catalogue.AvroFieldRenamed, catalogue.AvroTypePromoted}, effect: schema.Wider},
	{name: "fields reordered", fixture: catalogue.AvroFieldsReordered,
		base: rec(idField, fld("quantity", `"int"`)), rev: rec(fld("quantity", `"int"`), idField),
		rules: []string{catalogue.AvroFieldsReordered}, effect: schema.None},

	// AV-09 .. AV-12: types
	{name: "int promoted to long", fixture: catalogue.AvroTypePromoted,
		base: rec(fld("quantity", `"int"`)), rev: rec(fld("quantity", `"long"`)),
		rules: []string{catalogue.AvroTypePromoted}, effect: schema.Wider},
	{name: "long promoted to double can lose precision",
		base: rec(fld("quantity", `"long"`)), rev: rec(fld("quantity", `"double"`)),
		rules: []string{catalogue.AvroTypePromoted}, effect: schema.Wider, recv: true},
	{name: "float promoted to double",
		base: rec(fld("price", `"float"`)), rev: rec(fld("price", `"double"`)),
		rules: []string{catalogue.AvroTypePromoted}, effect: schema.Wider},
	{name: "long narrowed to int", fixture: catalogue.AvroTypeNarrowed,
		base: rec(fld("quantity", `"long"`)), rev: rec(fld("quantity", `"int"`)),
		rules: []string{catalogue.AvroTypeNarrowed}, effect: schema.Narrower},
	{name: "double narrowed to long: old readers promote with loss",
		base: rec(fld("quantity", `"double"`)), rev: rec(fld("quantity", `"long"`)),
		rules: []string{catalogue.AvroTypeNarrowed}, effect: schema.Narrower, send: true},
	{name: "string to bytes", fixture: catalogue.AvroTypeStringToBytes,
		base: rec(fld("payload", `"string"`)), rev: rec(fld("payload", `"bytes"`)),
		rules: []string{catalogue.AvroTypeStringToBytes}, effect: schema.None, send: true},
	{name: "bytes to string", fixture: catalogue.AvroTypeBytesToString,
		base: rec(fld("payload", `"bytes"`)), rev: rec(fld("payload", `"string"`)),
		rules: []string{catalogue.AvroTypeBytesToString}, effect: schema.None, recv: true},
	{name: "int to string", fixture: catalogue.AvroTypeChanged,
		base: rec(fld("quantity", `"int"`)), rev: rec(fld("quantity", `"string"`)),
		rules: []string{catalogue.AvroTypeChanged}, effect: schema.Incomparable},
	{name: "record to map",
		base: rec(fld("address", recNamed("Address", fld("city", `"string"`)))), rev: rec(fld("address", `{"type": "map", "values": "string"}`)),
		rules: []string{catalogue.AvroTypeChanged}, effect: schema.Incomparable},
	{name: "boolean to int",
		base: rec(fld("paid", `"boolean"`)), rev: rec(fld("paid", `"int"`)),
		rules: []string{catalogue.AvroTypeChanged}, effect: schema.Incomparable},

	// AV-13 .. AV-15: enums
	{name: "enum symbol added, old enum without default", fixture: catalogue.AvroEnumSymbolAdded,
		base: rec(fld("status", statusEnum)), rev: rec(fld("status", statusEnum3)),
		rules: []string{catalogue.AvroEnumSymbolAdded}, effect: schema.Wider},
	{name: "enum symbol added, old enum with default: collapses to it",
		base:  rec(fld("status", `{"type": "enum", "name": "Status", "symbols": ["NEW", "PAID"], "default": "NEW"}`)),
		rev:   rec(fld("status", `{"type": "enum", "name": "Status", "symbols": ["NEW", "PAID", "SHIPPED"], "default": "NEW"}`)),
		rules: []string{catalogue.AvroEnumSymbolAdded}, effect: schema.None, send: true},
	{name: "enum symbol added, only the new enum has a default: does not help old readers",
		base:  rec(fld("status", statusEnum)),
		rev:   rec(fld("status", `{"type": "enum", "name": "Status", "symbols": ["NEW", "PAID", "SHIPPED"], "default": "NEW"}`)),
		rules: []string{catalogue.AvroEnumSymbolAdded, catalogue.AvroEnumDefaultAdded}, effect: schema.Wider},
	{name: "enum symbol removed, new enum without default", fixture: catalogue.AvroEnumSymbolRemoved,
		base: rec(fld("status", statusEnum3)), rev: rec(fld("status", statusEnum)),
		rules: []string{catalogue.AvroEnumSymbolRemoved}, effect: schema.Narrower},
	{name: "enum symbol removed, new enum with default",
		base:  rec(fld("status", `{"type": "enum", "name": "Status", "symbols": ["NEW", "PAID", "SHIPPED"], "default": "NEW"}`)),
		rev:   rec(fld("status", `{"type": "enum", "name": "Status", "symbols": ["NEW", "PAID"], "default": "NEW"}`)),
		rules: []string{catalogue.AvroEnumSymbolRemoved}, effect: schema.None, recv: true},
	{name: "enum symbols reordered", fixture: catalogue.AvroEnumSymbolsReordered,
		base: rec(fld("status", statusEnum)), rev: rec(fld("status", `{"type": "enum", "name": "Status", "symbols": ["PAID", "NEW"]}`)),
		rules: []string{catalogue.AvroEnumSymbolsReordered}, effect: schema.None},
	{name: "enum default added", fixture: catalogue.AvroEnumDefaultAdded,
		base: rec(fld("status", statusEnum)), rev: rec(fld("status", `{"type": "enum", "name": "Status", "symbols": ["NEW", "PAID"], "default": "NEW"}`)),
		rules: []string{catalogue.AvroEnumDefaultAdded}, effect: schema.None},
	{name: "enum default removed", fixture: catalogue.AvroEnumDefaultRemoved,
		base: rec(fld("status", `{"type": "enum", "name": "Status", "symbols": ["NEW", "PAID"], "default": "NEW"}`)), rev: rec(fld("status", statusEnum)),
		rules: []string{catalogue.AvroEnumDefaultRemoved}, effect: schema.None},
	{name: "enum default changed", fixture: catalogue.AvroEnumDefaultChanged,
		base:  rec(fld("status", `{"type": "enum", "name": "Status", "symbols": ["NEW", "PAID"], "default": "NEW"}`)),
		rev:   rec(fld("status", `{"type": "enum", "name": "Status", "symbols": ["NEW", "PAID"], "default": "PAID"}`)),
		rules: []string{catalogue.AvroEnumDefaultChanged}, effect: schema.None, recv: true},

	// AV-16 .. AV-20: unions
	{name: "union branch added", fixture: catalogue.AvroUnionBranchAdded,
		base: rec(fld("ref", `["null", "string"]`)), rev: rec(fld("ref", `["null", "string", "int"]`)),
		rules: []string{catalogue.AvroUnionBranchAdded}, effect: schema.Wider},
	{name: "union branch added that old readers promote",
		base: rec(fld("amount", `["null", "long"]`)), rev: rec(fld("amount", `["null", "long", "int"]`)),
		rules: []string{catalogue.AvroUnionBranchAdded}, effect: schema.None},
	{name: "union branch removed", fixture: catalogue.AvroUnionBranchRemoved,
		base: rec(fld("ref", `["null", "string", "int"]`)), rev: rec(fld("ref", `["null", "string"]`)),
		rules: []string{catalogue.AvroUnionBranchRemoved}, effect: schema.Narrower},
	{name: "union branch removed that new readers promote",
		base: rec(fld("amount", `["int", "long"]`)), rev: rec(fld("amount", `["long"]`)),
		rules: []string{catalogue.AvroUnionBranchRemoved}, effect: schema.None},
	{name: "made nullable", fixture: catalogue.AvroTypeMadeNullable,
		base: rec(fld("note", `"string"`)), rev: rec(fld("note", `["null", "string"]`)),
		rules: []string{catalogue.AvroTypeMadeNullable}, effect: schema.Wider},
	{name: "made nullable with a default",
		base: rec(fld("note", `"string"`)), rev: rec(fld("note", `["null", "string"]`, `"default": null`)),
		rules: []string{catalogue.AvroTypeMadeNullable, catalogue.AvroFieldDefaultAdded}, effect: schema.Wider},
	{name: "made non-nullable", fixture: catalogue.AvroTypeMadeNonNullable,
		base: rec(fld("note", `["null", "string"]`)), rev: rec(fld("note", `"string"`)),
		rules: []string{catalogue.AvroTypeMadeNonNullable}, effect: schema.Narrower},
	{name: "made nullable and promoted",
		base: rec(fld("amount", `"int"`)), rev: rec(fld("amount", `["null", "long"]`)),
		rules: []string{catalogue.AvroTypeMadeNullable, catalogue.AvroTypePromoted}, effect: schema.Wider},
	{name: "union branch type changed",
		base: rec(fld("ref", `["null", "string"]`)), rev: rec(fld("ref", `["null", "int"]`)),
		rules: []string{catalogue.AvroTypeChanged}, effect: schema.Incomparable},
	{name: "promotion inside a union that another branch already reads",
		base: rec(fld("amount", `["int", "double"]`)), rev: rec(fld("amount", `["long", "double"]`)),
		rules: []string{catalogue.AvroTypePromoted}, effect: schema.None},
	{name: "union reordered", fixture: catalogue.AvroUnionBranchesReordered,
		base: rec(fld("note", `["null", "string"]`, `"default": null`)), rev: rec(fld("note", `["string", "null"]`, `"default": null`)),
		rules: []string{catalogue.AvroUnionBranchesReordered}, effect: schema.None, send: true, recv: true},
	{name: "union reordered without a default",
		base: rec(fld("note", `["null", "string"]`)), rev: rec(fld("note", `["string", "null"]`)),
		rules: []string{catalogue.AvroUnionBranchesReordered}, effect: schema.None},
	{name: "union reordered, default still matches the first branch",
		base: rec(fld("ref", `["string", "int", "null"]`, `"default": "x"`)), rev: rec(fld("ref", `["string", "null", "int"]`, `"default": "x"`)),
		rules: []string{catalogue.AvroUnionBranchesReordered}, effect: schema.None},
	{name: "union of records: record added",
		base:  rec(fld("event", `["null", `+recNamed("Created", fld("at", `"long"`))+`]`)),
		rev:   rec(fld("event", `["null", `+recNamed("Created", fld("at", `"long"`))+`, `+recNamed("Deleted", fld("at", `"long"`))+`]`)),
		rules: []string{catalogue.AvroUnionBranchAdded}, effect: schema.Wider},

	// AV-21 .. AV-23: named types
	{name: "record renamed without alias", fixture: catalogue.AvroNameChanged,
		base: rec(idField), rev: recNamed("PurchaseOrder", idField),
		rules: []string{catalogue.AvroNameChanged}, effect: schema.Incomparable},
	{name: "record renamed with alias",
		base: rec(idField), rev: `{"type": "record", "name": "PurchaseOrder", "namespace": "com.example.orders", "aliases": ["Order"], "fields": [` + idField + `]}`,
		rules: []string{catalogue.AvroNameChanged}, effect: schema.Wider},
	{name: "record renamed with full-name alias",
		base: rec(idField), rev: `{"type": "record", "name": "PurchaseOrder", "namespace": "com.example.orders", "aliases": ["com.example.orders.Order"], "fields": [` + idField + `]}`,
		rules: []string{catalogue.AvroNameChanged}, effect: schema.Wider},
	{name: "enum renamed inside a record",
		base: rec(fld("status", statusEnum)), rev: rec(fld("status", `{"type": "enum", "name": "OrderStatus", "symbols": ["NEW", "PAID"]}`)),
		rules: []string{catalogue.AvroNameChanged}, effect: schema.Incomparable},
	{name: "record in a union renamed",
		base:  rec(fld("event", `["null", `+recNamed("Created", fld("at", `"long"`))+`]`)),
		rev:   rec(fld("event", `["null", `+recNamed("OrderCreated", fld("at", `"long"`))+`]`)),
		rules: []string{catalogue.AvroNameChanged}, effect: schema.Incomparable},
	{name: "namespace changed", fixture: catalogue.AvroNamespaceChanged,
		base: rec(idField), rev: `{"type": "record", "name": "Order", "namespace": "com.example.sales", "fields": [` + idField + `]}`,
		rules: []string{catalogue.AvroNamespaceChanged}, effect: schema.None, send: true, recv: true},
	{name: "namespace change inherited by a nested record is reported once",
		base:  rec(fld("address", recNamed("Address", fld("city", `"string"`)))),
		rev:   strings.Replace(rec(fld("address", recNamed("Address", fld("city", `"string"`)))), `"namespace": "com.example.orders"`, `"namespace": "com.example.sales"`, 1),
		rules: []string{catalogue.AvroNamespaceChanged}, effect: schema.None, send: true, recv: true},
	{name: "namespace changed, aliases written the same",
		base:  `{"type": "record", "name": "Order", "namespace": "com.a", "aliases": ["Purchase"], "fields": []}`,
		rev:   `{"type": "record", "name": "Order", "namespace": "com.b", "aliases": ["Purchase"], "fields": []}`,
		rules: []string{catalogue.AvroNamespaceChanged}, effect: schema.None, send: true, recv: true},
	{name: "fixed size changed", fixture: catalogue.AvroFixedSizeChanged,
		base: rec(fld("hash", `{"type": "fixed", "name": "Hash", "size": 16}`)), rev: rec(fld("hash", `{"type": "fixed", "name": "Hash", "size": 32}`)),
		rules: []string{catalogue.AvroFixedSizeChanged}, effect: schema.Incomparable},

	// AV-24: containers recurse
	{name: "array items promoted",
		base: rec(fld("quantities", `{"type": "array", "items": "int"}`)), rev: rec(fld("quantities", `{"type": "array", "items": "long"}`)),
		rules: []string{catalogue.AvroTypePromoted}, effect: schema.Wider},
	{name: "map values changed",
		base: rec(fld("tags", `{"type": "map", "values": "string"}`)), rev: rec(fld("tags", `{"type": "map", "values": "int"}`)),
		rules: []string{catalogue.AvroTypeChanged}, effect: schema.Incomparable},
	{name: "field added inside array of records",
		base:  rec(fld("lines", `{"type": "array", "items": `+recNamed("Line", fld("sku", `"string"`))+`}`)),
		rev:   rec(fld("lines", `{"type": "array", "items": `+recNamed("Line", fld("sku", `"string"`), fld("qty", `"int"`))+`}`)),
		rules: []string{catalogue.AvroFieldAddedWithoutDefault}, effect: schema.Narrower},

	// AV-25: logical types
	{name: "timestamp millis to micros", fixture: catalogue.AvroLogicalTypeChanged,
		base: rec(fld("at", `{"type": "long", "logicalType": "timestamp-millis"}`)), rev: rec(fld("at", `{"type": "long", "logicalType": "timestamp-micros"}`)),
		rules: []string{catalogue.AvroLogicalTypeChanged}, effect: schema.Incomparable},
	{name: "timestamp to local timestamp of one unit",
		base: rec(fld("at", `{"type": "long", "logicalType": "timestamp-millis"}`)), rev: rec(fld("at", `{"type": "long", "logicalType": "local-timestamp-millis"}`)),
		rules: []string{catalogue.AvroLogicalTypeChanged}, effect: schema.None, send: true, recv: true},
	{name: "date to time-millis",
		base: rec(fld("at", `{"type": "int", "logicalType": "date"}`)), rev: rec(fld("at", `{"type": "int", "logicalType": "time-millis"}`)),
		rules: []string{catalogue.AvroLogicalTypeChanged}, effect: schema.Incomparable},
	{name: "time-millis int to time-micros long: promoted and unit changed",
		base: rec(fld("at", `{"type": "int", "logicalType": "time-millis"}`)), rev: rec(fld("at", `{"type": "long", "logicalType": "time-micros"}`)),
		rules: []string{catalogue.AvroTypePromoted, catalogue.AvroLogicalTypeChanged}, effect: schema.Incomparable},
	{name: "logical type added", fixture: catalogue.AvroLogicalTypeAdded,
		base: rec(fld("at", `"long"`)), rev: rec(fld("at", `{"type": "long", "logicalType": "timestamp-millis"}`)),
		rules: []string{catalogue.AvroLogicalTypeAdded}, effect: schema.None, send: true, recv: true},
	{name: "logical type removed", fixture: catalogue.AvroLogicalTypeRemoved,
		base: rec(fld("id", `{"type": "string", "logicalType": "uuid"}`)), rev: rec(fld("id", `"string"`)),
		rules: []string{catalogue.AvroLogicalTypeRemoved}, effect: schema.None, send: true, recv: true},
	{name: "decimal scale changed", fixture: catalogue.AvroDecimalScaleChanged,
		base:  rec(fld("price", `{"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}`)),
		rev:   rec(fld("price", `{"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 4}`)),
		rules: []string{catalogue.AvroDecimalScaleChanged}, effect: schema.Incomparable},
	{name: "decimal precision increased", fixture: catalogue.AvroDecimalPrecisionChanged,
		base:  rec(fld("price", `{"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}`)),
		rev:   rec(fld("price", `{"type": "bytes", "logicalType": "decimal", "precision": 12, "scale": 2}`)),
		rules: []string{catalogue.AvroDecimalPrecisionChanged}, effect: schema.Wider},
	{name: "decimal precision decreased",
		base:  rec(fld("price", `{"type": "bytes", "logicalType": "decimal", "precision": 12, "scale": 2}`)),
		rev:   rec(fld("price", `{"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}`)),
		rules: []string{catalogue.AvroDecimalPrecisionChanged}, effect: schema.Narrower},
	{name: "decimal on fixed, precision too large for the size is ignored",
		base:  rec(fld("price", `{"type": "fixed", "name": "Money", "size": 4, "logicalType": "decimal", "precision": 9}`)),
		rev:   rec(fld("price", `{"type": "fixed", "name": "Money", "size": 4, "logicalType": "decimal", "precision": 12}`)),
		rules: []string{catalogue.AvroLogicalTypeRemoved}, effect: schema.None, send: true, recv: true},
	{name: "logical type Avro does not know",
		base: rec(fld("id", `{"type": "string", "logicalType": "ulid"}`)), rev: rec(fld("id", `{"type": "string", "logicalType": "ksuid"}`)),
		rules: []string{catalogue.AvroPropertyChanged}, effect: schema.None},

	// AV-26: annotations
	{name: "doc changed", fixture: catalogue.AvroDocChanged,
		base: rec(fld("id", `"string"`, `"doc": "the id"`)), rev: rec(fld("id", `"string"`, `"doc": "the order id"`)),
		rules: []string{catalogue.AvroDocChanged}, effect: schema.None},
	{name: "order changed", fixture: catalogue.AvroOrderChanged,
		base: rec(fld("id", `"string"`)), rev: rec(fld("id", `"string"`, `"order": "descending"`)),
		rules: []string{catalogue.AvroOrderChanged}, effect: schema.None},
	{name: "custom property changed", fixture: catalogue.AvroPropertyChanged,
		base: rec(fld("id", `{"type": "string", "avro.java.string": "String"}`)), rev: rec(fld("id", `{"type": "string", "avro.java.string": "CharSequence"}`)),
		rules: []string{catalogue.AvroPropertyChanged}, effect: schema.None},
	{name: "field aliases changed", fixture: catalogue.AvroAliasesChanged,
		base: rec(fld("id", `"string"`)), rev: rec(fld("id", `"string"`, `"aliases": ["orderId"]`)),
		rules: []string{catalogue.AvroAliasesChanged}, effect: schema.None},

	// Input the engine cannot judge
	{name: "revision is not an Avro schema", fixture: catalogue.AvroSchemaInvalid,
		base: rec(idField), rev: `{"type": "record", "name": "Order", "namespace": "com.example.orders"}`,
		rules: []string{catalogue.AvroSchemaInvalid}, effect: schema.Unknown},
	{name: "type reference not defined in the document", fixture: catalogue.AvroTypeUnresolved,
		base: rec(fld("customer", `"string"`)), rev: rec(fld("customer", `"com.example.customers.Customer"`)),
		rules: []string{catalogue.AvroTypeUnresolved}, effect: schema.Unknown},
	{name: "the same undefined reference on both sides is not a change",
		base: rec(fld("meta", `"com.example.events.EventMetadata"`)), rev: rec(fld("meta", `"com.example.events.EventMetadata"`)),
		effect: schema.None},

	// Named types, references and recursion
	{name: "identical recursive linked list",
		base:   rec(fld("value", `"long"`), fld("next", `["null", "Order"]`, `"default": null`)),
		rev:    rec(fld("value", `"long"`), fld("next", `["null", "Order"]`, `"default": null`)),
		effect: schema.None},
	{name: "change in a recursive record is reported once",
		base:  rec(fld("value", `"int"`), fld("next", `["null", "Order"]`, `"default": null`)),
		rev:   rec(fld("value", `"long"`), fld("next", `["null", "Order"]`, `"default": null`)),
		rules: []string{catalogue.AvroTypePromoted}, effect: schema.Wider},
	{name: "named type used twice is compared once",
		base:  rec(fld("billing", recNamed("Address", fld("city", `"string"`))), fld("shipping", `"Address"`)),
		rev:   rec(fld("billing", recNamed("Address", fld("city", `"string"`), fld("zip", `"string"`))), fld("shipping", `"Address"`)),
		rules: []string{catalogue.AvroFieldAddedWithoutDefault}, effect: schema.Narrower},
	{name: "definition moved to the other use is not a change",
		base:   rec(fld("billing", recNamed("Address", fld("city", `"string"`))), fld("shipping", `"Address"`)),
		rev:    rec(fld("billing", `"com.example.orders.Address"`), fld("shipping", recNamed("Address", fld("city", `"string"`)))),
		effect: schema.None},
	{name: "primitive written as a name or as an object is the same",
		base: rec(fld("id", `"string"`)), rev: rec(fld("id", `{"type": "string"}`)),
		effect: schema.None},
	{name: "a reference to a type defined later resolves",
		base:  rec(fld("first", `"com.example.orders.Line"`), fld("second", recNamed("Line", fld("qty", `"int"`)))),
		rev:   rec(fld("first", `"com.example.orders.Line"`), fld("second", recNamed("Line", fld("qty", `"long"`)))),
		rules: []string{catalogue.AvroTypePromoted}, effect: schema.Wider},
}
