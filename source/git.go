package source

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/eventdiff/eventdiff/limits"
)

// GitRepo is the git work tree around a directory; documents of any of its
// revisions can be read through GitObjects. Every git command runs with an
// explicit argument list, never through a shell, because revisions and
// paths may come from an untrusted pull request.
type GitRepo struct {
	Top    string // absolute top level of the work tree
	Prefix string // the directory the repo was opened from, relative to Top ("" at the top)
}

// OpenGitRepo finds the git work tree that dir lies in.
func OpenGitRepo(dir string) (*GitRepo, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, errors.New("git is not installed (it is needed to read REV:path)")
	}
	cmd := exec.Command("git", "rev-parse", "--show-toplevel", "--show-prefix")
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("not inside a git work tree (%s)", gitMessage(stderr.String(), err))
	}
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	if len(lines) < 1 || lines[0] == "" {
		return nil, errors.New("not inside a git work tree")
	}
	g := &GitRepo{Top: filepath.Clean(lines[0])}
	if len(lines) > 1 {
		g.Prefix = strings.TrimSuffix(lines[1], "/")
	}
	return g, nil
}

// run runs git in the top level and returns its standard output; a
// failure carries git's own first line of complaint.
func (g *GitRepo) run(args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = g.Top
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", errors.New(gitMessage(stderr.String(), err))
	}
	return strings.TrimSpace(string(out)), nil
}

// gitMessage is the first line git printed on a failure, without its
// "fatal: " prefix, or the process error when it printed nothing.
func gitMessage(stderr string, err error) string {
	for _, l := range strings.Split(stderr, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		for _, p := range []string{"fatal: ", "error: "} {
			l = strings.TrimPrefix(l, p)
		}
		return l
	}
	return err.Error()
}

// RevisionError says a revision cannot be found, with what to do about it.
type RevisionError struct {
	Rev     string
	Shallow bool   // the repository is a shallow clone, the likely reason
	Detail  string // git's own words
	// Object is set when the revision does name an object, but one that
	// is no commit: "tree" or "blob" (a tag is peeled first).
	Object string
}

func (e *RevisionError) Error() string {
	if e.Object != "" {
		return fmt.Sprintf("%s names a %s, not a commit: give a branch, a tag or a commit", e.Rev, e.Object)
	}
	msg := fmt.Sprintf("unknown revision %s", e.Rev)
	if e.Shallow {
		return msg + " in this shallow clone: fetch the history first (fetch-depth: 0 in actions/checkout, or git fetch --unshallow)"
	}
	return msg + " (is it fetched? try git fetch origin, or fetch-depth: 0 in actions/checkout)"
}

// Shallow reports whether the repository is a shallow clone.
func (g *GitRepo) Shallow() bool {
	out, err := g.run("rev-parse", "--is-shallow-repository")
	return err == nil && out == "true"
}

// HasCommits reports whether the repository has any commit yet.
func (g *GitRepo) HasCommits() bool {
	out, err := g.run("rev-list", "-n", "1", "--all")
	return err == nil && out != ""
}

// validRev refuses revisions git could read as options or that cannot be
// written on one line of a batch request.
func validRev(rev string) error {
	if rev == "" {
		return errors.New("empty revision")
	}
	if strings.HasPrefix(rev, "-") || strings.ContainsAny(rev, "\n\r\x00") {
		return fmt.Errorf("%q is not a revision", rev)
	}
	return nil
}

// Commit resolves rev (a branch, tag, SHA, HEAD~1, @{upstream}, …) to the
// SHA of the commit it names.
func (g *GitRepo) Commit(rev string) (string, error) {
	if err := validRev(rev); err != nil {
		return "", err
	}
	out, err := g.run("rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err != nil || out == "" {
		if kind := g.objectType(rev); kind != "" && kind != "commit" {
			return "", &RevisionError{Rev: rev, Object: kind}
		}
		detail := ""
		if err != nil {
			detail = err.Error()
		}
		return "", &RevisionError{Rev: rev, Shallow: g.Shallow(), Detail: detail}
	}
	return out, nil
}

