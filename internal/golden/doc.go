// Package golden compares test output with files under testdata and
// rewrites them when tests run with -update. Every package with tests
// imports it (blank if need be) so that `go test ./... -update` is
// accepted by every test binary.
package golden
