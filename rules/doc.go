// Package rules judges changes: it turns each diff.Change into a Finding
// with a level (breaking, warning, info) decided by the rule's declaration
// (package catalogue), the direction the element travels and the effect of
// a schema change, then applies the configuration (per-rule levels,
// ignores with a reason and an expiry), and suggests the semver bump.
//
// It owns policy and configuration; the declarations themselves live in
// the leaf package catalogue so every emitter can name them. It prints
// nothing and reads no documents.
package rules
