package tree

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// Kind is the JSON type of a node.
type Kind uint8

// The node kinds. YAML scalars are mapped to their JSON equivalent.
const (
	Null Kind = iota
	Bool
	Number
	String
	Map
	Seq
)

func (k Kind) String() string {
	switch k {
	case Null:
		return "null"
	case Bool:
		return "boolean"
	case Number:
		return "number"
	case String:
		return "string"
	case Map:
		return "object"
	case Seq:
		return "array"
	}
	return "unknown"
}

// A Node is one value of a parsed document with the place it was written.
//
// Nodes form a tree per file; YAML aliases share nodes, so the whole is a DAG.
// A `{$ref: ...}` object keeps its fields and points at its resolved target
// through Target, which may close a cycle (recursive schemas).
//
// A document has up to millions of nodes, so the fields are laid out to
// leave no padding: 112 bytes on 64-bit machines.
type Node struct {
	Kind   Kind
	marks  uint8   // walk marks of one walker (see Mark); fits in Kind's padding
	Line   int32   // where the value is written (a collection: its key)
	Value  string  // scalar text; numbers in their literal form, booleans "true"/"false"
	Fields []Field // Map entries in document order
	Items  []*Node // Seq entries

	Parent *Node // nil for a file's root
	Index  int32 // position in Parent.Fields or Parent.Items
	Col    int32
	File   *File

	Target *Node     // resolved target when this node is a Reference Object
	index  *keyTable // key → position, in large maps
}

// Field is one key/value entry of a map node.
type Field struct {
	Key   string
	Value *Node
}

// File is one parsed file of a document.
type File struct {
	Name string // display name: the path as the user gave it, joined with relative refs
	Rev  string // the git revision it was read from ("" for the working tree)
	// Path is the file's slash path relative to the root of the document
	// it was loaded with, as `$ref`s named it (a URL for a remote file):
	// what shares a file between references and finds it in another
	// revision. The loader sets it.
	Path string
	Root *Node
	JSON bool
}

// Mark is a bit a walker sets on the nodes it has visited: a loader visits
// every node a few times, and a mark on the node is much cheaper than a
// visited map over a million nodes. The bits are the walkers' to assign.
type Mark uint8

// SetMark sets m on the node.
func (n *Node) SetMark(m Mark) { n.marks |= uint8(m) }

// HasMark reports whether m is set on the node.
func (n *Node) HasMark(m Mark) bool { return n != nil && n.marks&uint8(m) != 0 }

// mapIndexThreshold is the map size above which Get uses a hash index.
const mapIndexThreshold = 12

// Get returns the value of key in a map node, or nil.
func (n *Node) Get(key string) *Node {
	if n == nil || n.Kind != Map {
		return nil
	}
	if n.index != nil {
		if i, _ := n.index.find(key, n.fieldKey); i >= 0 {
			return n.Fields[i].Value
		}
		return nil
	}
	for i := range n.Fields {
		if n.Fields[i].Key == key {
			return n.Fields[i].Value
		}
	}
	return nil
}

func (n *Node) fieldKey(i int) string { return n.Fields[i].Key }

// BuildIndex prepares fast lookups on a large map; whoever builds or
// reorders a map's fields calls it once, so later concurrent readers never
// write.
func (n *Node) BuildIndex() {
	n.index = nil
	if len(n.Fields) <= mapIndexThreshold {
		return
	}
	n.index = newKeyTable(len(n.Fields))
	for i := range n.Fields {
		if j, slot := n.index.find(n.Fields[i].Key, n.fieldKey); j < 0 {
			n.index.insert(slot, i, n.fieldKey)
		}
	}
}

// Has reports whether a map node has the key.
func (n *Node) Has(key string) bool { return n.Get(key) != nil }

// Str returns the scalar text of key in a map node ("" when absent or not a scalar).
func (n *Node) Str(key string) string {
	v := n.Get(key)
	if v == nil || v.Kind == Map || v.Kind == Seq || v.Kind == Null {
		return ""
	}
	return v.Value
}

