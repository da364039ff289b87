package schema

import (
	"encoding/json"
	"math/big"
	"strconv"
	"strings"

	"github.com/eventdiff/eventdiff/tree"
)

type witnessKind uint8

const (
	wkPalette witnessKind = iota // generic values of every type
	wkValues                     // enum/const values
	wkNumbers                    // around numeric boundaries
	wkCounts                     // strings/arrays/objects of boundary sizes
	wkStrings                    // strings (pattern, format)
	wkObject                     // objects with and without a property
	wkExtra                      // objects with an undeclared property
	wkItems                      // arrays
	wkKeyword                    // objects with odd property names
	wkOverlap                    // values meant to match several branches at once
)

// witnessHint tells the witness search which values are worth trying.
type witnessHint struct {
	kind     witnessKind
	values   []*tree.Node
	nums     []*big.Rat
	countKey string
	name     string
	pattern  string
}

// witnessBudget bounds the validations spent on witnesses in one Compare,
// and witnessSteps the schema keywords they may visit in all: witnesses
// are evidence, not worth more time than the comparison itself. Both are
// counts, not clocks, so results do not depend on the machine.
const (
	witnessBudget = 6000
	witnessSteps  = 150000
)

type witnessFinder struct {
	c      *comparer
	g      *generator
	budget int
	steps  int
	both   bool
	// foundRevision: the last find found a value the revision accepts and
	// the base rejects.
	foundRevision bool
	nums          map[*tree.Node]*big.Rat
}

func newWitnessFinder(c *comparer) *witnessFinder {
	return &witnessFinder{c: c, g: &generator{c: c, mins: map[*tree.Node]minResult{}}, budget: witnessBudget, nums: map[*tree.Node]*big.Rat{}}
}

// find returns a confirmed witness for d, or nil. For unknown effects it
// searches both directions and sets w.both when both exist.
func (w *witnessFinder) find(p *pair, rd *rawDelta, d *Delta) *Witness {
	w.both, w.foundRevision = false, false
	eff := d.Effect
	if eff == None {
		eff = d.StrictEffect
	}
	var sides []string
	switch eff {
	case Narrower:
		sides = []string{"base"}
	case Wider:
		sides = []string{"revision"}
	default:
		sides = []string{"base", "revision"}
	}
	var found *Witness
	for _, side := range sides {
		wt := w.search(p, rd, d, side)
		if wt == nil {
			continue
		}
		w.foundRevision = w.foundRevision || side == "revision"
		if found == nil {
			found = wt
		} else if eff == Unknown {
			w.both = true
		}
		if eff != Unknown {
			break
		}
	}
	return found
}

func (w *witnessFinder) search(p *pair, rd *rawDelta, d *Delta, side string) *Witness {
	c := w.c
	examples := c.opts.BaseExamples
	if side == "revision" {
		examples = c.opts.RevisionExamples
	}
	for _, ex := range examples {
		ex = normalizeValue(ex)
		if w.confirm(ex, d, side) {
			return &Witness{Value: cloneValue(ex), ValidIn: side, Source: "example"}
		}
	}
	if w.budget <= 0 || w.steps > witnessSteps {
		return nil
	}
	root, path := c.baseRoot, p.bPath
	if side == "revision" {
		root, path = c.revRoot, p.rPath
	}
	g := w.g
	cands := w.candidates(p, rd, g)
	if d.Effect == Unknown && len(cands) > maxUnknownCandidates {
		// Undecided changes search both ways; keep each way short.
		cands = cands[:maxUnknownCandidates]
	}
	for _, cand := range cands {
		if w.budget <= 0 || w.steps > witnessSteps {
			return nil
		}
		whole, ok := g.build(root, splitPath(path), cand, 0)
		if !ok {
			continue
		}
		if w.confirm(whole, d, side) {
			return &Witness{Value: cloneValue(whole), ValidIn: side, Source: "generated"}
		}
	}
	return nil
}

