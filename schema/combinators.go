package schema

import (
	"sort"
	"strconv"
	"strings"

	"github.com/eventdiff/eventdiff/rules/catalogue"
	"github.com/eventdiff/eventdiff/tree"
)

var combinatorKeys = []string{"allOf", "anyOf", "oneOf"}

// pureCombinator returns K when the only assertion of n is K with at
// least two members.
func (c *comparer) pureCombinator(n *tree.Node) string {
	if n == nil || n.Kind != tree.Map {
		return ""
	}
	found := ""
	for _, f := range n.Fields {
		if !c.isAssertion(f.Key) {
			continue
		}
		switch f.Key {
		case "allOf", "anyOf", "oneOf":
			if found != "" || f.Value.Kind != tree.Seq || len(f.Value.Items) < 2 {
				return ""
			}
			found = f.Key
		default:
			return ""
		}
	}
	return found
}

func hasCombinator(n *tree.Node) bool {
	for _, k := range combinatorKeys {
		if n.Get(k) != nil {
			return true
		}
	}
	return false
}

// liftable reports `T` against `anyOf: [T', ...]` (or oneOf/allOf): the
// plain side is compared as a one-member list of that combinator, so the
// change reads "branch added" (JS-23 `T → anyOf:[T, null]`, JS-50).
func (c *comparer) liftable(b, r *tree.Node) (string, string) {
	if k := c.liftKind(r); k != "" && !hasCombinator(b) && !c.isTrue(b) && b.Kind == tree.Map {
		return k, "b"
	}
	if k := c.liftKind(b); k != "" && !hasCombinator(r) && !c.isTrue(r) && r.Kind == tree.Map {
		return k, "r"
	}
	return "", ""
}

// liftKind: a pure anyOf/oneOf, or an allOf (the only combinator) with
// keywords of its own beside it.
func (c *comparer) liftKind(n *tree.Node) string {
	if k := c.pureCombinator(n); k != "" {
		return k
	}
	if n == nil || n.Kind != tree.Map || len(seqItems(n, "allOf")) == 0 || n.Get("anyOf") != nil || n.Get("oneOf") != nil {
		return ""
	}
	return "allOf"
}

func (c *comparer) combinatorLists(p *pair, k, side string) {
	if side == "b" {
		lr := seqItems(p.r, k)
		c.pairMembers(p, k, k, []*tree.Node{p.b}, lr, []string{""}, segsFor(k, len(lr)))
		return
	}
	lb := seqItems(p.b, k)
	c.pairMembers(p, k, k, lb, []*tree.Node{p.r}, segsFor(k, len(lb)), []string{""})
}

func segsFor(k string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "/" + k + "/" + strconv.Itoa(i)
	}
	return out
}

func (c *comparer) compareCombinators(p *pair) {
	var kb, kr []string
	for _, k := range combinatorKeys {
		if seqItems(p.b, k) != nil {
			kb = append(kb, k)
		}
		if seqItems(p.r, k) != nil {
			kr = append(kr, k)
		}
	}
	if len(kb) == 1 && len(kr) == 1 && kb[0] != kr[0] {
		c.switchCombinator(p, kb[0], kr[0])
		return
	}
	for _, k := range combinatorKeys {
		lb, lr := seqItems(p.b, k), seqItems(p.r, k)
		switch {
		case lb == nil && lr == nil:
		case k == "allOf" || (lb != nil && lr != nil):
			c.pairMembers(p, k, k, lb, lr, segsFor(k, len(lb)), segsFor(k, len(lr)))
		case lr != nil:
			if c.trivialCombinator(k, lr) {
				continue
			}
			p.add(&rawDelta{seg: "/" + k, wit: witnessHint{kind: wkPalette}, d: Delta{Rule: catalogue.SchemaCombinatorAdded, Base: p.b, Revision: p.r.Get(k), New: iface(p.r.Get(k)), Effect: Narrower,
				Reason: "`" + k + "` added: values that satisfy none of its branches are rejected now"}})
		default:
			if c.trivialCombinator(k, lb) {
				continue
			}
			p.add(&rawDelta{seg: "/" + k, wit: witnessHint{kind: wkPalette}, d: Delta{Rule: catalogue.SchemaCombinatorRemoved, Base: p.b.Get(k), Revision: p.r, Old: iface(p.b.Get(k)), Effect: Wider,
				Reason: "`" + k + "` removed: its branches no longer constrain the value"}})
		}
	}
}

