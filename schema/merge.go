package schema

import (
	"github.com/eventdiff/eventdiff/tree"
)

// An allOf is the conjunction of its members. When the members constrain
// different things (separate properties, one type, their own required
// names), the conjunction can be written as one schema exactly, and
// comparing that schema with a plain one judges the keywords together
// instead of member by member: an open object rewritten as the allOf of two
// open objects with the same properties and required names is no change.

// maxMergeParts bounds the members a merge looks at; past it the allOf is
// compared member by member as before.
const maxMergeParts = 32

// mergeResult caches mergedAllOf per node (nil: not mergeable).
type mergeResult struct{ n *tree.Node }

// mergeBlockers are keywords whose meaning depends on sibling keywords of
// the same schema object (additionalProperties sees only its own
// properties), so moving them into a merged object would change what they
// accept.
var mergeBlockers = map[string]bool{
	"additionalProperties": true, "patternProperties": true, "additionalItems": true,
	"unevaluatedProperties": true, "unevaluatedItems": true, "$ref": true, "discriminator": true,
}

// mergedAllOf returns n, an allOf with or without keywords of its own, as
// one schema that accepts exactly the same values, or nil when the members
// cannot be merged exactly. Property schemas and required names keep their
// nodes, so what is reported inside still points where it is written.
func (c *comparer) mergedAllOf(n *tree.Node) *tree.Node {
	n = n.Deref()
	if n == nil || n.Kind != tree.Map || len(seqItems(n, "allOf")) == 0 {
		return nil
	}
	if r, ok := c.merges[n]; ok {
		return r.n
	}
	if c.merges == nil {
		c.merges = map[*tree.Node]mergeResult{}
	}
	var parts []*tree.Node
	var m *tree.Node
	if c.allOfParts(n, 0, &parts) {
		m = c.mergeParts(n, parts)
	}
	c.merges[n] = mergeResult{m}
	return m
}

// allOfParts lists n and, recursively, its allOf members.
func (c *comparer) allOfParts(n *tree.Node, depth int, out *[]*tree.Node) bool {
	n = n.Deref()
	switch {
	case n == nil || depth > 4 || len(*out) >= maxMergeParts:
		return false
	case n.Kind == tree.Bool:
		return n.Value == "true" // a `true` member adds nothing; `false` is not an object
	case n.Kind != tree.Map:
		return false
	}
	for _, f := range n.Fields {
		if mergeBlockers[f.Key] && (f.Key == "$ref" || f.Key == "discriminator" || !c.isTrue(f.Value)) {
			return false
		}
	}
	if n.Get("if") == nil && (n.Get("then") != nil || n.Get("else") != nil) {
		return false // ignored here, but beside another member's `if` they would apply
	}
	*out = append(*out, n)
	for _, m := range seqItems(n, "allOf") {
		if !c.allOfParts(m, depth+1, out) {
			return false
		}
	}
	return true
}

// mergeParts writes the conjunction of parts as one schema located at n,
// or returns nil when two parts constrain the same thing differently.
func (c *comparer) mergeParts(n *tree.Node, parts []*tree.Node) *tree.Node {
	merged := &tree.Node{Kind: tree.Map, Parent: n.Parent, Index: n.Index, Line: n.Line, Col: n.Col, File: n.File}
	var props, required *tree.Node
	has := map[string]*tree.Node{}
	seenReq := map[string]bool{}
	for _, part := range parts {
		for _, f := range part.Fields {
			switch {
			case f.Key == "allOf":
			case f.Key == "properties":
				if f.Value.Kind != tree.Map {
					return nil
				}
				if props == nil {
					props = synthesized(tree.Map, f.Value)
					merged.Fields = append(merged.Fields, tree.Field{Key: "properties", Value: props})
				}
				for _, pf := range f.Value.Fields {
					if prev := props.Get(pf.Key); prev != nil {
						if !c.sameSchema(prev.Deref(), pf.Value.Deref()) {
							return nil // one property constrained twice
						}
						continue
					}
					props.Fields = append(props.Fields, pf)
				}
			case f.Key == "required":
				if f.Value.Kind != tree.Seq {
					return nil
				}
				if required == nil {
					required = synthesized(tree.Seq, f.Value)
					merged.Fields = append(merged.Fields, tree.Field{Key: "required", Value: required})
				}
				for _, it := range f.Value.Items {
					if it.Kind == tree.String && !seenReq[it.Value] {
						seenReq[it.Value] = true
						required.Items = append(required.Items, it)
					}
				}
			case has[f.Key] != nil:
				if (c.isAssertion(f.Key) || f.Key == "nullable") && !tree.EqualResolved(has[f.Key], f.Value) {
					return nil // the same keyword twice: would need its own conjunction
				}
			default:
				has[f.Key] = f.Value
				merged.Fields = append(merged.Fields, f)
			}
		}
	}
	for _, s := range []*tree.Node{merged, props} {
		if s != nil {
			s.BuildIndex()
		}
	}
	return merged
}

