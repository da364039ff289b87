package tree

import (
	"encoding/json"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// A report echoes values written in documents, and a value may be
// megabytes long (a scalar of up to --max-scalar-size, a list of up to
// --max-nodes items, an alias expanded ten thousand times). Bound and
// ResolvedUpTo cut a value to a number of bytes of its JSON, the same way
// whichever way the value comes: map keys in order (the order JSON writes
// them, so the cut is deterministic), list items in order, and Elision
// where they stopped.

// Elision marks where a value was cut: it ends a cut string, is the last
// item of a cut list, and is a key (with itself as value) of a cut map.
const Elision = "…"

// Bound returns v, or a copy of it cut to about limit bytes of JSON, and
// whether it was cut. v is made of plain values (maps, lists, strings,
// numbers, booleans, nil, as Interface returns them); anything else is
// seen as its JSON.
func Bound(v any, limit int) (any, bool) {
	if fits(v, limit) {
		return v, false
	}
	c := &cutter{left: limit}
	return c.value(v), true
}

// fits reports whether the JSON of v is within limit bytes, looking at no
// more of v than that.
func fits(v any, limit int) bool {
	left := limit
	var walk func(any) bool
	walk = func(v any) bool {
		switch x := v.(type) {
		case string:
			left -= len(x) + 2
		case []any:
			left -= 2
			for _, it := range x {
				if left--; left < 0 || !walk(it) {
					return false
				}
			}
		case []string:
			left -= 2
			for _, it := range x {
				if left -= len(it) + 3; left < 0 {
					return false
				}
			}
		case map[string]any:
			left -= 2
			for k, it := range x {
				if left -= len(k) + 3; left < 0 || !walk(it) {
					return false
				}
			}
		case nil, bool, float64, int, int64, json.Number:
			left -= scalarCost
		default:
			b, err := json.Marshal(x)
			left -= len(b)
			if err != nil {
				return false
			}
		}
		return left >= 0
	}
	return walk(v)
}

// scalarCost is what a number, a boolean or null counts for.
const scalarCost = 8

// cutter copies a value while its budget lasts: map keys in order (the
// order JSON writes them), list items in order, then the elision marker.
type cutter struct{ left int }

func (c *cutter) value(v any) any {
	switch x := v.(type) {
	case string:
		if len(x)+2 <= c.left {
			c.left -= len(x) + 2
			return x
		}
		s := CutString(x, max(c.left-2, 0))
		c.left = 0
		return s
	case []any:
		c.left -= 2
		out := make([]any, 0, min(len(x), 64))
		for _, it := range x {
			if c.left <= 0 {
				return append(out, Elision)
			}
			c.left--
			out = append(out, c.value(it))
		}
		return out
	case []string:
		out := make([]any, len(x))
		for i, s := range x {
			out[i] = s
		}
		return c.value(out)
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		c.left -= 2
		out := make(map[string]any, min(len(x), 64))
		for _, k := range keys {
			if c.left <= 0 {
				out[Elision] = Elision
				return out
			}
			c.left -= len(CutString(k, maxKeyBytes)) + 3
			out[CutString(k, maxKeyBytes)] = c.value(x[k])
		}
		return out
	case nil, bool, float64, int, int64, json.Number:
		c.left -= scalarCost
		return x
	}
	// Anything else is seen as its JSON.
	b, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	var plain any
	if err := json.Unmarshal(b, &plain); err != nil {
		return nil
	}
	return c.value(plain)
}

// maxKeyBytes bounds a map key kept in a cut value.
const maxKeyBytes = 4 << 10

// CutString cuts s to at most limit bytes, at a character boundary,
// marking the cut.
func CutString(s string, limit int) string {
	if len(s) <= limit {
		return s
	}
	keep := max(limit-len(Elision), 0)
	for keep > 0 && !utf8.RuneStart(s[keep]) {
		keep--
	}
	return s[:keep] + Elision
}

// ResolvedUpTo converts the node like Resolved, but once the JSON written
// is past limit bytes it adds no more entries and marks where it stopped:
// Bound then cuts the result as it would cut the whole value, and a value
// of a million nodes is never converted whole. It counts as Bound does,
// and takes map keys in Bound's order.
func (n *Node) ResolvedUpTo(limit int) any {
	w := &resolver{refs: 10000, left: limit, limited: true, onPath: map[*Node]bool{}}
	return w.walk(n)
}

// Resolved converts the node to plain Go values like Interface, but with
// references replaced by their targets. A reference met again inside its
// own target (a cycle), or met after a budget of expanded nodes is spent,
// stays as written, so the result is always small and finite.
func (n *Node) Resolved() any {
	w := &resolver{refs: 10000, left: math.MaxInt, onPath: map[*Node]bool{}}
	return w.walk(n)
}

// resolver walks a node for Resolved and ResolvedUpTo.
type resolver struct {
	onPath  map[*Node]bool // references being expanded: met again, a cycle
	refs    int            // nodes left to expand references in
	left    int            // bytes of JSON left, when limited
	limited bool
}

// minEntryCost is the least a map entry counts for: an empty key (its
// quotes and colon) and an empty string.
const minEntryCost = 3 + 2

// firstKeys returns the k fields whose keys come first, in key order,
// without sorting a map of a million keys to take a few thousand.
func firstKeys(fields []Field, k int) []Field {
	if len(fields) <= 1 {
		return fields
	}
	less := func(a, b Field) int { return strings.Compare(a.Key, b.Key) }
	if len(fields) <= k {
		out := slices.Clone(fields)
		slices.SortFunc(out, less)
		return out
	}
	// Keep the k smallest in a max-heap, then sort them.
	h := slices.Clone(fields[:k])
	heapify := func(i int) {
		for {
			big, l, r := i, 2*i+1, 2*i+2
			if l < len(h) && h[l].Key > h[big].Key {
				big = l
			}
			if r < len(h) && h[r].Key > h[big].Key {
				big = r
			}
			if big == i {
				return
			}
			h[i], h[big] = h[big], h[i]
			i = big
		}
	}
	for i := len(h)/2 - 1; i >= 0; i-- {
		heapify(i)
	}
	for _, f := range fields[k:] {
		if f.Key < h[0].Key {
			h[0] = f
			heapify(0)
		}
	}
	slices.SortFunc(h, less)
	return h
}

func (w *resolver) walk(n *Node) any {
	if n == nil {
		w.left -= scalarCost
		return nil
	}
	w.refs--
	if n.Target != nil {
		if w.onPath[n] || w.refs <= 0 {
			w.left -= len(n.Ref()) + 11
			return map[string]any{"$ref": n.Ref()}
		}
		w.onPath[n] = true
		defer delete(w.onPath, n)
		return w.walk(n.Deref())
	}
	switch n.Kind {
	case Map:
		fields := n.Fields
		if w.limited {
			fields = firstKeys(n.Fields, max(w.left, 0)/minEntryCost+1)
		}
		w.left -= 2
		m := make(map[string]any, min(len(fields), 1024))
		for _, f := range fields {
			if w.limited && w.left < 0 {
				break
			}
			w.left -= len(f.Key) + 3
			m[f.Key] = w.walk(f.Value)
		}
		if len(m) < len(n.Fields) {
			m[Elision] = Elision
		}
		return m
	case Seq:
		w.left -= 2
		s := make([]any, 0, min(len(n.Items), 1024))
		for _, it := range n.Items {
			if w.limited && w.left < 0 {
				return append(s, Elision)
			}
			w.left--
			s = append(s, w.walk(it))
		}
		return s
	}
	v := n.Interface()
	if s, ok := v.(string); ok {
		w.left -= len(s) + 2
	} else {
		w.left -= scalarCost
	}
	return v
}
