package diff

import (
	"fmt"
	"sort"
	"strings"

	"github.com/eventdiff/eventdiff/limits"
	"github.com/eventdiff/eventdiff/rules/catalogue"
	"github.com/eventdiff/eventdiff/schema"
	"github.com/eventdiff/eventdiff/spec"
	"github.com/eventdiff/eventdiff/tree"
)

// Options choose how schemas are compared and how many changes a
// comparison may find.
type Options struct {
	Schema schema.Options
	// MaxChanges bounds the changes found (0: no bound). Past it Compare
	// stops and returns a *limits.Error: each change costs kilobytes to
	// explain, so two documents that differ everywhere would otherwise
	// cost far more than their size.
	MaxChanges int
}

// Compare returns every difference between base and revision, in a
// deterministic order, or a *limits.Error when there are more than
// opts.MaxChanges.
func Compare(base, revision *spec.Document, opts Options) ([]Change, error) {
	d := &differ{base: base, rev: revision, opts: opts,
		chanPair: map[*spec.Channel]*spec.Channel{}, chanOps: map[*spec.Channel][]OpRef{},
		msgPairs: map[[2]*spec.Message]*msgPair{}, schemaSeen: map[deltaKey]int{}}
	d.document()
	d.servers()
	d.channels()
	d.operations()
	d.compareChannels()
	d.channelMessages()
	d.messages()
	d.unused()
	d.defaultContentType() // after every message pair, used or not
	if d.full != nil {
		return nil, limits.Exceeded(limits.Changes, "%s: comparing with %s finds more than %d changes",
			d.full, base.Name, opts.MaxChanges)
	}
	d.mergeSameEdits()
	identify(d.out, base, revision)
	Sort(d.out)
	return d.out, nil
}

type differ struct {
	base, rev *spec.Document
	opts      Options
	out       []Change

	chanPair map[*spec.Channel]*spec.Channel // base channel → its revision
	chanList [][2]*spec.Channel              // pairs in base order
	chanOps  map[*spec.Channel][]OpRef       // revision channel → operations on it
	msgPairs map[[2]*spec.Message]*msgPair   // compared message pairs
	msgOrder []*msgPair                      // in discovery order
	opPairs  [][2]*spec.Operation            // paired operations

	schemaSeen map[deltaKey]int // index in out of a schema change already reported
	full       *place           // where the change past opts.MaxChanges was found
	byDefault  []*msgPair       // pairs whose content type changed with defaultContentType alone
}

// msgPair is a base message and its revision, with every operation that
// reaches the pair.
type msgPair struct {
	old, new     *spec.Message
	ops          []OpRef
	channel      string
	unreferenced bool // a components message nothing uses
}

type deltaKey struct {
	rule      string
	base, rev *tree.Node
	path      string
}

// add adds a change, unless the comparison already holds opts.MaxChanges;
// it reports whether it did.
func (d *differ) add(c Change) bool {
	if d.opts.MaxChanges > 0 && len(d.out) >= d.opts.MaxChanges {
		d.fill(c.Revision, c.Base)
		return false
	}
	d.out = append(d.out, bound(c))
	return true
}

// fill records that the comparison found more changes than it may, at the
// first of the locations that exists.
func (d *differ) fill(locs ...*tree.Location) {
	if d.full != nil {
		return
	}
	d.full = &place{}
	for _, l := range locs {
		if l != nil {
			d.full.Location = l
			return
		}
	}
}

// place prints a location as file:line:column for an error.
type place struct{ *tree.Location }

func (p *place) String() string {
	if p.Location == nil {
		return "the revision"
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column)
}

// addOnce adds a change made in one place that several elements use (a
// shared security scheme): the same change found again only adds the
// operations that reach it.
func (d *differ) addOnce(c Change) {
	key := deltaKey{rule: c.Kind, path: locKey(c.Base) + "|" + locKey(c.Revision)}
	if j, ok := d.schemaSeen[key]; ok {
		d.out[j].Operations = mergeOps(d.out[j].Operations, c.Operations...)
		return
	}
	if d.add(c) {
		d.schemaSeen[key] = len(d.out) - 1
	}
}

func locKey(l *tree.Location) string {
	if l == nil {
		return ""
	}
	return l.File + l.Pointer
}

// parentLoc is where a removed element's parent is in the revision: the
// closest place that still exists, for annotations.
func parentLoc(doc *spec.Document, keys ...string) *tree.Location {
	n := doc.Root
	for _, k := range keys {
		next := n.Get(k).Deref()
		if next == nil {
			break
		}
		n = next
	}
	return n.Loc()
}

// plain is the value of n for a report, with references resolved, cut to
// the report's bound (see bounded.go).
func plain(n *tree.Node) any {
	if n == nil {
		return nil
	}
	v := n.ResolvedUpTo(maxValueBytes)
	if b, cut := boundValue(v, maxValueBytes); cut {
		return elided{b}
	}
	return v
}

