// Package tree parses YAML and JSON text into trees of positioned nodes:
// every value keeps its file, line, column and JSON pointer, so that a
// change can be shown where it was written.
//
// It owns the YAML 1.2 reading of scalars as JSON values, YAML aliases and
// merge keys, duplicate keys, and the cost limits of parsing (nesting,
// alias expansion). It does not read files and does not know AsyncAPI:
// resolving `$ref`s and building the model is package spec's job.
package tree
