package spec

import (
	"math/rand"
	"sync"

	"github.com/eventdiff/eventdiff/tree"
)

// ShuffledKeys returns opts under which Load reorders the keys of every map
// at random (positions kept).
func ShuffledKeys(opts Options, seed int64) Options {
	rng := rand.New(rand.NewSource(seed))
	seen := map[*tree.Node]bool{}
	var shuffle func(n *tree.Node)
	shuffle = func(n *tree.Node) {
		if n == nil || seen[n] {
			return
		}
		seen[n] = true
		if n.Kind == tree.Map {
			rng.Shuffle(len(n.Fields), func(i, j int) { n.Fields[i], n.Fields[j] = n.Fields[j], n.Fields[i] })
			for i, f := range n.Fields {
				if f.Value.Parent == n {
					f.Value.Index = int32(i)
				}
			}
			n.BuildIndex()
		}
		for _, f := range n.Fields {
			shuffle(f.Value)
		}
		for _, it := range n.Items {
			shuffle(it)
		}
	}
	var mu sync.Mutex // both sides of a comparison may load at once
	opts.reorder = func(n *tree.Node) {
		mu.Lock()
		defer mu.Unlock()
		shuffle(n)
	}
	return opts
}
