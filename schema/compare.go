package schema

import (
	"sort"
	"strings"

	"github.com/eventdiff/eventdiff/rules/catalogue"
	"github.com/eventdiff/eventdiff/tree"
)

// The engine works in two phases.
//
// Exploration pairs a base schema node with a revision schema node (after
// following references), looks at the keywords of the pair and records
// local deltas plus edges to child pairs (properties, items, branches...).
// Every pair is explored once, however many paths reach it, so a shared
// sub-schema is compared and reported once, and recursive schemas end.
//
// Settlement then walks the pair graph from the root: it gives each pair
// the first (shortest) path that reaches it, works out the polarity of the
// path (`not` inverts; a `oneOf` branch whose exclusivity cannot be proved
// makes any change unknown), turns local effects into effects on the whole
// value, and looks for witnesses.
//
// Some local decisions need the effect of a comparison that is not itself
// reported (a removed property against additionalProperties, a new anyOf
// branch against the old ones). Those are "silent" edges: the child pair is
// explored like any other, and its effect is the greatest fixpoint over the
// pairs it reaches, with pairs still being explored assumed equal
// (co-inductively, as for recursive types).

// bits is an effect as a set of facts, so that joins are associative:
// W = some new values were not accepted before, N = some old values are no
// longer accepted, U = cannot tell.
type bits uint8

const (
	bW bits = 1 << iota
	bN
	bU
)

func bitsOf(e Effect) bits {
	switch e {
	case Wider:
		return bW
	case Narrower:
		return bN
	case Incomparable:
		return bW | bN
	case Unknown:
		return bU
	}
	return 0
}

func (b bits) effect() Effect {
	switch {
	case b&bW != 0 && b&bN != 0:
		return Incomparable
	case b&bU != 0:
		return Unknown
	case b&bW != 0:
		return Wider
	case b&bN != 0:
		return Narrower
	}
	return None
}

func (b bits) invert() bits { return b&bU | (b&bW)<<1 | (b&bN)>>1 }

// transform is how a child's effect becomes its parent's.
type transform uint8

const (
	trSame    transform = iota // monotone: properties, items, allOf, anyOf, ...
	trInvert                   // not
	trUnknown                  // a change under a oneOf branch that may overlap another
)

// polarity is the set of transforms met on the paths from the root.
type polarity uint8

const (
	polSame polarity = 1 << iota
	polInv
	polUnk
)

func (p polarity) then(t transform) polarity {
	switch t {
	case trInvert:
		return p&polUnk | (p&polSame)<<1 | (p&polInv)>>1
	case trUnknown:
		if p != 0 {
			return polUnk
		}
	}
	return p
}

func (p polarity) apply(e Effect) Effect {
	out := None
	if p&polSame != 0 {
		out = Combine(out, e)
	}
	if p&polInv != 0 {
		out = Combine(out, e.Invert())
	}
	if p&polUnk != 0 && e != None {
		out = Combine(out, Unknown)
	}
	return out
}

type pairKey struct{ b, r *tree.Node }

type pairState uint8

const (
	stNew pairState = iota
	stExploring
	stExplored
)

// pair is one base schema compared with one revision schema.
type pair struct {
	b, r   *tree.Node // dereferenced; nil means "no schema" (accepts anything)
	state  pairState
	deltas []*rawDelta
	edges  []edge
	local  bits // strict local effect
	final  bits // settled effect of the pair and everything below it
	done   bool // final is settled

	// Settlement.
	reached      bool
	path         string
	bPath, rPath string // the same path, spelled per side (wrappers differ)
	bRefs, rRefs []string
	pol          polarity
}

type edge struct {
	to         *pair
	seg        string   // path segment shared by both sides
	bSeg, rSeg string   // per side
	bRef, rRef []string // `$ref`s followed on each side to reach the child
	tr         transform
	silent     bool // only used for a local decision; not reported
}

// rawDelta is a delta before settlement: path relative to its pair, local
// effects, and what a witness search needs.
type rawDelta struct {
	d    Delta
	seg  string // appended to the pair's path
	wit  witnessHint
	skip bool // no witness search (annotations)
	// proveBy: the effect is claimed only if a witness shows it; without
	// one the delta is reported as unknown (an overlap of oneOf branches
	// that the engine could neither rule out nor exhibit).
	proveBy bool
	// kindIfShown: the change is a new kind of value (Delta.NewKind) once a
	// value only the revision accepts is shown.
	kindIfShown bool
}

