package spec

import "strings"

// Schema format families. Formats of one family describe values the same
// way, so a schema can move between them without a contract change.
const (
	FormatJSONSchema = "jsonschema" // AsyncAPI Schema, JSON Schema draft-07, OpenAPI 3.0 schema
	FormatAvro       = "avro"
	FormatProtobuf   = "protobuf"
	FormatRAML       = "raml"
)

// FormatFamily normalises a schemaFormat media type to its family. The
// `+json`/`+yaml` suffix is only an encoding and the AsyncAPI `version`
// parameter is not semantic. Unknown formats are returned lowercased
// without parameters, so two spellings of the same unknown type compare equal.
func FormatFamily(raw string) string {
	mt := strings.ToLower(strings.TrimSpace(raw))
	if i := strings.IndexByte(mt, ';'); i >= 0 {
		mt = strings.TrimSpace(mt[:i])
	}
	mt = strings.TrimSuffix(strings.TrimSuffix(mt, "+json"), "+yaml")
	switch mt {
	case "", "application/vnd.aai.asyncapi", "application/schema", "application/vnd.oai.openapi":
		return FormatJSONSchema
	case "application/vnd.apache.avro":
		return FormatAvro
	case "application/vnd.google.protobuf", "application/x-protobuf":
		return FormatProtobuf
	case "application/raml":
		return FormatRAML
	}
	return mt
}

// IsOpenAPIFormat reports whether a schemaFormat is the OpenAPI 3.0 schema
// dialect, where `nullable` is a keyword.
func IsOpenAPIFormat(raw string) bool {
	return strings.HasPrefix(strings.ToLower(strings.TrimSpace(raw)), "application/vnd.oai.openapi")
}