// objectType is the type of the object rev names once tags are peeled
// ("commit", "tree", "blob"), or "" when it names none: a tree or blob id
// given as a revision deserves better than "unknown revision".
func (g *GitRepo) objectType(rev string) string {
	id, err := g.run("rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{}")
	if err != nil || id == "" {
		return ""
	}
	kind, err := g.run("cat-file", "-t", id)
	if err != nil {
		return ""
	}
	return kind
}

// MergeBase is the best common ancestor of two commits: what a branch
// started from, so that changes made on the other side since are not
// mistaken for changes of this one.
func (g *GitRepo) MergeBase(a, b string) (string, error) {
	ca, err := g.Commit(a)
	if err != nil {
		return "", err
	}
	cb, err := g.Commit(b)
	if err != nil {
		return "", err
	}
	out, err := g.run("merge-base", ca, cb)
	if err != nil || out == "" {
		if g.Shallow() {
			return "", fmt.Errorf("no merge base of %s and %s in this shallow clone: fetch the history first (fetch-depth: 0 in actions/checkout, or git fetch --unshallow)", a, b)
		}
		return "", fmt.Errorf("%s and %s have no common history", a, b)
	}
	return out, nil
}

// TopRelative turns a path given the way git reads the path of REV:path
// into one relative to the top level: paths starting with ./ or ../ are
// relative to the directory the repo was opened from, others to the top.
// It refuses paths that leave the repository.
func (g *GitRepo) TopRelative(p string) (string, error) {
	p = filepath.ToSlash(p)
	if path.IsAbs(p) || filepath.IsAbs(p) {
		return "", fmt.Errorf("%s: a path in a revision is relative to the repository, not absolute", p)
	}
	if p == "." || p == ".." || strings.HasPrefix(p, "./") || strings.HasPrefix(p, "../") {
		p = path.Join(g.Prefix, p)
	}
	p = path.Clean(p)
	if p == ".." || strings.HasPrefix(p, "../") {
		return "", fmt.Errorf("%s leaves the repository", p)
	}
	if p == "." {
		p = ""
	}
	return p, nil
}

// DiskRelative turns a path on the local disk (absolute, or relative to
// the directory the repo was opened from) into one relative to the top
// level, refusing paths outside the work tree.
func (g *GitRepo) DiskRelative(p string) (string, error) {
	abs := p
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(g.Top, filepath.FromSlash(g.Prefix), p)
	}
	abs = filepath.Clean(abs)
	top := g.Top
	if real, err := filepath.EvalSymlinks(top); err == nil {
		top = real
	}
	// The path may not exist on disk (it may exist only in a revision), so
	// resolve the longest existing parent.
	dir, rest := abs, ""
	for {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			abs = filepath.Join(real, rest)
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		rest = filepath.Join(filepath.Base(dir), rest)
		dir = parent
	}
	if !within(top, abs) {
		return "", fmt.Errorf("%s is outside the git repository %s", p, g.Top)
	}
	rel, err := filepath.Rel(top, abs)
	if err != nil {
		return "", err
	}
	rel = filepath.ToSlash(rel)
	if rel == "." {
		rel = ""
	}
	return rel, nil
}

// catFile reads files of any tree of the repository through one
// long-running `git cat-file --batch` process, which is an order of
// magnitude faster than a process per file for documents split over many
// files (see BenchmarkGitFS). Every read names a path inside a tree, and
// symbolic links are followed only while they stay inside it, so a
// reference can leave neither the repository nor a narrower reference tree.
type catFile struct {
	repo    *GitRepo
	maxSize int64

	mu     sync.Mutex
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stdout *bufio.Reader
	broken error // a protocol failure; the process is not reused after one
}

// ErrNotInRevision is returned (wrapped, and matching fs.ErrNotExist)
// when a path does not exist in a revision.
var ErrNotInRevision = fmt.Errorf("not in the revision: %w", fs.ErrNotExist)