// document compares what belongs to the document as a whole.
func (d *differ) document() {
	b, r := d.base, d.rev
	if b.Version != r.Version {
		d.add(Change{Kind: catalogue.AsyncAPIVersionChanged, Subject: "document",
			Text: fmt.Sprintf("AsyncAPI version changed from %s to %s", b.Version, r.Version),
			Base: b.Root.Get("asyncapi").Loc(), Revision: r.Root.Get("asyncapi").Loc(), Old: b.Version, New: r.Version})
	}
	if b.ID != r.ID {
		d.add(Change{Kind: catalogue.DocumentIDChanged, Subject: "document",
			Text: fmt.Sprintf("document id changed from %q to %q", b.ID, r.ID),
			Base: locOr(b.Root.Get("id"), b.Root), Revision: locOr(r.Root.Get("id"), r.Root), Old: b.ID, New: r.ID})
	}
	bi, ri := b.Info, r.Info
	for _, f := range []struct {
		name string
		a, b *tree.Node
	}{{"tags", bi.Tags, ri.Tags}, {"externalDocs", bi.ExternalDocs, ri.ExternalDocs}} {
		d.docValue(Change{Subject: "document"}, "document "+f.name, f.a, f.b, bi.Node, ri.Node)
	}
	if bi.Node != nil && ri.Node != nil {
		for _, k := range []string{"title", "description", "termsOfService", "contact", "license"} {
			d.docValue(Change{Subject: "document"}, "info."+k, bi.Node.Get(k), ri.Node.Get(k), bi.Node, ri.Node)
		}
		d.extensions(Change{Subject: "document"}, "info", bi.Node, ri.Node)
	}
	d.extensions(Change{Subject: "document"}, "the document", b.Root, r.Root)
}

func locOr(n, fallback *tree.Node) *tree.Location {
	if n != nil {
		return n.Loc()
	}
	return fallback.Loc()
}

// docKeys are fields that only document an element.
var docKeys = []string{"title", "summary", "description", "tags", "externalDocs"}

// docs reports documentation-only and extension changes of an element.
func (d *differ) docs(ctx Change, what string, a, b *tree.Node) {
	a, b = a.Deref(), b.Deref()
	if a == nil || b == nil || a.Kind != tree.Map || b.Kind != tree.Map {
		return
	}
	for _, k := range docKeys {
		d.docValue(ctx, what+" "+k, a.Get(k), b.Get(k), a, b)
	}
	d.extensions(ctx, what, a, b)
}

func (d *differ) docValue(ctx Change, what string, a, b, aParent, bParent *tree.Node) {
	if a == nil && b == nil || tree.EqualResolved(a, b) {
		return
	}
	c := ctx
	c.Kind, c.Text = catalogue.DocumentationChanged, what+" changed"
	switch {
	case a == nil:
		c.Text = what + " added"
	case b == nil:
		c.Text = what + " removed"
	}
	c.Base, c.Revision = locOr(a, aParent), locOr(b, bParent)
	c.Old, c.New = plain(a), plain(b)
	d.add(c)
}

// ignoredExtension are tool artifacts, not contract: parser bookkeeping and
// the converter's channel-id hint.
func ignoredExtension(k string) bool {
	return strings.HasPrefix(k, "x-parser-") || k == "x-channelId"
}

func (d *differ) extensions(ctx Change, what string, a, b *tree.Node) {
	keys := map[string]bool{}
	for _, n := range []*tree.Node{a, b} {
		for _, f := range n.Entries() {
			if strings.HasPrefix(f.Key, "x-") && !ignoredExtension(f.Key) {
				keys[f.Key] = true
			}
		}
	}
	for _, k := range sortedKeys(keys) {
		va, vb := a.Get(k), b.Get(k)
		if tree.EqualResolved(va, vb) {
			continue
		}
		c := ctx
		c.Kind = catalogue.ExtensionChanged
		c.Text = fmt.Sprintf("extension %s of %s changed", k, what)
		c.Base, c.Revision = locOr(va, a), locOr(vb, b)
		c.Old, c.New = plain(va), plain(vb)
		d.add(c)
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// setDiff returns the strings only in a and only in b, sorted.
func setDiff(a, b []string) (onlyA, onlyB []string) {
	inA, inB := map[string]bool{}, map[string]bool{}
	for _, s := range a {
		inA[s] = true
	}
	for _, s := range b {
		inB[s] = true
	}
	for s := range inA {
		if !inB[s] {
			onlyA = append(onlyA, s)
		}
	}
	for s := range inB {
		if !inA[s] {
			onlyB = append(onlyB, s)
		}
	}
	sort.Strings(onlyA)
	sort.Strings(onlyB)
	return onlyA, onlyB
}

func quoteList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = fmt.Sprintf("%q", x)
	}
	return strings.Join(q, ", ")
}

// mergeOps adds operations to a list, keeping it sorted and unique.
func mergeOps(list []OpRef, more ...OpRef) []OpRef {
	for _, o := range more {
		dup := false
		for _, have := range list {
			if have == o {
				dup = true
				break
			}
		}
		if !dup {
			list = append(list, o)
		}
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].Channel != list[j].Channel {
			return list[i].Channel < list[j].Channel
		}
		if list[i].ID != list[j].ID {
			return list[i].ID < list[j].ID
		}
		if list[i].Action != list[j].Action {
			return list[i].Action < list[j].Action
		}
		return !list[i].Reply && list[j].Reply
	})
	return list
}

func mergeStrings(list []string, more ...string) []string {
	for _, s := range more {
		i := sort.SearchStrings(list, s)
		if i < len(list) && list[i] == s {
			continue
		}
		list = append(list, "")
		copy(list[i+1:], list[i:])
		list[i] = s
	}
	return list
}