// confirm checks that value is accepted by side's root and rejected by the
// other root at the delta's keyword (or inside it).
func (w *witnessFinder) confirm(value any, d *Delta, side string) bool {
	w.budget--
	c := w.c
	acc, rej := c.baseRoot, c.revRoot
	at := d.Revision
	if side == "revision" {
		acc, rej, at = c.revRoot, c.baseRoot, d.Base
	}
	va := &validator{opts: c.opts, re: &c.re, nums: w.nums}
	okA := va.valid(acc, value, 0)
	w.steps += va.steps
	if !okA || va.unknown {
		return false
	}
	vr := &validator{opts: c.opts, re: &c.re, nums: w.nums}
	okR := vr.valid(rej, value, 0)
	w.steps += vr.steps
	if okR || vr.unknown {
		return false
	}
	if at == nil {
		return true
	}
	for _, f := range vr.fails {
		if within(f, at) || within(at, f) {
			return true
		}
	}
	return false
}

// within reports whether n is node or below it in the same file.
func within(n, node *tree.Node) bool {
	for i := 0; n != nil && i < 10000; i++ {
		if n == node {
			return true
		}
		n = n.Parent
	}
	return false
}

func splitPath(p string) []string {
	var out []string
	for _, s := range strings.Split(p, "/") {
		if s != "" {
			out = append(out, tree.UnescapePointer(s))
		}
	}
	return out
}

// normalizeValue turns decoded JSON in other shapes (ints, json.Number)
// into the float64-based values the validator reads.
func normalizeValue(v any) any {
	switch x := v.(type) {
	case int:
		return float64(x)
	case int64:
		return float64(x)
	case json.Number:
		f, err := x.Float64()
		if err != nil {
			return x.String()
		}
		return f
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = normalizeValue(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = normalizeValue(e)
		}
		return out
	}
	return v
}

// palette returns small values of every type, fresh each time: they end up
// inside witnesses that callers own.
func palette() []any {
	return []any{nil, false, true, 0.0, 1.0, -1.0, 0.5, "", "a", map[string]any{}, []any{}}
}

// candidates lists values to try at the pair's location.
func (w *witnessFinder) candidates(p *pair, rd *rawDelta, g *generator) []any {
	h := rd.wit
	mins := g.minimals(p)
	// Values the schemas name (const, enum) are likely boundaries.
	named := g.namedValues(p)
	var out []any
	out = append(out, mins...)
	out = append(out, named...)
	out = append(out, g.hinted(p, h, named)...)
	switch h.kind {
	case wkItems, wkExtra, wkPalette:
		out = append(out, g.tupleVariants(p)...)
	}
	if h.kind == wkItems {
		out = append(out, itemArrays(mins)...)
	}
	out = append(out, palette()...)
	if len(out) > maxCandidates {
		out = out[:maxCandidates]
	}
	return out
}

// minimals lists small values for both sides of the pair: each schema's
// own, and one per combinator branch and per if/then/else/not subschema,
// merged into the schema's own.
func (g *generator) minimals(p *pair) []any {
	mins := []any{}
	for _, n := range []*tree.Node{p.b, p.r} {
		own, ok := g.min(n, 0)
		if ok {
			mins = append(mins, own)
		}
		for _, k := range combinatorKeys {
			for _, m := range seqItems(n, k) {
				if v, ok := g.min(m, 1); ok {
					mins = append(mins, merge(own, v))
				}
			}
		}
		for _, k := range []string{"if", "then", "else", "not"} {
			if v, ok := g.min(n.Get(k), 1); ok && n.Get(k) != nil {
				mins = append(mins, merge(own, v))
			}
		}
	}
	return mins
}

// hinted lists the values the delta's witness hint points at; named are
// the const and enum values of the pair's schemas.
func (g *generator) hinted(p *pair, h witnessHint, named []any) []any {
	switch h.kind {
	case wkValues:
		out := make([]any, 0, len(h.values))
		for _, n := range h.values {
			out = append(out, n.Interface())
		}
		return out
	case wkNumbers:
		return nearNumbers(h.nums)
	case wkCounts:
		return g.nearCounts(p, h)
	case wkStrings:
		return stringSamples(p)
	case wkOverlap:
		return append(g.overlaps(p), g.objectVariants(p, h, named)...)
	case wkObject, wkExtra, wkKeyword, wkPalette:
		return g.objectVariants(p, h, named)
	}
	return nil
}