// Text returns the scalar text of the node itself.
func (n *Node) Text() string {
	if n == nil || n.Kind == Map || n.Kind == Seq || n.Kind == Null {
		return ""
	}
	return n.Value
}

// IsTrue reports whether the node is the boolean true.
func (n *Node) IsTrue() bool { return n != nil && n.Kind == Bool && n.Value == "true" }

// Ref returns the `$ref` string of a Reference Object, or "".
func (n *Node) Ref() string {
	if n == nil || n.Kind != Map {
		return ""
	}
	v := n.Get("$ref")
	if v == nil || v.Kind != String {
		return ""
	}
	return v.Value
}

// maxRefHops bounds following chains of references that were resolved at load time.
const maxRefHops = 64

// Deref follows resolved references until it reaches a node that is not one.
// Unresolved references are returned as they are.
func (n *Node) Deref() *Node {
	for i := 0; n != nil && n.Target != nil && i < maxRefHops; i++ {
		n = n.Target
	}
	return n
}

// Strings returns the scalar items of a sequence node.
func (n *Node) Strings() []string {
	if n == nil || n.Kind != Seq {
		return nil
	}
	out := make([]string, 0, len(n.Items))
	for _, it := range n.Items {
		if it.Kind != Map && it.Kind != Seq {
			out = append(out, it.Value)
		}
	}
	return out
}

// Pointer returns the RFC 6901 JSON pointer of the node within its file.
func (n *Node) Pointer() string {
	if n == nil {
		return ""
	}
	var parts []string
	for c := n; c.Parent != nil; c = c.Parent {
		p := c.Parent
		switch p.Kind {
		case Map:
			parts = append(parts, EscapePointer(p.Fields[c.Index].Key))
		case Seq:
			parts = append(parts, strconv.Itoa(int(c.Index)))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	var b strings.Builder
	for i := len(parts) - 1; i >= 0; i-- {
		b.WriteByte('/')
		b.WriteString(parts[i])
	}
	return b.String()
}

// Key returns the map key under which the node sits in its parent, or "".
func (n *Node) Key() string {
	if n == nil || n.Parent == nil || n.Parent.Kind != Map {
		return ""
	}
	return n.Parent.Fields[n.Index].Key
}

// EscapePointer escapes one JSON pointer segment.
func EscapePointer(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// UnescapePointer reverses EscapePointer.
func UnescapePointer(s string) string {
	if !strings.Contains(s, "~") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "~1", "/"), "~0", "~")
}

// Warning is a problem that does not stop the diff: the document is
// recognisably AsyncAPI but not strictly valid, or something was skipped.
type Warning struct {
	File string
	Line int
	Msg  string
}

func (w Warning) String() string {
	msg := clipQuoted(w.Msg)
	if w.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", w.File, w.Line, msg)
	}
	if w.File != "" {
		return w.File + ": " + msg
	}
	return msg
}

// Location says where something is written.
type Location struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Pointer string `json:"pointer"`
	Rev     string `json:"rev,omitempty"` // the git revision File was read from: File is "REV:path"
}

// WorkingPath is the file's path in the working tree, without the
// "REV:" of a file read from a git revision (GitHub annotations and blob
// links need it).
func (l *Location) WorkingPath() string {
	if l.Rev != "" {
		return strings.TrimPrefix(l.File, l.Rev+":")
	}
	return l.File
}

// Loc returns the location of the node. A nil node has the zero location.
func (n *Node) Loc() *Location {
	if n == nil {
		return nil
	}
	l := &Location{Line: int(n.Line), Column: int(n.Col), Pointer: "#" + n.Pointer()}
	if n.File != nil {
		l.File, l.Rev = n.File.Name, n.File.Rev
	}
	return l
}

