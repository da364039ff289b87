package tree

import (
	"fmt"
	"hash/maphash"
)

// stacks hold the entries of the maps and lists being built, one above the
// other: a collection takes exactly as many entries as it has when it is
// complete, so no slice is left with spare room or grown through copies
// (growing a slice of a million items allocates five times its size).
type stacks struct {
	fields chunkStack[Field]
	items  chunkStack[*Node]
}

// chunkStack is a stack kept in chunks of a fixed size, which it keeps for
// reuse: pushing never copies what the stack holds.
type chunkStack[T any] struct {
	chunks [][]T
	n      int
}

const stackChunk = 1024

func (s *chunkStack[T]) push(v T) {
	c := s.n / stackChunk
	if c == len(s.chunks) {
		s.chunks = append(s.chunks, make([]T, stackChunk))
	}
	s.chunks[c][s.n%stackChunk] = v
	s.n++
}

// at returns the entry at position i of the stack.
func (s *chunkStack[T]) at(i int) *T { return &s.chunks[i/stackChunk][i%stackChunk] }

// take pops the entries from mark up and returns them in a slice of their
// own, nil when there are none.
func (s *chunkStack[T]) take(mark int) []T {
	if s.n == mark {
		return nil
	}
	out := make([]T, 0, s.n-mark)
	for i := mark; i < s.n; {
		c, off := i/stackChunk, i%stackChunk
		end := min(stackChunk, off+s.n-i)
		out = append(out, s.chunks[c][off:end]...)
		clear(s.chunks[c][off:end])
		i += end - off
	}
	s.n = mark
	return out
}

// openMap is a map being built: its fields are on the stack from mark.
type openMap struct {
	n     *Node
	mark  int
	index *keyTable // key → position from mark, once the map is large
	key   func(int) string
}

func (s *stacks) openMap(n *Node) *openMap {
	m := &openMap{n: n, mark: s.fields.n}
	m.key = func(i int) string { return s.fields.at(m.mark + i).Key }
	return m
}

// fieldCount is the number of fields m has so far.
func (s *stacks) fieldCount(m *openMap) int { return s.fields.n - m.mark }

// find returns the position of key among m's fields so far, or -1, and
// where in m's index it would go. Reading a map checks every key against
// the keys before it, to keep the last of duplicates; a linear search
// would make that quadratic (100,000 keys in a 1 MB JSON object took 40
// seconds), so a large map gets a hash index.
func (s *stacks) find(m *openMap, key string) (pos, slot int) {
	count := s.fieldCount(m)
	if m.index == nil && count > mapIndexThreshold {
		m.index = newKeyTable(2 * count)
		for i := 0; i < count; i++ {
			_, slot := m.index.find(m.key(i), m.key)
			m.index.insert(slot, i, m.key)
		}
	}
	if m.index != nil {
		return m.index.find(key, m.key)
	}
	for i := 0; i < count; i++ {
		if m.key(i) == key {
			return i, 0
		}
	}
	return -1, 0
}

// add adds a field whose key m does not have yet; slot is what find said.
func (s *stacks) add(m *openMap, f Field, slot int) {
	pos := s.fieldCount(m)
	s.fields.push(f)
	if m.index != nil {
		m.index.insert(slot, pos, m.key)
	}
}

// put adds an entry: a collection is shown at its key, and a duplicate key
// warns and keeps the last value.
func (s *stacks) put(m *openMap, key string, val *Node, keyLine, keyCol int32, warns *[]Warning) {
	if val.Parent == m.n && (val.Kind == Map || val.Kind == Seq) {
		val.Line, val.Col = keyLine, keyCol
	}
	i, slot := s.find(m, key)
	if i >= 0 {
		*warns = append(*warns, Warning{File: m.n.File.Name, Line: int(keyLine), Msg: fmt.Sprintf("duplicate key %q; the last value is used", key)})
		if val.Parent == m.n {
			val.Index = int32(i)
		}
		s.fields.at(m.mark + i).Value = val
		return
	}
	s.add(m, Field{Key: key, Value: val}, slot)
}

// merge applies a YAML `<<` merge key: it adds the fields of the map (or
// list of maps) val that m does not set itself, and reports false when
// val is not made of maps.
func (s *stacks) merge(m *openMap, val *Node) bool {
	maps := []*Node{val}
	if val.Kind == Seq {
		maps = val.Items
	}
	for _, mm := range maps {
		if mm.Kind != Map {
			return false
		}
	}
	for _, mm := range maps {
		for _, f := range mm.Fields {
			if i, slot := s.find(m, f.Key); i < 0 {
				s.add(m, f, slot)
			}
		}
	}
	return true
}

// closeMap gives the map its fields, and its index: the positions are
// the same.
func (s *stacks) closeMap(m *openMap) {
	m.n.Fields = s.fields.take(m.mark)
	m.n.index = nil
	if len(m.n.Fields) > mapIndexThreshold {
		m.n.index = m.index
		if m.n.index == nil {
			m.n.BuildIndex()
		}
	}
}

// keyTable indexes the keys of a large map: an open-addressing hash table
// of positions in the map's fields, which hold the keys. It costs 8 to 16
// bytes a key where a Go map[string]int32 costs about 40, and finding a
// key tells where to insert it, so reading a key hashes it once.
type keyTable struct {
	slots []int32 // 1 + a position, 0 for an empty slot; a power of two long
	n     int
}

var keySeed = maphash.MakeSeed()

func newKeyTable(capacity int) *keyTable {
	size := 16
	for size < 2*capacity {
		size <<= 1
	}
	return &keyTable{slots: make([]int32, size)}
}

// find returns the position of key (keyAt gives the key at a position),
// or -1 and the slot where it goes.
func (t *keyTable) find(key string, keyAt func(int) string) (pos, slot int) {
	mask := len(t.slots) - 1
	for i := int(maphash.String(keySeed, key)) & mask; ; i = (i + 1) & mask {
		p := t.slots[i]
		if p == 0 {
			return -1, i
		}
		if keyAt(int(p-1)) == key {
			return int(p - 1), i
		}
	}
}

// insert puts pos in slot, which find returned for its key, and grows the
// table when it is half full.
func (t *keyTable) insert(slot, pos int, keyAt func(int) string) {
	t.slots[slot] = int32(pos + 1)
	t.n++
	if 2*t.n <= len(t.slots) {
		return
	}
	old := t.slots
	t.slots = make([]int32, 2*len(old))
	mask := len(t.slots) - 1
	for _, p := range old {
		if p == 0 {
			continue
		}
		i := int(maphash.String(keySeed, keyAt(int(p-1)))) & mask
		for t.slots[i] != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = p
	}
}

// openSeq starts a list; its items go on the stack from the mark returned.
func (s *stacks) openSeq() int { return s.items.n }

func (s *stacks) addItem(item *Node) { s.items.push(item) }

// itemCount is the number of items of the list opened at mark so far.
func (s *stacks) itemCount(mark int) int { return s.items.n - mark }

// closeSeq gives the list n its items.
func (s *stacks) closeSeq(n *Node, mark int) { n.Items = s.items.take(mark) }