// trivialCombinator: anyOf with a branch that accepts everything.
func (c *comparer) trivialCombinator(k string, l []*tree.Node) bool {
	if k != "anyOf" {
		return false
	}
	for _, m := range l {
		if c.isTrue(m) {
			return true
		}
	}
	return false
}

// disjointMembers tells, per member, whether it provably shares no value
// with any other member.
func (c *comparer) disjointMembers(l []*tree.Node) []bool {
	out := make([]bool, len(l))
	if len(l) > 64 {
		return out
	}
	for i := range l {
		out[i] = true
		for j := range l {
			if i != j && !c.disjoint(l[i], l[j], 3) {
				out[i] = false
				break
			}
		}
	}
	return out
}

func allTrue(v []bool) bool {
	for _, x := range v {
		if !x {
			return false
		}
	}
	return true
}

func (c *comparer) pairMembers(p *pair, kb, kr string, lb, lr []*tree.Node, bsegs, rsegs []string) {
	pairs := c.match(lb, lr)
	var disjB, disjR []bool
	if kb == "oneOf" {
		disjB = c.disjointMembers(lb)
	}
	if kr == "oneOf" {
		disjR = c.disjointMembers(lr)
	}
	usedB, usedR := make([]bool, len(lb)), make([]bool, len(lr))
	discriminated := p.b.Get("discriminator") != nil || p.r.Get("discriminator") != nil
	for _, pr := range pairs {
		i, j := pr[0], pr[1]
		discriminated := discriminated || hasDiscriminator(lb[i], 2) || hasDiscriminator(lr[j], 2)
		usedB[i], usedR[j] = true, true
		tr := trSame
		if (disjB != nil && !disjB[i]) || (disjR != nil && !disjR[j]) {
			tr = trUnknown
		}
		seg := rsegs[j]
		if seg == "" {
			seg = bsegs[i]
		}
		c.childTr(p, lb[i], lr[j], seg, bsegs[i], rsegs[j], tr, false)
		if discriminated {
			nb, nr := refName(lb[i]), refName(lr[j])
			if nb != "" && nr != "" && nb != nr {
				p.addWire(&rawDelta{seg: seg, skip: true, d: Delta{Rule: catalogue.SchemaDiscriminatorChanged, Base: lb[i], Revision: lr[j], Old: nb, New: nr,
					Effect: Incomparable, StrictEffect: Incomparable,
					Reason: "schema " + quote(nb) + " was renamed to " + quote(nr) + " under a discriminator: validation is unchanged, but the discriminator value on the wire is the schema name, so it changes"}})
			}
		}
	}
	if kb != kr {
		return
	}
	for i, m := range lb {
		if !usedB[i] {
			c.memberRemoved(p, kb, m, lr, bsegs[i], disjB != nil && disjB[i])
		}
	}
	for j, m := range lr {
		if !usedR[j] {
			c.memberAdded(p, kb, m, lb, rsegs[j], disjR != nil && disjR[j])
		}
	}
}

