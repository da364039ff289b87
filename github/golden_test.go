package github_test

// Every test binary accepts -update, so `go test ./... -update` runs in
// every package; this one has no golden files of its own.
import _ "github.com/eventdiff/eventdiff/internal/golden"