// synthesized is a container node made by a merge, placed where its first
// source is written.
func synthesized(kind tree.Kind, at *tree.Node) *tree.Node {
	return &tree.Node{Kind: kind, Parent: at.Parent, Index: at.Index, Line: at.Line, Col: at.Col, File: at.File}
}

// flatten decides whether a pair is compared through merged allOfs: a
// plain schema against an allOf that merges into one schema, or two allOfs
// whose members do not pair up one to one. It returns the schemas to
// compare and, when it merged, which side was rewritten.
func (c *comparer) flatten(b, r *tree.Node) (*tree.Node, *tree.Node, string) {
	ab, ar := len(seqItems(b, "allOf")) > 0, len(seqItems(r, "allOf")) > 0
	plain := func(n *tree.Node) bool {
		return n != nil && n.Kind == tree.Map && !hasCombinator(n) && !c.isTrue(n)
	}
	// A plain schema that is one of the members is better told as members
	// added to it (or removed), as the allOf is compared without merging.
	switch {
	case ab && !ar && plain(r) && !c.sameMembers([]*tree.Node{r}, seqItems(b, "allOf")):
		if m := c.mergedAllOf(b); m != nil {
			return m, r, "base"
		}
	case ar && !ab && plain(b) && !c.sameMembers([]*tree.Node{b}, seqItems(r, "allOf")):
		if m := c.mergedAllOf(r); m != nil {
			return b, m, "revision"
		}
	case ab && ar:
		lb, lr := seqItems(b, "allOf"), seqItems(r, "allOf")
		if c.sameMembers(lb, lr) || c.sameMembers(lr, lb) {
			return b, r, "" // members only added or removed
		}
		if pairs := c.match(lb, lr); len(lb) == len(lr) && len(pairs) == len(lb) && !movedBetween(lb, lr, pairs) {
			return b, r, "" // members changed one by one
		}
		mb, mr := c.mergedAllOf(b), c.mergedAllOf(r)
		if mb != nil && mr != nil {
			return mb, mr, "both"
		}
	}
	return b, r, ""
}

var mergedReason = map[string]string{
	"base":     "the schema was an `allOf` whose members merge into one schema and is now written as that schema; the rewrite accepts the same values, and the schemas are compared as one",
	"revision": "the schema is now written as an `allOf` whose members merge into one schema; the rewrite accepts the same values, and the schemas are compared as one",
	"both":     "the members of the `allOf` were regrouped; each side is compared as the one schema its members merge into",
}

// sameMembers reports whether every member of a is written the same as a
// member of b.
func (c *comparer) sameMembers(a, b []*tree.Node) bool {
	for _, m := range a {
		found := false
		for _, o := range b {
			if m.Deref() == o.Deref() || c.sameSchema(m.Deref(), o.Deref()) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// movedBetween reports a property (or required name) that the paired
// members do not share but another member of the other side declares:
// it moved from one member to another.
func movedBetween(lb, lr []*tree.Node, pairs [][2]int) bool {
	names := func(n *tree.Node) map[string]bool {
		n = n.Deref()
		out := map[string]bool{}
		for _, f := range fields(n, "properties") {
			out[f.Key] = true
		}
		for _, s := range n.Get("required").Strings() {
			out[s] = true
		}
		return out
	}
	all := func(l []*tree.Node) map[string]int {
		out := map[string]int{}
		for _, m := range l {
			for k := range names(m) {
				out[k]++
			}
		}
		return out
	}
	inB, inR := all(lb), all(lr)
	for _, pr := range pairs {
		nb, nr := names(lb[pr[0]]), names(lr[pr[1]])
		for k := range nb {
			if !nr[k] && inR[k] > 0 {
				return true
			}
		}
		for k := range nr {
			if !nb[k] && inB[k] > 0 {
				return true
			}
		}
	}
	return false
}

// unsatisfiable reports an allOf whose members provably contradict each
// other (two of them disjoint): the schema accepts no value at all. Two
// such schemas accept the same (nothing), whatever their keywords say.
func (c *comparer) unsatisfiable(n *tree.Node) bool {
	if c.isEmpty(n) {
		return true
	}
	l := seqItems(n, "allOf")
	if len(l) < 2 || len(l) > 8 {
		return false
	}
	for i := range l {
		for j := i + 1; j < len(l); j++ {
			if l[i].Deref() != n && l[j].Deref() != n && c.disjoint(l[i], l[j], 3) {
				return true
			}
		}
	}
	return false
}
