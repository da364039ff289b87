package diff

import "github.com/eventdiff/eventdiff/tree"

// A report echoes what changed, and what changed may be megabytes long: a
// scalar of up to --max-scalar-size, a list of up to --max-nodes items, an
// alias expanded ten thousand times. Every change keeps at most a bounded
// part of each value it carries, cut the same way for every report format,
// and says what it cut (Change.Elided). tree.Bound says how values are cut.
const (
	// maxValueBytes bounds the JSON of an old or new value, and of a
	// witness. The largest in the real corpus is 5.6 kB.
	maxValueBytes = 32 << 10
	// maxTextBytes bounds a change's message. The longest in the real
	// corpus is 392 bytes.
	maxTextBytes = 4 << 10
)

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
		c.Text = tree.CutString(c.Text, maxTextBytes)
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

// boundValue returns v, or a copy of it cut to about limit bytes of JSON
// (tree.Bound), and whether it was cut.
func boundValue(v any, limit int) (any, bool) {
	if e, ok := v.(elided); ok {
		return e.v, true
	}
	return tree.Bound(v, limit)
}
