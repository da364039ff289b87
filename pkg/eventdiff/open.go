package eventdiff

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/eventdiff/eventdiff/limits"
	"github.com/eventdiff/eventdiff/source"
	"github.com/eventdiff/eventdiff/spec"
	"github.com/eventdiff/eventdiff/tree"
)

// open turns a source into what the loader reads: the main file inside the
// tree its `$ref`s may read.
func (s *Session) open(src Source) (spec.Input, error) {
	switch src.kind {
	case fileSource:
		return s.fileInput(src.path)
	case gitSource:
		return s.gitInput(src.rev, src.path)
	case bytesSource:
		return s.memoryInput(src.path, src.data)
	case readerSource:
		return s.readerInput(src.path, src.r)
	case argSource:
		return s.argInput(src.path)
	}
	return spec.Input{}, errors.New("eventdiff: a zero Source names no document")
}

// argInput reads a command-line argument: -, REV:path or a file.
func (s *Session) argInput(arg string) (spec.Input, error) {
	if arg == "-" {
		in := s.opts.Stdin
		if in == nil {
			in = os.Stdin
		}
		return s.readerInput("-", in)
	}
	if _, err := os.Lstat(arg); err == nil {
		return s.fileInput(arg)
	}
	rev, p, ok := SplitRevPath(arg)
	if !ok {
		return s.fileInput(arg)
	}
	if rev == "" {
		return spec.Input{}, &tree.Error{File: arg, Msg: "no such file (and :path, git's index, is not read; compare the working-tree file instead)"}
	}
	if _, err := s.Repo(); err != nil {
		return spec.Input{}, &tree.Error{File: arg, Msg: "no such file, and no git repository here to read it as REV:path from"}
	}
	return s.gitInput(rev, p)
}

// SplitRevPath splits git's REV:path. The colon that separates them is the
// first one outside braces, because a revision such as HEAD^{/fix: typo}
// may contain one.
func SplitRevPath(arg string) (rev, p string, ok bool) {
	depth := 0
	for i, r := range arg {
		switch r {
		case '{':
			depth++
		case '}':
			if depth > 0 {
				depth--
			}
		case ':':
			if depth == 0 {
				return arg[:i], arg[i+1:], true
			}
		}
	}
	return "", "", false
}

// fileInput prepares loading a file of the working tree.
func (s *Session) fileInput(file string) (spec.Input, error) {
	absFile, err := filepath.Abs(file)
	if err != nil {
		return spec.Input{}, &tree.Error{File: file, Err: err}
	}
	if st, err := os.Stat(absFile); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return spec.Input{}, &tree.Error{File: file, Msg: "no such file", Err: err}
		}
		return spec.Input{}, &tree.Error{File: file, Err: err}
	} else if st.IsDir() {
		return spec.Input{}, &tree.Error{File: file, Msg: "is a directory, not a document"}
	} else if !st.Mode().IsRegular() {
		return s.pipeInput(file, absFile, st.Mode())
	}
	root, err := s.fileRoot(filepath.Dir(absFile))
	if err != nil {
		return spec.Input{}, &tree.Error{File: file, Err: err}
	}
	if !within(root, absFile) {
		return spec.Input{}, &tree.Error{File: file, Msg: fmt.Sprintf("the document is not inside the reference tree %s", s.opts.RefRoot), Err: ErrOutsideRefRoot}
	}
	dfs, err := source.NewDirFS(root, s.limits().MaxFileSize)
	if err != nil {
		return spec.Input{}, &tree.Error{File: file, Err: err}
	}
	rel, _ := filepath.Rel(root, absFile)
	in := spec.Input{FS: dfs, Main: filepath.ToSlash(rel), Display: filepath.ToSlash(root), Dir: root}
	if !filepath.IsAbs(file) {
		in.From, _ = os.Getwd() // named like the path given: relative to the current directory
	}
	return in, nil
}

// fileRoot is the tree the `$ref`s of a working-tree document in dir may
// read: --ref-root when given; else the top level of the git repository
// that holds it; outside any repository, the current directory when dir
// lies under it, else dir itself. The file system's root and the home
// directory are never chosen by default, even as a repository's top level
// (a home directory kept in git) or the current directory: a document
// anywhere below them could read every file there.
func (s *Session) fileRoot(dir string) (string, error) {
	if s.opts.RefRoot != "" {
		return filepath.Abs(s.opts.RefRoot)
	}
	if top := repositoryTop(dir); top != "" && !tooWide(top) {
		return top, nil
	}
	if cwd, err := os.Getwd(); err == nil && within(cwd, dir) && !tooWide(cwd) {
		return cwd, nil
	}
	return dir, nil
}

// tooWide reports whether dir is the file system's root or the user's
// home directory, too wide to be a default reference tree.
func tooWide(dir string) bool {
	if filepath.Dir(dir) == dir {
		return true
	}
	home, err := os.UserHomeDir()
	return err == nil && home != "" && filepath.Clean(home) == dir
}

// repositoryTop is the top level of the git work tree that holds dir (the
// nearest directory above it with a .git entry, which is a directory in a
// repository and a file in a worktree or submodule), or "".
func repositoryTop(dir string) string {
	for d := dir; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}