// memberRemoved judges a member of combinator k that no revision member
// pairs with (JS-51, JS-53, JS-55); disjoint tells a oneOf branch that
// shared no value with its siblings.
func (c *comparer) memberRemoved(p *pair, k string, m *tree.Node, rest []*tree.Node, seg string, disjoint bool) {
	d := Delta{Base: m, Revision: kw(p.r, k), Old: iface(m)}
	var eff bits
	switch k {
	case "allOf":
		d.Rule = catalogue.SchemaAllOfMemberRemoved
		d.Reason = "allOf member removed that constrained nothing: every value satisfied it"
		if !c.isTrue(m) {
			eff = bW
			d.Reason = "allOf member removed: its constraints no longer apply"
		}
	case "anyOf":
		d.Rule = catalogue.SchemaAnyOfBranchRemoved
		eff = bN
		d.Reason = "anyOf branch removed: values only it accepted are rejected now"
		if c.covered(p, m, rest, seg, false) {
			eff = 0
			d.Reason = "anyOf branch removed, but the remaining branches accept everything it accepted"
		}
		d.Hint = "keep the branch"
	default:
		d.Rule = catalogue.SchemaOneOfBranchRemoved
		if disjoint {
			eff = bN
			d.Reason = "oneOf branch removed: values only it accepted are rejected now"
		} else {
			eff = bU
			d.Reason = "oneOf branch removed; it may overlap another branch, so values that matched both (and were rejected) may be accepted now, while values only it accepted are rejected"
		}
		d.Hint = "keep the branch"
	}
	c.addStrict(p, &rawDelta{seg: seg, d: d, wit: witnessHint{kind: wkPalette}}, eff, false)
}

// memberAdded judges a member of combinator k that no base member pairs
// with (JS-50, JS-52, JS-54); a new anyOf/oneOf branch is a new kind of
// value when it admits values the others did not.
func (c *comparer) memberAdded(p *pair, k string, m *tree.Node, old []*tree.Node, seg string, disjoint bool) {
	d := Delta{Base: kw(p.b, k), Revision: m, New: iface(m)}
	var eff bits
	pragmatic, proveBy, kindIfShown := false, false, false
	switch k {
	case "allOf":
		d.Rule = catalogue.SchemaAllOfMemberAdded
		d.Reason = "allOf member added that constrains nothing: every value satisfies it"
		if !c.isTrue(m) {
			eff = bN
			d.Reason = "allOf member added: values that violate it are rejected now"
		}
		if c.propertiesOnly(m) {
			pragmatic = true
			d.Reason = "allOf member added that only declares optional properties of an open object"
		}
	case "anyOf":
		d.Rule = catalogue.SchemaAnyOfBranchAdded
		eff = bW
		d.NewKind = true
		d.Reason = "anyOf branch added: values it accepts are accepted now, a kind of value consumers did not know"
		if c.covered(p, m, old, seg, true) {
			eff, d.NewKind = 0, false
			d.Reason = "anyOf branch added, but an existing branch already accepted everything it accepts"
		}
	default:
		d.Rule = catalogue.SchemaOneOfBranchAdded
		eff, d.NewKind, d.Reason, d.Hint, proveBy, kindIfShown = c.oneOfAdded(p, m, old, seg, disjoint)
	}
	c.addStrict(p, &rawDelta{seg: seg, d: d, wit: witnessHint{kind: wkPalette}, proveBy: proveBy, kindIfShown: kindIfShown}, eff, pragmatic)
}

// oneOfAdded judges a oneOf branch m added beside the old branches l:
// disjoint from them, it is a new kind of value (wider); contained in one
// of them, the values it shares now match two branches and are rejected
// (narrower, once a witness shows one); otherwise it is unknown, and a new
// kind once a value only it accepts is shown.
func (c *comparer) oneOfAdded(p *pair, m *tree.Node, l []*tree.Node, seg string, disjoint bool) (eff bits, newKind bool, reason, hint string, proveBy, kindIfShown bool) {
	switch {
	case disjoint:
		return bW, true, "oneOf branch added, provably disjoint from the other branches: values it accepts are accepted now, a kind of value consumers did not know", "", false, false
	case c.isEmpty(m):
		return 0, false, "oneOf branch added that accepts nothing", "", false, false
	case c.covered(p, m, l, seg, true):
		return bN, false, "oneOf branch added, but an existing branch already accepts everything it accepts: those values now match two branches and are rejected",
			"remove the branch, or make it disjoint from the others", true, false
	}
	return bU, false, "oneOf branch added that cannot be proved disjoint from the others (no distinct type, const or enum on a shared required property): values matching two branches are rejected",
		"give every branch a distinct const on a shared required property", false, true
}

