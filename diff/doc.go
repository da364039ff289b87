// Package diff pairs the elements of two documents by identity and emits
// one typed Change per difference, with where it is in both documents and
// the values before and after.
//
// It owns pairing: servers by name, channels by address (parameter names
// canonicalised), operations by channel and action then id, messages by id,
// key, name and payload fingerprint, so that a rename with the same content
// is a rename and not a removal plus an addition. It names each change by
// a rule declared in package catalogue and asks the schema engines (schema,
// schema/avro) what a payload or header change does to the accepted values.
//
// It must not decide severity, bumps or wording for a verdict: that is
// package rules'. It reads nothing and prints nothing.
package diff