// nearNumbers lists numbers at and around each boundary, and its
// multiples.
func nearNumbers(nums []*big.Rat) []any {
	var out []any
	for _, r := range nums {
		for _, d := range []*big.Rat{big.NewRat(0, 1), big.NewRat(1, 1), big.NewRat(-1, 1), big.NewRat(1, 2), big.NewRat(-1, 2), big.NewRat(1, 1000)} {
			f, _ := new(big.Rat).Add(r, d).Float64()
			out = append(out, f)
		}
		f, _ := new(big.Rat).Mul(r, big.NewRat(2, 1)).Float64()
		out = append(out, f)
		f, _ = new(big.Rat).Mul(r, big.NewRat(3, 1)).Float64()
		out = append(out, f)
	}
	return out
}

// nearCounts lists strings, arrays or objects (after the hint's count
// keyword) of sizes at and next to each count boundary.
func (g *generator) nearCounts(p *pair, h witnessHint) []any {
	var out []any
	for _, r := range h.nums {
		n, _ := r.Float64()
		for _, k := range []int{int(n) - 1, int(n), int(n) + 1} {
			if k < 0 || k > 1000 {
				continue
			}
			switch h.countKey {
			case "minLength", "maxLength":
				out = append(out, strings.Repeat("a", k))
			case "minItems", "maxItems":
				out = append(out, g.arrayOf(p, k)...)
			default:
				out = append(out, g.objectsWith(p, k)...)
			}
		}
	}
	return out
}

// stringSamples lists strings matching either side's pattern, then
// strings of common shapes and formats.
func stringSamples(p *pair) []any {
	var out []any
	for _, n := range []*tree.Node{p.b, p.r} {
		if pat := n.Get("pattern"); pat != nil && pat.Kind == tree.String {
			for _, s := range patternSamples(pat.Value) {
				out = append(out, s)
			}
		}
	}
	return append(out, "", "a", "A", "0", "abc", "a b", "2024-01-01", "2024-01-01T00:00:00Z", "12:00:00Z",
		"a@example.com", "http://example.com", "example.com", "127.0.0.1", "::1", "123e4567-e89b-12d3-a456-426614174000")
}

// itemArrays lists arrays of one and two small values.
func itemArrays(mins []any) []any {
	var out []any
	for _, m := range mins {
		out = append(out, []any{m}, []any{m, m})
	}
	for _, x := range palette() {
		out = append(out, []any{x}, []any{x, x}, []any{0.0, x}, []any{x, 0.0})
	}
	return out
}

// maxCandidates bounds the values tried per delta.
const (
	maxCandidates        = 250
	maxUnknownCandidates = 80
)

// namedValues collects const and enum values written in the pair's
// schemas (a few levels down), as JSON values.
func (g *generator) namedValues(p *pair) []any {
	var out []any
	seen := map[*tree.Node]bool{}
	var walk func(n *tree.Node, depth int)
	walk = func(n *tree.Node, depth int) {
		n = n.Deref()
		if n == nil || n.Kind != tree.Map || depth > 3 || seen[n] || len(out) > 32 {
			return
		}
		seen[n] = true
		if c := n.Get("const"); c != nil {
			out = append(out, c.Interface())
		}
		for _, it := range seqItems(n, "enum") {
			out = append(out, it.Interface())
		}
		for _, f := range n.Fields {
			switch f.Key {
			case "not", "if", "then", "else", "items", "contains", "additionalProperties":
				walk(f.Value, depth+1)
			case "allOf", "anyOf", "oneOf":
				for _, it := range seqItems(n, f.Key) {
					walk(it, depth+1)
				}
			case "properties":
				for _, pf := range fields(n, "properties") {
					walk(pf.Value, depth+1)
				}
			}
		}
	}
	walk(p.b, 0)
	walk(p.r, 0)
	return out
}