// covered reports whether m is contained in one of the schemas of l
// (m is on the revision side when revSide).
func (c *comparer) covered(p *pair, m *tree.Node, l []*tree.Node, seg string, revSide bool) bool {
	if len(l) > 16 {
		return false
	}
	for _, o := range l {
		var e bits
		if revSide {
			e = c.effectOf(p, o, m, seg) // m ⊆ o: none or narrower
			if e&(bW|bU) == 0 {
				return true
			}
		} else {
			e = c.effectOf(p, m, o, seg) // m ⊆ o: none or wider
			if e&(bN|bU) == 0 {
				return true
			}
		}
	}
	return false
}

// propertiesOnly: a schema that declares properties and nothing else
// (maybe `type: object`), the pragmatic reading of "optional properties
// of an open object".
func (c *comparer) propertiesOnly(n *tree.Node) bool {
	n = n.Deref()
	if n == nil || n.Kind != tree.Map || n.Get("properties") == nil {
		return false
	}
	for _, f := range n.Fields {
		if !c.isAssertion(f.Key) {
			continue
		}
		switch f.Key {
		case "properties":
		case "type":
			if f.Value.Text() != "object" {
				return false
			}
		default:
			return false
		}
	}
	return true
}

func refName(n *tree.Node) string {
	ref := n.Ref()
	if ref == "" {
		return ""
	}
	if i := strings.LastIndex(ref, "/"); i >= 0 {
		return tree.UnescapePointer(ref[i+1:])
	}
	return ref
}

// switchCombinator handles `oneOf` → `anyOf` and the like (JS-56).
func (c *comparer) switchCombinator(p *pair, kb, kr string) {
	lb, lr := seqItems(p.b, kb), seqItems(p.r, kr)
	c.pairMembers(p, kb, kr, lb, lr, segsFor(kb, len(lb)), segsFor(kr, len(lr)))
	d := Delta{Rule: catalogue.SchemaCombinatorChanged, Base: p.b.Get(kb), Revision: p.r.Get(kr), Old: iface(p.b.Get(kb)), New: iface(p.r.Get(kr))}
	what := quote(kb) + " became " + quote(kr)
	var eff Effect
	disjoint := true
	matched := len(c.match(lb, lr))
	switch {
	case matched != len(lb) || matched != len(lr):
		eff = Unknown
		d.Reason = what + " and members were added or removed at the same time; the effect is not computed"
	case len(lb) == 1:
		eff = None
		d.Reason = what + " around a single member, which accepts the same values"
	default:
		disjoint = allTrue(c.disjointMembers(lr)) && allTrue(c.disjointMembers(lb))
		switch kb + ">" + kr {
		case "oneOf>anyOf":
			eff, d.Reason = Wider, what+": values matching several branches are accepted now"
			if disjoint {
				eff, d.Reason = None, what+" over disjoint branches, which accepts the same values"
			}
		case "anyOf>oneOf":
			eff, d.Reason = Narrower, what+": values matching several branches are rejected now"
			if disjoint {
				eff, d.Reason = None, what+" over disjoint branches, which accepts the same values"
			}
		case "allOf>anyOf":
			eff, d.Reason = Wider, what+": values need to satisfy one member instead of all"
		case "anyOf>allOf":
			eff, d.Reason = Narrower, what+": values must satisfy every member instead of one"
		case "allOf>oneOf":
			eff, d.Reason = Incomparable, what+": values satisfying every member were accepted and are rejected now, values satisfying exactly one are accepted now"
			if disjoint {
				eff, d.Reason = Wider, what+" over disjoint members: nothing satisfied all of them, values satisfying one are accepted now"
			}
		default: // oneOf>allOf
			eff, d.Reason = Incomparable, what+": values satisfying exactly one member were accepted and are rejected now, values satisfying all are accepted now"
			if disjoint {
				eff, d.Reason = Narrower, what+" over disjoint members: nothing can satisfy all of them now"
			}
		}
	}
	d.Effect = eff
	d.Equivalent = eff == None
	// Values matching several branches are an overlap the engine claims:
	// it must show one, or say it cannot tell.
	overlap := !disjoint && (kb+">"+kr == "oneOf>anyOf" || kb+">"+kr == "anyOf>oneOf")
	p.add(&rawDelta{seg: "/" + kr, d: d, wit: witnessHint{kind: wkOverlap}, proveBy: overlap})
}