// Interface converts the node to plain Go values (map[string]any, []any,
// string, float64, bool, nil); a number too large for float64 stays its
// literal text. References are kept as written, so cycles cannot occur.
func (n *Node) Interface() any {
	if n == nil {
		return nil
	}
	switch n.Kind {
	case Null:
		return nil
	case Bool:
		return n.Value == "true"
	case Number:
		if f, err := strconv.ParseFloat(n.Value, 64); err == nil {
			return f
		}
		return n.Value
	case String:
		return n.Value
	case Map:
		m := make(map[string]any, len(n.Fields))
		for _, f := range n.Fields {
			m[f.Key] = f.Value.Interface()
		}
		return m
	case Seq:
		s := make([]any, len(n.Items))
		for i, it := range n.Items {
			s[i] = it.Interface()
		}
		return s
	}
	return nil
}

// NumberValue parses a number node exactly.
func (n *Node) NumberValue() (*big.Rat, bool) {
	if n == nil || n.Kind != Number {
		return nil, false
	}
	r, ok := new(big.Rat).SetString(n.Value)
	return r, ok
}

// Equal reports whether two nodes hold the same JSON value: maps compare as
// unordered, numbers by value, references by their `$ref` text.
func Equal(a, b *Node) bool {
	if a == b {
		return true
	}
	if a == nil || b == nil {
		return false
	}
	if a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case Null:
		return true
	case Bool, String:
		return a.Value == b.Value
	case Number:
		if a.Value == b.Value {
			return true
		}
		x, ok1 := a.NumberValue()
		y, ok2 := b.NumberValue()
		return ok1 && ok2 && x.Cmp(y) == 0
	case Seq:
		if len(a.Items) != len(b.Items) {
			return false
		}
		for i := range a.Items {
			if !Equal(a.Items[i], b.Items[i]) {
				return false
			}
		}
		return true
	case Map:
		if len(a.Fields) != len(b.Fields) {
			return false
		}
		for _, f := range a.Fields {
			if !Equal(f.Value, b.Get(f.Key)) {
				return false
			}
		}
		return true
	}
	return false
}

// EqualResolved is Equal seen through references: a `$ref` compares as
// its target, so moving a definition behind a reference changes nothing.
// Cycles are assumed equal when met again (the only consistent answer).
func EqualResolved(a, b *Node) bool {
	return equalResolved(a, b, map[[2]*Node]bool{})
}

func equalResolved(a, b *Node, seen map[[2]*Node]bool) bool {
	a, b = a.Deref(), b.Deref()
	if a == b {
		return true
	}
	if a == nil || b == nil || a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case Map:
		key := [2]*Node{a, b}
		if seen[key] {
			return true
		}
		seen[key] = true
		if len(a.Fields) != len(b.Fields) {
			return false
		}
		for _, f := range a.Fields {
			if !equalResolved(f.Value, b.Get(f.Key), seen) {
				return false
			}
		}
		return true
	case Seq:
		if len(a.Items) != len(b.Items) {
			return false
		}
		for i := range a.Items {
			if !equalResolved(a.Items[i], b.Items[i], seen) {
				return false
			}
		}
		return true
	}
	return Equal(a, b)
}

// Entries returns the fields of a map node; nil for anything else (nil included).
func (n *Node) Entries() []Field {
	if n == nil || n.Kind != Map {
		return nil
	}
	return n.Fields
}

// Elems returns the items of a sequence node; nil for anything else (nil included).
func (n *Node) Elems() []*Node {
	if n == nil || n.Kind != Seq {
		return nil
	}
	return n.Items
}

// nodeArena hands out nodes from chunks: a document has hundreds of
// thousands of nodes that all live as long as it does, and allocating
// them one by one costs the parsers a third of their time.
type nodeArena struct {
	chunk []Node
	next  int // size of the next chunk: small files stay small
}

func (a *nodeArena) alloc() *Node {
	if len(a.chunk) == 0 {
		a.next = min(max(2*a.next, 16), 1024)
		a.chunk = make([]Node, a.next)
	}
	n := &a.chunk[0]
	a.chunk = a.chunk[1:]
	return n
}
