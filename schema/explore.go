package schema

import (
	"fmt"
	"math/big"
	"sort"
	"strings"

	"github.com/eventdiff/eventdiff/rules/catalogue"
	"github.com/eventdiff/eventdiff/tree"
)

// explore records the local deltas of p and links its child pairs.
func (c *comparer) explore(p *pair) {
	if c.remoteRefs(p) {
		return
	}
	b, r := p.b, p.r
	bFalse, rFalse := c.isEmpty(b) && b.Kind == tree.Bool, c.isEmpty(r) && r.Kind == tree.Bool
	switch {
	case bFalse && rFalse:
		return
	case bFalse:
		if !c.isEmpty(r) {
			p.add(&rawDelta{d: Delta{Rule: catalogue.SchemaChangedFromFalse, Base: b, Revision: r, Old: false, New: iface(r),
				Effect: Wider, Reason: "the schema was `false` (rejects everything) and now accepts values"},
				wit: witnessHint{kind: wkPalette}})
		}
		return
	case rFalse:
		if !c.isEmpty(b) {
			p.add(&rawDelta{d: Delta{Rule: catalogue.SchemaChangedToFalse, Base: b, Revision: r, Old: iface(b), New: false,
				Effect: Narrower, Reason: "the schema is now `false`: every value is rejected", Hint: "keep the old schema"},
				wit: witnessHint{kind: wkPalette}})
		}
		return
	}
	c.annotations(p)
	if k, side := c.liftable(b, r); k != "" {
		// `T` against `anyOf: [T, ...]`: T is one branch of the other side.
		// Against `allOf: [T, ...]` with keywords of its own, T is one
		// member and those keywords are new constraints.
		if k == "allOf" {
			c.ownKeywords(p, side)
		}
		c.combinatorLists(p, k, side)
		return
	}
	c.keywords(p, true)
	c.compareCombinators(p)
}

// ownKeywords compares the allOf side's own keywords with nothing: the
// plain side's keywords were lifted into a member. Deltas point at the
// plain schema where the keyword is absent.
func (c *comparer) ownKeywords(p *pair, side string) {
	empty := &tree.Node{Kind: tree.Map}
	saved := p.b
	if side == "b" {
		p.b = empty
	} else {
		saved, p.r = p.r, empty
	}
	n0 := len(p.deltas)
	c.keywords(p, false)
	if side == "b" {
		p.b = saved
	} else {
		p.r = saved
	}
	for _, rd := range p.deltas[n0:] {
		if rd.d.Base == empty {
			rd.d.Base = saved
		}
		if rd.d.Revision == empty {
			rd.d.Revision = saved
		}
	}
}

// keywords compares every keyword but the combinators.
func (c *comparer) keywords(p *pair, discriminator bool) {
	b, r := p.b, p.r
	tb, tr := c.acceptedTypes(b), c.acceptedTypes(r)
	c.compareTypes(p, tb, tr)
	c.compareValues(p)
	both := tb & tr
	if both&tNum != 0 {
		intOnly := intsOnly(tb) && intsOnly(tr)
		c.compareNumeric(p, intOnly)
		c.compareMultipleOf(p, intOnly)
	}
	if both&tStr != 0 {
		c.countBound(p, "minLength", false)
		c.countBound(p, "maxLength", true)
		c.comparePattern(p)
	}
	if both&(tStr|tNum) != 0 {
		c.compareFormat(p)
	}
	if both&tObj != 0 {
		c.compareObject(p)
	}
	if both&tArr != 0 {
		c.compareArray(p)
	}
	c.compareNot(p)
	c.compareConditional(p)
	if discriminator {
		c.compareDiscriminator(p)
	}
}

// ---- annotations (JS-33, JS-42, JS-62..JS-65, JS-27 outside OpenAPI) ----

var annotationRules = map[string]string{
	"description":       catalogue.SchemaDescriptionChanged,
	"title":             catalogue.SchemaTitleChanged,
	"examples":          catalogue.SchemaExamplesChanged,
	"example":           catalogue.SchemaExamplesChanged,
	"default":           catalogue.SchemaDefaultChanged,
	"deprecated":        catalogue.SchemaDeprecatedChanged,
	"readOnly":          catalogue.SchemaReadWriteOnlyChanged,
	"writeOnly":         catalogue.SchemaReadWriteOnlyChanged,
	"$comment":          catalogue.SchemaCommentChanged,
	"$id":               catalogue.SchemaIDChanged,
	"$schema":           catalogue.SchemaIDChanged,
	"$anchor":           catalogue.SchemaIDChanged,
	"externalDocs":      catalogue.SchemaExternalDocsChanged,
	"contentEncoding":   catalogue.SchemaContentChanged,
	"contentMediaType":  catalogue.SchemaContentChanged,
	"contentSchema":     catalogue.SchemaContentChanged,
	"x-extensible-enum": catalogue.SchemaExtensibleEnumChanged,
}