type comparer struct {
	opts  Options
	pairs map[pairKey]*pair
	same  map[pairKey]bool
	eqs   *eqState
	disj  map[disjointKey]bool
	facts map[*tree.Node]*facts
	// merges caches allOfs written as one schema (see merge.go).
	merges map[*tree.Node]mergeResult
	top    *pair
	re     regexCache
	// found counts the deltas of the pairs explored so far (with those
	// used only for a local decision): past Options.MaxDeltas nothing more
	// is explored, and the result is TooMany.
	found int
	// roots for witness checks
	baseRoot, revRoot *tree.Node
}

// Compare computes the effect of changing the schema base into revision,
// keyword by keyword. Either may be nil (no payload: anything is accepted).
func Compare(base, revision *tree.Node, opts Options) Result {
	if base == revision {
		return Result{}
	}
	c := &comparer{opts: opts, pairs: map[pairKey]*pair{}, same: map[pairKey]bool{}, baseRoot: base, revRoot: revision}
	c.top = &pair{b: base, r: revision, state: stExplored}
	switch {
	case base == nil && revision == nil:
		return Result{}
	case base == nil:
		if !c.isTrue(revision) {
			c.top.add(&rawDelta{d: Delta{Rule: catalogue.SchemaPayloadAdded, Revision: revision, New: revision.Interface(),
				Effect: Narrower, StrictEffect: Narrower,
				Reason: "a schema now constrains a value that could be anything: values it rejects are no longer accepted"},
				wit: witnessHint{kind: wkPalette}})
		}
	case revision == nil:
		if !c.isTrue(base) {
			c.top.add(&rawDelta{d: Delta{Rule: catalogue.SchemaPayloadRemoved, Base: base, Old: base.Interface(),
				Effect: Wider, StrictEffect: Wider,
				Reason: "the schema was removed: any value is now accepted, including values the old schema rejected"},
				wit: witnessHint{kind: wkPalette}})
		}
	default:
		c.child(c.top, base, revision, "", false)
	}
	return c.settle()
}

func (p *pair) add(d *rawDelta) {
	if d.d.StrictEffect == None && d.d.Effect != None {
		d.d.StrictEffect = d.d.Effect
	}
	p.deltas = append(p.deltas, d)
	p.local |= bitsOf(d.d.StrictEffect)
}

// addWire adds a delta about wire values that validation does not see
// (JS-66): it is reported, but it does not count when the engine decides
// whether one schema contains another.
func (p *pair) addWire(d *rawDelta) {
	p.deltas = append(p.deltas, d)
}

// child links parent to the pair (cb, cr), both as written (possibly
// references), under the path segment seg.
func (c *comparer) child(parent *pair, cb, cr *tree.Node, seg string, silent bool) *pair {
	return c.childTr(parent, cb, cr, seg, seg, seg, trSame, silent)
}

func (c *comparer) childTr(parent *pair, cb, cr *tree.Node, seg, bSeg, rSeg string, tr transform, silent bool) *pair {
	if c.opts.MaxDeltas > 0 && c.found > c.opts.MaxDeltas {
		return nil // too many already: the result will say so, and nothing more is explored
	}
	e := edge{seg: seg, bSeg: bSeg, rSeg: rSeg, tr: tr, silent: silent}
	if cb != nil && cb.Target != nil {
		e.bRef = append(e.bRef, cb.Ref())
	}
	if cr != nil && cr.Target != nil {
		e.rRef = append(e.rRef, cr.Ref())
	}
	db, dr := cb.Deref(), cr.Deref()
	// A schema wrapped in a single-member allOf/anyOf/oneOf is the member
	// (JS-57). Unwrap when only one side is wrapped.
	ub, kb := c.unwrap(db)
	ur, kr := c.unwrap(dr)
	if (kb == "") != (kr == "") && !(kb == "" && hasCombinator(db)) && !(kr == "" && hasCombinator(dr)) {
		var from, to *tree.Node
		var what string
		if kb != "" {
			e.bSeg += "/" + kb + "/0"
			if m := db.Get(kb).Items[0]; m.Target != nil {
				e.bRef = append(e.bRef, m.Ref())
			}
			from, to, what = db, dr, "unwrapped from a single-member `"+kb+"`"
			db = ub
		} else {
			e.rSeg += "/" + kr + "/0"
			if m := dr.Get(kr).Items[0]; m.Target != nil {
				e.rRef = append(e.rRef, m.Ref())
			}
			from, to, what = db, dr, "wrapped in a single-member `"+kr+"`"
			dr = ur
		}
		if !silent {
			parent.add(&rawDelta{seg: seg, skip: true, d: Delta{Rule: catalogue.SchemaCombinatorWrapperChanged, Base: from, Revision: to,
				Equivalent: true, Reason: "the schema was " + what + ", which accepts the same values"}})
		}
	}
	if fb, fr, side := c.flatten(db, dr); side != "" {
		if !silent {
			parent.add(&rawDelta{seg: seg, skip: true, d: Delta{Rule: catalogue.SchemaCombinatorWrapperChanged, Base: db, Revision: dr,
				Equivalent: true, Reason: mergedReason[side]}})
		}
		db, dr = fb, fr
	}
	if db == dr || c.sameSchema(db, dr) || (c.unsatisfiable(db) && c.unsatisfiable(dr)) {
		return nil
	}
	p := c.pairs[pairKey{db, dr}]
	if p == nil {
		p = &pair{b: db, r: dr}
		c.pairs[pairKey{db, dr}] = p
	}
	e.to = p
	parent.edges = append(parent.edges, e)
	if p.state == stNew {
		p.state = stExploring
		c.explore(p)
		p.state = stExplored
		c.found += len(p.deltas)
	}
	return p
}

