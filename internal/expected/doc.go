// Package expected computes and checks the expected findings of a rule
// fixture folder (testdata/rules/<rule-id>/): base and revision documents,
// an optional `flags` file, and expected.txt with the exact findings, one
// per line. The rules package checks every folder; the schema engines'
// tests, which generate their folders' documents, also write their
// expected.txt, so one `go test ./... -update` run is enough after a new
// schema rule.
//
// It is for tests only. It runs the pipeline through pkg/eventdiff, so the
// tests of the packages below it (schema, schema/avro) import it from their
// external test package.
package expected
