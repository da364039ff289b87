package tree

import "fmt"

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
	index map[string]int32 // key → position from mark, once the map is large
}

func (s *stacks) openMap(n *Node) *openMap { return &openMap{n: n, mark: s.fields.n} }

// fieldCount is the number of fields m has so far.
func (s *stacks) fieldCount(m *openMap) int { return s.fields.n - m.mark }

// find returns the position of key among m's fields so far, or -1.
// Reading a map checks every key against the keys before it, to keep the
// last of duplicates; a linear search would make that quadratic (100,000
// keys in a 1 MB JSON object took 40 seconds), so a large map gets a hash
// index.
func (s *stacks) find(m *openMap, key string) int {
	count := s.fieldCount(m)
	if m.index == nil && count > mapIndexThreshold {
		m.index = make(map[string]int32, 2*count)
		for i := 0; i < count; i++ {
			m.index[s.fields.at(m.mark+i).Key] = int32(i)
		}
	}
	if m.index != nil {
		if i, ok := m.index[key]; ok {
			return int(i)
		}
		return -1
	}
	for i := 0; i < count; i++ {
		if s.fields.at(m.mark+i).Key == key {
			return i
		}
	}
	return -1
}

func (s *stacks) add(m *openMap, f Field) {
	if m.index != nil {
		m.index[f.Key] = int32(s.fieldCount(m))
	}
	s.fields.push(f)
}

// put adds an entry: a collection is shown at its key, and a duplicate key
// warns and keeps the last value.
func (s *stacks) put(m *openMap, key string, val *Node, keyLine, keyCol int32, warns *[]Warning) {
	if val.Parent == m.n && (val.Kind == Map || val.Kind == Seq) {
		val.Line, val.Col = keyLine, keyCol
	}
	if i := s.find(m, key); i >= 0 {
		*warns = append(*warns, Warning{File: m.n.File.Name, Line: int(keyLine), Msg: fmt.Sprintf("duplicate key %q; the last value is used", key)})
		if val.Parent == m.n {
			val.Index = int32(i)
		}
		s.fields.at(m.mark + i).Value = val
		return
	}
	s.add(m, Field{Key: key, Value: val})
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
			if s.find(m, f.Key) < 0 {
				s.add(m, f)
			}
		}
	}
	return true
}

// closeMap gives the map its fields.
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

// openSeq starts a list; its items go on the stack from the mark returned.
func (s *stacks) openSeq() int { return s.items.n }

func (s *stacks) addItem(item *Node) { s.items.push(item) }

// itemCount is the number of items of the list opened at mark so far.
func (s *stacks) itemCount(mark int) int { return s.items.n - mark }

// closeSeq gives the list n its items.
func (s *stacks) closeSeq(n *Node, mark int) { n.Items = s.items.take(mark) }