// memoryInput prepares loading a document already read, whose relative
// `$ref`s resolve against the current directory.
func (s *Session) memoryInput(name string, data []byte) (spec.Input, error) {
	cwd, err := os.Getwd()
	if err != nil {
		return spec.Input{}, &tree.Error{File: name, Err: err}
	}
	root, err := s.fileRoot(cwd)
	if err != nil {
		return spec.Input{}, &tree.Error{File: name, Err: err}
	}
	dfs, err := source.NewDirFS(root, s.limits().MaxFileSize)
	if err != nil {
		return spec.Input{}, &tree.Error{File: name, Err: err}
	}
	// The document itself sits in the current directory, named as given.
	rel, _ := filepath.Rel(root, cwd)
	main := filepath.ToSlash(filepath.Join(rel, "-"))
	return spec.Input{FS: dfs, Main: main, Name: name, Display: filepath.ToSlash(root), From: cwd, Data: data, Dir: root}, nil
}

// pipeInput reads a main document that is not a regular file. A pipe is
// read once, like standard input, so that `<(git show v1:api.yaml)` (a
// /dev/fd/N pipe) works; its `$ref`s resolve as those of standard input
// do. It is opened without waiting for a writer: a named pipe nobody
// writes to yet is empty, not a hang. Inside a git repository a pipe is
// refused like any file that is not regular: git cannot store one, so
// only a symbolic link from the repository's content (which may come from
// a pull request) leads to it. Devices and sockets are refused everywhere.
func (s *Session) pipeInput(file, abs string, mode fs.FileMode) (spec.Input, error) {
	if mode&fs.ModeNamedPipe == 0 || repositoryTop(filepath.Dir(abs)) != "" {
		return spec.Input{}, &tree.Error{File: file, Err: &source.NotRegularError{Mode: mode}}
	}
	fh, err := os.OpenFile(abs, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return spec.Input{}, &tree.Error{File: file, Err: err}
	}
	defer fh.Close()
	if st, err := fh.Stat(); err != nil || st.Mode()&fs.ModeNamedPipe == 0 {
		return spec.Input{}, &tree.Error{File: file, Msg: "changed while it was opened"}
	}
	in, err := s.readerInput(file, fh)
	if err == nil && len(in.Data) == 0 {
		return spec.Input{}, &tree.Error{File: file, Msg: "is a pipe with nothing in it (no one writes to it); give the document on standard input as - instead"}
	}
	return in, err
}

// readerInput reads a document from r, up to the file-size limit.
func (s *Session) readerInput(name string, r io.Reader) (spec.Input, error) {
	data, err := source.ReadLimited(r, s.limits().MaxFileSize)
	if err != nil {
		return spec.Input{}, &tree.Error{File: name, Err: err}
	}
	return s.memoryInput(name, data)
}

// gitInput prepares loading path of revision rev, with `$ref`s confined to
// the repository, or to --ref-root inside it.
func (s *Session) gitInput(rev, p string) (spec.Input, error) {
	label := rev + ":" + p
	repo, err := s.Repo()
	if err != nil {
		return spec.Input{}, &tree.Error{File: label, Err: err}
	}
	main, err := repo.TopRelative(p)
	if err != nil {
		return spec.Input{}, &tree.Error{File: label, Err: err}
	}
	if main == "" {
		return spec.Input{}, &tree.Error{File: label, Msg: "names the repository's top directory, not a document"}
	}
	label = rev + ":" + main
	commit, err := s.Commit(rev)
	if err != nil {
		return spec.Input{}, &tree.Error{File: label, Err: err}
	}
	root := ""
	if s.opts.RefRoot != "" {
		if root, err = repo.DiskRelative(s.opts.RefRoot); err != nil {
			return spec.Input{}, &tree.Error{File: label, Err: fmt.Errorf("the reference tree: %w", err)}
		}
		if root != "" && main != root && !strings.HasPrefix(main, root+"/") {
			return spec.Input{}, &tree.Error{File: label, Msg: fmt.Sprintf("the document is not inside the reference tree %s", s.opts.RefRoot), Err: ErrOutsideRefRoot}
		}
	}
	objs := s.objects(repo)
	id, err := objs.Tree(commit, root)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return spec.Input{}, &tree.Error{File: label, Msg: fmt.Sprintf("the reference tree %s does not exist in %s", s.opts.RefRoot, rev), Err: err}
		}
		return spec.Input{}, &tree.Error{File: label, Err: err}
	}
	rel := main
	if root != "" {
		rel = strings.TrimPrefix(strings.TrimPrefix(main, root), "/")
	}
	in := spec.Input{FS: objs.TreeFS(id), Main: rel, Display: rev + ":" + root, Rev: rev}
	// The main file is read here, so that a missing one is told apart
	// from a missing reference; what it references is read by the loader.
	data, err := in.FS.ReadFile(rel)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return spec.Input{}, &NotInRevisionError{Rev: rev, Path: main}
		}
		return spec.Input{}, &tree.Error{File: label, Err: err}
	}
	in.Data = data
	return in, nil
}

// limits are the session's limits.
func (s *Session) limits() limits.Limits { return s.opts.limits() }

// limits are the options' limits, or the defaults when they are zero.
func (o *Options) limits() limits.Limits {
	if o.Limits == (limits.Limits{}) {
		return limits.Default
	}
	return o.Limits
}

// within reports whether p is root or below it (both absolute and clean).
func within(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}
