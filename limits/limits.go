package limits

import "fmt"

// Limits bound the work that reading one document may cause. A zero field
// means no limit on that dimension.
type Limits struct {
	MaxFileSize   int64 // bytes of one file
	MaxTotalSize  int64 // bytes of all files of one document together
	MaxDepth      int   // nesting of maps and sequences
	MaxAliasNodes int   // nodes reachable through YAML aliases, counted with repetition
	MaxRefHops    int   // references followed to reach one target
	MaxFiles      int   // files one document may pull in through $ref
}

// Default are generous for real documents and small for attacks.
var Default = Limits{
	MaxFileSize:   64 << 20,
	MaxTotalSize:  256 << 20,
	MaxDepth:      1000,
	MaxAliasNodes: 1_000_000,
	MaxRefHops:    64,
	MaxFiles:      10_000,
}

// Name names one limit; the command line's flag for it is "--max-" + Name.
type Name string

// The limits.
const (
	FileSize   Name = "file-size"
	TotalSize  Name = "total-size"
	Depth      Name = "depth"
	AliasNodes Name = "alias-nodes"
	RefHops    Name = "ref-hops"
	Files      Name = "files"
)

// Error says that an input went past a limit. Its message says what was too
// much; it does not say how to raise the limit, which depends on the caller.
type Error struct {
	Limit Name
	Msg   string
}

func (e *Error) Error() string { return e.Msg }

// Exceeded returns the error for a limit with a message.
func Exceeded(limit Name, format string, args ...any) *Error {
	return &Error{Limit: limit, Msg: fmt.Sprintf(format, args...)}
}