func (c *comparer) annotations(p *pair) {
	b, r := p.b, p.r
	seen := map[string]bool{}
	check := func(key string) {
		if seen[key] {
			return
		}
		seen[key] = true
		rule, ok := annotationRules[key]
		if !ok {
			switch {
			case strings.HasPrefix(key, "x-parser-"):
				return // written by parsers, not by the author
			case strings.HasPrefix(key, "x-"):
				rule = catalogue.SchemaExtensionChanged
			case key == "nullable" && !c.opts.OpenAPI:
				rule = catalogue.SchemaNullableIgnored
			case key == "format" && !c.opts.AssertFormat:
				return // compareFormat reports it
			default:
				return
			}
		}
		vb, vr := b.Get(key), r.Get(key)
		if tree.Equal(vb, vr) {
			return
		}
		what := "changed"
		switch {
		case vb == nil:
			what = "added"
		case vr == nil:
			what = "removed"
		}
		d := Delta{Rule: rule, Base: kw(b, key), Revision: kw(r, key), Old: iface(vb), New: iface(vr)}
		switch rule {
		case catalogue.SchemaNullableIgnored:
			d.Reason = "`nullable` " + what + ", but it is not a keyword of this schema format (only of OpenAPI 3.0 schemas): accepted values are unchanged"
			d.Hint = "use `type: [T, \"null\"]` to accept null"
		case catalogue.SchemaDefaultChanged:
			d.Reason = "`default` " + what + ": validation is unchanged, but receivers that fill in missing values from the default now get a different value"
			d.CautionReceive = true
		case catalogue.SchemaExtensibleEnumChanged:
			d.Reason = "`x-extensible-enum` " + what + ": it documents values without restricting them, so accepted values are unchanged"
		case catalogue.SchemaContentChanged:
			d.Reason = quote(key) + " " + what + ": an annotation in this schema format, accepted values are unchanged"
		default:
			d.Reason = quote(key) + " " + what + ": an annotation, accepted values are unchanged"
		}
		p.add(&rawDelta{seg: "/" + tree.EscapePointer(key), d: d, skip: true})
	}
	for _, f := range b.Fields {
		check(f.Key)
	}
	for _, f := range r.Fields {
		check(f.Key)
	}
}

// ---- types (JS-21..JS-27) ----

func (c *comparer) compareTypes(p *pair, tb, tr typeMask) {
	b, r := p.b, p.r
	if c.opts.OpenAPI {
		db, sb := declaredTypes(b)
		dr, sr := declaredTypes(r)
		nb, nr := sb && c.nullableOn(b), sr && c.nullableOn(r)
		if nb != nr && db == dr && sb && sr {
			d := Delta{Base: kw(b, "nullable"), Revision: kw(r, "nullable"), Old: iface(b.Get("nullable")), New: iface(r.Get("nullable"))}
			if nr {
				d.Rule, d.Effect, d.Reason = catalogue.SchemaNullableAdded, Wider, "the value may now be null"
			} else {
				d.Rule, d.Effect, d.Reason = catalogue.SchemaNullableRemoved, Narrower, "null is no longer accepted"
				d.Hint = "keep `nullable: true`"
			}
			p.add(&rawDelta{seg: "/nullable", d: d, wit: witnessHint{kind: wkPalette}})
			return
		}
	}
	if c.types(b) == c.types(r) || tb == tr {
		// The type keyword says the same (other keywords report their own
		// changes), or it is written differently but, with its siblings,
		// accepts the same types: `type: string` added beside an enum of
		// strings, `number` with `multipleOf: 1` for `integer`.
		return
	}
	_, sb := declaredTypes(b)
	_, sr := declaredTypes(r)
	d := Delta{Base: kw(b, "type"), Revision: kw(r, "type"), Old: iface(b.Get("type")), New: iface(r.Get("type"))}
	added, removed := tr&^tb, tb&^tr
	switch {
	case !sb && sr:
		d.Rule, d.Effect = catalogue.SchemaTypeKeywordAdded, Narrower
		d.Reason = "`type` added: only " + typeList(tr) + " values are accepted now"
	case sb && !sr:
		d.Rule, d.Effect = catalogue.SchemaTypeKeywordRemoved, Wider
		d.Reason = "`type` removed: values of any type are accepted now, not only " + typeList(tb)
	case removed == 0 && added == tFrac && tb&tInt != 0:
		d.Rule, d.Effect = catalogue.SchemaTypeIntegerToNumber, Wider
		d.Reason = "integer became number: values with a fractional part are accepted now"
	case removed == 0:
		d.Rule, d.Effect = catalogue.SchemaTypeAdded, Wider
		d.Reason = "type " + typeList(added) + " is accepted now"
	case added == 0 && removed == tFrac && tr&tInt != 0:
		d.Rule, d.Effect = catalogue.SchemaTypeNumberToInteger, Narrower
		d.Reason = "number became integer: values with a fractional part are rejected now"
	case added == 0:
		d.Rule, d.Effect = catalogue.SchemaTypeRemoved, Narrower
		d.Reason = "type " + typeList(removed) + " is no longer accepted"
		d.Hint = "keep accepting " + typeList(removed)
	default:
		d.Rule, d.Effect = catalogue.SchemaTypeChanged, Incomparable
		d.Reason = "type changed from " + typeList(tb) + " to " + typeList(tr) + ": old values are rejected and new values were not accepted before"
	}
	p.add(&rawDelta{seg: "/type", d: d, wit: witnessHint{kind: wkPalette}})
}

