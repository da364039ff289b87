// Command eventdiff tells what changed between two versions of an AsyncAPI
// document and whether it breaks anyone. See README.md.
//
// This package only hands the process's streams, environment and terminal
// to internal/cli; it must stay package main at the module's root so that
// `go install github.com/eventdiff/eventdiff@latest` installs the command.
// Programs that compare documents import pkg/eventdiff instead.
package main
