package limits

import "fmt"

// Limits bound the work that reading one document may cause, and what
// comparing two may report. A zero field means no limit on that dimension.
type Limits struct {
	MaxFileSize   int64 // bytes of one file
	MaxTotalSize  int64 // bytes of all files of one document together
	MaxDepth      int   // nesting of maps and sequences
	MaxNodes      int   // values (scalars, maps, sequences) in all files of one document together
	MaxScalarSize int   // bytes of one scalar (a string, a number) or mapping key
	MaxAliasNodes int   // nodes reachable through YAML aliases, counted with repetition
	MaxAliasBytes int64 // bytes of keys and scalars reachable through YAML aliases, counted with repetition
	MaxRefHops    int   // references followed to reach one target
	MaxFiles      int   // files one document may pull in through $ref
	MaxChanges    int   // changes one comparison of two documents may find
}

// Default are generous for real documents and small for attacks. Within
// them, comparing two documents costs under a gigabyte: a document holds
// at most 64 MB of text and 2 million nodes of about 125 bytes each (the
// densest input, a list of one-character items, reaches the node limit
// first), what aliases may expand to bounds the work of everything that
// walks a value, and the number of changes bounds the report: each costs
// kilobytes to explain, so a document that changes every one of its half a
// million properties would otherwise cost gigabytes.
var Default = Limits{
	MaxFileSize:   64 << 20,
	MaxTotalSize:  64 << 20,
	MaxDepth:      1000,
	MaxNodes:      2_000_000,
	MaxScalarSize: 4 << 20,
	MaxAliasNodes: 1_000_000,
	MaxAliasBytes: 16 << 20,
	MaxRefHops:    64,
	MaxFiles:      10_000,
	MaxChanges:    50_000,
}

// Name names one limit; the command line's flag for it is "--max-" + Name.
type Name string

// The limits.
const (
	FileSize   Name = "file-size"
	TotalSize  Name = "total-size"
	Depth      Name = "depth"
	Nodes      Name = "nodes"
	ScalarSize Name = "scalar-size"
	AliasNodes Name = "alias-nodes"
	AliasBytes Name = "alias-bytes"
	RefHops    Name = "ref-hops"
	Files      Name = "files"
	Changes    Name = "changes"
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
