package spec

import (
	"errors"
	"fmt"

	"github.com/eventdiff/eventdiff/limits"
	"github.com/eventdiff/eventdiff/tree"
)

// The causes a caller may want to tell apart. Load's errors are one-line
// *tree.Error values that name the file and line; errors.Is finds these
// causes in them, and errors.As finds a *limits.Error for a limit reached.
var (
	// ErrNotAsyncAPI: the input is not an AsyncAPI document of a supported
	// version (an OpenAPI document, no `asyncapi` field, version 1.x, …).
	ErrNotAsyncAPI = errors.New("not an AsyncAPI document")
	// ErrRefOutsideTree: a `$ref` leads out of the tree references may read
	// (an absolute path, `..` past the root, a symbolic link out of it).
	ErrRefOutsideTree = errors.New("leaves the tree references may read")
	// ErrRefNotFound: a `$ref` names a file that does not exist, or a place
	// in a file that holds nothing.
	ErrRefNotFound = errors.New("reference target not found")
	// ErrRemoteRefNotFollowed: a `$ref` to an http(s) URL when remote
	// references are not allowed.
	ErrRemoteRefNotFollowed = errors.New("remote references are not followed")
	// ErrRemoteRefFailed: remote references are followed, and one could not
	// be fetched (offline, refused, too slow or too large: a limit reached
	// is a *limits.Error too).
	ErrRemoteRefFailed = errors.New("a remote reference could not be fetched")
)

// errAt is the error for a problem at a node, with the cause errors.Is
// finds in it.
func errAt(n *tree.Node, cause error, format string, args ...any) *tree.Error {
	e := tree.ErrorAt(n, format, args...)
	e.Err = cause
	return e
}

// limitAt is the error for a limit reached at a node (n may be nil).
func limitAt(n *tree.Node, file string, limit limits.Name, format string, args ...any) *tree.Error {
	e := tree.ErrorAt(n, "")
	if e.File == "" {
		e.File = file
	}
	e.Msg, e.Err = "", limits.Exceeded(limit, format, args...)
	return e
}

// causeError is a message of its own with a cause errors.Is can find.
type causeError struct {
	msg   string
	cause error
}

func (e *causeError) Error() string { return e.msg }
func (e *causeError) Unwrap() error { return e.cause }

func because(cause error, format string, args ...any) error {
	return &causeError{msg: fmt.Sprintf(format, args...), cause: cause}
}