// unwrap returns the member of a single-member combinator that carries no
// other assertion, and which combinator it was.
func (c *comparer) unwrap(n *tree.Node) (*tree.Node, string) {
	kind := ""
	for i := 0; i < 8 && n != nil && n.Kind == tree.Map; i++ {
		k := c.singleWrapper(n)
		if k == "" {
			break
		}
		if kind == "" {
			kind = k
		}
		n = n.Get(k).Items[0].Deref()
	}
	return n, kind
}

func (c *comparer) singleWrapper(n *tree.Node) string {
	var found string
	for _, f := range n.Fields {
		if !c.isAssertion(f.Key) {
			continue
		}
		switch f.Key {
		case "allOf", "anyOf", "oneOf":
			if found != "" || f.Value.Kind != tree.Seq || len(f.Value.Items) != 1 {
				return ""
			}
			found = f.Key
		default:
			return ""
		}
	}
	return found
}

// effectOf settles the strict effect of comparing b with r without
// reporting it. Either may be nil (accepts anything).
func (c *comparer) effectOf(parent *pair, b, r *tree.Node, seg string) bits {
	b, r = b.Deref(), r.Deref()
	tb, tr := c.isTrue(b), c.isTrue(r)
	eb, er := c.isEmpty(b), c.isEmpty(r)
	switch {
	case tb && tr, eb && er:
		return 0
	case tb:
		return bN
	case tr:
		return bW
	case eb:
		return bW
	case er:
		return bN
	}
	p := c.child(parent, b, r, seg, true)
	if p == nil {
		return 0
	}
	return c.settleEffect(p)
}

// settleEffect computes the fixpoint effect of p over the pairs it reaches.
func (c *comparer) settleEffect(p *pair) bits {
	if p.done {
		return p.final
	}
	// Collect the closure.
	var closure []*pair
	seen := map[*pair]bool{p: true}
	queue := []*pair{p}
	provisional := false
	for len(queue) > 0 {
		q := queue[0]
		queue = queue[1:]
		closure = append(closure, q)
		if q.state == stExploring {
			provisional = true
		}
		for _, e := range q.edges {
			if !seen[e.to] {
				seen[e.to] = true
				queue = append(queue, e.to)
			}
		}
	}
	eff := make(map[*pair]bits, len(closure))
	for _, q := range closure {
		if q.done {
			eff[q] = q.final
		} else if q.state != stExploring {
			eff[q] = q.local
		}
	}
	for changed := true; changed; {
		changed = false
		for _, q := range closure {
			if q.done || q.state == stExploring {
				continue // settled, or assumed as it is so far
			}
			v := eff[q]
			for _, e := range q.edges {
				if e.silent {
					continue // already folded into a local delta
				}
				v |= trBits(e.tr, eff[e.to])
			}
			if v != eff[q] {
				eff[q] = v
				changed = true
			}
		}
	}
	if !provisional {
		for _, q := range closure {
			if !q.done && q.state == stExplored {
				q.final, q.done = eff[q], true
			}
		}
	}
	return eff[p]
}

