package source

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"
)

// This file holds what walking a repository's release history needs on top
// of reading single revisions: the tags, rename detection between two
// revisions, and object ids and contents of many revisions read through
// one pair of long-running git processes.

// Tag is a tag of the repository and the commit it names.
type Tag struct {
	Name   string    // without refs/tags/
	Commit string    // SHA of the commit the tag names
	Date   time.Time // committer date of that commit, in the committer's own time zone
}

// Tags lists the tags that name commits, with one git process. When merged
// is set, only tags whose commit is reachable from it are listed; when
// notMerged is set, tags reachable from it are left out. Tags of trees or
// blobs, and tags of tags, are skipped.
func (g *GitRepo) Tags(merged, notMerged string) ([]Tag, error) {
	args := []string{"for-each-ref",
		"--format=%(refname:strip=2)%00%(objecttype)%00%(objectname)%00%(committerdate:iso-strict)%00%(*objecttype)%00%(*objectname)%00%(*committerdate:iso-strict)"}
	for _, r := range []struct{ flag, rev string }{{"--merged=", merged}, {"--no-merged=", notMerged}} {
		if r.rev == "" {
			continue
		}
		if err := validRev(r.rev); err != nil {
			return nil, err
		}
		args = append(args, r.flag+r.rev)
	}
	out, err := g.run(append(args, "refs/tags")...)
	if err != nil {
		return nil, fmt.Errorf("listing tags: %s", err)
	}
	var tags []Tag
	for _, line := range strings.Split(out, "\n") {
		f := strings.Split(line, "\x00")
		if len(f) != 7 {
			continue
		}
		commit, date := f[2], f[3]
		if f[1] != "commit" {
			if f[1] != "tag" || f[4] != "commit" {
				continue
			}
			commit, date = f[5], f[6] // an annotated tag: the commit it points at
		}
		t, err := time.Parse(time.RFC3339, date)
		if err != nil {
			return nil, fmt.Errorf("tag %s: unreadable commit date %q", f[0], date)
		}
		tags = append(tags, Tag{Name: f[0], Commit: commit, Date: t})
	}
	return tags, nil
}

// RenamedFrom returns the path that newPath had in the commit old, as git's
// rename detection sees it between old and new (a commit, or "" for the
// working tree); "" when git sees no rename to newPath. Both paths are
// relative to the top level. It costs one git process, so callers ask only
// when newPath is missing from old.
func (g *GitRepo) RenamedFrom(old, new, newPath string) (string, error) {
	if err := validRev(old); err != nil {
		return "", err
	}
	args := []string{"diff", "--find-renames", "--name-status", "-z", "--no-ext-diff", old}
	if new != "" {
		if err := validRev(new); err != nil {
			return "", err
		}
		args = append(args, new)
	}
	out, err := g.run(append(args, "--")...)
	if err != nil {
		return "", fmt.Errorf("looking for renames between %s and %s: %s", old, orWorkingTree(new), err)
	}
	// -z: "STATUS\0path\0" or, for renames and copies, "R100\0old\0new\0".
	f := strings.Split(out, "\x00")
	for i := 0; i < len(f); {
		status := f[i]
		if status == "" {
			i++
			continue
		}
		if (status[0] == 'R' || status[0] == 'C') && i+2 < len(f) {
			if status[0] == 'R' && f[i+2] == newPath {
				return f[i+1], nil
			}
			i += 3
			continue
		}
		i += 2
	}
	return "", nil
}

func orWorkingTree(rev string) string {
	if rev == "" {
		return "the working tree"
	}
	return rev
}

// GitObjects reads the objects of any number of revisions through two
// long-running processes: `git cat-file --batch-check` for ids and
// `git cat-file --batch` for contents. Walking the history of a document
// over hundreds of tags then costs two processes, not hundreds.
type GitObjects struct {
	repo    *GitRepo
	content *catFile // its process serves every tree's reads

	mu    sync.Mutex
	check *exec.Cmd
	in    io.WriteCloser
	out   *bufio.Reader
	err   error // a protocol failure: the process is not reused
}

