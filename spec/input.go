package spec

import (
	"path"
	"path/filepath"
	"strings"

	"github.com/eventdiff/eventdiff/source"
	"github.com/eventdiff/eventdiff/tree"
)

// Input names a document to load: its main file inside a file system,
// which is the tree its `$ref`s may read from.
type Input struct {
	FS      source.FileSystem
	Main    string // slash path of the main file relative to the root
	Name    string // the main file's name in messages when it is not its path ("-" for standard input)
	Display string // how to name the root in messages ("" for the current directory; "REV:" or "REV:dir" for a git revision)
	Data    []byte // main file content when already read (stdin); nil to read it from FS
	Rev     string // the git revision the files are read from ("" for the working tree)
	// Dir is the root on the local disk, used to turn absolute `$ref`
	// paths into root-relative ones. Empty when the root is not a directory.
	Dir string
	// From, when set, is the absolute directory that names of files on
	// disk are relative to (the current directory): a file is then named
	// as a path from there, whatever the root.
	From string
}

// DisplayName is how a file of the tree, named by its root-relative path,
// appears in messages.
func (in Input) DisplayName(name string) string {
	if name == in.Main && in.Name != "" {
		return in.Name
	}
	if in.From != "" && in.Dir != "" {
		if rel, err := filepath.Rel(in.From, filepath.Join(in.Dir, filepath.FromSlash(name))); err == nil {
			return filepath.ToSlash(rel)
		}
	}
	if in.Display == "" || in.Display == "." {
		return name
	}
	if strings.HasSuffix(in.Display, ":") {
		return in.Display + name // a git revision's top level: REV:name
	}
	return path.Join(in.Display, name)
}

// Walk marks of the loader on nodes.
const (
	markWalked  tree.Mark = 1 << iota // references resolved below it
	markReached                       // reached from the document's used parts
)