// match pairs members by best structural similarity, not by index
// (a branch inserted first must not shift every comparison).
func (c *comparer) match(lb, lr []*tree.Node) [][2]int {
	n, m := len(lb), len(lr)
	if n == 0 || m == 0 {
		return nil
	}
	if n*m > 4096 {
		var out [][2]int
		for i := 0; i < n && i < m; i++ {
			out = append(out, [2]int{i, i})
		}
		return out
	}
	type cand struct{ s, i, j int }
	var cands []cand
	scores := make([]int, n*m)
	for i := range lb {
		for j := range lr {
			s := c.similarity(lb[i], lr[j])
			scores[i*m+j] = s
			if s >= 10 {
				cands = append(cands, cand{s, i, j})
			}
		}
	}
	sort.SliceStable(cands, func(a, b int) bool {
		if cands[a].s != cands[b].s {
			return cands[a].s > cands[b].s
		}
		da, db := cands[a].i-cands[a].j, cands[b].i-cands[b].j
		if da < 0 {
			da = -da
		}
		if db < 0 {
			db = -db
		}
		return da < db
	})
	usedB, usedR := make([]bool, n), make([]bool, m)
	var out [][2]int
	for _, cd := range cands {
		if !usedB[cd.i] && !usedR[cd.j] {
			usedB[cd.i], usedR[cd.j] = true, true
			out = append(out, [2]int{cd.i, cd.j})
		}
	}
	// One member left on each side: a changed member, unless its type
	// cannot be the same thing.
	li, lj := -1, -1
	cb, cr := 0, 0
	for i, u := range usedB {
		if !u {
			li, cb = i, cb+1
		}
	}
	for j, u := range usedR {
		if !u {
			lj, cr = j, cr+1
		}
	}
	if cb == 1 && cr == 1 && scores[li*m+lj] > -1000 {
		out = append(out, [2]int{li, lj})
	}
	sort.Slice(out, func(a, b int) bool { return out[a][0] < out[b][0] })
	return out
}

func (c *comparer) similarity(a, b *tree.Node) int {
	da, db := a.Deref(), b.Deref()
	if da == db || c.sameSchema(da, db) {
		return 1000
	}
	s := 0
	if ra, rb := a.Ref(), b.Ref(); ra != "" && rb != "" {
		if ra == rb {
			s += 200
		} else if refName(a) == refName(b) {
			s += 100
		}
	}
	ma, sa := declaredTypes(da)
	mb, sb := declaredTypes(db)
	if sa && sb {
		switch {
		case ma&mb == 0:
			return -1000
		case ma == mb:
			s += 30
		default:
			s += 10
		}
	}
	if t := da.Str("title"); t != "" && t == db.Str("title") {
		s += 40
	}
	pa, pb := fields(da, "properties"), fields(db, "properties")
	if len(pa) > 0 || len(pb) > 0 {
		names := make(map[string]bool, len(pa))
		for _, f := range pa {
			names[f.Key] = true
		}
		common := 0
		for _, f := range pb {
			if names[f.Key] {
				common++
				// A discriminating const on a shared property says which
				// branch this is.
				ca, cb := da.Get("properties").Get(f.Key).Deref().Get("const"), f.Value.Deref().Get("const")
				if ca != nil && cb != nil {
					if tree.Equal(ca, cb) {
						s += 50
					} else {
						s -= 50
					}
				}
			}
		}
		union := len(pa) + len(pb) - common
		if union > 0 {
			s += 40 * common / union
		}
	}
	return s
}

// facts are the cheap, provable properties of a schema used to prove two
// schemas disjoint (JS-52).
type facts struct {
	types    typeMask
	typed    bool
	values   *valueSet
	required map[string]bool
	props    map[string][]*tree.Node
	empty    bool
}

