// Package catalogue declares every rule eventdiff knows, once: its id, the
// object it is about, what it detects, its default level by direction (or
// "judged by effect" for schema rules), the semver bump it implies and the
// Keep a Changelog group it is listed under.
//
// Every emitter names a change by one of the variables declared here
// (diff for document-level changes, schema and schema/avro for schema
// changes), so an id exists only where it is declared and a rename moves
// nothing by accident. The package is a leaf: it imports nothing of
// eventdiff, so every stage can refer to it without a cycle.
//
// It holds facts about rules and their default policy; it does not judge
// changes (package rules does, applying direction, effect and
// configuration) and it prints nothing (docs/rules.md is generated from
// All by package report).
package catalogue