// Objects starts nothing yet: the processes run on first use.
func (g *GitRepo) Objects(maxSize int64) *GitObjects {
	return &GitObjects{repo: g, content: &catFile{repo: g, maxSize: maxSize}}
}

// ID returns the id and type of an object named the way git names them
// (COMMIT^{tree}, TREE:path, …). Symbolic links are followed while they
// stay inside the tree; a name that does not exist is ErrNotInRevision.
func (o *GitObjects) ID(name string) (id, kind string, err error) {
	if strings.ContainsAny(name, "\n\r\x00") {
		return "", "", fmt.Errorf("%q: unusual characters in an object name", name)
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.err != nil {
		return "", "", o.err
	}
	if o.check == nil {
		cmd := exec.Command("git", "cat-file", "--batch-check", "--follow-symlinks")
		cmd.Dir = o.repo.Top
		in, err := cmd.StdinPipe()
		if err != nil {
			return "", "", err
		}
		out, err := cmd.StdoutPipe()
		if err != nil {
			return "", "", err
		}
		if err := cmd.Start(); err != nil {
			o.err = fmt.Errorf("running git cat-file: %v", err)
			return "", "", o.err
		}
		o.check, o.in, o.out = cmd, in, bufio.NewReader(out)
	}
	id, kind, err = o.ask(name)
	var pe *protocolError
	if errors.As(err, &pe) {
		o.err = err
	}
	return id, kind, err
}

func (o *GitObjects) ask(name string) (id, kind string, err error) {
	if _, err := io.WriteString(o.in, name+"\n"); err != nil {
		return "", "", &protocolError{err.Error()}
	}
	header, err := o.out.ReadString('\n')
	if err != nil {
		return "", "", &protocolError{err.Error()}
	}
	f := strings.Fields(header)
	switch {
	case len(f) == 3:
		return f[0], f[1], nil
	case len(f) == 2 && (f[1] == "missing" || f[1] == "ambiguous"):
		return "", "", ErrNotInRevision
	case len(f) == 2:
		// symlink, dangling, loop, notdir: a size, then that many bytes
		// and a newline, even in --batch-check mode.
		n, err := strconv.ParseInt(f[1], 10, 64)
		if err != nil {
			return "", "", &protocolError{"unexpected answer " + strconv.Quote(header)}
		}
		if _, err := io.CopyN(io.Discard, o.out, n+1); err != nil {
			return "", "", &protocolError{err.Error()}
		}
		switch f[0] {
		case "symlink":
			return "", "", ErrOutsideTree
		case "loop":
			return "", "", errors.New("symbolic links form a loop")
		}
		return "", "", ErrNotInRevision
	}
	return "", "", &protocolError{"unexpected answer " + strconv.Quote(header)}
}

// Tree returns the id of the directory root ("" for the top level) of a
// commit: the tree that TreeFS reads and that `$ref`s may not leave.
func (o *GitObjects) Tree(commit, root string) (string, error) {
	if err := validRev(commit); err != nil {
		return "", err
	}
	name := commit + "^{tree}"
	if root != "" {
		name = commit + ":" + root
	}
	id, kind, err := o.ID(name)
	if err != nil {
		return "", fmt.Errorf("%s: %w", orTop(root), err)
	}
	if kind != "tree" {
		return "", fmt.Errorf("%s is not a directory in the revision", root)
	}
	return id, nil
}

func orTop(root string) string {
	if root == "" {
		return "the top level"
	}
	return root
}

// TreeFS reads the files below one tree through the shared process, with
// the same confinement: paths may not leave the tree, nor may
// symbolic links.
func (o *GitObjects) TreeFS(tree string) FileSystem {
	return treeFS{shared: o.content, tree: tree}
}

type treeFS struct {
	shared *catFile
	tree   string
}

func (t treeFS) ReadFile(name string) ([]byte, error) { return t.shared.readAt(t.tree, name) }

// Close ends both processes.
func (o *GitObjects) Close() error {
	err := o.content.Close()
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.check != nil {
		o.in.Close()
		if werr := o.check.Wait(); err == nil {
			err = werr
		}
		o.check = nil
	}
	o.err = errors.New("closed")
	return err
}
