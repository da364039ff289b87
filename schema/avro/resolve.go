package avro

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/eventdiff/eventdiff/tree"
)

// checker answers "can a reader with schema R read data written with
// schema W?" the way Avro's SchemaCompatibility does: a writer union needs
// every branch readable, a reader union needs one branch that reads the
// writer, named types match by short name or reader alias, record fields
// by name or reader alias (missing ones need a reader default), enums need
// every writer symbol or a reader default. Logical types are ignored, as
// the Java checker ignores them.
//
// The comparer uses it where a local view is not enough (union branches
// that another branch can read); tests use it as an oracle for the
// comparer's combined effect.
type checker struct {
	memo  map[[2]*avroType]uint8
	index map[*avroType]*unionIndex
}

// unionIndex finds the branches of a reader union that may read a writer
// type without trying them all: named branches by their short name and
// the short names of their aliases, the rest (at most a few unnamed
// types, plus unresolved or invalid branches) always.
type unionIndex struct {
	named map[string][]*avroType
	other []*avroType
}

func (c *checker) unionIndex(u *avroType) *unionIndex {
	if ix, ok := c.index[u]; ok {
		return ix
	}
	ix := &unionIndex{named: map[string][]*avroType{}}
	for _, b := range u.branches {
		bt := b.t.deref()
		if !bt.kind.named() {
			ix.other = append(ix.other, bt)
			continue
		}
		keys := map[string]bool{bt.name: true}
		for _, a := range bt.aliases {
			keys[shortName(a)] = true
		}
		for k := range keys {
			ix.named[k] = append(ix.named[k], bt)
		}
	}
	c.index[u] = ix
	return ix
}

const (
	checking uint8 = iota + 1
	readable
	unreadable
)

func newChecker() *checker {
	return &checker{memo: map[[2]*avroType]uint8{}, index: map[*avroType]*unionIndex{}}
}

func (c *checker) canRead(reader, writer *avroType) bool {
	r, w := reader.deref(), writer.deref()
	if r == nil || w == nil {
		return false
	}
	if w.kind == kUnion {
		for _, b := range w.branches {
			if !c.canRead(r, b.t) {
				return false
			}
		}
		return true
	}
	if r.kind == kUnion {
		ix := c.unionIndex(r)
		if w.kind.named() {
			for _, b := range ix.named[w.name] {
				if c.canRead(b, w) {
					return true
				}
			}
		}
		for _, b := range ix.other {
			if c.canRead(b, w) {
				return true
			}
		}
		return false
	}
	if r.kind == kInvalid || w.kind == kInvalid {
		return false
	}
	if r.kind == kRef || w.kind == kRef {
		return r.kind == kRef && w.kind == kRef && sameUnresolved(r, w)
	}
	if r.kind != w.kind {
		return promotes(w.kind, r.kind) || (w.kind == kString && r.kind == kBytes) || (w.kind == kBytes && r.kind == kString)
	}
	if r.kind.primitive() {
		return true
	}
	// Complex types: memoise, assuming success while a pair is being
	// checked so recursive types terminate (a co-inductive reading, as
	// Avro's checker does).
	key := [2]*avroType{r, w}
	switch c.memo[key] {
	case checking, readable:
		return true
	case unreadable:
		return false
	}
	c.memo[key] = checking
	ok := c.complex(r, w)
	if ok {
		c.memo[key] = readable
	} else {
		c.memo[key] = unreadable
	}
	return ok
}

func (c *checker) complex(r, w *avroType) bool {
	switch r.kind {
	case kArray, kMap:
		return c.canRead(r.items.t, w.items.t)
	case kFixed:
		return namesMatch(r, w) && r.size == w.size
	case kEnum:
		if !namesMatch(r, w) {
			return false
		}
		if enumDefault(r) != "" {
			return true
		}
		have := make(map[string]bool, len(r.symbols))
		for _, s := range r.symbols {
			have[s] = true
		}
		for _, s := range w.symbols {
			if !have[s] {
				return false
			}
		}
		return true
	case kRecord:
		if !namesMatch(r, w) {
			return false
		}
		byName := make(map[string]*avroField, len(w.fields))
		for _, f := range w.fields {
			byName[f.name] = f
		}
		for _, rf := range r.fields {
			wf := byName[rf.name]
			for _, a := range rf.aliases {
				if wf != nil {
					break
				}
				wf = byName[a]
			}
			if wf == nil {
				if rf.def == nil {
					return false
				}
				continue
			}
			if !c.canRead(rf.typ.t, wf.typ.t) {
				return false
			}
		}
		return true
	}
	return false
}

