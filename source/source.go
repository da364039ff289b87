package source

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/eventdiff/eventdiff/limits"
)

// A FileSystem reads the files of one version of a document. Names are
// slash-separated paths relative to the root that `$ref`s may not leave;
// the loader has already checked that a name stays inside it.
type FileSystem interface {
	ReadFile(name string) ([]byte, error)
}

// DirFS reads files below a directory and refuses any whose real path,
// after symbolic links, lies outside it.
type DirFS struct {
	root     string // absolute
	realRoot string
	maxSize  int64
}

// NewDirFS returns a DirFS rooted at dir.
func NewDirFS(dir string, maxSize int64) (*DirFS, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, err
	}
	return &DirFS{root: abs, realRoot: real, maxSize: maxSize}, nil
}

// ReadFile reads name below the root.
func (d *DirFS) ReadFile(name string) ([]byte, error) {
	full := filepath.Join(d.root, filepath.FromSlash(name))
	real, err := filepath.EvalSymlinks(full)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fs.ErrNotExist
		}
		return nil, err
	}
	if !within(d.realRoot, real) {
		return nil, ErrOutsideTree
	}
	fh, err := os.Open(real)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, errors.New("is a directory")
	}
	if d.maxSize > 0 && st.Size() > d.maxSize {
		return nil, limits.Exceeded(limits.FileSize, "file is %d bytes, more than the limit of %d", st.Size(), d.maxSize)
	}
	if st.Mode().IsRegular() {
		// The size is known: one allocation instead of a growing buffer.
		data := make([]byte, st.Size())
		if _, err := io.ReadFull(fh, data); err != nil {
			return nil, err
		}
		return data, nil
	}
	return ReadLimited(fh, d.maxSize)
}

// ErrOutsideTree is returned (wrapped) for a path whose real location,
// after symbolic links, is outside the tree it was read from.
var ErrOutsideTree = errors.New("resolves outside the allowed directory")

// readLimited reads at most limit bytes (plus one to detect overflow).
func ReadLimited(r io.Reader, limit int64) ([]byte, error) {
	if limit <= 0 {
		return io.ReadAll(r)
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, limits.Exceeded(limits.FileSize, "file is more than the limit of %d bytes", limit)
	}
	return data, nil
}

func within(root, p string) bool {
	if root == p {
		return true
	}
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}
