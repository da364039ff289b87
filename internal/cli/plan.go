package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/eventdiff/eventdiff/check"
	"github.com/eventdiff/eventdiff/pkg/eventdiff"
	"github.com/eventdiff/eventdiff/rules"
)

// A pair is one comparison: the base and the revision of one document.
type pair struct {
	base, revision eventdiff.Source
	viaBaseRef     bool   // made by --base-ref from a working-tree path
	commentPath    string // how the document is named in its pull-request comment's marker
}

// compared is a pair, its result, and what real messages say about it
// (diff --messages).
type compared struct {
	pair
	res     *rules.Result
	traffic *check.Traffic
}

// plan turns the arguments into the comparisons to run: BASE REVISION, or
// with --base-ref one pair per path given.
func plan(c *cli.Context, sess *eventdiff.Session, env Env) ([]pair, error) {
	baseRef := c.String("base-ref")
	if baseRef == "" {
		base, rev := c.Args().Get(0), c.Args().Get(1)
		return []pair{{base: eventdiff.Arg(base), revision: eventdiff.Arg(rev), commentPath: commentPath(sess, rev)}}, nil
	}
	repo, err := sess.Repo()
	if err != nil {
		return nil, fmt.Errorf("--base-ref: %v", err)
	}
	revRef := c.String("revision-ref")
	var revCommit string
	if revRef != "" {
		if revCommit, err = sess.Commit(revRef); err != nil {
			return nil, fmt.Errorf("--revision-ref: %v", err)
		}
	}
	baseLabel, err := resolveBase(sess, baseRef, revCommit, env)
	if err != nil {
		if c.Bool("allow-new") && revCommit == "" && !repo.HasCommits() {
			// The first commit of a repository: every document is new.
			for _, p := range c.Args().Slice() {
				fmt.Fprintf(env.Stderr, "eventdiff: %s is new (the repository has no commit yet): nothing to compare\n", p)
			}
			return nil, nil
		}
		return nil, fmt.Errorf("--base-ref: %v", err)
	}
	var pairs []pair
	for _, p := range c.Args().Slice() {
		main, err := repo.DiskRelative(p)
		if err != nil {
			return nil, err
		}
		if main == "" {
			return nil, fmt.Errorf("%s: is the repository's top directory, not a document", p)
		}
		pr := pair{base: eventdiff.Git(baseLabel, main), revision: eventdiff.File(p), viaBaseRef: true, commentPath: main}
		if revRef != "" {
			pr.revision = eventdiff.Git(revRef, main)
		}
		pairs = append(pairs, pr)
	}
	return pairs, nil
}

// resolveBase resolves --base-ref to the revision to read the base from:
// a revision, or merge-base:REV for the best common ancestor of REV and
// the revision side (HEAD for the working tree), which is what a branch
// started from: comparing with it leaves out what others merged into REV
// since. A branch without an upstream yet (its first push) falls back from
// @{upstream} to origin/HEAD.
func resolveBase(sess *eventdiff.Session, ref, revCommit string, env Env) (label string, err error) {
	other, mergeBase := strings.CutPrefix(ref, "merge-base:")
	if !mergeBase {
		_, err := sess.Commit(ref)
		return ref, err
	}
	if other == "" {
		return "", fmt.Errorf("merge-base: needs a revision, e.g. merge-base:origin/main")
	}
	repo, err := sess.Repo()
	if err != nil {
		return "", err
	}
	head := revCommit
	if head == "" {
		head = "HEAD"
	}
	mb, err := repo.MergeBase(other, head)
	if err != nil && isUpstream(other) {
		if _, uerr := repo.Commit(other); uerr != nil {
			if fb, ferr := repo.MergeBase("refs/remotes/origin/HEAD", head); ferr == nil {
				fmt.Fprintf(env.Stderr, "warning: the current branch has no upstream yet; comparing with its merge base with origin/HEAD\n")
				mb, err = fb, nil
			} else {
				err = fmt.Errorf("%s: the current branch has no upstream (set one with git branch --set-upstream-to, or name a branch: merge-base:origin/main)", other)
			}
		}
	}
	if err != nil {
		return "", err
	}
	return mb[:min(12, len(mb))], nil
}

func isUpstream(rev string) bool {
	r := strings.ToLower(rev)
	return r == "@{u}" || r == "@{upstream}" || strings.HasSuffix(r, "@{u}") || strings.HasSuffix(r, "@{upstream}")
}

// commentPath is how a document is named in its comment's marker: the
// same for REV:path and for the working-tree file, whichever directory
// eventdiff runs in.
func commentPath(sess *eventdiff.Session, arg string) string {
	if arg == "-" {
		return "-"
	}
	p := arg
	if _, err := os.Lstat(p); err != nil {
		if _, rp, ok := eventdiff.SplitRevPath(p); ok {
			if repo, err := sess.Repo(); err == nil {
				if m, err := repo.TopRelative(rp); err == nil {
					return m
				}
			}
			return filepath.ToSlash(filepath.Clean(rp))
		}
	}
	if repo, err := sess.Repo(); err == nil {
		if m, err := repo.DiskRelative(p); err == nil {
			return m
		}
	}
	return strings.TrimPrefix(filepath.ToSlash(filepath.Clean(p)), "./")
}
