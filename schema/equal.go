package schema

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/eventdiff/eventdiff/tree"
)

// sameSchema reports whether two schemas are written the same way once
// references are followed: a renamed, moved or inlined target with the
// same content is the same schema (JS-60, JS-61). Cycles are assumed
// equal while being compared; results that relied on an assumption about
// an enclosing pair are not cached.
func (c *comparer) sameSchema(a, b *tree.Node) bool {
	if a == b {
		return true
	}
	key := pairKey{a, b}
	if v, ok := c.same[key]; ok {
		return v
	}
	if c.eqs == nil {
		c.eqs = &eqState{c: c, onStack: map[pairKey]int{}}
	}
	eq, _ := c.eqs.eq(a, b, 0)
	c.same[key] = eq
	return eq
}

type eqState struct {
	c       *comparer
	onStack map[pairKey]int
}

const noAssumption = math.MaxInt

func (s *eqState) eq(a, b *tree.Node, depth int) (bool, int) {
	viaRef := (a != nil && a.Target != nil) || (b != nil && b.Target != nil)
	a, b = a.Deref(), b.Deref()
	if a == b {
		return true, noAssumption
	}
	if a == nil || b == nil || a.Kind != b.Kind {
		return false, noAssumption
	}
	switch a.Kind {
	case tree.Null:
		return true, noAssumption
	case tree.Bool, tree.String:
		return a.Value == b.Value, noAssumption
	case tree.Number:
		return tree.Equal(a, b), noAssumption
	}
	var key pairKey
	if viaRef {
		key = pairKey{a, b}
		if v, ok := s.c.same[key]; ok {
			return v, noAssumption
		}
		if d, ok := s.onStack[key]; ok {
			return true, d
		}
		s.onStack[key] = depth
		defer delete(s.onStack, key)
	}
	eq, low := true, noAssumption
	if a.Kind == tree.Seq {
		if len(a.Items) != len(b.Items) {
			eq = false
		}
		for i := 0; eq && i < len(a.Items); i++ {
			e, l := s.eq(a.Items[i], b.Items[i], depth+1)
			eq = e
			low = min(low, l)
		}
	} else {
		if len(a.Fields) != len(b.Fields) || !sameDiscriminatedNames(a, b) {
			eq = false
		}
		for i := 0; eq && i < len(a.Fields); i++ {
			f := a.Fields[i]
			var other *tree.Node
			if i < len(b.Fields) && b.Fields[i].Key == f.Key {
				other = b.Fields[i].Value // same order: the common case
			} else {
				other = b.Get(f.Key)
			}
			if other == nil {
				eq = false
				break
			}
			e, l := s.eq(f.Value, other, depth+1)
			eq = e
			low = min(low, l)
		}
	}
	if viaRef && (!eq || low >= depth) {
		s.c.same[key] = eq
	}
	if low >= depth {
		low = noAssumption
	}
	return eq, low
}

// canonical renders a JSON value as text that is equal for equal values:
// map keys sorted, numbers by exact value.
func canonical(n *tree.Node) string {
	var sb strings.Builder
	writeCanonical(&sb, n, 0)
	return sb.String()
}

func writeCanonical(sb *strings.Builder, n *tree.Node, depth int) {
	if n == nil || depth > 64 {
		sb.WriteString("null")
		return
	}
	switch n.Kind {
	case tree.Null:
		sb.WriteString("null")
	case tree.Bool:
		sb.WriteString(n.Value)
	case tree.Number:
		if r, ok := n.NumberValue(); ok {
			sb.WriteString(ratString(r))
		} else {
			sb.WriteString(n.Value)
		}
	case tree.String:
		sb.WriteString(strconv.Quote(n.Value))
	case tree.Seq:
		sb.WriteByte('[')
		for i, it := range n.Items {
			if i > 0 {
				sb.WriteByte(',')
			}
			writeCanonical(sb, it, depth+1)
		}
		sb.WriteByte(']')
	case tree.Map:
		keys := make([]int, len(n.Fields))
		for i := range keys {
			keys[i] = i
		}
		sort.Slice(keys, func(i, j int) bool { return n.Fields[keys[i]].Key < n.Fields[keys[j]].Key })
		sb.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				sb.WriteByte(',')
			}
			sb.WriteString(strconv.Quote(n.Fields[k].Key))
			sb.WriteByte(':')
			writeCanonical(sb, n.Fields[k].Value, depth+1)
		}
		sb.WriteByte('}')
	}
}

// sameDiscriminatedNames: under a discriminator the names of referenced
// schemas are wire values (JS-66), so a renamed target is a difference.
func sameDiscriminatedNames(a, b *tree.Node) bool {
	own := a.Get("discriminator") != nil
	for _, k := range combinatorKeys {
		la, lb := seqItems(a, k), seqItems(b, k)
		for i := 0; i < len(la) && i < len(lb); i++ {
			if la[i].Target == nil || lb[i].Target == nil {
				continue
			}
			if (own || hasDiscriminator(la[i], 2)) && refName(la[i]) != refName(lb[i]) {
				return false
			}
		}
	}
	return true
}