// overlaps: for each pair of anyOf/oneOf branches on either side, a value
// built to satisfy both (their small values merged).
func (g *generator) overlaps(p *pair) []any {
	var out []any
	for _, n := range []*tree.Node{p.b, p.r} {
		own, _ := g.min(n, 0)
		for _, k := range []string{"anyOf", "oneOf"} {
			l := seqItems(n, k)
			if len(l) > 8 {
				l = l[:8]
			}
			for i := range l {
				vi, ok := g.min(l[i], 1)
				if !ok {
					continue
				}
				for j := i + 1; j < len(l); j++ {
					if vj, ok := g.min(l[j], 1); ok {
						out = append(out, merge(own, merge(cloneValue(vi), vj)))
					}
				}
			}
		}
	}
	return out
}

// tupleVariants: arrays as long as either side's tuple, and one longer,
// with small items.
func (g *generator) tupleVariants(p *pair) []any {
	var out []any
	for _, n := range []*tree.Node{p.b, p.r} {
		n = n.Deref()
		k := len(seqItems(n, "items"))
		if k == 0 {
			k = 2
		}
		for extra := 0; extra <= 2; extra++ {
			arr := make([]any, 0, k+extra)
			for i := 0; i < k+extra; i++ {
				v, ok := g.min(itemAt(n, i), 1)
				if !ok {
					v = 0.0
				}
				arr = append(arr, v)
			}
			out = append(out, arr)
			for _, x := range palette() {
				alt := append(append([]any{}, arr...), x)
				out = append(out, alt)
			}
		}
	}
	return out
}

// generator builds small values from schemas. Its output is a guess; the
// validator decides.
type generator struct {
	c    *comparer
	mins map[*tree.Node]minResult // shared between candidates: never mutated
}

type minResult struct {
	v  any
	ok bool
}

// min returns a small value the schema probably accepts.
func (g *generator) min(n *tree.Node, depth int) (any, bool) {
	n = n.Deref()
	if depth > 12 {
		return nil, false
	}
	if r, ok := g.mins[n]; ok && r.ok {
		return r.v, true
	}
	v, ok := g.minOf(n, depth)
	if ok && g.mins != nil {
		g.mins[n] = minResult{v, true}
	}
	return v, ok
}

// cloneValue copies a JSON value, so witnesses share nothing.
func cloneValue(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = cloneValue(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = cloneValue(e)
		}
		return out
	}
	return v
}

// minOf computes what min returns: a schema's const or first enum value,
// else a small value of its preferred type, merged with its combinators'.
func (g *generator) minOf(n *tree.Node, depth int) (any, bool) {
	if n == nil {
		return nil, true
	}
	switch n.Kind {
	case tree.Bool:
		return nil, n.Value == "true"
	case tree.Map:
	default:
		return nil, true
	}
	if c := n.Get("const"); c != nil {
		return c.Interface(), true
	}
	if e := seqItems(n, "enum"); e != nil {
		if len(e) == 0 {
			return nil, false
		}
		return e[0].Interface(), true
	}
	var out any
	switch g.pickType(n) {
	case tNull:
		out = nil
	case tBool:
		out = false
	case tStr:
		out = g.minString(n)
	case tInt, tFrac:
		out = g.minNumber(n)
	case tObj:
		obj, ok := g.minObject(n, depth)
		if !ok {
			return nil, false
		}
		out = obj
	case tArr:
		arr, ok := g.minArray(n, depth)
		if !ok {
			return nil, false
		}
		out = arr
	}
	for _, m := range seqItems(n, "allOf") {
		v, ok := g.min(m, depth+1)
		if !ok {
			return nil, false
		}
		out = merge(out, v)
	}
	for _, k := range []string{"anyOf", "oneOf"} {
		if l := seqItems(n, k); len(l) > 0 {
			v, ok := g.min(l[0], depth+1)
			if !ok {
				return nil, false
			}
			out = merge(out, v)
		}
	}
	return out, true
}

