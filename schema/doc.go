// Package schema decides what a change to a JSON Schema (AsyncAPI Schema
// Object, draft-07, or the OpenAPI 3.0 dialect) does to the set of values
// the schema accepts: nothing, more (wider), fewer (narrower), some of each
// (incomparable), or cannot tell (unknown). It reports one Delta per
// keyword-level difference, with the evidence a person needs.
//
// It knows nothing about documents, direction or severity: whether
// "wider" breaks anybody depends on who sends the message, which the rules
// package decides. Rule ids come from package catalogue.
//
// How Compare works: it pairs each base schema node with a revision node
// (after following `$ref`, and unwrapping single-member combinators when
// only one side has one), once per pair, so shared and recursive schemas
// are compared and reported once. Each pair yields keyword-level deltas
// with a local effect; the path from the root then decides the effect on
// the whole value (`not` inverts it, a change inside a oneOf branch that
// cannot be proved disjoint from its siblings becomes unknown). Keywords
// that only constrain one JSON type are compared only when both sides
// accept that type, numeric bounds are compared as intervals (discrete for
// integers), and branches of allOf/anyOf/oneOf are paired by structure.
//
// Witnesses come from the caller's examples first, else from values built
// from the root down to the change; either way they are confirmed with the
// package's own draft-07 validator (Validate) before they are reported.
package schema
