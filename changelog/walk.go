package changelog

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"time"

	"github.com/Masterminds/semver/v3"

	"github.com/eventdiff/eventdiff/pkg/eventdiff"
	"github.com/eventdiff/eventdiff/rules"
	"github.com/eventdiff/eventdiff/source"
	"github.com/eventdiff/eventdiff/spec"
	"github.com/eventdiff/eventdiff/tree"
)

// Options say which history to walk.
type Options struct {
	Repo *source.GitRepo
	// Path is the document's main file at To, or in the working tree,
	// relative to the repository's top level.
	Path string
	// From starts the history at a tag or any revision: the first release
	// listed is the first tag after it, compared with it. "" starts at the
	// oldest tag that has the document.
	From string
	// To ends the history: a tag (then there is no Unreleased section) or
	// any revision (Unreleased is what it changed since the last tag).
	// "" is the working tree, read from Working.
	To string
	// Working is the document in the working tree, read when To is "".
	Working eventdiff.Source
	// Session reads every document of the walk; it also decides how they
	// are read (limits, perspective, the config that judges changes).
	Session *eventdiff.Session
	// PathAt names the document's main file at a tag (or at From),
	// relative to the top level, instead of following renames.
	PathAt map[string]string
	// TagPrefix is what release tags start with before their version
	// (web- for web-v1.2.0, ASYNCAPI_ for ASYNCAPI_1.3); "" reads tags
	// that are versions, with an optional v.
	TagPrefix string
	// MaxFileSize bounds each file read for the blob-id comparison.
	MaxFileSize int64
}

// Status says what a release did to the document.
type Status string

// The statuses.
const (
	First      Status = "first"      // the document appears in this release
	Changed    Status = "changed"    // the contract changed
	Unchanged  Status = "unchanged"  // every file of the document has the previous release's blob id: nothing was loaded
	Equivalent Status = "equivalent" // the files changed, the contract did not (no findings)
	Unreadable Status = "unreadable" // the document could not be loaded at this tag
)

// Release is one tag of the history, or the Unreleased changes after the
// last one.
type Release struct {
	Version    string    // the tag without its v prefix; "" for Unreleased
	Tag        string    // "" for Unreleased
	Commit     string    // the commit the tag names, or To's; "" for the working tree
	Date       time.Time // the commit's committer date; zero for Unreleased
	Prerelease bool
	Unreleased bool
	Target     string // Unreleased: the revision it ends at ("" for the working tree)

	Path            string // the document's main file here, relative to the top level
	Previous        string // the tag (or From revision) compared with; "" for the first release
	PreviousVersion string // Previous's version, when it is a tag
	PreviousPath    string // the main file at Previous, when it moved

	Status   Status
	Changes  *rules.Result // what changed since Previous (nil when nothing was compared)
	Check    Check         // the version bump against what the changes require
	Contents *Contents     // First: what the first release holds
	Err      error         // Unreadable: why
	// Uncommitted holds the fingerprints of the Unreleased changes that
	// the working tree made since HEAD (nil when the end is a revision).
	Uncommitted map[string]bool
}

// Listed reports whether the release deserves a section of its own: not
// when its contract is the previous release's, except for a final release
// after pre-releases, which readers look for and whose bump is judged
// against the last stable release.
func (r *Release) Listed() bool {
	if r.Unreleased {
		return true
	}
	switch r.Status {
	case Unchanged, Equivalent:
		return !r.Prerelease && r.Check.Since != "" && r.Check.SinceTag != r.Previous
	}
	return true
}

// Contents names what a document holds, sorted.
type Contents struct {
	Channels   []string `json:"channels"`
	Operations []string `json:"operations"`
	Messages   []string `json:"messages"`
}

// History is the releases of one document, newest first (Unreleased, when
// there is one, at the top).
type History struct {
	Path     string // the document's main file at the newest point
	Releases []*Release
	Notes    []Note         // what the walk decided that a person may want to know
	Warnings []tree.Warning // problems of the newest document
	// RemoteRefs are the remote references left as written (compared by
	// URL) in every document read, each document once.
	RemoteRefs []*tree.Node
	// TagWarnings say when the tags could not be read as releases, and
	// how to fix that (--tag-prefix, or tagging releases).
	TagWarnings []string
}