// ---- enum and const (JS-28..JS-32) ----

// valueSet is the finite set of values allowed by enum/const, keyed by a
// canonical text.
type valueSet struct {
	keys  []string
	nodes map[string]*tree.Node
	kw    string // "enum" or "const"
}

func valuesOf(n *tree.Node) *valueSet {
	if cn := n.Get("const"); cn != nil {
		vs := &valueSet{kw: "const", nodes: map[string]*tree.Node{}}
		k := canonical(cn)
		if e := n.Get("enum"); e != nil && e.Kind == tree.Seq {
			found := false
			for _, it := range e.Items {
				if canonical(it) == k {
					found = true
				}
			}
			if !found {
				return vs
			}
		}
		vs.keys, vs.nodes[k] = []string{k}, cn
		return vs
	}
	e := n.Get("enum")
	if e == nil || e.Kind != tree.Seq {
		return nil
	}
	vs := &valueSet{kw: "enum", nodes: make(map[string]*tree.Node, len(e.Items))}
	for _, it := range e.Items {
		k := canonical(it)
		if _, dup := vs.nodes[k]; !dup {
			vs.nodes[k] = it
			vs.keys = append(vs.keys, k)
		}
	}
	return vs
}

// valueKeywordRules name the rules of a value keyword (enum, const)
// appearing or disappearing as a whole.
var valueKeywordRules = map[string]struct{ added, removed string }{
	"enum":  {catalogue.SchemaEnumAdded, catalogue.SchemaEnumRemoved},
	"const": {catalogue.SchemaConstAdded, catalogue.SchemaConstRemoved},
}

func (c *comparer) compareValues(p *pair) {
	b, r := p.b, p.r
	vb, vr := valuesOf(b), valuesOf(r)
	if vb == nil && vr == nil {
		return
	}
	wit := witnessHint{kind: wkValues}
	switch {
	case vb == nil:
		d := Delta{Base: b, Revision: kw(r, vr.kw), New: iface(r.Get(vr.kw)), Effect: Narrower}
		d.Rule = valueKeywordRules[vr.kw].added
		d.Reason = "`" + vr.kw + "` added: only " + listValues(vr, vr.keys) + " accepted now"
		wit.kind = wkPalette
		p.add(&rawDelta{seg: "/" + vr.kw, d: d, wit: wit})
		return
	case vr == nil:
		d := Delta{Base: kw(b, vb.kw), Revision: r, Old: iface(b.Get(vb.kw)), Effect: Wider}
		d.Rule = valueKeywordRules[vb.kw].removed
		d.Reason = "`" + vb.kw + "` removed: values other than " + listValues(vb, vb.keys) + " are accepted now"
		wit.kind = wkPalette
		p.add(&rawDelta{seg: "/" + vb.kw, d: d, wit: wit})
		return
	}
	// A value the side's type rejects anyway is not really listed.
	tb, tr := c.types(b), c.types(r)
	var added, removed []string
	for _, k := range vr.keys {
		if _, ok := vb.nodes[k]; !ok && valueType(vr.nodes[k])&tr != 0 {
			added = append(added, k)
		}
	}
	for _, k := range vb.keys {
		if _, ok := vr.nodes[k]; !ok && valueType(vb.nodes[k])&tb != 0 {
			removed = append(removed, k)
		}
	}
	if len(added) == 0 && len(removed) == 0 {
		return
	}
	for _, k := range added {
		wit.values = append(wit.values, vr.nodes[k])
	}
	for _, k := range removed {
		wit.values = append(wit.values, vb.nodes[k])
	}
	seg := "/" + vr.kw
	d := Delta{Base: kw(b, vb.kw), Revision: kw(r, vr.kw), Old: iface(b.Get(vb.kw)), New: iface(r.Get(vr.kw))}
	switch {
	case vb.kw == "const" && vr.kw == "const":
		d.Rule, d.Effect, d.NewKind = catalogue.SchemaConstChanged, Incomparable, true
		d.Reason = "`const` changed from " + listValues(vb, removed) + " to " + listValues(vr, added) + ": the old value is rejected and the new one was not accepted before"
	case len(removed) == 0:
		d.Rule, d.Effect, d.NewKind = catalogue.SchemaEnumValueAdded, Wider, true
		d.Reason = "enum value " + listValues(vr, added) + " added"
	case len(added) == 0:
		d.Rule, d.Effect = catalogue.SchemaEnumValueRemoved, Narrower
		d.Reason = "enum value " + listValues(vb, removed) + " removed: values using it are rejected now"
		d.Hint = "keep the old enum value " + listValues(vb, removed)
	default:
		d.Rule, d.Effect, d.NewKind = catalogue.SchemaEnumChanged, Incomparable, true
		d.Reason = "enum values " + listValues(vr, added) + " added and " + listValues(vb, removed) + " removed"
		d.Hint = "keep the old enum values"
	}
	p.add(&rawDelta{seg: seg, d: d, wit: wit})
}