// minObject returns a small object for an object schema: its required
// properties, then declared ones up to minProperties.
func (g *generator) minObject(n *tree.Node, depth int) (map[string]any, bool) {
	obj := map[string]any{}
	_, order := stringSet(n, "required")
	for _, name := range order {
		s := n.Get("properties").Get(name)
		if s == nil {
			cov := g.c.coverageOf(n, name)
			s = cov.node
		}
		v, ok := g.min(s, depth+1)
		if !ok {
			return nil, false
		}
		obj[name] = v
	}
	if m, _ := number(n, "minProperties"); m != nil {
		k, _ := m.Float64()
		for _, f := range fields(n, "properties") {
			if float64(len(obj)) >= k {
				break
			}
			if _, has := obj[f.Key]; !has {
				if v, ok := g.min(f.Value, depth+1); ok {
					obj[f.Key] = v
				}
			}
		}
	}
	return obj, true
}

// minArray returns a small array for an array schema: minItems small
// items (at most 64).
func (g *generator) minArray(n *tree.Node, depth int) ([]any, bool) {
	arr := []any{}
	if m, _ := number(n, "minItems"); m != nil {
		k, _ := m.Float64()
		for i := 0; i < int(k) && i < 64; i++ {
			v, ok := g.min(itemAt(n, i), depth+1)
			if !ok {
				return nil, false
			}
			arr = append(arr, v)
		}
	}
	return arr, true
}

// merge combines two guesses for one value: objects are united.
func merge(a, b any) any {
	ma, okA := a.(map[string]any)
	mb, okB := b.(map[string]any)
	if okA && okB {
		out := make(map[string]any, len(ma)+len(mb))
		for k, v := range ma {
			out[k] = v
		}
		for k, v := range mb {
			out[k] = v
		}
		return out
	}
	if a == nil || okB {
		return b
	}
	return a
}

func (g *generator) pickType(n *tree.Node) typeMask {
	m, set := declaredTypes(n)
	if set && g.c.nullableOn(n) {
		m |= tNull
	}
	has := func(keys ...string) bool {
		for _, k := range keys {
			if n.Get(k) != nil {
				return true
			}
		}
		return false
	}
	prefer := []typeMask{}
	if has("properties", "required", "additionalProperties", "patternProperties", "minProperties", "dependencies") {
		prefer = append(prefer, tObj)
	}
	if has("items", "minItems", "maxItems", "contains", "uniqueItems") {
		prefer = append(prefer, tArr)
	}
	if has("minLength", "maxLength", "pattern") {
		prefer = append(prefer, tStr)
	}
	if has("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf") {
		prefer = append(prefer, tInt, tFrac)
	}
	prefer = append(prefer, tStr, tInt, tObj, tArr, tBool, tNull, tFrac)
	for _, t := range prefer {
		if m&t != 0 {
			return t
		}
	}
	return tNull
}

func (g *generator) minString(n *tree.Node) string {
	k := 0
	if m, _ := number(n, "minLength"); m != nil {
		f, _ := m.Float64()
		k = int(f)
	}
	k = max(0, min(k, 1000))
	switch n.Str("format") {
	case "date":
		return "2024-01-01"
	case "date-time":
		return "2024-01-01T00:00:00Z"
	case "time":
		return "12:00:00Z"
	case "email":
		return "a@example.com"
	case "uuid":
		return "123e4567-e89b-12d3-a456-426614174000"
	case "ipv4":
		return "127.0.0.1"
	case "hostname":
		return "example.com"
	}
	return strings.Repeat("a", k)
}

func (g *generator) minNumber(n *tree.Node) any {
	intOnly := g.pickType(n) == tInt
	lo := readBound(n, false)
	hi := readBound(n, true)
	x := new(big.Rat)
	if lo.valid {
		x.Set(lo.v)
		if intOnly {
			x = integral(lo, false).v
		} else if lo.excl {
			x.Add(x, big.NewRat(1, 2))
		}
	} else if hi.valid && hi.v.Sign() < 0 {
		x.Set(hi.v)
		if intOnly {
			x = integral(hi, true).v
		} else if hi.excl {
			x.Sub(x, big.NewRat(1, 2))
		}
	}
	if m, _ := number(n, "multipleOf"); m != nil && m.Sign() > 0 {
		q := new(big.Rat).Quo(x, m)
		fl := new(big.Int).Quo(q.Num(), q.Denom())
		k := new(big.Rat).SetInt(fl)
		if k.Cmp(q) < 0 {
			k.Add(k, big.NewRat(1, 1))
		}
		x = new(big.Rat).Mul(k, m)
	}
	f, _ := x.Float64()
	return f
}