// node is one point of the walk: the From revision, a tag, or the end.
type node struct {
	label  string   // tag or revision as given; "" for the working tree
	rel    *release // the tag's version; nil for revisions
	commit string   // "" for the working tree
	path   string
	from   bool // compared with, not listed
	end    bool // Unreleased
}

func (n *node) name() string {
	if n.commit == "" {
		return "the working tree"
	}
	return n.label
}

// loaded is a document read at one node.
type loaded struct {
	doc  *spec.Document
	path string
	ids  map[string]string // file path → blob id; nil when not comparable (the working tree, remote references)
}

type walker struct {
	o        Options
	objs     *source.GitObjects
	notes    []Note
	warnings []string
}

// Walk reads the history.
func Walk(o Options) (*History, error) {
	if o.To == "" && o.Working.IsZero() {
		return nil, errors.New("changelog: neither Options.Working nor Options.To names the end of the history")
	}
	w := &walker{o: o, objs: o.Repo.Objects(o.MaxFileSize)}
	defer w.objs.Close()
	nodes, err := w.plan()
	if err != nil {
		return nil, err
	}
	if nodes, err = w.paths(nodes); err != nil {
		return nil, err
	}
	h, err := w.forward(nodes)
	if err != nil {
		return nil, err
	}
	h.Notes, h.TagWarnings = w.notes, w.warnings
	return h, nil
}

func (w *walker) note(format string, args ...any) {
	w.notes = append(w.notes, Note{Text: fmt.Sprintf(format, args...)})
}

// movedNote notes that the document is missing at a tag, where it may have
// had another path.
func (w *walker) movedNote(tag, format string, args ...any) {
	w.notes = append(w.notes, Note{Text: fmt.Sprintf(format, args...), MovedAt: tag})
}

// plan lists the points of the walk, oldest first: the From revision,
// the tags in version order, and the end (To, or the working tree).
//
// Only tags reachable from the end are releases of this line of history:
// a tag on a branch that was never merged (a feature branch's beta) is
// not something the working tree was released from.
func (w *walker) plan() ([]*node, error) {
	repo := w.o.Repo
	var endCommit string
	if w.o.To != "" {
		c, err := repo.Commit(w.o.To)
		if err != nil {
			return nil, &OptionError{Option: "To", Err: err}
		}
		endCommit = c
	}
	reach := endCommit
	if reach == "" {
		if c, err := repo.Commit("HEAD"); err == nil {
			reach = c
		}
	}
	var tags []source.Tag
	if reach != "" {
		var err error
		if tags, err = repo.Tags(reach, ""); err != nil {
			return nil, err
		}
	}
	rels, dups := releases(tags, w.o.TagPrefix)
	for _, d := range dups {
		w.note("tag %s names a version another tag already names: it is left out", d)
	}
	if len(rels) == 0 && w.o.From == "" {
		w.warnings = append(w.warnings, noReleaseTags(tags, w.o.TagPrefix))
	}
	end := &node{label: w.o.To, commit: endCommit, end: true}
	if w.o.To != "" {
		for i := range rels {
			if rels[i].Name == w.o.To {
				rels, end = rels[:i+1], nil // up to this tag, which is the end
				break
			}
		}
	}
	from, rels, err := w.start(rels, reach)
	if err != nil {
		return nil, err
	}
	var nodes []*node
	if from != nil {
		nodes = append(nodes, from)
	}
	for i := range rels {
		nodes = append(nodes, &node{label: rels[i].Name, rel: &rels[i], commit: rels[i].Commit})
	}
	if end != nil {
		nodes = append(nodes, end)
	}
	if len(nodes) == 0 || len(nodes) == 1 && nodes[0].from {
		return nil, &EmptyRangeError{From: w.o.From, To: w.o.To}
	}
	return nodes, w.checkPathAt(nodes)
}