func listValues(vs *valueSet, keys []string) string {
	var parts []string
	for i, k := range keys {
		if i == 8 {
			parts = append(parts, fmt.Sprintf("and %d more", len(keys)-i))
			break
		}
		parts = append(parts, "`"+short(vs.nodes[k])+"`")
	}
	return strings.Join(parts, ", ")
}

// short renders a value for a reason.
func short(n *tree.Node) string {
	s := canonical(n)
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s
}

// ---- numeric bounds (JS-34..JS-38) ----

type bound struct {
	v     *big.Rat
	excl  bool
	node  *tree.Node // keyword value that set it
	kw    string
	valid bool
}

// readBound returns the effective lower (or upper) bound, exclusive
// forms included (draft-06 number form and draft-04 boolean form).
func readBound(n *tree.Node, upper bool) bound {
	inc, exc := "minimum", "exclusiveMinimum"
	if upper {
		inc, exc = "maximum", "exclusiveMaximum"
	}
	var out bound
	if v, node := number(n, inc); v != nil {
		out = bound{v: v, node: node, kw: inc, valid: true}
		if n.Get(exc).IsTrue() { // draft-04
			out.excl, out.kw = true, inc+"+"+exc
		}
	}
	if v, node := number(n, exc); v != nil {
		better := !out.valid
		if out.valid {
			cmp := v.Cmp(out.v)
			better = cmp >= 0
			if upper {
				better = cmp <= 0
			}
		}
		if better {
			out = bound{v: v, excl: true, node: node, kw: exc, valid: true}
		}
	}
	return out
}

// integral narrows a bound to the integers it admits: ≤ 9.5 → ≤ 9, < 10 → ≤ 9.
func integral(bd bound, upper bool) bound {
	if !bd.valid {
		return bd
	}
	num, den := bd.v.Num(), bd.v.Denom()
	q, m := new(big.Int).DivMod(num, den, new(big.Int)) // floor for positive den
	var v *big.Int
	if upper {
		v = q
		if m.Sign() == 0 && bd.excl {
			v = new(big.Int).Sub(q, big.NewInt(1))
		}
	} else {
		v = q
		if m.Sign() != 0 || bd.excl {
			v = new(big.Int).Add(q, big.NewInt(1))
		}
	}
	bd.v = new(big.Rat).SetInt(v)
	bd.excl = false
	return bd
}

// boundCmp compares two bounds of the same side: -1 when a admits fewer
// values at that end than b... expressed as position on the number line:
// returns the sign of (a - b), treating exclusive as an infinitesimal step
// inward.
func boundCmp(a, b bound, upper bool) int {
	if c := a.v.Cmp(b.v); c != 0 {
		return c
	}
	if a.excl == b.excl {
		return 0
	}
	// Same value: for an upper bound exclusive is lower; for a lower bound
	// exclusive is higher.
	if a.excl == upper {
		return -1
	}
	return 1
}

func ratString(r *big.Rat) string {
	if r.IsInt() {
		return r.Num().String()
	}
	f, _ := r.Float64()
	return fmt.Sprint(f)
}

func (bd bound) String() string {
	if !bd.valid {
		return "none"
	}
	return ratString(bd.v)
}

// compareNumeric compares the lower and the upper bound of two numeric
// schemas; intOnly: both admit integers only, so bounds compare by the
// integers they admit.
func (c *comparer) compareNumeric(p *pair, intOnly bool) {
	for _, upper := range []bool{false, true} {
		rb, rr := readBound(p.b, upper), readBound(p.r, upper)
		if !rb.valid && !rr.valid {
			continue
		}
		nb, nr := rb, rr
		if intOnly {
			nb, nr = integral(rb, upper), integral(rr, upper)
		}
		bc := boundChange{b: rb, r: rr, upper: upper, name: "minimum", eff: boundEffect(nb, nr, upper)}
		if upper {
			bc.name = "maximum"
		}
		formChanged := rb.valid && rr.valid && (rb.kw != rr.kw)
		if bc.eff == None && !formChanged {
			continue
		}
		d := Delta{Base: kw(p.b, bc.name), Revision: kw(p.r, bc.name), Effect: bc.eff}
		if rb.valid {
			d.Base, d.Old = rb.node, iface(rb.node)
		}
		if rr.valid {
			d.Revision, d.New = rr.node, iface(rr.node)
		}
		if formChanged {
			bc.describeForm(&d, intOnly)
		} else {
			bc.describeMove(&d)
		}
		if bc.eff == Narrower {
			d.Hint = "keep the old bound"
		}
		w := witnessHint{kind: wkNumbers}
		for _, bd := range []bound{rb, rr} {
			if bd.valid {
				w.nums = append(w.nums, bd.v)
			}
		}
		p.add(&rawDelta{seg: bc.seg(), d: d, wit: w})
	}
}

