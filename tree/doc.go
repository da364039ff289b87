// Package tree parses YAML and JSON text into trees of positioned nodes:
// every value keeps its file, line, column and JSON pointer, so that a
// change can be shown where it was written.
//
// It owns the reading of both formats: a UTF-8 byte order mark, YAML 1.2
// core-schema scalars as JSON values, YAML aliases and merge keys,
// duplicate keys, and the cost limits of parsing (nodes, scalar length,
// nesting, alias expansion), counted over all the files of a document by
// one Parser. YAML is read by a scanner and builder of the package's own,
// in one pass and little memory, and by goccy/go-yaml's full parser for
// what they leave to it (yamlscan.go says which). It does not read files
// and does not know AsyncAPI: resolving `$ref`s and building the model is
// package spec's job.
package tree
