// Package cli is eventdiff's command line: the commands (diff, rules,
// changelog) and their flags, the config file's place in the precedence of
// settings, exit codes, GitHub Actions' environment, and the words that
// name flags in messages.
//
// It runs the pipeline only through pkg/eventdiff and renders only through
// package report, so it holds no logic a test could not reach without a
// process; every command runs in-process from the tests through Run.
package cli
