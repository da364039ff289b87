package diff

import (
	"crypto/sha256"
	"encoding/hex"
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
	// BasePlace and RevisionPlace name Base and Revision by identity, free
	// of file names, revisions and list order (see identify): what
	// fingerprints and ignores match.
	BasePlace, RevisionPlace string
	Old, New                 any
	// Elided names what was cut to the report's bounds: "old", "new",
	// "message", "witness" (see bounded.go).
	Elided []string

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

// Fingerprint identifies a change across runs from what the change is
// and where it is in the document model: the rule, both places by
// identity and the direction the element travels (given by the caller,
// which judges it). File names, revisions, line numbers and list order
// leave it unchanged, so the same change has the same fingerprint whether
// the base is v1.4.0, HEAD~1 or a full sha, and after the file is copied
// to another name.
func (c *Change) Fingerprint(direction string) string {
	h := sha256.New()
	for _, s := range []string{c.Kind, c.BasePlace, c.RevisionPlace, direction} {
		h.Write([]byte(s))
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