func trBits(t transform, b bits) bits {
	switch t {
	case trInvert:
		return b.invert()
	case trUnknown:
		if b != 0 {
			return bU
		}
	}
	return b
}

// settle assigns paths and polarities, finishes the deltas and finds
// witnesses.
func (c *comparer) settle() Result {
	top := c.top
	top.reached, top.pol = true, polSame
	order := []*pair{top}
	for i := 0; i < len(order); i++ {
		p := order[i]
		for _, e := range p.edges {
			if e.silent {
				continue
			}
			q := e.to
			if !q.reached {
				q.reached = true
				q.path = p.path + e.seg
				q.bPath = p.bPath + e.bSeg
				q.rPath = p.rPath + e.rSeg
				q.bRefs = appendRef(p.bRefs, e.bRef)
				q.rRefs = appendRef(p.rRefs, e.rRef)
				order = append(order, q)
			}
		}
	}
	// Polarity: propagate until stable (three bits per pair, so it ends).
	for changed := true; changed; {
		changed = false
		for _, p := range order {
			for _, e := range p.edges {
				if e.silent {
					continue
				}
				np := e.to.pol | p.pol.then(e.tr)
				if np != e.to.pol {
					e.to.pol = np
					changed = true
				}
			}
		}
	}
	if c.opts.MaxDeltas > 0 && (c.found > c.opts.MaxDeltas || reported(order) > c.opts.MaxDeltas) {
		return Result{TooMany: true} // never a part of the deltas: exploring stopped early
	}
	var res Result
	w := newWitnessFinder(c)
	for _, p := range order {
		for _, rd := range p.deltas {
			d := rd.d
			d.Path = p.path + rd.seg
			d.BaseRefs, d.RevisionRefs = p.bRefs, p.rRefs
			pol := p.pol
			if pol == 0 {
				pol = polSame
			}
			d.Effect = pol.apply(d.Effect)
			d.StrictEffect = pol.apply(d.StrictEffect)
			if c.opts.Strict {
				d.Effect = d.StrictEffect
			}
			if d.Base == nil && d.Revision == nil {
				d.Base, d.Revision = p.b, p.r
			}
			if !rd.skip && (d.Effect != None || d.StrictEffect != None) {
				w.witness(p, rd, &d)
			}
			res.Deltas = append(res.Deltas, d)
		}
	}
	sort.SliceStable(res.Deltas, func(i, j int) bool { return pathLess(res.Deltas[i].Path, res.Deltas[j].Path) })
	effects := make([]Effect, len(res.Deltas))
	for i, d := range res.Deltas {
		effects[i] = d.Effect
	}
	res.Effect = CombineAll(effects...) // not a fold of Combine: that depends on the order
	return res
}

// reported counts the deltas of the pairs reached: those the result
// would hold.
func reported(order []*pair) int {
	n := 0
	for _, p := range order {
		n += len(p.deltas)
	}
	return n
}

// witness looks for a witness of d and lets what it finds (or does not)
// settle what the delta may claim.
func (w *witnessFinder) witness(p *pair, rd *rawDelta, d *Delta) {
	d.Witness = w.find(p, rd, d)
	if rd.kindIfShown && w.foundRevision {
		d.NewKind = true
		d.Reason += "; a value only it accepts was found: a new kind of value"
	}
	if rd.proveBy && d.Witness == nil {
		d.Effect, d.StrictEffect = Unknown, Unknown
		d.Reason += unprovedOverlap
	}
	if d.Effect == Unknown && d.Witness != nil && w.both {
		// Witnesses in both directions prove the sets differ both ways.
		d.Effect, d.StrictEffect = Incomparable, Incomparable
		d.Reason += " — but witnesses settle it: each side accepts values the other rejects"
	}
}

const unprovedOverlap = " — if any exist: the branches could not be proved disjoint, and no value matching several of them was found, so the effect is unknown"

func appendRef(refs []string, more []string) []string {
	if len(more) == 0 {
		return refs
	}
	out := make([]string, len(refs), len(refs)+len(more))
	copy(out, refs)
	return append(out, more...)
}

// pathLess orders paths by segments, so /a/b comes right after /a.
func pathLess(a, b string) bool {
	if a == b {
		return false
	}
	as, bs := strings.Split(a, "/"), strings.Split(b, "/")
	for i := 0; i < len(as) && i < len(bs); i++ {
		if as[i] != bs[i] {
			return as[i] < bs[i]
		}
	}
	return len(as) < len(bs)
}