// namesMatch reports whether a reader named type accepts a writer's name:
// the same short name (the spec matches unqualified names), or the
// writer's name among the reader's aliases.
func namesMatch(r, w *avroType) bool {
	return r.name == w.name || hasAlias(r, w)
}

// hasAlias reports whether reader lists writer's name in its aliases. An
// alias matches the full name, or the short name when the namespace moved
// too (short names are what resolution compares).
func hasAlias(reader, writer *avroType) bool {
	for _, a := range reader.aliases {
		if a == writer.full || shortName(a) == writer.name {
			return true
		}
	}
	return false
}

func shortName(full string) string {
	if i := strings.LastIndexByte(full, '.'); i >= 0 {
		return full[i+1:]
	}
	return full
}

// sameUnresolved reports whether two references to undefined types name
// the same type.
func sameUnresolved(a, b *avroType) bool { return qualifiedRef(a) == qualifiedRef(b) }

func qualifiedRef(t *avroType) string {
	if strings.Contains(t.full, ".") || t.space == "" {
		return t.full
	}
	return t.space + "." + t.full
}

// promotes reports whether data written as w can be read as r by numeric
// promotion.
func promotes(w, r kind) bool {
	switch w {
	case kInt:
		return r == kLong || r == kFloat || r == kDouble
	case kLong:
		return r == kFloat || r == kDouble
	case kFloat:
		return r == kDouble
	}
	return false
}

// lossy reports whether promoting w to r can silently lose precision.
func lossy(w, r kind) bool {
	return (w == kInt && r == kFloat) || (w == kLong && (r == kFloat || r == kDouble))
}

// enumDefault returns the enum's default symbol when it is one of its
// symbols, else "".
func enumDefault(t *avroType) string {
	if t.enumDefault == nil || t.enumDefault.Kind != tree.String {
		return ""
	}
	for _, s := range t.symbols {
		if s == t.enumDefault.Value {
			return s
		}
	}
	return ""
}

// fits reports whether a default value is valid for a type. Avro up to
// 1.11 reads a union field's default as its first branch. Types that could
// not be parsed or resolved accept anything (nothing can be said).
func fits(t *avroType, n *tree.Node, depth int) bool {
	t = t.deref()
	if t == nil || n == nil || depth > maxDepth {
		return true
	}
	switch t.kind {
	case kInvalid, kRef:
		return true
	case kArray, kMap, kRecord, kUnion:
		return fitsComplex(t, n, depth)
	}
	return fitsPrimitive(t, n)
}

// fitsPrimitive reports whether a default value is valid for a primitive,
// enum or fixed type.
func fitsPrimitive(t *avroType, n *tree.Node) bool {
	switch t.kind {
	case kNull:
		return n.Kind == tree.Null
	case kBoolean:
		return n.Kind == tree.Bool
	case kInt, kLong:
		r, ok := n.NumberValue()
		if !ok || !r.IsInt() {
			return false
		}
		if t.kind == kInt {
			return r.Num().IsInt64() && r.Num().Int64() >= -1<<31 && r.Num().Int64() < 1<<31
		}
		return r.Num().IsInt64()
	case kFloat, kDouble:
		if n.Kind == tree.String {
			switch n.Value {
			case "NaN", "Infinity", "-Infinity":
				return true
			}
			return false
		}
		_, ok := n.NumberValue()
		return ok
	case kBytes, kString:
		return n.Kind == tree.String
	case kFixed:
		return n.Kind == tree.String && int64(utf8.RuneCountInString(n.Value)) == t.size
	case kEnum:
		return n.Kind == tree.String && slices.Contains(t.symbols, n.Value)
	}
	return true
}

// fitsComplex reports whether a default value is valid for an array, map,
// record or union type, checking its parts one level deeper.
func fitsComplex(t *avroType, n *tree.Node, depth int) bool {
	switch t.kind {
	case kArray:
		if n.Kind != tree.Seq {
			return false
		}
		for _, it := range n.Items {
			if !fits(t.items.t, it, depth+1) {
				return false
			}
		}
		return true
	case kMap:
		if n.Kind != tree.Map {
			return false
		}
		for _, f := range n.Fields {
			if !fits(t.items.t, f.Value, depth+1) {
				return false
			}
		}
		return true
	case kRecord:
		if n.Kind != tree.Map {
			return false
		}
		for _, f := range t.fields {
			v := n.Get(f.name)
			if v == nil {
				if f.def == nil {
					return false
				}
				continue
			}
			if !fits(f.typ.t, v, depth+1) {
				return false
			}
		}
		return true
	case kUnion:
		return len(t.branches) > 0 && fits(t.branches[0].t, n, depth+1)
	}
	return true
}