// arrayOf returns arrays of k small items for p's schemas.
func (g *generator) arrayOf(p *pair, k int) []any {
	var out []any
	for _, n := range []*tree.Node{p.b, p.r} {
		arr := make([]any, 0, k)
		for i := 0; i < k; i++ {
			v, ok := g.min(itemAt(n.Deref(), i), 1)
			if !ok {
				v = 0.0
			}
			arr = append(arr, v)
		}
		out = append(out, arr)
		// Distinct items, for uniqueItems.
		dist := make([]any, k)
		for i := range dist {
			dist[i] = float64(i)
		}
		out = append(out, dist)
	}
	return out
}

// objectsWith returns objects with k properties built from p's schemas.
func (g *generator) objectsWith(p *pair, k int) []any {
	var out []any
	for _, n := range []*tree.Node{p.b, p.r} {
		obj := copyMap(g.minMap(n))
		for _, f := range fields(n, "properties") {
			if len(obj) >= k {
				break
			}
			if _, has := obj[f.Key]; !has {
				if v, ok := g.min(f.Value, 1); ok {
					obj[f.Key] = v
				}
			}
		}
		for i := 0; len(obj) < k && i < 1000; i++ {
			obj["p"+strconv.Itoa(i)] = nil
		}
		out = append(out, obj)
	}
	return out
}

func copyMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// minMap returns the small value of a schema when it is an object, else
// an empty object. The result may be shared: copy it before changing it.
func (g *generator) minMap(n *tree.Node) map[string]any {
	base, ok := g.min(n, 0)
	obj, isObj := base.(map[string]any)
	if !ok || !isObj {
		obj = map[string]any{}
	}
	return obj
}

// withEach returns copies of obj, one per value, with key set to it.
func withEach(obj map[string]any, key string, vals []any) []any {
	out := make([]any, 0, len(vals))
	for _, x := range vals {
		with := copyMap(obj)
		with[key] = x
		out = append(out, with)
	}
	return out
}

// objectVariants: minimal objects of both sides with a property left out,
// set to small values of every type, or an undeclared property added.
func (g *generator) objectVariants(p *pair, h witnessHint, named []any) []any {
	var out []any
	extra := "zz_extra"
	if h.pattern != "" {
		extra = g.nameMatching(h.pattern)
	}
	for _, n := range []*tree.Node{p.b, p.r} {
		obj := g.minMap(n)
		out = append(out, obj)
		if h.name != "" {
			out = append(out, g.namedVariants(p, obj, h.name)...)
		}
		out = append(out, withEach(obj, extra, palette())...)
		out = append(out, g.combinations(p, n, h, obj, named)...)
	}
	return out
}

// namedVariants: obj without the named property, and with it set to the
// small value of either side's schema for it or to small values of every
// type.
func (g *generator) namedVariants(p *pair, obj map[string]any, name string) []any {
	without := copyMap(obj)
	delete(without, name)
	out := []any{without}
	for _, side := range []*tree.Node{p.b, p.r} {
		s := side.Get("properties").Get(name)
		if s == nil {
			continue
		}
		if v, ok := g.min(s, 1); ok {
			with := copyMap(obj)
			with[name] = v
			out = append(out, with)
		}
	}
	return append(out, withEach(obj, name, palette())...)
}

// combinations: every varied property of n present, all but one, and
// obj with each one added or set to values worth trying: dependencies
// and conditions look at combinations.
func (g *generator) combinations(p *pair, n *tree.Node, h witnessHint, obj map[string]any, named []any) []any {
	props := variedProperties(p, n, h)
	full := copyMap(obj)
	for _, f := range props {
		if _, has := full[f.Key]; !has {
			if v, ok := g.min(f.Value, 1); ok {
				full[f.Key] = v
			}
		}
	}
	out := []any{full}
	for _, f := range props {
		with := copyMap(obj)
		if _, has := with[f.Key]; !has {
			if v, ok := g.min(f.Value, 1); ok {
				with[f.Key] = v
				out = append(out, with)
			}
		}
		without := copyMap(full)
		delete(without, f.Key)
		out = append(out, without)
		out = append(out, withEach(obj, f.Key, g.propertyValues(p, f.Key, h, named))...)
	}
	return out
}