// start is the From point of the walk (nil without From) and the
// releases after it: a tag of the history, or any revision, whose tags
// already reachable are before it.
func (w *walker) start(rels []release, reach string) (*node, []release, error) {
	if w.o.From == "" {
		return nil, rels, nil
	}
	for i := range rels {
		if rels[i].Name == w.o.From {
			return &node{label: rels[i].Name, rel: &rels[i], commit: rels[i].Commit, from: true}, rels[i+1:], nil
		}
	}
	c, err := w.o.Repo.Commit(w.o.From)
	if err != nil {
		return nil, nil, &OptionError{Option: "From", Err: err}
	}
	after, err := w.o.Repo.Tags(reach, c)
	if err != nil {
		return nil, nil, err
	}
	keep := map[string]bool{}
	for _, t := range after {
		keep[t.Name] = true
	}
	kept := rels[:0]
	for _, r := range rels {
		if keep[r.Name] {
			kept = append(kept, r)
		}
	}
	return &node{label: w.o.From, commit: c, from: true}, kept, nil
}

// checkPathAt refuses a PathAt entry for a tag that is not a point of the
// walk.
func (w *walker) checkPathAt(nodes []*node) error {
	for tag := range w.o.PathAt {
		found := false
		for _, n := range nodes {
			found = found || (n.commit != "" && n.label == tag)
		}
		if !found {
			return &OptionError{Option: "PathAt", Key: tag,
				Err: fmt.Errorf("no such tag in the history (the tags are the semver tags reachable from %s, after the start)", orWorking(w.o.To))}
		}
	}
	return nil
}

func orWorking(rev string) string {
	if rev == "" {
		return "HEAD"
	}
	return rev
}

// paths finds the document's main file at every point, from the newest
// back: the same path while the revision has it, else the path git's
// rename detection gives between the two revisions, else PathAt. A
// point where the document is found under no name starts the history.
//
// Rename detection runs between the two revisions actually compared, not
// commit by commit (git log --follow): it is one git process per move,
// only where the path is missing; it sees the same two trees the diff
// does, whatever merges happened in between; and it needs no linear
// history. A file moved and rewritten beyond git's 50% similarity in one
// release is not recognised: PathAt says where it was.
func (w *walker) paths(nodes []*node) ([]*node, error) {
	last := nodes[len(nodes)-1]
	last.path = w.o.Path
	if p, ok := w.o.PathAt[last.label]; ok && last.commit != "" {
		last.path = p
	}
	if last.commit != "" {
		ok, err := w.exists(last.commit, last.path)
		if err != nil {
			return nil, err
		}
		if !ok {
			// Path names the document as it is now: follow it back to To.
			old, err := w.o.Repo.RenamedFrom(last.commit, "", last.path)
			if err != nil {
				return nil, err
			}
			if ok, err := w.exists(last.commit, old); err != nil || old == "" || !ok {
				return nil, &MissingAtEndError{Rev: last.label, Path: last.path}
			}
			w.note("%s was %s in %s: followed the rename", last.path, old, last.label)
			last.path = old
		}
	}
	for i := len(nodes) - 2; i >= 0; i-- {
		n, next := nodes[i], nodes[i+1]
		if p, ok := w.o.PathAt[n.label]; ok {
			ok, err := w.exists(n.commit, p)
			if err != nil {
				return nil, err
			}
			if !ok {
				return nil, &OptionError{Option: "PathAt", Key: n.label + "=" + p, Err: fmt.Errorf("%s does not exist in %s", p, n.label)}
			}
			n.path = p
			continue
		}
		ok, err := w.exists(n.commit, next.path)
		if err != nil {
			return nil, err
		}
		if ok {
			n.path = next.path
			continue
		}
		old, err := w.o.Repo.RenamedFrom(n.commit, next.commit, next.path)
		if err != nil {
			return nil, err
		}
		if old != "" {
			if ok, err := w.exists(n.commit, old); err != nil {
				return nil, err
			} else if ok {
				n.path = old
				w.note("%s was %s in %s: followed the rename", next.path, old, n.label)
				continue
			}
		}
		if next.commit == "" && next.end {
			w.movedNote(n.label, "%s does not exist in %s: it is new since then", next.path, n.label)
		} else {
			w.movedNote(n.label, "%s does not exist in %s: the history starts at %s", next.path, n.label, next.name())
		}
		return nodes[i+1:], nil
	}
	return nodes, nil
}

// exists reports whether a revision has a file at p.
func (w *walker) exists(commit, p string) (bool, error) {
	_, kind, err := w.objs.ID(commit + ":" + p)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("%s:%s: %v", commit, p, err)
	}
	return kind == "blob", nil
}