// start runs the batch process on first use.
func (f *catFile) start() error {
	if f.cmd != nil {
		return nil
	}
	cmd := exec.Command("git", "cat-file", "--batch", "--follow-symlinks")
	cmd.Dir = f.repo.Top
	in, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("running git cat-file: %v", err)
	}
	f.cmd, f.stdin, f.stdout = cmd, in, bufio.NewReaderSize(out, 64<<10)
	return nil
}

// readAt reads name below tree (a tree object id, or REV:dir) through the
// shared cat-file process; a protocol error leaves the process unusable.
func (f *catFile) readAt(tree, name string) ([]byte, error) {
	if strings.ContainsAny(name, "\n\r\x00") {
		return nil, fmt.Errorf("%q: unusual characters in a file name", name)
	}
	name = path.Clean(name)
	if name == ".." || strings.HasPrefix(name, "../") || path.IsAbs(name) {
		return nil, ErrOutsideTree
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.broken != nil {
		return nil, f.broken
	}
	if err := f.start(); err != nil {
		f.broken = err
		return nil, err
	}
	data, err := f.request(tree + ":" + name)
	var pe *protocolError
	if errors.As(err, &pe) {
		f.broken = err
	}
	return data, err
}

type protocolError struct{ msg string }

func (e *protocolError) Error() string { return "reading from git cat-file: " + e.msg }

// request sends one object name and reads the answer.
func (f *catFile) request(object string) ([]byte, error) {
	if _, err := io.WriteString(f.stdin, object+"\n"); err != nil {
		return nil, &protocolError{err.Error()}
	}
	header, err := f.stdout.ReadString('\n')
	if err != nil {
		return nil, &protocolError{err.Error()}
	}
	fields := strings.Fields(header)
	switch {
	case len(fields) == 2 && fields[1] == "missing":
		return nil, ErrNotInRevision
	case len(fields) == 2 && fields[1] == "ambiguous":
		return nil, ErrNotInRevision
	case len(fields) == 2:
		// symlink, dangling, loop, notdir: a size line then that many
		// bytes (the link target or the name) and a newline.
		n, err := strconv.ParseInt(fields[1], 10, 64)
		if err != nil {
			return nil, &protocolError{"unexpected answer " + strconv.Quote(header)}
		}
		if err := f.discard(n + 1); err != nil {
			return nil, err
		}
		switch fields[0] {
		case "symlink":
			return nil, ErrOutsideTree
		case "dangling", "notdir":
			return nil, ErrNotInRevision
		case "loop":
			return nil, errors.New("symbolic links form a loop")
		}
		return nil, &protocolError{"unexpected answer " + strconv.Quote(header)}
	case len(fields) == 3:
		size, err := strconv.ParseInt(fields[2], 10, 64)
		if err != nil {
			return nil, &protocolError{"unexpected answer " + strconv.Quote(header)}
		}
		if fields[1] != "blob" || (f.maxSize > 0 && size > f.maxSize) {
			if err := f.discard(size + 1); err != nil {
				return nil, err
			}
			if fields[1] != "blob" {
				return nil, errors.New("is a directory")
			}
			return nil, limits.Exceeded(limits.FileSize, "file is %d bytes, more than the limit of %d", size, f.maxSize)
		}
		data := make([]byte, size+1)
		if _, err := io.ReadFull(f.stdout, data); err != nil {
			return nil, &protocolError{err.Error()}
		}
		return data[:size], nil
	}
	return nil, &protocolError{"unexpected answer " + strconv.Quote(header)}
}

func (f *catFile) discard(n int64) error {
	if _, err := io.CopyN(io.Discard, f.stdout, n); err != nil {
		return &protocolError{err.Error()}
	}
	return nil
}

// Close ends the batch process.
func (f *catFile) Close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.cmd == nil {
		return nil
	}
	f.stdin.Close()
	err := f.cmd.Wait()
	f.cmd = nil
	f.broken = os.ErrClosed
	return err
}
