package diff

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sort"
	"strings"

	"github.com/eventdiff/eventdiff/schema"
	"github.com/eventdiff/eventdiff/spec"
	"github.com/eventdiff/eventdiff/tree"
)

// Change is one difference between the base and the revision.
type Change struct {
	Kind    string // what changed; the id of the rule that judges it
	Subject string // the kind of element: document, server, channel, operation, message, payload, headers, parameter, ...
	Text    string // what changed, in words

	Channel    string   // address (or id) of the channel concerned, if any
	Operations []OpRef  // operations that reach the element, which decide its direction
	Messages   []string // labels of the messages concerned, if any
	Compat     string   // x-eventdiff-compatibility of the message, if declared
	// Unreferenced marks a change inside a component that nothing in the
	// document uses: no peer depends on it yet.
	Unreferenced bool

	Base     *tree.Location // where it was (nil when it did not exist)
	Revision *tree.Location // where it is; for removals the closest surviving parent
	Old, New any

	// Schema is set for changes found by a schema engine.
	Schema *schema.Delta
}

// OpRef names an operation and what the application does with the element
// through it. Through a reply, the action is the inverse of the operation's.
type OpRef struct {
	ID      string      `json:"id"`
	Action  spec.Action `json:"action"`
	Channel string      `json:"channel"`
	Reply   bool        `json:"reply,omitempty"`
	Compat  string      `json:"compatibility,omitempty"` // x-eventdiff-compatibility of the operation
}

// Fingerprint identifies a change across runs: it leaves out line numbers,
// so moving text around a file keeps it stable.
func (c *Change) Fingerprint() string {
	h := sha256.New()
	write := func(s string) { h.Write([]byte(s)); h.Write([]byte{0}) }
	write(c.Kind)
	write(c.Subject)
	write(c.Channel)
	for _, m := range c.Messages {
		write(m)
	}
	for _, l := range []*tree.Location{c.Base, c.Revision} {
		if l != nil {
			write(l.File)
			write(l.Pointer)
		} else {
			write("-")
		}
	}
	for _, v := range []any{c.Old, c.New} {
		b, _ := json.Marshal(v)
		h.Write(b)
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// sortKey orders changes deterministically whatever the map order was.
func (c *Change) sortKey() string {
	var b strings.Builder
	b.WriteString(c.Channel)
	b.WriteByte(0)
	if len(c.Operations) > 0 {
		b.WriteString(c.Operations[0].ID)
	}
	b.WriteByte(0)
	b.WriteString(strings.Join(c.Messages, ","))
	b.WriteByte(0)
	b.WriteString(c.Kind)
	b.WriteByte(0)
	for _, l := range []*tree.Location{c.Base, c.Revision} {
		if l != nil {
			b.WriteString(l.File)
			b.WriteString(l.Pointer)
		}
		b.WriteByte(0)
	}
	b.WriteString(c.Text)
	return b.String()
}

// Sort orders changes by channel, operation, message, kind and place.
func Sort(cs []Change) {
	keys := make([]string, len(cs))
	for i := range cs {
		keys[i] = cs[i].sortKey()
	}
	idx := make([]int, len(cs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return keys[idx[a]] < keys[idx[b]] })
	out := make([]Change, len(cs))
	for i, j := range idx {
		out[i] = cs[j]
	}
	copy(cs, out)
}