// forward loads each point once, oldest first, and compares it with the
// previous one and, for the version check, with the last stable release.
func (w *walker) forward(nodes []*node) (*History, error) {
	h := &History{Path: nodes[len(nodes)-1].path}
	var (
		s       walkState
		working *spec.Document
	)
	loads, stop := w.loadAhead(nodes)
	defer stop()
	for _, n := range nodes {
		ld := <-loads
		cur, unchanged, err := ld.cur, ld.unchanged, ld.err
		if err != nil {
			if n.end || n.from || n.commit == "" {
				return nil, err
			}
			h.Releases = append(h.Releases, w.unreadable(n, err))
			continue
		}
		if n == nodes[len(nodes)-1] {
			h.Warnings = cur.doc.Warnings
			working = cur.doc
		}
		if !unchanged {
			h.RemoteRefs = append(h.RemoteRefs, cur.doc.RemoteRefs...)
		}
		if n.from {
			s.advance(n, cur, s.prevCum)
			continue
		}
		r, err := w.release(&s, n, cur, unchanged)
		if err != nil {
			return nil, err
		}
		h.Releases = append(h.Releases, r)
	}
	// Newest first.
	for i, j := 0, len(h.Releases)-1; i < j; i, j = i+1, j-1 {
		h.Releases[i], h.Releases[j] = h.Releases[j], h.Releases[i]
	}
	w.markUncommitted(h, working)
	return h, nil
}

// walkState is what forward remembers of the points before the current
// one.
type walkState struct {
	prev      *loaded
	prevNode  *node
	stable    *node // the last stable release loaded
	stableDoc *loaded
	prevCum   *rules.Result // the previous release's changes since stable
}

// advance makes n the previous point, and the last stable release when
// it is one.
func (s *walkState) advance(n *node, cur *loaded, cum *rules.Result) {
	s.prev, s.prevNode, s.prevCum = cur, n, cum
	if n.rel != nil && n.rel.v.Prerelease() == "" {
		s.stable, s.stableDoc = n, cur
	}
}

// unreadable notes a tag whose document could not be read and lists it
// as such; the next release is compared with the one before it.
func (w *walker) unreadable(n *node, err error) *Release {
	w.note("%s: the document could not be read, so it is compared with the release before (%s)", n.label, oneLine(err.Error()))
	return &Release{Version: n.rel.Version(), Tag: n.label, Commit: n.commit,
		Date: n.rel.Date, Prerelease: n.rel.v.Prerelease() != "", Path: n.path, Status: Unreadable, Err: err}
}

// release describes a point: what changed since the previous one and how
// its version bump compares; s then moves past it. The error is a limit
// reached while comparing.
func (w *walker) release(s *walkState, n *node, cur *loaded, unchanged bool) (*Release, error) {
	r := &Release{Commit: n.commit, Path: n.path}
	if n.end {
		r.Unreleased, r.Target = true, n.label
	} else {
		r.Version, r.Tag, r.Date, r.Prerelease = n.rel.Version(), n.label, n.rel.Date, n.rel.v.Prerelease() != ""
	}
	switch {
	case s.prev == nil:
		r.Status, r.Contents = First, contents(cur.doc)
	case unchanged:
		r.Status = Unchanged
	default:
		var err error
		if r.Changes, err = w.compare(s.prev.doc, cur.doc); err != nil {
			return nil, err
		}
		r.Status = Changed
		if len(r.Changes.Findings) == 0 {
			r.Status = Equivalent
		}
	}
	if s.prevNode != nil {
		r.Previous = s.prevNode.label
		if s.prevNode.rel != nil {
			r.PreviousVersion = s.prevNode.rel.Version()
		}
		if s.prev.path != n.path {
			r.PreviousPath = s.prev.path
		}
	}
	cum, err := w.check(s, n, r, cur, unchanged)
	if err != nil {
		return nil, err
	}
	s.advance(n, cur, cum)
	return r, nil
}

