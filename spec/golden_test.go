package spec

// Every test binary accepts -update, so `go test ./... -update` runs in
// every package.
import _ "github.com/eventdiff/eventdiff/internal/golden"
