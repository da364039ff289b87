package source

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

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
	return ReadRegular(real, d.maxSize)
}

// ReadRegular reads a regular file of at most maxSize bytes (0: no limit).
// Anything else is refused without blocking: a FIFO would wait forever
// for a writer on open, and a device such as /dev/zero never ends. The
// type is checked before opening, the file is opened non-blocking (so
// that a FIFO put in its place meanwhile does not block the open either),
// and the type is checked again on the open file.
func ReadRegular(path string, maxSize int64) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if err := regular(st.Mode()); err != nil {
		return nil, err
	}
	fh, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	if st, err = fh.Stat(); err != nil {
		return nil, err
	}
	if err := regular(st.Mode()); err != nil {
		return nil, err
	}
	if maxSize > 0 && st.Size() > maxSize {
		return nil, limits.Exceeded(limits.FileSize, "file is %d bytes, more than the limit of %d", st.Size(), maxSize)
	}
	// The size is known: one allocation instead of a growing buffer.
	data := make([]byte, st.Size())
	if _, err := io.ReadFull(fh, data); err != nil {
		return nil, err
	}
	return data, nil
}

// NotRegularError says that a path names something other than a regular
// file: a directory, a FIFO, a socket or a device.
type NotRegularError struct {
	Mode fs.FileMode
}

func (e *NotRegularError) Error() string {
	if e.Mode.IsDir() {
		return "is a directory"
	}
	return "is " + modeName(e.Mode) + ", not a regular file"
}

func regular(mode fs.FileMode) error {
	if mode.IsRegular() {
		return nil
	}
	return &NotRegularError{Mode: mode}
}

// modeName names the kind of file a mode says, for messages.
func modeName(mode fs.FileMode) string {
	switch {
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeCharDevice != 0:
		return "a character device"
	case mode&fs.ModeDevice != 0:
		return "a device"
	case mode&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "an irregular file"
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
