package schema

import (
	"github.com/eventdiff/eventdiff/rules/catalogue"
	"github.com/eventdiff/eventdiff/tree"
)

// A property removed and another added with the same schema in the same
// object is most likely one property renamed. Told apart, the two read as
// unrelated (an optional property gone, another one new, often no effect
// under the pragmatic policy); told together, they say what readers meet:
// the value they read under the old name now comes under another.

// maxRenameCandidates bounds the removed × added schemas compared.
const maxRenameCandidates = 256

// renames pairs removed and added properties whose schemas accept the same
// values, when the pairing is unambiguous: each has exactly one candidate.
// It returns removed index → added index, and the added indexes taken.
func (c *comparer) renames(p *pair, removed, added []propertyDelta) (map[int]int, map[int]bool) {
	if len(removed) == 0 || len(added) == 0 || len(removed)*len(added) > maxRenameCandidates {
		return nil, nil
	}
	cands := make([][]int, len(removed))
	count := make([]int, len(added))
	for i, rm := range removed {
		if c.isTrue(rm.f.Value) || c.isEmpty(rm.f.Value) {
			continue // a schema that says nothing names nothing
		}
		for j, ad := range added {
			if c.sameValues(p, rm.f.Value, ad.f.Value, "/properties/"+tree.EscapePointer(ad.f.Key)) {
				cands[i] = append(cands[i], j)
				count[j]++
			}
		}
	}
	from, to := map[int]int{}, map[int]bool{}
	for i, l := range cands {
		if len(l) == 1 && count[l[0]] == 1 {
			from[i], to[l[0]] = l[0], true
		}
	}
	return from, to
}

// sameValues reports whether two schemas accept the same values: written
// the same, or different only in annotations.
func (c *comparer) sameValues(p *pair, a, b *tree.Node, seg string) bool {
	if a.Deref() == b.Deref() || c.sameSchema(a.Deref(), b.Deref()) {
		return true
	}
	return c.effectOf(p, a, b, seg) == 0
}

// addRename tells a removed and an added property as one rename. Its
// effect is both halves' together; readers of the old name lose the value
// whatever the policy, so it asks for at least a warning both ways.
func (c *comparer) addRename(p *pair, rm, ad propertyDelta) {
	from, to := quote(rm.f.Key), quote(ad.f.Key)
	d := Delta{Rule: catalogue.SchemaPropertyRenamed, Base: rm.f.Value, Revision: ad.f.Value, Old: rm.f.Key, New: ad.f.Key,
		CautionSend: true, CautionReceive: true,
		Reason: "property " + from + " removed and " + to + " added with the same schema: likely a rename, so code that still reads or writes " +
			from + " misses the value, which now travels as " + to,
		Hint: "keep " + from + " (deprecated) beside " + to + " until every reader has moved"}
	switch {
	case rm.rd.d.Rule != catalogue.SchemaPropertyRemoved || ad.rd.d.Rule != catalogue.SchemaPropertyAdded:
		// Required, closed or partially open: the halves say more.
		d.Reason += "; " + rm.rd.d.Reason + "; " + ad.rd.d.Reason
	}
	rd := &rawDelta{seg: ad.rd.seg, d: d, wit: witnessHint{kind: wkObject, name: rm.f.Key}}
	c.addStrict(p, rd, rm.eff|ad.eff, rm.pragmatic && ad.pragmatic)
	rd.skip = rd.d.Effect == None
}
