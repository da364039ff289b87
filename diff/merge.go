package diff

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/eventdiff/eventdiff/tree"
)

// One cause, one finding. An edit in a place several elements share — a
// trait applied to many messages, a component reached from many
// channels — is found again through every element that uses it; merged
// here, it is one change that lists every message and operation it
// reaches, in words that name them all.

// mergeSameEdits folds changes of the same kind, at the same places in
// both documents, with the same values before and after: the same edit
// found through different elements. Schema changes are folded as they
// are found (addDeltas); this catches everything else.
func (d *differ) mergeSameEdits() {
	seen := make(map[string]int, len(d.out))
	folded := map[int]bool{}
	out := d.out[:0]
	for _, c := range d.out {
		key, ok := editKey(&c)
		if !ok {
			out = append(out, c)
			continue
		}
		if j, dup := seen[key]; dup {
			foldInto(&out[j], &c)
			folded[j] = true
			continue
		}
		seen[key] = len(out)
		out = append(out, c)
	}
	d.out = out
	for i := range d.out {
		c := &d.out[i]
		nameEvery(c, "message", c.Messages)
		if folded[i] {
			// Found through several operations (a shared operation trait):
			// the words name them all. Elsewhere an operation named in the
			// words is the one the change is about.
			var ids []string
			for _, o := range c.Operations {
				if o.ID != "" && !slices.Contains(ids, o.ID) {
					ids = append(ids, o.ID)
				}
			}
			nameEvery(c, "operation", ids)
		}
	}
}

// editKey identifies an edit by kind, places (with line and column, so
// two nodes of one pointer in different files never meet) and values.
// Changes without both places are left alone.
func editKey(c *Change) (string, bool) {
	if c.Base == nil || c.Revision == nil || c.Schema != nil {
		return "", false
	}
	vals, err := json.Marshal([]any{c.Old, c.New})
	if err != nil {
		return "", false
	}
	loc := func(l *tree.Location) string { return fmt.Sprintf("%s%s@%d:%d", l.File, l.Pointer, l.Line, l.Column) }
	return c.Kind + "\x00" + loc(c.Base) + "\x00" + loc(c.Revision) + "\x00" + string(vals), true
}

// foldInto adds what another sighting of the same edit reaches.
func foldInto(into, from *Change) {
	into.Operations = mergeOps(into.Operations, from.Operations...)
	into.Messages = mergeStrings(into.Messages, from.Messages...)
	into.Unreferenced = into.Unreferenced && from.Unreferenced
	if into.Channel != from.Channel {
		into.Channel = "" // it is no one channel's
	}
	if into.Compat == "" {
		into.Compat = from.Compat
	}
}

// nameEvery rewrites "message A" in the words of a change that reaches
// several messages into "messages A, B and C" (or operations), so a
// finding on a shared element never names only the first one found.
func nameEvery(c *Change, what string, names []string) {
	if len(names) < 2 {
		return
	}
	for _, m := range names {
		i := indexWord(c.Text, what+" "+m)
		if i < 0 {
			continue
		}
		c.Text = c.Text[:i] + what + "s " + listNames(names, 5) + c.Text[i+len(what+" "+m):]
		return
	}
}

// indexWord finds s in text where it ends a word: "message A" in
// "message A: …" but not in "message AB".
func indexWord(text, s string) int {
	for from := 0; ; {
		i := strings.Index(text[from:], s)
		if i < 0 {
			return -1
		}
		end := from + i + len(s)
		if end == len(text) || strings.ContainsRune(" :,.;)", rune(text[end])) {
			return from + i
		}
		from += i + 1
	}
}
