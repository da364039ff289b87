// Package schema decides what a change to a JSON Schema (AsyncAPI Schema
// Object, draft-07, or the OpenAPI 3.0 dialect) does to the set of values
// the schema accepts: nothing, more (wider), fewer (narrower), some of each
// (incomparable), or cannot tell (unknown). It reports one Delta per
// keyword-level difference, with the evidence a person needs.
//
// It knows nothing about direction or severity: whether "wider" breaks
// anybody depends on who sends the message, which the rules package decides.
package schema