// boundEffect is the effect of a bound moving from b to r (either may be
// absent).
func boundEffect(b, r bound, upper bool) Effect {
	switch {
	case !b.valid:
		return Narrower
	case !r.valid:
		return Wider
	}
	cmp := boundCmp(r, b, upper)
	switch {
	case cmp == 0:
		return None
	case (cmp < 0) == upper:
		return Narrower
	}
	return Wider
}

// boundChange is a change of one bound, lower or upper, of a numeric pair.
type boundChange struct {
	b, r  bound // as written on each side
	upper bool
	name  string // "minimum" or "maximum"
	eff   Effect
}

// seg is the path segment of the keyword that sets the bound, the
// revision's when it has one.
func (bc boundChange) seg() string {
	seg := "/" + bc.name
	if bc.b.valid {
		seg = "/" + strings.Split(bc.b.kw, "+")[0]
	}
	if bc.r.valid {
		seg = "/" + strings.Split(bc.r.kw, "+")[0]
	}
	if bc.b.excl {
		seg = "/" + strings.TrimPrefix(bc.b.kw, bc.name+"+")
	}
	if bc.r.excl {
		seg = "/" + strings.TrimPrefix(bc.r.kw, bc.name+"+")
	}
	return seg
}

// desc spells a bound for people, as "≥ 3" or "none".
func (bc boundChange) desc(bd bound) string {
	if !bd.valid {
		return "none"
	}
	op := map[[2]bool]string{{false, false}: "≥ ", {false, true}: "> ", {true, false}: "≤ ", {true, true}: "< "}[[2]bool{bc.upper, bd.excl}]
	return op + bd.String()
}

// describeForm sets the rule and reason of a bound that changed form
// (inclusive to exclusive or back, or the keyword spelling it).
func (bc boundChange) describeForm(d *Delta, intOnly bool) {
	d.Rule = catalogue.SchemaBoundExclusivityChanged
	d.Old = map[string]any{bc.b.kw: iface(bc.b.node)}
	d.New = map[string]any{bc.r.kw: iface(bc.r.node)}
	from, to := bc.desc(bc.b), bc.desc(bc.r)
	switch bc.eff {
	case None:
		d.Equivalent = true
		d.Reason = "the " + bc.name + " changed form (" + from + " → " + to + ") but admits the same values"
		if intOnly {
			d.Reason = "the " + bc.name + " changed form (" + from + " → " + to + ") but admits the same integers"
		}
	case Narrower:
		d.Reason = "the " + bc.name + " changed from " + from + " to " + to + ": values at the old boundary are rejected now"
	default:
		d.Reason = "the " + bc.name + " changed from " + from + " to " + to + ": values beyond the old boundary are accepted now"
	}
}

// describeMove sets the rule and reason of a bound that was added,
// removed, raised or lowered.
func (bc boundChange) describeMove(d *Delta) {
	from, to := bc.desc(bc.b), bc.desc(bc.r)
	switch {
	case bc.upper && bc.eff == Narrower:
		d.Rule = catalogue.SchemaMaximumDecreased
		d.Reason = "maximum " + from + " → " + to + ": values above the new maximum are rejected now"
		if !bc.b.valid {
			d.Reason = "maximum added (" + to + "): larger values are rejected now"
		}
	case bc.upper:
		d.Rule = catalogue.SchemaMaximumIncreased
		d.Reason = "maximum " + from + " → " + to + ": larger values are accepted now"
		if !bc.r.valid {
			d.Reason = "maximum removed (was " + from + "): any larger value is accepted now"
		}
	case bc.eff == Narrower:
		d.Rule = catalogue.SchemaMinimumIncreased
		d.Reason = "minimum " + from + " → " + to + ": values below the new minimum are rejected now"
		if !bc.b.valid {
			d.Reason = "minimum added (" + to + "): smaller values are rejected now"
		}
	default:
		d.Rule = catalogue.SchemaMinimumDecreased
		d.Reason = "minimum " + from + " → " + to + ": smaller values are accepted now"
		if !bc.r.valid {
			d.Reason = "minimum removed (was " + from + "): any smaller value is accepted now"
		}
	}
}

