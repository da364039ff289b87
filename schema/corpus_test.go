package schema

import (
	"sort"
	"testing"
	"time"

	"github.com/eventdiff/eventdiff/internal/corpus"
	"github.com/eventdiff/eventdiff/internal/testload"
	"github.com/eventdiff/eventdiff/spec"
	"github.com/eventdiff/eventdiff/tree"
)

// TestCorpus compares the payloads and headers of the messages, and the
// component schemas, of every real old/new pair in the shared corpus:
// nothing may panic or take long, every rule must be in the catalogue, and
// every witness must check out with the package's validator.
func TestCorpus(t *testing.T) {
	t.Parallel()
	pairs := corpus.Pairs(t)
	counts := map[string]int{}
	var total time.Duration
	compares := 0
	for _, p := range pairs {
		var docs [2]*spec.Document
		for i, side := range []struct{ file, root string }{{p.Old, p.OldRoot}, {p.New, p.NewRoot}} {
			docs[i], _ = testload.Load(t, side.file, side.root, spec.Options{})
		}
		if docs[0] == nil || docs[1] == nil {
			continue
		}
		type sch struct {
			node    *tree.Node
			openAPI bool
		}
		collect := func(d *spec.Document) map[string]sch {
			out := map[string]sch{}
			for _, m := range d.Messages {
				key := m.Label()
				for part, s := range map[string]*spec.Schema{"payload": m.Payload, "headers": m.Headers} {
					if s != nil && s.Format == spec.FormatJSONSchema {
						out[key+" "+part] = sch{s.Node, spec.IsOpenAPIFormat(s.RawFormat)}
					}
				}
			}
			if schemas := d.Root.Get("components").Get("schemas").Deref(); schemas != nil {
				for _, f := range schemas.Fields {
					out["schema "+f.Key] = sch{f.Value, false}
				}
			}
			return out
		}
		old, cur := collect(docs[0]), collect(docs[1])
		keys := make([]string, 0, len(old))
		for k := range old {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			n, ok := cur[k]
			if !ok {
				continue
			}
			o := old[k]
			opts := Options{OpenAPI: o.openAPI || n.openAPI}
			start := time.Now()
			res := compareNodes(t, o.node, n.node, opts)
			el := time.Since(start)
			total += el
			compares++
			if el > 200*time.Millisecond {
				t.Logf("slow: %s %s: %v, %d deltas", p.ID, k, el, len(res.Deltas))
			}
			if el > 2*time.Second {
				t.Errorf("%s %s: compare took %v", p.ID, k, el)
			}
			for _, d := range res.Deltas {
				counts[d.Rule]++
				if w := d.Witness; w != nil {
					in, out := o.node, n.node
					if w.ValidIn == "revision" {
						in, out = n.node, o.node
					}
					okIn, sureIn := Validate(in, w.Value, opts)
					okOut, sureOut := Validate(out, w.Value, opts)
					if !okIn || okOut || !sureIn || !sureOut {
						t.Errorf("%s %s %s: witness does not hold", p.ID, k, d.Rule)
					}
				}
			}
		}
	}
	type kv struct {
		k string
		n int
	}
	var list []kv
	for k, n := range counts {
		list = append(list, kv{k, n})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].n > list[j].n || list[i].n == list[j].n && list[i].k < list[j].k })
	t.Logf("%d pairs, %d schema comparisons in %v", len(pairs), compares, total)
	for i, e := range list {
		if i == 15 {
			break
		}
		t.Logf("  %5d %s", e.n, e.k)
	}
}