func (c *comparer) factsOf(n *tree.Node, depth int) facts {
	n = n.Deref()
	f := facts{types: tAll, required: map[string]bool{}, props: map[string][]*tree.Node{}}
	var walk func(n *tree.Node, depth int)
	walk = func(n *tree.Node, depth int) {
		n = n.Deref()
		if n == nil {
			return
		}
		if c.isEmpty(n) {
			f.empty = true
			return
		}
		if m, set := declaredTypes(n); set {
			if c.nullableOn(n) {
				m |= tNull
			}
			f.types &= m
			f.typed = true
		}
		if vs := valuesOf(n); vs != nil && f.values == nil {
			f.values = vs
		}
		req, _ := stringSet(n, "required")
		for k := range req {
			f.required[k] = true
		}
		for _, fl := range fields(n, "properties") {
			f.props[fl.Key] = append(f.props[fl.Key], fl.Value)
		}
		if depth > 0 {
			for _, m := range seqItems(n, "allOf") {
				walk(m, depth-1)
			}
		}
	}
	walk(n, depth)
	return f
}

func valueType(n *tree.Node) typeMask {
	switch n.Kind {
	case tree.Null:
		return tNull
	case tree.Bool:
		return tBool
	case tree.String:
		return tStr
	case tree.Map:
		return tObj
	case tree.Seq:
		return tArr
	case tree.Number:
		if r, ok := n.NumberValue(); ok && r.IsInt() {
			return tInt
		}
		return tFrac
	}
	return 0
}

type disjointKey struct {
	a, b  *tree.Node
	depth int
}

// disjoint reports whether two schemas provably share no value. Results
// and facts are cached: a oneOf with many branches asks about every pair.
func (c *comparer) disjoint(a, b *tree.Node, depth int) bool {
	a, b = a.Deref(), b.Deref()
	key := disjointKey{a, b, depth}
	if v, ok := c.disj[key]; ok {
		return v
	}
	if c.disj == nil {
		c.disj = map[disjointKey]bool{}
	}
	v := c.disjointUncached(a, b, depth)
	c.disj[key] = v
	return v
}

func (c *comparer) cachedFacts(n *tree.Node) *facts {
	if f, ok := c.facts[n]; ok {
		return f
	}
	if c.facts == nil {
		c.facts = map[*tree.Node]*facts{}
	}
	f := c.factsOf(n, 4)
	c.facts[n] = &f
	return &f
}

func (c *comparer) disjointUncached(a, b *tree.Node, depth int) bool {
	fa, fb := c.cachedFacts(a), c.cachedFacts(b)
	if fa.empty || fb.empty {
		return true
	}
	if fa.typed && fb.typed && fa.types&fb.types == 0 {
		return true
	}
	if fa.values != nil && fb.values != nil {
		common := false
		for _, k := range fa.values.keys {
			if _, ok := fb.values.nodes[k]; ok {
				common = true
				break
			}
		}
		if !common {
			return true
		}
	}
	valuesOutside := func(vs *valueSet, f *facts) bool {
		if vs == nil || !f.typed {
			return false
		}
		for _, k := range vs.keys {
			if valueType(vs.nodes[k])&f.types != 0 {
				return false
			}
		}
		return true
	}
	if valuesOutside(fa.values, fb) || valuesOutside(fb.values, fa) {
		return true
	}
	if depth <= 0 {
		return false
	}
	if c.disjointThroughBranches(a, b, depth) || c.disjointThroughBranches(b, a, depth) ||
		c.excludedBy(a, b) || c.excludedBy(b, a) {
		return true
	}
	// required/properties only speak about objects: a discriminating
	// property separates the branches only if one of them admits nothing
	// but objects.
	if fa.types&fb.types&^tObj != 0 {
		return false
	}
	return c.disjointProperty(a, b, fa, fb, depth) || c.disjointProperty(b, a, fb, fa, depth)
}

// disjointProperty reports a property that a requires and b constrains so
// that no value of a's can be b's too: disjoint schemas for it, or b
// closed to it. One side requiring it is enough, since every common value
// would carry it.
func (c *comparer) disjointProperty(a, b *tree.Node, fa, fb *facts, depth int) bool {
	for _, name := range sortedKeys(fa.required) {
		for _, sa := range fa.props[name] {
			for _, sb := range fb.props[name] {
				if c.disjoint(sa, sb, depth-1) {
					return true
				}
			}
		}
		if len(fb.props[name]) == 0 && b != nil && b.Kind == tree.Map {
			if cov := c.coverageOf(b, name); !cov.unknown && cov.kind == "closed" {
				return true
			}
		}
	}
	return false
}

