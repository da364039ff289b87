package testload

import (
	"path/filepath"
	"testing"

	"github.com/eventdiff/eventdiff/source"
	"github.com/eventdiff/eventdiff/spec"
)

// Input is the loader's input for file, with `$ref`s confined to root (the
// file's own directory when root is "").
func Input(t testing.TB, file, root string) spec.Input {
	t.Helper()
	if root == "" {
		root = filepath.Dir(file)
	}
	absRoot, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	absFile, err := filepath.Abs(file)
	if err != nil {
		t.Fatal(err)
	}
	rel, err := filepath.Rel(absRoot, absFile)
	if err != nil {
		t.Fatal(err)
	}
	fs, err := source.NewDirFS(absRoot, 0)
	if err != nil {
		t.Fatal(err)
	}
	return spec.Input{FS: fs, Main: filepath.ToSlash(rel), Display: filepath.ToSlash(root), Dir: absRoot}
}

// Load loads file like Input prepares it.
func Load(t testing.TB, file, root string, opts spec.Options) (*spec.Document, error) {
	t.Helper()
	return spec.Load(Input(t, file, root), opts)
}