// variedProperties returns the properties of n to combine: the first
// eight declared, or, when the change is about one property, that one.
func variedProperties(p *pair, n *tree.Node, h witnessHint) []tree.Field {
	if h.name == "" {
		props := fields(n, "properties")
		if len(props) > 8 {
			props = props[:8]
		}
		return props
	}
	if v := p.b.Get("properties").Get(h.name); v != nil {
		return []tree.Field{{Key: h.name, Value: v}}
	}
	if v := p.r.Get("properties").Get(h.name); v != nil {
		return []tree.Field{{Key: h.name, Value: v}}
	}
	return nil
}

// propertyValues lists values worth trying for property key: small values
// of every type, the schemas' named values when the change is about one
// property, and values at the bounds of the property's schemas.
func (g *generator) propertyValues(p *pair, key string, h witnessHint, named []any) []any {
	vals := palette()
	if h.name != "" {
		vals = append(vals, named...)
	}
	for _, side := range []*tree.Node{p.b, p.r} {
		vals = append(vals, g.boundaries(side.Get("properties").Get(key))...)
	}
	vals = append(vals, g.boundaries(p.b.Get("additionalProperties"))...)
	return append(vals, g.boundaries(p.r.Get("additionalProperties"))...)
}

// nameMatching finds a property name that a patternProperties key matches.
func (g *generator) nameMatching(pattern string) string {
	re := g.c.re.get(pattern)
	lit := strings.Trim(pattern, "^$")
	for _, s := range []string{lit, "a", "x", "x-a", "a1", "1", "A", "_a", "abc", "foo", "x_a", "a_b"} {
		if re != nil && re.MatchString(s) {
			return s
		}
	}
	return lit
}

// build places hole at the instance location that the schema path segs
// (from the root n) describes, filling the rest with minimal values.
func (g *generator) build(n *tree.Node, segs []string, hole any, depth int) (any, bool) {
	if len(segs) == 0 {
		return hole, true
	}
	if depth > 64 {
		return nil, false
	}
	n = n.Deref()
	if n == nil {
		return nil, false
	}
	switch segs[0] {
	case "properties", "patternProperties", "dependencies", "dependentSchemas", "additionalProperties":
		return g.buildObject(n, segs, hole, depth)
	case "items", "additionalItems", "contains":
		return g.buildArray(n, segs, hole, depth)
	case "allOf", "anyOf", "oneOf":
		if len(segs) < 2 {
			return nil, false
		}
		i, err := strconv.Atoi(segs[1])
		l := seqItems(n, segs[0])
		if err != nil || i < 0 || i >= len(l) {
			return nil, false
		}
		return g.buildApplied(n, l[i], segs[2:], hole, depth)
	case "not", "if", "then", "else":
		return g.buildApplied(n, n.Get(segs[0]), segs[1:], hole, depth)
	}
	return nil, false
}

// ownObject returns a copy of n's small value when it is an object, else
// an empty object.
func (g *generator) ownObject(n *tree.Node, depth int) map[string]any {
	v, ok := g.min(n, depth+1)
	if m, isMap := v.(map[string]any); ok && isMap {
		return copyMap(m)
	}
	return map[string]any{}
}

