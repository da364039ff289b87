package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/eventdiff/eventdiff/spec"
)

// A source names one version of a document: a command-line argument (a
// file, - for standard input, or REV:path), a file in the working tree,
// or a path of a git revision.
type source struct {
	arg  string // as given on the command line; parsed by inputs.open
	file string // a working-tree file, never read as REV:path

	// A document of a git revision.
	commit string // the commit's SHA
	label  string // how to name the revision in messages
	main   string // the document's path relative to the repository's top level
}

func argSource(arg string) source { return source{arg: arg} }

func (s source) String() string {
	switch {
	case s.commit != "":
		return s.label + ":" + s.main
	case s.file != "":
		return s.file
	}
	return s.arg
}

// inputs turns sources into documents to load. It opens the git repository
// on first use, resolves each revision once, and ends the git processes it
// started when closed.
type inputs struct {
	refRoot string
	lim     spec.Limits
	stdin   io.Reader

	// fileRoot is the default --ref-root of working-tree files when the
	// other side comes from git: the repository's top level, so that both
	// sides may reference the same files.
	fileRoot string

	repo    *spec.GitRepo
	repoErr error
	opened  bool
	commits map[string]string
	closers []io.Closer
}

func newInputs(refRoot string, lim spec.Limits, stdin io.Reader) *inputs {
	return &inputs{refRoot: refRoot, lim: lim, stdin: stdin, commits: map[string]string{}}
}

func (s *inputs) close() {
	for _, c := range s.closers {
		c.Close()
	}
	s.closers = nil
}

func (s *inputs) gitRepo() (*spec.GitRepo, error) {
	if !s.opened {
		s.opened = true
		s.repo, s.repoErr = spec.OpenGitRepo(".")
	}
	return s.repo, s.repoErr
}

// isGit reports whether a command-line argument names REV:path.
func (s *inputs) isGit(arg string) bool {
	if arg == "-" {
		return false
	}
	if _, err := os.Lstat(arg); err == nil {
		return false
	}
	_, _, ok := splitRevPath(arg)
	return ok
}

// useRepoRoot makes the repository's top level the default root of
// working-tree files, as it is for revisions.
func (s *inputs) useRepoRoot() {
	if s.refRoot != "" {
		return
	}
	repo, err := s.gitRepo()
	if err != nil {
		return
	}
	s.fileRoot = "."
	if repo.Prefix != "" {
		s.fileRoot = strings.TrimSuffix(strings.Repeat("../", strings.Count(repo.Prefix, "/")+1), "/")
	}
}

// fileInput prepares loading a working-tree file.
func (s *inputs) fileInput(file string) (spec.Input, error) {
	root := s.refRoot
	if root == "" && s.fileRoot != "" {
		if _, err := s.repo.DiskRelative(file); err == nil {
			root = s.fileRoot
		}
	}
	return spec.FileInput(file, root, s.lim.MaxFileSize)
}

// commit resolves a revision once per run.
func (s *inputs) commit(rev string) (string, error) {
	if c, ok := s.commits[rev]; ok {
		return c, nil
	}
	repo, err := s.gitRepo()
	if err != nil {
		return "", err
	}
	c, err := repo.Commit(rev)
	if err != nil {
		return "", err
	}
	s.commits[rev] = c
	return c, nil
}

// open prepares loading a source.
func (s *inputs) open(src source) (spec.Input, error) {
	switch {
	case src.commit != "":
		return s.gitInput(src.commit, src.label, src.main)
	case src.file != "":
		return s.fileInput(src.file)
	}
	arg := src.arg
	if arg == "-" {
		return s.stdinInput()
	}
	// A file that exists wins over REV:path, so a file whose name has a
	// colon in it can still be compared.
	if _, err := os.Lstat(arg); err == nil {
		return s.fileInput(arg)
	}
	rev, p, ok := splitRevPath(arg)
	if !ok {
		return s.fileInput(arg)
	}
	if rev == "" {
		return spec.Input{}, &spec.Error{File: arg, Msg: "no such file (and :path, git's index, is not read; compare the working-tree file instead)"}
	}
	repo, err := s.gitRepo()
	if err != nil {
		return spec.Input{}, &spec.Error{File: arg, Msg: "no such file, and no git repository here to read it as REV:path from"}
	}
	main, err := repo.TopRelative(p)
	if err != nil {
		return spec.Input{}, &spec.Error{File: arg, Msg: err.Error()}
	}
	if main == "" {
		return spec.Input{}, &spec.Error{File: arg, Msg: "names the repository's top directory, not a document"}
	}
	commit, err := s.commit(rev)
	if err != nil {
		return spec.Input{}, &spec.Error{File: arg, Msg: err.Error()}
	}
	return s.gitInput(commit, rev, main)
}

