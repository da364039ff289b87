package changelog

import "fmt"

// The errors and notes of Walk carry what a caller needs to phrase them in
// its own words (the command line names its flags); their own text names
// Options' fields, never a flag.

// An OptionError says that a field of Options is wrong.
type OptionError struct {
	Option string // "From", "To" or "PathAt"
	Key    string // PathAt: the entry, "TAG" or "TAG=PATH"
	Err    error
}

func (e *OptionError) Error() string {
	if e.Key != "" {
		return fmt.Sprintf("%s %s: %v", e.Option, e.Key, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Option, e.Err)
}

func (e *OptionError) Unwrap() error { return e.Err }

// An EmptyRangeError says that no release tag lies between From and To.
type EmptyRangeError struct{ From, To string }

func (e *EmptyRangeError) Error() string {
	return fmt.Sprintf("no release tags after %s up to %s", e.From, orWorking(e.To))
}

// A MissingAtEndError says that the document is not at the revision the
// history ends at, under its path or a path git's rename detection finds;
// PathAt can name where it was.
type MissingAtEndError struct{ Rev, Path string }

func (e *MissingAtEndError) Error() string {
	return fmt.Sprintf("%s:%s: the document does not exist in %s", e.Rev, e.Path, e.Rev)
}

// A Note is something the walk decided that a person may want to know.
type Note struct {
	Text string
	// MovedAt, when set, is the tag where the document was not found:
	// naming its old path there (PathAt) would extend the history.
	MovedAt string
}

func (n Note) String() string { return n.Text }