// buildObject builds an object holding hole under the property (or
// dependency) that segs names.
func (g *generator) buildObject(n *tree.Node, segs []string, hole any, depth int) (any, bool) {
	if segs[0] == "additionalProperties" {
		v, ok := g.build(n.Get(segs[0]), segs[1:], hole, depth+1)
		if !ok {
			return nil, false
		}
		obj := g.ownObject(n, depth)
		obj["zz_extra"] = v
		return obj, true
	}
	if len(segs) < 2 {
		return nil, false
	}
	sub := n.Get(segs[0]).Get(segs[1])
	obj := g.ownObject(n, depth)
	if segs[0] == "dependencies" || segs[0] == "dependentSchemas" {
		if _, has := obj[segs[1]]; !has {
			v, _ := g.min(n.Get("properties").Get(segs[1]), depth+1)
			obj[segs[1]] = v
		}
		v, ok := g.build(sub, segs[2:], hole, depth+1)
		if !ok {
			return nil, false
		}
		return merge(obj, v), true
	}
	v, ok := g.build(sub, segs[2:], hole, depth+1)
	if !ok {
		return nil, false
	}
	name := segs[1]
	if segs[0] == "patternProperties" {
		name = g.nameMatching(segs[1])
	}
	obj[name] = v
	return obj, true
}

// buildArray builds an array holding hole as the item that segs names.
func (g *generator) buildArray(n *tree.Node, segs []string, hole any, depth int) (any, bool) {
	switch segs[0] {
	case "items":
		it := n.Get("items")
		if it != nil && it.Kind == tree.Seq && len(segs) > 1 {
			return g.buildTuple(n, segs, hole, depth)
		}
		v, ok := g.build(it, segs[1:], hole, depth+1)
		if !ok {
			return nil, false
		}
		arr := []any{v}
		if m, _ := number(n, "minItems"); m != nil {
			k, _ := m.Float64()
			for len(arr) < int(k) && len(arr) < 64 {
				arr = append(arr, v)
			}
		}
		return arr, true
	case "additionalItems":
		arr := []any{}
		for _, s := range seqItems(n, "items") {
			v, _ := g.min(s, depth+1)
			arr = append(arr, v)
		}
		v, ok := g.build(n.Get(segs[0]), segs[1:], hole, depth+1)
		if !ok {
			return nil, false
		}
		return append(arr, v), true
	default: // contains
		v, ok := g.build(n.Get(segs[0]), segs[1:], hole, depth+1)
		if !ok {
			return nil, false
		}
		return []any{v}, true
	}
}

// buildTuple builds an array holding hole at the tuple position segs[1],
// with small items before it.
func (g *generator) buildTuple(n *tree.Node, segs []string, hole any, depth int) (any, bool) {
	i, err := strconv.Atoi(segs[1])
	if err != nil || i < 0 || i > 1000 {
		return nil, false
	}
	arr := make([]any, 0, i+1)
	for j := 0; j < i; j++ {
		v, _ := g.min(itemAt(n, j), depth+1)
		arr = append(arr, v)
	}
	v, ok := g.build(itemAt(n, i), segs[2:], hole, depth+1)
	if !ok {
		return nil, false
	}
	return append(arr, v), true
}

// buildApplied builds a value holding hole in sub, a subschema applied to
// the same instance as n (a combinator branch or condition): an object is
// merged into n's own small object.
func (g *generator) buildApplied(n, sub *tree.Node, rest []string, hole any, depth int) (any, bool) {
	v, ok := g.build(sub, rest, hole, depth+1)
	if !ok {
		return nil, false
	}
	if _, isMap := v.(map[string]any); isMap {
		return merge(g.ownObject(n, depth), v), true
	}
	return v, true
}

// boundaries returns values just inside and outside a schema's numeric
// and length bounds.
func (g *generator) boundaries(n *tree.Node) []any {
	n = n.Deref()
	if n == nil || n.Kind != tree.Map {
		return nil
	}
	var out []any
	for _, upper := range []bool{false, true} {
		if bd := readBound(n, upper); bd.valid {
			for _, d := range []int64{-1, 0, 1} {
				f, _ := new(big.Rat).Add(bd.v, big.NewRat(d, 1)).Float64()
				out = append(out, f)
			}
		}
	}
	for _, key := range []string{"minLength", "maxLength"} {
		if m, _ := number(n, key); m != nil {
			f, _ := m.Float64()
			for _, k := range []int{int(f) - 1, int(f), int(f) + 1} {
				if k >= 0 && k <= 1000 {
					out = append(out, strings.Repeat("a", k))
				}
			}
		}
	}
	return out
}