func (c *comparer) compareMultipleOf(p *pair, intOnly bool) {
	mb, nb := number(p.b, "multipleOf")
	mr, nr := number(p.r, "multipleOf")
	if mb != nil && mb.Sign() <= 0 {
		mb = nil
	}
	if mr != nil && mr.Sign() <= 0 {
		mr = nil
	}
	// Every integer is a multiple of 1/k: multipleOf 1 or 0.5 adds nothing
	// where only integers are accepted anyway (on both sides, or on its own
	// side by its type or enum).
	ints := func(n *tree.Node) bool { return intOnly || intsOnly(c.types(n)&listedTypes(n)) }
	if mb != nil && ints(p.b) && new(big.Rat).Quo(big.NewRat(1, 1), mb).IsInt() {
		mb = nil
	}
	if mr != nil && ints(p.r) && new(big.Rat).Quo(big.NewRat(1, 1), mr).IsInt() {
		mr = nil
	}
	if mb == nil && mr == nil {
		return
	}
	d := Delta{Base: kw(p.b, "multipleOf"), Revision: kw(p.r, "multipleOf"), Old: iface(nb), New: iface(nr)}
	w := witnessHint{kind: wkNumbers}
	switch {
	case mb == nil:
		d.Rule, d.Effect = catalogue.SchemaMultipleOfAdded, Narrower
		d.Reason = "multipleOf " + ratString(mr) + " added: other values are rejected now"
		w.nums = []*big.Rat{mr, big.NewRat(1, 1), new(big.Rat).Quo(mr, big.NewRat(2, 1))}
	case mr == nil:
		d.Rule, d.Effect = catalogue.SchemaMultipleOfRemoved, Wider
		d.Reason = "multipleOf " + ratString(mb) + " removed: values that are not multiples are accepted now"
		w.nums = []*big.Rat{mb, big.NewRat(1, 1), new(big.Rat).Quo(mb, big.NewRat(2, 1))}
	case mb.Cmp(mr) == 0:
		return
	default:
		d.Rule = catalogue.SchemaMultipleOfChanged
		w.nums = []*big.Rat{mb, mr, new(big.Rat).Mul(mb, mr)}
		switch {
		case new(big.Rat).Quo(mb, mr).IsInt():
			d.Effect = Wider
			d.Reason = "multipleOf " + ratString(mb) + " → " + ratString(mr) + ": every old value is still a multiple, and more values are accepted"
		case new(big.Rat).Quo(mr, mb).IsInt():
			d.Effect = Narrower
			d.Reason = "multipleOf " + ratString(mb) + " → " + ratString(mr) + ": some old values are not multiples of the new step"
		default:
			d.Effect = Incomparable
			d.Reason = "multipleOf " + ratString(mb) + " → " + ratString(mr) + ": neither step divides the other"
		}
	}
	p.add(&rawDelta{seg: "/multipleOf", d: d, wit: w})
}

// ---- counts: lengths, items, properties (JS-18, JS-34..JS-37) ----

var countRules = map[string][2]string{ // narrower, wider
	"minLength":     {catalogue.SchemaMinLengthIncreased, catalogue.SchemaMinLengthDecreased},
	"maxLength":     {catalogue.SchemaMaxLengthDecreased, catalogue.SchemaMaxLengthIncreased},
	"minItems":      {catalogue.SchemaMinItemsIncreased, catalogue.SchemaMinItemsDecreased},
	"maxItems":      {catalogue.SchemaMaxItemsDecreased, catalogue.SchemaMaxItemsIncreased},
	"minProperties": {catalogue.SchemaMinPropertiesIncreased, catalogue.SchemaMinPropertiesDecreased},
	"maxProperties": {catalogue.SchemaMaxPropertiesDecreased, catalogue.SchemaMaxPropertiesIncreased},
}

var countNoun = map[string]string{
	"minLength": "characters", "maxLength": "characters", "minItems": "items", "maxItems": "items",
	"minProperties": "properties", "maxProperties": "properties",
}

func (c *comparer) countBound(p *pair, key string, upper bool) {
	vb, nb := number(p.b, key)
	vr, nr := number(p.r, key)
	if !upper { // minimum counts default to 0
		if vb == nil {
			vb = new(big.Rat)
		}
		if vr == nil {
			vr = new(big.Rat)
		}
	}
	if vb == nil && vr == nil {
		return
	}
	var eff Effect
	switch {
	case vb == nil:
		eff = Narrower
	case vr == nil:
		eff = Wider
	default:
		cmp := vr.Cmp(vb)
		switch {
		case cmp == 0:
			return
		case (cmp < 0) == upper:
			eff = Narrower
		default:
			eff = Wider
		}
	}
	rules := countRules[key]
	d := Delta{Base: kw(p.b, key), Revision: kw(p.r, key), Old: iface(nb), New: iface(nr), Effect: eff}
	if eff == Narrower {
		d.Rule = rules[0]
		d.Hint = "keep " + key + " at " + valueText(nb)
		if nb == nil {
			d.Hint = "leave " + key + " out"
		}
	} else {
		d.Rule = rules[1]
	}
	noun := countNoun[key]
	switch {
	case nb == nil:
		d.Reason = key + " " + valueText(nr) + " added: "
	case nr == nil:
		d.Reason = key + " " + valueText(nb) + " removed: "
	default:
		d.Reason = key + " " + valueText(nb) + " → " + valueText(nr) + ": "
	}
	switch {
	case upper && eff == Narrower:
		d.Reason += "values with more " + noun + " are rejected now"
	case upper:
		d.Reason += "values with more " + noun + " are accepted now"
	case eff == Narrower:
		d.Reason += "values with fewer " + noun + " are rejected now"
	default:
		d.Reason += "values with fewer " + noun + " are accepted now"
	}
	w := witnessHint{kind: wkCounts, countKey: key}
	for _, v := range []*big.Rat{vb, vr} {
		if v != nil {
			w.nums = append(w.nums, v)
		}
	}
	p.add(&rawDelta{seg: "/" + key, d: d, wit: w})
}