func (s *inputs) stdinInput() (spec.Input, error) {
	lim := s.lim
	data, err := io.ReadAll(io.LimitReader(s.stdin, lim.MaxFileSize+1))
	if err != nil {
		return spec.Input{}, fmt.Errorf("-: reading standard input: %v", err)
	}
	if lim.MaxFileSize > 0 && int64(len(data)) > lim.MaxFileSize {
		return spec.Input{}, fmt.Errorf("-: more than the limit of %d bytes (raise it with --max-file-size)", lim.MaxFileSize)
	}
	return spec.StdinInput(data, s.refRoot, lim.MaxFileSize)
}

// notInRevision is a document path that a revision does not have.
type notInRevision struct {
	label, main string
	base        bool // it is the base side that lacks it
	baseRef     bool // the path was given with --base-ref
}

func (e *notInRevision) Error() string {
	if e.baseRef {
		return fmt.Sprintf("%s:%s: %s does not exist in %s (if the document is new there is nothing to compare: pass --allow-new to skip it; if it moved, compare %s:OLD/PATH with it)",
			e.label, e.main, e.main, e.label, e.label)
	}
	return fmt.Sprintf("%s:%s: %s does not exist in %s (if it moved or was renamed, name its old path as %s:OLD/PATH)",
		e.label, e.main, e.main, e.label, e.label)
}

// gitInput prepares loading main (relative to the top level) of a commit,
// with `$ref`s confined to the repository, or to --ref-root inside it.
func (s *inputs) gitInput(commit, label, main string) (spec.Input, error) {
	repo, err := s.gitRepo()
	if err != nil {
		return spec.Input{}, &spec.Error{File: label + ":" + main, Msg: err.Error()}
	}
	root := ""
	if s.refRoot != "" {
		if root, err = repo.DiskRelative(s.refRoot); err != nil {
			return spec.Input{}, &spec.Error{File: label + ":" + main, Msg: "--ref-root: " + err.Error()}
		}
	}
	in, gfs, err := spec.GitInput(repo, commit, label, main, root, s.lim.MaxFileSize)
	if err != nil {
		return spec.Input{}, err
	}
	s.closers = append(s.closers, gfs)
	// The main file is read here, so that a missing one gets a hint;
	// what it references is read by the loader.
	data, err := gfs.ReadFile(in.Main)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return spec.Input{}, &notInRevision{label: label, main: main}
		}
		return spec.Input{}, &spec.Error{File: label + ":" + main, Msg: err.Error()}
	}
	in.Data = data
	return in, nil
}

// splitRevPath splits git's REV:path. The colon that separates them is the
// first one outside braces, because a revision such as HEAD^{/fix: typo}
// may contain one.
func splitRevPath(arg string) (rev, p string, ok bool) {
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

// commentPath is how a document is named in its comment's marker: the
// same for REV:path and for the working-tree file, whichever directory
// eventdiff runs in.
func (s *inputs) commentPath(src source) string {
	switch {
	case src.commit != "":
		return src.main
	case src.arg == "-":
		return "-"
	}
	p := src.file
	if p == "" {
		p = src.arg
		if _, err := os.Lstat(p); err != nil {
			if _, rp, ok := splitRevPath(p); ok {
				if repo, err := s.gitRepo(); err == nil {
					if m, err := repo.TopRelative(rp); err == nil {
						return m
					}
				}
				return filepath.ToSlash(filepath.Clean(rp))
			}
		}
	}
	if repo, err := s.gitRepo(); err == nil {
		if m, err := repo.DiskRelative(p); err == nil {
			return m
		}
	}
	return strings.TrimPrefix(filepath.ToSlash(filepath.Clean(p)), "./")
}
