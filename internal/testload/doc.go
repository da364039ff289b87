// Package testload loads documents for the tests of packages that sit
// below the public entry point (spec, schema, schema/avro), which cannot
// import package eventdiff without an import cycle. Everything else loads
// through eventdiff.
package testload