// check judges r's version bump against its changes since the last stable
// release, reusing the changes already computed when it can, and returns
// those changes (nil before the first stable release).
func (w *walker) check(s *walkState, n *node, r *Release, cur *loaded, unchanged bool) (*rules.Result, error) {
	var cum *rules.Result
	var err error
	switch {
	case s.stable == nil:
	case s.prevNode == s.stable:
		cum = r.Changes
	case unchanged:
		cum = s.prevCum
	default:
		if cum, err = w.compare(s.stableDoc.doc, cur.doc); err != nil {
			return nil, err
		}
	}
	if s.stable != nil {
		var to *semver.Version
		if n.rel != nil {
			to = n.rel.v
		}
		r.Check = judge(s.stable.rel, cum, to)
	}
	return cum, nil
}

// loadResult is the document of one point, in the order of the points.
type loadResult struct {
	cur       *loaded
	unchanged bool
	err       error
}

// loadAhead loads the points in order on another goroutine, a few ahead of
// the comparisons: parsing the next tags overlaps diffing the previous
// ones. stop ends it early.
func (w *walker) loadAhead(nodes []*node) (<-chan loadResult, func()) {
	out := make(chan loadResult, 4)
	done := make(chan struct{})
	go func() {
		defer close(out)
		var prev *loaded
		for _, n := range nodes {
			cur, unchanged, err := w.safeLoad(n, prev)
			if err == nil {
				prev = cur
			}
			select {
			case out <- loadResult{cur, unchanged, err}:
			case <-done:
				return
			}
		}
	}()
	return out, func() { close(done) }
}

// safeLoad turns a panic of the loader into an error: it runs on its own
// goroutine, out of reach of the command's recovery.
func (w *walker) safeLoad(n *node, prev *loaded) (cur *loaded, unchanged bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			cur, unchanged, err = nil, false, fmt.Errorf("%s:%s: internal error, please report: %v", n.name(), n.path, r)
		}
	}()
	return w.load(n, prev)
}

// load reads the document at a point. A tag whose document files all
// have the blob ids they had in the previous point is the same document:
// it is recognised from ids alone, before reading or parsing anything.
func (w *walker) load(n *node, prev *loaded) (cur *loaded, unchanged bool, err error) {
	if n.commit == "" {
		doc, err := w.o.Session.Load(context.Background(), w.o.Working)
		if err != nil {
			return nil, false, err
		}
		return &loaded{doc: doc, path: n.path}, false, nil
	}
	tree, err := w.objs.Tree(n.commit, "")
	if err != nil {
		return nil, false, fmt.Errorf("%s: %v", n.label, err)
	}
	if prev != nil && prev.ids != nil && prev.path == n.path {
		same := true
		for p, id := range prev.ids {
			if got, _, err := w.objs.ID(tree + ":" + p); err != nil || got != id {
				same = false
				break
			}
		}
		if same {
			return &loaded{doc: prev.doc, path: n.path, ids: prev.ids}, true, nil
		}
	}
	doc, err := w.o.Session.Load(context.Background(), eventdiff.Git(n.label, n.path))
	if err != nil {
		return nil, false, err
	}
	cur = &loaded{doc: doc, path: n.path, ids: map[string]string{}}
	for _, f := range doc.Files {
		p := f.Path
		id, _, err := w.objs.ID(tree + ":" + p)
		if err != nil { // a remote reference, or something git cannot name
			cur.ids = nil
			break
		}
		cur.ids[p] = id
	}
	return cur, false, nil
}

func (w *walker) compare(base, revision *spec.Document) (*rules.Result, error) {
	res, err := w.o.Session.CompareDocuments(base, revision)
	if err != nil {
		return nil, err
	}
	return &res.Result, nil
}

// contents names the channels, operations and messages of a document.
func contents(d *spec.Document) *Contents {
	c := &Contents{Channels: []string{}, Operations: []string{}, Messages: []string{}}
	seen := map[string]bool{}
	add := func(list *[]string, kind, s string) {
		if s == "" || seen[kind+"\x00"+s] {
			return
		}
		seen[kind+"\x00"+s] = true
		*list = append(*list, s)
	}
	for _, ch := range d.Channels {
		add(&c.Channels, "c", ch.Label())
	}
	for _, op := range d.Operations {
		add(&c.Operations, "o", op.Key)
	}
	for _, m := range d.Messages {
		add(&c.Messages, "m", m.Label())
	}
	sort.Strings(c.Channels)
	sort.Strings(c.Operations)
	sort.Strings(c.Messages)
	return c
}

func oneLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