func valueText(n *tree.Node) string {
	if n == nil {
		return "none"
	}
	return n.Value
}

// ---- pattern (JS-40) ----

// trivialPattern matches every string. (`^.*$` does not: `.` stops at a
// line break.)
func trivialPattern(s string) bool {
	switch s {
	case "", ".*", "^.*", ".*$", "[\\s\\S]*", "^[\\s\\S]*$":
		return true
	}
	return false
}

// anchoredVersion reports whether narrow is wide with anchors added, which
// only narrows. Alternation changes what an anchor binds to, so patterns
// with `|` are not judged.
func anchoredVersion(wide, narrow string) bool {
	if strings.Contains(wide, "|") || strings.Contains(narrow, "|") || strings.HasSuffix(wide, "\\") {
		return false
	}
	core := narrow
	if strings.HasPrefix(core, "^") && !strings.HasPrefix(wide, "^") {
		core = core[1:]
	}
	if strings.HasSuffix(core, "$") && !strings.HasSuffix(core, "\\$") && !strings.HasSuffix(wide, "$") {
		core = core[:len(core)-1]
	}
	return core == wide && core != narrow
}

func (c *comparer) comparePattern(p *pair) {
	nb, nr := p.b.Get("pattern"), p.r.Get("pattern")
	sb, okb := nb.Text(), nb != nil && nb.Kind == tree.String
	sr, okr := nr.Text(), nr != nil && nr.Kind == tree.String
	if okb && trivialPattern(sb) {
		okb = false
	}
	if okr && trivialPattern(sr) {
		okr = false
	}
	if !okb && !okr {
		return
	}
	d := Delta{Base: kw(p.b, "pattern"), Revision: kw(p.r, "pattern"), Old: iface(nb), New: iface(nr)}
	w := witnessHint{kind: wkStrings}
	switch {
	case !okb:
		d.Rule, d.Effect = catalogue.SchemaPatternAdded, Narrower
		d.Reason = "pattern " + quote(sr) + " added: strings that do not match it are rejected now"
	case !okr:
		d.Rule, d.Effect = catalogue.SchemaPatternRemoved, Wider
		d.Reason = "pattern " + quote(sb) + " removed: any string is accepted now"
	case sb == sr:
		return
	default:
		d.Rule = catalogue.SchemaPatternChanged
		switch {
		case anchoredVersion(sb, sr):
			d.Effect = Narrower
			d.Reason = "pattern " + quote(sb) + " → " + quote(sr) + ": the new pattern only adds anchors, so it matches fewer strings"
		case anchoredVersion(sr, sb):
			d.Effect = Wider
			d.Reason = "pattern " + quote(sb) + " → " + quote(sr) + ": the new pattern only drops anchors, so it matches more strings"
		default:
			d.Effect = Unknown
			d.Reason = "pattern " + quote(sb) + " → " + quote(sr) + ": whether one pattern contains the other cannot be decided here"
			d.Hint = "check the message examples against the new pattern"
		}
	}
	p.add(&rawDelta{seg: "/pattern", d: d, wit: w})
}

// ---- format (JS-41) ----

// formatWithin lists known containments: key ⊂ each value.
var formatWithin = map[string][]string{
	"int32":         {"int64"},
	"float":         {"double"},
	"email":         {"idn-email"},
	"hostname":      {"idn-hostname"},
	"uri":           {"iri", "uri-reference", "iri-reference"},
	"uri-reference": {"iri-reference"},
	"iri":           {"iri-reference"},
}

var knownFormats = map[string]bool{
	"int32": true, "int64": true, "float": true, "double": true, "email": true, "idn-email": true,
	"hostname": true, "idn-hostname": true, "uri": true, "iri": true, "uri-reference": true,
	"iri-reference": true, "date": true, "time": true, "date-time": true, "ipv4": true, "ipv6": true,
	"uuid": true, "uri-template": true, "json-pointer": true, "relative-json-pointer": true, "regex": true,
	"byte": true, "binary": true, "password": true, "duration": true,
}