// disjointThroughBranches sees through nesting: a value of a is a value of
// one of its anyOf/oneOf branches and of every allOf member, so a is
// disjoint from b when all those branches are, or when one member is.
func (c *comparer) disjointThroughBranches(a, b *tree.Node, depth int) bool {
	if a == nil || a.Kind != tree.Map {
		return false
	}
	for _, k := range []string{"anyOf", "oneOf"} {
		l := seqItems(a, k)
		if len(l) == 0 || len(l) > 16 {
			continue
		}
		all := true
		for _, m := range l {
			if m.Deref() == a || !c.disjoint(m, b, depth-1) {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	for _, m := range seqItems(a, "allOf") {
		if m.Deref() != a && c.disjoint(m, b, depth-1) {
			return true
		}
	}
	return false
}

// excludedBy reports b = `not S` with every value of a in S.
func (c *comparer) excludedBy(a, b *tree.Node) bool {
	if b == nil || b.Kind != tree.Map {
		return false
	}
	s := b.Get("not")
	return s != nil && s.Deref() != b && c.implied(a, s, 2)
}

// implied reports, cheaply and only when provable, that every value a
// accepts is accepted by s: s is a, or asks only for types, required names,
// values or property schemas that a already guarantees.
func (c *comparer) implied(a, s *tree.Node, depth int) bool {
	a, s = a.Deref(), s.Deref()
	if a == s || c.isTrue(s) || (a != nil && s != nil && c.sameSchema(a, s)) {
		return true
	}
	if a == nil || s.Kind != tree.Map || depth < 0 {
		return false
	}
	fa := c.cachedFacts(a)
	types := fa.types
	if fa.values != nil {
		var listed typeMask
		for _, k := range fa.values.keys {
			listed |= valueType(fa.values.nodes[k])
		}
		types &= listed
	}
	for _, f := range s.Fields {
		if !c.isAssertion(f.Key) {
			continue
		}
		switch f.Key {
		case "type":
			if m, set := declaredTypes(s); !set || types&^m != 0 {
				return false
			}
		case "required":
			for _, name := range f.Value.Strings() {
				if !fa.required[name] {
					return false
				}
			}
		case "const", "enum":
			vs := valuesOf(s)
			if fa.values == nil || vs == nil {
				return false
			}
			for _, k := range fa.values.keys {
				if _, ok := vs.nodes[k]; !ok {
					return false
				}
			}
		case "properties":
			for _, pf := range fields(s, "properties") {
				if !c.someImplied(fa.props[pf.Key], pf.Value, depth-1) {
					return false
				}
			}
		default:
			return false
		}
	}
	return true
}

func (c *comparer) someImplied(l []*tree.Node, s *tree.Node, depth int) bool {
	for _, a := range l {
		if c.implied(a, s, depth) {
			return true
		}
	}
	return c.isTrue(s)
}

// ---- not (JS-58) ----

func (c *comparer) compareNot(p *pair) {
	nb, nr := p.b.Get("not"), p.r.Get("not")
	switch {
	case nb != nil && nr != nil:
		c.childTr(p, nb, nr, "/not", "/not", "/not", trInvert, false)
	case nr != nil:
		if c.isEmpty(nr) {
			return
		}
		p.add(&rawDelta{seg: "/not", wit: witnessHint{kind: wkPalette}, d: Delta{Rule: catalogue.SchemaNotAdded, Base: p.b, Revision: nr, New: iface(nr), Effect: Narrower,
			Reason: "`not` added: values matching its schema are rejected now"}})
	case nb != nil:
		if c.isEmpty(nb) {
			return
		}
		p.add(&rawDelta{seg: "/not", wit: witnessHint{kind: wkPalette}, d: Delta{Rule: catalogue.SchemaNotRemoved, Base: nb, Revision: p.r, Old: iface(nb), Effect: Wider,
			Reason: "`not` removed: values matching its schema are accepted now"}})
	}
}

// ---- if / then / else (JS-59) ----

func (c *comparer) compareConditional(p *pair) {
	ib, ir := p.b.Get("if"), p.r.Get("if")
	if ib == nil && ir == nil {
		return
	}
	branchesTrivial := func(n *tree.Node) bool { return c.isTrue(n.Get("then")) && c.isTrue(n.Get("else")) }
	switch {
	case ib == nil:
		if branchesTrivial(p.r) {
			return
		}
		p.add(&rawDelta{seg: "/if", wit: witnessHint{kind: wkPalette}, d: Delta{Rule: catalogue.SchemaConditionalAdded, Base: p.b, Revision: ir, New: iface(ir), Effect: Narrower,
			Reason: "if/then/else added: values must satisfy the branch their condition selects"}})
		return
	case ir == nil:
		if branchesTrivial(p.b) {
			return
		}
		p.add(&rawDelta{seg: "/if", wit: witnessHint{kind: wkPalette}, d: Delta{Rule: catalogue.SchemaConditionalRemoved, Base: ib, Revision: p.r, Old: iface(ib), Effect: Wider,
			Reason: "if/then/else removed: values no longer need to satisfy a conditional branch"}})
		return
	}
	if branchesTrivial(p.b) && branchesTrivial(p.r) {
		return // a condition that selects nothing to check
	}
	if ib.Deref() != ir.Deref() && !c.sameSchema(ib.Deref(), ir.Deref()) {
		p.add(&rawDelta{seg: "/if", wit: witnessHint{kind: wkPalette}, d: Delta{Rule: catalogue.SchemaIfChanged, Base: ib, Revision: ir, Old: iface(ib), New: iface(ir), Effect: Unknown,
			Reason: "the `if` condition changed: which values get which branch moved, and the effect is not computed"}})
		return
	}
	for _, key := range []string{"then", "else"} {
		nb, nr := p.b.Get(key), p.r.Get(key)
		tb, tr := c.isTrue(nb), c.isTrue(nr)
		switch {
		case tb && tr:
		case !tb && !tr:
			c.child(p, nb, nr, "/"+key, false)
		case tb:
			p.add(&rawDelta{seg: "/" + key, wit: witnessHint{kind: wkPalette}, d: Delta{Rule: catalogue.SchemaConditionalBranchAdded, Base: p.b, Revision: nr, New: iface(nr), Effect: Narrower,
				Reason: "`" + key + "` added: values selected by the condition must satisfy it now"}})
		default:
			p.add(&rawDelta{seg: "/" + key, wit: witnessHint{kind: wkPalette}, d: Delta{Rule: catalogue.SchemaConditionalBranchRemoved, Base: nb, Revision: p.r, Old: iface(nb), Effect: Wider,
				Reason: "`" + key + "` removed: values selected by the condition no longer need to satisfy it"}})
		}
	}
}

// ---- discriminator (JS-66) ----

func (c *comparer) compareDiscriminator(p *pair) {
	nb, nr := p.b.Get("discriminator"), p.r.Get("discriminator")
	if tree.Equal(nb, nr) {
		return
	}
	p.addWire(&rawDelta{seg: "/discriminator", skip: true, d: Delta{Rule: catalogue.SchemaDiscriminatorChanged, Base: kw(p.b, "discriminator"), Revision: kw(p.r, "discriminator"),
		Old: iface(nb), New: iface(nr), Effect: Incomparable, StrictEffect: Incomparable,
		Reason: "the discriminator changed: validation is unchanged, but the property that tells message kinds apart on the wire (and its values) changed"}})
}

// hasDiscriminator reports a discriminator on the schema or on an allOf
// member it extends (the AsyncAPI way to build a hierarchy).
func hasDiscriminator(n *tree.Node, depth int) bool {
	n = n.Deref()
	if n == nil || n.Kind != tree.Map {
		return false
	}
	if n.Get("discriminator") != nil {
		return true
	}
	if depth > 0 {
		for _, m := range seqItems(n, "allOf") {
			if hasDiscriminator(m, depth-1) {
				return true
			}
		}
	}
	return false
}
