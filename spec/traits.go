package spec

import "github.com/eventdiff/eventdiff/tree"

// applyTraits returns the object with its `traits` applied as JSON Merge
// Patches (RFC 7386) in list order. In 2.x a trait's value wins over the
// object's own; in 3.x the object's own value wins (it is applied last).
// The object is returned unchanged when it has no traits.
func applyTraits(obj *tree.Node, traitWins bool) *tree.Node {
	traits := obj.Get("traits").Deref()
	if traits == nil || traits.Kind != tree.Seq || len(traits.Items) == 0 {
		return obj
	}
	var eff *tree.Node
	if traitWins {
		eff = obj
	}
	for _, t := range traits.Items {
		t = t.Deref()
		if t.Kind == tree.Seq && len(t.Items) > 0 { // 2.0 allowed [trait, values] pairs
			t = t.Items[0].Deref()
		}
		if t.Kind != tree.Map || t.RemoteRef() != "" {
			continue // a remote trait not followed: diff compares its URL
		}
		eff = mergePatch(eff, t, false)
	}
	if !traitWins {
		eff = mergePatch(eff, obj, true)
	}
	return eff
}

// mergePatch applies patch to target (RFC 7386) without modifying either:
// maps merge recursively, anything else replaces, null deletes. Nodes
// taken from either side keep their own positions; a merged map takes the
// object's position (atPatch: the patch is the object, as in 3.x where it
// is applied last), so a change to the object's own fields is located
// where the object is written, not in a trait's file.
func mergePatch(target, patch *tree.Node, atPatch bool) *tree.Node {
	pd := patch.Deref()
	if pd == nil || pd.Kind != tree.Map {
		return patch
	}
	td := target.Deref()
	if td == nil || td.Kind != tree.Map {
		return patch // a replacement: the patch's own node, references intact
	}
	pos := td
	if atPatch {
		pos = pd
	}
	out := &tree.Node{Kind: tree.Map, File: pos.File, Line: pos.Line, Col: pos.Col, Parent: pos.Parent, Index: pos.Index,
		Fields: append(make([]tree.Field, 0, len(td.Fields)+len(pd.Fields)), td.Fields...)}
	for _, f := range pd.Fields {
		if f.Key == "traits" {
			continue
		}
		i := -1
		for j := range out.Fields {
			if out.Fields[j].Key == f.Key {
				i = j
				break
			}
		}
		switch {
		case f.Value.Kind == tree.Null && i >= 0:
			out.Fields = append(out.Fields[:i:i], out.Fields[i+1:]...)
		case f.Value.Kind == tree.Null:
		case i >= 0:
			out.Fields[i].Value = mergePatch(out.Fields[i].Value, f.Value, atPatch)
		default:
			out.Fields = append(out.Fields, tree.Field{Key: f.Key, Value: f.Value})
		}
	}
	out.BuildIndex()
	return out
}
