package spec

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
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
		return nil, errOutsideRoot
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
		return nil, fmt.Errorf("file is %d bytes, more than the limit of %d (raise it with --max-file-size)", st.Size(), d.maxSize)
	}
	if st.Mode().IsRegular() {
		// The size is known: one allocation instead of a growing buffer.
		data := make([]byte, st.Size())
		if _, err := io.ReadFull(fh, data); err != nil {
			return nil, err
		}
		return data, nil
	}
	return readLimited(fh, d.maxSize)
}

var errOutsideRoot = errors.New("resolves outside the allowed directory")

// readLimited reads at most limit bytes (plus one to detect overflow).
func readLimited(r io.Reader, limit int64) ([]byte, error) {
	if limit <= 0 {
		return io.ReadAll(r)
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("file is more than the limit of %d bytes (raise it with --max-file-size)", limit)
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

// Input names a document to load: its main file inside a file system.
type Input struct {
	FS      FileSystem
	Main    string // slash path of the main file relative to the root
	Display string // how to name the root in messages ("" for the current directory; "REV:" or "REV:dir" for a git revision)
	Data    []byte // main file content when already read (stdin); nil to read it from FS
	Rev     string // the git revision the files are read from ("" for the working tree)
	// Dir is the root on the local disk, used to turn absolute `$ref`
	// paths into root-relative ones. Empty when the root is not a directory.
	Dir string
}

// displayName joins the display root with a root-relative name.
func (in Input) displayName(name string) string {
	if name == "-" {
		return "-"
	}
	if in.Display == "" || in.Display == "." {
		return name
	}
	if strings.HasSuffix(in.Display, ":") {
		return in.Display + name // a git revision's top level: REV:name
	}
	return path.Join(in.Display, name)
}

// FileInput prepares loading the document at file, with `$ref`s confined
// to refRoot, or to the file's own directory when refRoot is empty.
func FileInput(file, refRoot string, maxSize int64) (Input, error) {
	root := refRoot
	if root == "" {
		root = filepath.Dir(file)
	}
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return Input{}, &Error{File: file, Msg: err.Error()}
	}
	absFile, err := filepath.Abs(file)
	if err != nil {
		return Input{}, &Error{File: file, Msg: err.Error()}
	}
	if st, err := os.Stat(absFile); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return Input{}, &Error{File: file, Msg: "no such file"}
		}
		return Input{}, &Error{File: file, Msg: err.Error()}
	} else if st.IsDir() {
		return Input{}, &Error{File: file, Msg: "is a directory, not a document"}
	}
	if !within(absRoot, absFile) {
		return Input{}, &Error{File: file, Msg: fmt.Sprintf("the document is not inside --ref-root %s", refRoot)}
	}
	rel, _ := filepath.Rel(absRoot, absFile)
	dfs, err := NewDirFS(absRoot, maxSize)
	if err != nil {
		return Input{}, &Error{File: file, Msg: err.Error()}
	}
	return Input{FS: dfs, Main: filepath.ToSlash(rel), Display: filepath.ToSlash(filepath.Clean(root)), Dir: absRoot}, nil
}

// StdinInput prepares loading a document read from standard input; its
// relative `$ref`s resolve against the current directory (or refRoot).
func StdinInput(data []byte, refRoot string, maxSize int64) (Input, error) {
	root := refRoot
	if root == "" {
		root = "."
	}
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return Input{}, &Error{File: "-", Msg: err.Error()}
	}
	dfs, err := NewDirFS(absRoot, maxSize)
	if err != nil {
		return Input{}, &Error{File: "-", Msg: err.Error()}
	}
	return Input{FS: dfs, Main: "-", Display: filepath.ToSlash(filepath.Clean(root)), Data: data, Dir: absRoot}, nil
}
