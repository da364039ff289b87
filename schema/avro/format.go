package avro

import "strings"

// IsAvro reports whether a schemaFormat media type names Avro, in any of
// its spellings: with or without the `+json`/`+yaml` encoding suffix, any
// `version` parameter (1.9.0, 1.8.2, ...), any letter case, and spaces
// around the parameters.
func IsAvro(schemaFormat string) bool {
	mt := schemaFormat
	if i := strings.IndexByte(mt, ';'); i >= 0 {
		mt = mt[:i]
	}
	mt = strings.ToLower(strings.TrimSpace(mt))
	mt = strings.TrimSuffix(strings.TrimSuffix(mt, "+json"), "+yaml")
	return mt == "application/vnd.apache.avro"
}
