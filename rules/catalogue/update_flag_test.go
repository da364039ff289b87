package catalogue

// go test ./... -update rewrites the golden files of every package; each
// test binary must know the flag, even one without golden files.
import _ "github.com/eventdiff/eventdiff/internal/golden"
