package tree

// Reading a map checks every key against the keys before it, to keep the
// last of duplicates. A linear search makes that quadratic: 100,000 keys
// in a 1 MB JSON object took 40 seconds. Once a map is large, the parsers
// keep its hash index up to date while they add fields.

// fieldIndex returns the position of key among the fields read so far,
// or -1.
func (n *Node) fieldIndex(key string) int {
	if n.index == nil && len(n.Fields) > mapIndexThreshold {
		n.index = make(map[string]int32, 2*len(n.Fields))
		for i, f := range n.Fields {
			n.index[f.Key] = int32(i)
		}
	}
	if n.index != nil {
		if i, ok := n.index[key]; ok {
			return int(i)
		}
		return -1
	}
	for i := range n.Fields {
		if n.Fields[i].Key == key {
			return i
		}
	}
	return -1
}

// appendField adds a field whose key the map does not have yet.
func (n *Node) appendField(f Field) {
	n.Fields = append(n.Fields, f)
	if n.index != nil {
		n.index[f.Key] = int32(len(n.Fields) - 1)
	}
}
