// Package avro decides what a change to an Avro schema does to the
// programs on either side of a message, using Avro's schema-resolution
// rules (the Avro specification, "Schema Resolution").
//
// Avro compatibility is not a matter of accepted sets but of a reader
// schema decoding data written with a writer schema. Two questions are
// asked of every change:
//
//   - backward: can a reader holding the revision read data written with
//     the base schema? (the application receives: old producers, new reader)
//   - forward: can a reader holding the base read data written with the
//     revision? (the application sends: new writer, old consumers)
//
// The answers are mapped onto the shared schema.Effect so the rules
// package can treat every schema language the same way: both → None, only
// backward → Wider (breaks consumers when sending), only forward → Narrower
// (breaks producers when receiving), neither → Incomparable, cannot tell →
// Unknown. Changes that resolution accepts but that still surprise a
// program (string read as bytes, a logical type added, a namespace moved
// for generated code) keep their effect and set a caution flag for the
// direction at risk.
//
// Named types may be recursive, so comparison memoises every pair of types
// it has compared and reports a shared type once, at the first path that
// reaches it.
//
// Like package schema, it knows nothing of AsyncAPI documents, directions
// or levels; rule ids come from package catalogue.
package avro
