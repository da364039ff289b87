package spec

import "math/rand"

// ShuffleMapKeys makes every later Load reorder the keys of every map at
// random (positions kept), until the returned function restores order.
func ShuffleMapKeys(seed int64) (restore func()) {
	rng := rand.New(rand.NewSource(seed))
	seen := map[*Node]bool{}
	var shuffle func(n *Node)
	shuffle = func(n *Node) {
		if n == nil || seen[n] {
			return
		}
		seen[n] = true
		if n.Kind == Map {
			rng.Shuffle(len(n.Fields), func(i, j int) { n.Fields[i], n.Fields[j] = n.Fields[j], n.Fields[i] })
			for i, f := range n.Fields {
				if f.Value.Parent == n {
					f.Value.Index = int32(i)
				}
			}
			n.index = nil
			n.buildIndex()
		}
		for _, f := range n.Fields {
			shuffle(f.Value)
		}
		for _, it := range n.Items {
			shuffle(it)
		}
	}
	reorderHook = shuffle
	return func() { reorderHook = nil }
}
