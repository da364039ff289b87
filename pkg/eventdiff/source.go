package eventdiff

import (
	"io"
	"os"
)

// A Source is one version of a document: a file, a file of a git revision,
// bytes already in memory, or a reader such as standard input. The zero
// Source is not valid; use the functions below.
type Source struct {
	kind kind
	path string    // File: the path; Git: the path as git reads REV:path; Arg: the argument
	rev  string    // Git: the revision, as given (it names the files in reports)
	data []byte    // Bytes
	r    io.Reader // Reader
}

type kind uint8

const (
	fileSource kind = iota + 1
	gitSource
	bytesSource
	readerSource
	argSource
)

// File is a document on disk. Its relative `$ref`s may read the git
// repository it lies in (its top level); outside any repository, the
// current directory when the file lies under it, else the file's own
// directory. Options.RefRoot chooses another tree.
func File(path string) Source { return Source{kind: fileSource, path: path} }

// Git is the file at path in git revision rev (a branch, tag, commit,
// HEAD~1, …) of the repository around the current directory. As in git's
// REV:path, path is relative to the repository's top level, or to the
// current directory when it starts with ./ or ../. Its `$ref`s are read
// from the same revision and may not leave the repository.
func Git(rev, path string) Source { return Source{kind: gitSource, rev: rev, path: path} }

// Bytes is a document already read, named name in messages. Its relative
// `$ref`s resolve against the current directory (or Options.RefRoot).
func Bytes(name string, data []byte) Source {
	return Source{kind: bytesSource, path: name, data: data}
}

// Reader is a document read from r (standard input, say), named name in
// messages; it is read once, up to Options.Limits.MaxFileSize bytes. Its
// relative `$ref`s resolve like those of Bytes.
func Reader(name string, r io.Reader) Source {
	return Source{kind: readerSource, path: name, r: r}
}

// Stdin is the document on standard input, named "-".
func Stdin() Source { return Reader("-", os.Stdin) }

// Arg is a document named the way the command line names one: "-" for
// Options.Stdin (standard input when nil), REV:path for a file of a git
// revision, anything else a file. A file that exists wins over REV:path,
// so a file whose name has a colon in it can still be compared.
func Arg(arg string) Source { return Source{kind: argSource, path: arg} }

// String names the source as messages do: the path, REV:path, or the name.
func (s Source) String() string {
	if s.kind == gitSource {
		return s.rev + ":" + s.path
	}
	return s.path
}

// IsZero reports whether s is the zero Source, which names no document.
func (s Source) IsZero() bool { return s.kind == 0 }
