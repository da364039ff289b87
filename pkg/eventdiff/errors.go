package eventdiff

import (
	"errors"
	"fmt"
	"io/fs"
)

// Errors. Every error of Load and Compare is one line that names the file,
// and the line where there is one. To tell causes apart:
//
//   - errors.As(err, new(*limits.Error)): a limit was reached; its Limit
//     names which (limits.FileSize, limits.Depth, …).
//   - errors.Is(err, spec.ErrNotAsyncAPI): the input is not an AsyncAPI
//     document of a supported version.
//   - errors.Is(err, spec.ErrRefOutsideTree), spec.ErrRefNotFound,
//     spec.ErrRemoteRefNotFollowed: a `$ref` that was refused or leads
//     nowhere.
//   - errors.Is(err, ErrOutsideRefRoot): the document itself is not inside
//     Options.RefRoot.
//   - errors.As(err, new(*source.RevisionError)): a git revision that does
//     not exist (here, or in a shallow clone).
//   - errors.As(err, new(*NotInRevisionError)): the revision exists but
//     does not have the document.
//   - errors.As(err, new(*tree.Error)): where it is (File, Line, Col).
//   - errors.Is(err, ErrBothFromStdin): both sources name standard input.
//   - errors.As(err, new(*source.NotPublicError)): a remote reference
//     that resolves to a loopback, private or link-local address (see
//     Options.AllowPrivateHosts).
//
// Names in errors (file names, `$ref`s, keys) come from the input, and
// only line breaks are escaped in them: a caller that prints one to a
// terminal or a log escapes the rest, as the eventdiff command does.
var (
	ErrOutsideRefRoot = errors.New("the document is outside the reference tree")
	ErrBothFromStdin  = errors.New("only one of the two documents can be read from standard input")
)

// NotInRevisionError says that a git revision does not have the document.
type NotInRevisionError struct {
	Rev  string // the revision, as given
	Path string // the document's path relative to the repository's top level
	Base bool   // set by Compare: it is the base side that lacks it
}

func (e *NotInRevisionError) Error() string {
	return fmt.Sprintf("%s:%s: %s does not exist in %s", e.Rev, e.Path, e.Path, e.Rev)
}

// Unwrap makes errors.Is(err, fs.ErrNotExist) true.
func (e *NotInRevisionError) Unwrap() error { return fs.ErrNotExist }
