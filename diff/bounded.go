package diff

import (
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/eventdiff/eventdiff/tree"
)

// A report echoes what changed, and what changed may be megabytes long: a
// scalar of up to --max-scalar-size, a list of up to --max-nodes items, an
// alias expanded ten thousand times. Every change keeps at most a bounded
// part of each value it carries, cut the same way for every report format,
// and says what it cut (Change.Elided).
const (
	// maxValueBytes bounds the JSON of an old or new value, and of a
	// witness. The largest in the real corpus is 5.6 kB.
	maxValueBytes = 32 << 10
	// maxTextBytes bounds a change's message. The longest in the real
	// corpus is 392 bytes.
	maxTextBytes = 4 << 10
)

// Elision marks where a value was cut: it ends a cut string, is the last
// item of a cut list, and is a key (with itself as value) of a cut map.
const Elision = "…"

// bound cuts the values a change carries to the report's bounds.
func bound(c Change) Change {
	var cut []string
	var ok bool
	if c.Old, ok = boundValue(c.Old, maxValueBytes); ok {
		cut = append(cut, "old")
	}
	if c.New, ok = boundValue(c.New, maxValueBytes); ok {
		cut = append(cut, "new")
	}
	if len(c.Text) > maxTextBytes {
		c.Text = cutString(c.Text, maxTextBytes)
		cut = append(cut, "message")
	}
	if c.Schema != nil && c.Schema.Witness != nil {
		if v, ok := boundValue(c.Schema.Witness.Value, maxValueBytes); ok {
			d, w := *c.Schema, *c.Schema.Witness
			w.Value, d.Witness, c.Schema = v, &w, &d
			cut = append(cut, "witness")
		}
	}
	c.Elided = cut
	return c
}

// elided is a value already cut where it was taken from a document.
type elided struct{ v any }

// boundValue returns v, or a copy of it cut to about limit bytes of JSON,
// and whether it was cut.
func boundValue(v any, limit int) (any, bool) {
	if e, ok := v.(elided); ok {
		return e.v, true
	}
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
		s := cutString(x, max(c.left-2, 0))
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
			c.left -= len(cutString(k, maxTextBytes)) + 3
			out[cutString(k, maxTextBytes)] = c.value(x[k])
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

// cutString cuts s to at most limit bytes, at a character boundary,
// marking the cut.
func cutString(s string, limit int) string {
	if len(s) <= limit {
		return s
	}
	keep := max(limit-len(Elision), 0)
	for keep > 0 && !utf8.RuneStart(s[keep]) {
		keep--
	}
	return s[:keep] + Elision
}

// nodeValue converts n to plain values like Node.Resolved, but once the
// JSON written is past limit bytes it adds no more entries and marks where
// it stopped: cutting that gives what cutting the whole value would, and
// a value of a million nodes is never converted whole. It counts as the
// cutter does, and takes map keys in the cutter's order.
func nodeValue(n *tree.Node, limit int) any {
	refs, left := 10000, limit
	return nodeWalk(n, map[*tree.Node]bool{}, &refs, &left)
}

// minEntryCost is the least a map entry counts for: an empty key (its
// quotes and colon) and an empty string.
const minEntryCost = 3 + 2

// firstKeys returns the k fields whose keys come first, in key order,
// without sorting a map of a million keys to take a few thousand.
func firstKeys(fields []tree.Field, k int) []tree.Field {
	if len(fields) <= 1 {
		return fields
	}
	less := func(a, b tree.Field) int { return strings.Compare(a.Key, b.Key) }
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

func nodeWalk(n *tree.Node, onPath map[*tree.Node]bool, refs, left *int) any {
	if n == nil {
		*left -= scalarCost
		return nil
	}
	*refs--
	if n.Target != nil {
		if onPath[n] || *refs <= 0 {
			*left -= len(n.Ref()) + 11
			return map[string]any{"$ref": n.Ref()}
		}
		onPath[n] = true
		defer delete(onPath, n)
		return nodeWalk(n.Deref(), onPath, refs, left)
	}
	switch n.Kind {
	case tree.Map:
		fields := firstKeys(n.Fields, max(*left, 0)/minEntryCost+1)
		*left -= 2
		m := make(map[string]any, min(len(fields), 64))
		for _, f := range fields {
			if *left < 0 {
				break
			}
			*left -= len(f.Key) + 3
			m[f.Key] = nodeWalk(f.Value, onPath, refs, left)
		}
		if len(m) < len(n.Fields) {
			m[Elision] = Elision
		}
		return m
	case tree.Seq:
		*left -= 2
		s := make([]any, 0, min(len(n.Items), 64))
		for _, it := range n.Items {
			if *left < 0 {
				s = append(s, Elision)
				break
			}
			*left--
			s = append(s, nodeWalk(it, onPath, refs, left))
		}
		return s
	}
	v := n.Interface()
	if s, ok := v.(string); ok {
		*left -= len(s) + 2
	} else {
		*left -= scalarCost
	}
	return v
}