// Formats that can never describe the same string, by what every value
// of theirs must or cannot contain: an `@` (email), a `:` (times, IPv6,
// URIs, whose scheme ends in one), or a shape of their own (a date is ten
// digits and dashes, a UUID thirty-six hex digits and dashes, IPv4 digits
// and dots). Pairs not listed may share a value (a date is also a valid
// hostname) and stay unknown.
var (
	formatsWithAt    = map[string]bool{"email": true, "idn-email": true}
	formatsWithoutAt = map[string]bool{"date": true, "time": true, "date-time": true, "uuid": true,
		"ipv4": true, "ipv6": true, "hostname": true, "idn-hostname": true}
	formatsWithColon    = map[string]bool{"time": true, "date-time": true, "ipv6": true, "uri": true, "iri": true}
	formatsWithoutColon = map[string]bool{"date": true, "uuid": true, "ipv4": true, "hostname": true, "idn-hostname": true}
	// Among formats with a colon: times start with digits, URIs with a
	// letter; IPv6 has only hex digits, colons and dots, times and
	// date-times a letter (T, Z) or a sign. Among the others: lengths and
	// separators differ.
	disjointFormatPairs = map[[2]string]bool{
		{"date", "time"}: true, {"date", "date-time"}: true, {"time", "date-time"}: true,
		{"time", "uri"}: true, {"time", "iri"}: true, {"date-time", "uri"}: true, {"date-time", "iri"}: true,
		{"time", "ipv6"}: true, {"date-time", "ipv6"}: true,
		{"date", "uuid"}: true, {"date", "ipv4"}: true, {"uuid", "ipv4"}: true,
	}
)

// disjointFormats reports two known formats that no string satisfies both.
func disjointFormats(a, b string) bool {
	switch {
	case a == b:
		return false
	case formatsWithAt[a] && formatsWithoutAt[b], formatsWithAt[b] && formatsWithoutAt[a]:
		return true
	case formatsWithColon[a] && formatsWithoutColon[b], formatsWithColon[b] && formatsWithoutColon[a]:
		return true
	}
	return disjointFormatPairs[[2]string{a, b}] || disjointFormatPairs[[2]string{b, a}]
}

func formatContains(wide, narrow string) bool {
	for _, f := range formatWithin[narrow] {
		if f == wide {
			return true
		}
	}
	return false
}

func (c *comparer) compareFormat(p *pair) {
	nb, nr := p.b.Get("format"), p.r.Get("format")
	fb, fr := nb.Text(), nr.Text()
	if fb == fr {
		return
	}
	d := Delta{Base: kw(p.b, "format"), Revision: kw(p.r, "format"), Old: iface(nb), New: iface(nr)}
	// Typed consumers read int64/double into wider variables; going the
	// other way truncates. Flag the hazard whatever the validation says.
	if (fb == "int32" && fr == "int64") || (fb == "float" && fr == "double") {
		d.CautionSend = true
	}
	if (fb == "int64" && fr == "int32") || (fb == "double" && fr == "float") {
		d.CautionReceive = true
	}
	var eff Effect
	what := "changed from " + quote(fb) + " to " + quote(fr)
	switch {
	case fb == "":
		d.Rule, what = catalogue.SchemaFormatAdded, "added ("+quote(fr)+")"
		eff = Narrower
		if !knownFormats[fr] {
			eff = Unknown
		}
	case fr == "":
		d.Rule, what = catalogue.SchemaFormatRemoved, "removed (was "+quote(fb)+")"
		eff = Wider
		if !knownFormats[fb] {
			eff = Unknown
		}
	default:
		d.Rule = catalogue.SchemaFormatChanged
		switch {
		case formatContains(fr, fb):
			eff = Wider
		case formatContains(fb, fr):
			eff = Narrower
		case disjointFormats(fb, fr):
			eff = Incomparable
		default:
			eff = Unknown
		}
	}
	if !c.opts.AssertFormat {
		d.Effect = None
		d.Reason = "`format` " + what + ": an annotation unless formats are asserted, so accepted values are unchanged"
		switch {
		case eff == Incomparable:
			// Validators may pass both, but code that parses the value by
			// its format meets nothing it can parse: a concern both ways.
			d.CautionSend, d.CautionReceive = true, true
			d.Reason += ", but no string has both formats: code that parses values by one of them cannot parse a value of the other"
		case d.CautionSend || d.CautionReceive:
			d.Reason += "; typed code generated from the format changes width"
		}
		p.add(&rawDelta{seg: "/format", d: d, skip: true})
		return
	}
	d.Effect = eff
	switch eff {
	case Narrower:
		d.Reason = "`format` " + what + ": values that do not have the format are rejected now"
	case Wider:
		d.Reason = "`format` " + what + ": values of the wider format are accepted now"
	case Incomparable:
		d.Reason = "`format` " + what + ": the two formats accept disjoint strings"
	default:
		d.Reason = "`format` " + what + ": the formats cannot be compared (unknown or unrelated formats)"
	}
	p.add(&rawDelta{seg: "/format", d: d, wit: witnessHint{kind: wkStrings}})
}

// sortedKeys returns map keys in order, for determinism.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
