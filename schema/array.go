package schema

import (
	"strconv"

	"github.com/eventdiff/eventdiff/rules/catalogue"
	"github.com/eventdiff/eventdiff/tree"
)

// itemsForm: "none" (absent or trivially true), "single" (one schema for
// every item) or "tuple" (draft-07 array form, with additionalItems for
// the rest).
func (c *comparer) itemsForm(n *tree.Node) string {
	it := n.Get("items")
	switch {
	case it == nil:
		return "none"
	case it.Kind == tree.Seq:
		return "tuple"
	case c.isTrue(it):
		return "none"
	}
	return "single"
}

// itemAt returns the schema governing position i (nil: anything).
func itemAt(n *tree.Node, i int) *tree.Node {
	it := n.Get("items")
	if it == nil {
		return nil
	}
	if it.Kind == tree.Seq {
		if i < len(it.Items) {
			return it.Items[i]
		}
		return n.Get("additionalItems")
	}
	return it
}

func (c *comparer) compareArray(p *pair) {
	b, r := p.b, p.r
	fb, fr := c.itemsForm(b), c.itemsForm(r)
	switch {
	case fb == "tuple" && fr == "tuple":
		c.compareTuple(p)
	case fb == "tuple" || fr == "tuple":
		// One side lists positions, the other one schema for all: compare
		// every position that either side distinguishes, and the rest.
		n := len(seqItems(b, "items"))
		if m := len(seqItems(r, "items")); m > n {
			n = m
		}
		var eff bits
		for i := 0; i <= n; i++ {
			eff |= c.effectOf(p, itemAt(b, i), itemAt(r, i), "/items/"+strconv.Itoa(i))
		}
		if eff != 0 {
			c.addStrict(p, &rawDelta{seg: "/items", wit: witnessHint{kind: wkItems}, d: Delta{Rule: catalogue.SchemaItemsFormChanged, Base: kw(b, "items"), Revision: kw(r, "items"),
				Old: iface(b.Get("items")), New: iface(r.Get("items")),
				Reason: "items changed between one schema for every item and a list of positions"}}, eff, false)
		}
	case fb == "single" && fr == "single":
		c.child(p, b.Get("items"), r.Get("items"), "/items", false)
	case fb == "single":
		p.add(&rawDelta{seg: "/items", wit: witnessHint{kind: wkItems}, d: Delta{Rule: catalogue.SchemaItemsRemoved, Base: b.Get("items"), Revision: r, Old: iface(b.Get("items")), Effect: Wider,
			Reason: "items schema removed: array items are no longer checked"}})
	case fr == "single":
		p.add(&rawDelta{seg: "/items", wit: witnessHint{kind: wkItems}, d: Delta{Rule: catalogue.SchemaItemsAdded, Base: b, Revision: r.Get("items"), New: iface(r.Get("items")), Effect: Narrower,
			Reason: "items schema added: arrays with items it rejects are no longer accepted"}})
	}
	c.countBound(p, "minItems", false)
	c.countBound(p, "maxItems", true)
	ub, ur := b.Get("uniqueItems").IsTrue(), r.Get("uniqueItems").IsTrue()
	if ub != ur {
		d := Delta{Base: kw(b, "uniqueItems"), Revision: kw(r, "uniqueItems"), Old: iface(b.Get("uniqueItems")), New: iface(r.Get("uniqueItems"))}
		if ur {
			d.Rule, d.Effect, d.Reason = catalogue.SchemaUniqueItemsAdded, Narrower, "uniqueItems added: arrays with repeated items are rejected now"
		} else {
			d.Rule, d.Effect, d.Reason = catalogue.SchemaUniqueItemsRemoved, Wider, "uniqueItems removed: arrays with repeated items are accepted now"
		}
		p.add(&rawDelta{seg: "/uniqueItems", d: d, wit: witnessHint{kind: wkItems}})
	}
	// contains: even `contains: true` requires a non-empty array.
	cb, cr := b.Get("contains"), r.Get("contains")
	switch {
	case cb != nil && cr != nil:
		c.child(p, cb, cr, "/contains", false)
	case cr != nil:
		p.add(&rawDelta{seg: "/contains", wit: witnessHint{kind: wkItems}, d: Delta{Rule: catalogue.SchemaContainsAdded, Base: b, Revision: cr, New: iface(cr), Effect: Narrower,
			Reason: "contains added: arrays without a matching item are rejected now"}})
	case cb != nil:
		p.add(&rawDelta{seg: "/contains", wit: witnessHint{kind: wkItems}, d: Delta{Rule: catalogue.SchemaContainsRemoved, Base: cb, Revision: r, Old: iface(cb), Effect: Wider,
			Reason: "contains removed: arrays without a matching item are accepted now"}})
	}
}

// compareTuple handles positional items (JS-44..JS-47).
func (c *comparer) compareTuple(p *pair) {
	b, r := p.b, p.r
	ib, ir := seqItems(b, "items"), seqItems(r, "items")
	ab, ar := b.Get("additionalItems"), r.Get("additionalItems")
	for i := 0; i < len(ib) || i < len(ir); i++ {
		seg := "/items/" + strconv.Itoa(i)
		switch {
		case i < len(ib) && i < len(ir):
			c.child(p, ib[i], ir[i], seg, false)
		case i < len(ir): // position added
			q := ir[i]
			eff := c.effectOf(p, ab, q, seg)
			d := Delta{Base: kw(b, "additionalItems"), Revision: q, New: iface(q)}
			switch c.openKind(ab) {
			case "closed":
				d.Rule = catalogue.SchemaTupleItemAddedToClosed
				d.Reason = "position " + strconv.Itoa(i) + " added to a closed tuple (additionalItems: false): longer arrays are accepted now"
			case "open":
				d.Rule = catalogue.SchemaTupleItemAdded
				d.Reason = "position " + strconv.Itoa(i) + " is now constrained: arrays whose item there it rejects were accepted before"
			default:
				d.Rule = catalogue.SchemaTupleItemAdded
				d.Reason = "position " + strconv.Itoa(i) + " is now checked against its own schema instead of additionalItems"
			}
			if eff != 0 {
				c.addStrict(p, &rawDelta{seg: seg, wit: witnessHint{kind: wkItems}, d: d}, eff, false)
			}
		default: // position removed
			q := ib[i]
			eff := c.effectOf(p, q, ar, seg)
			d := Delta{Rule: catalogue.SchemaTupleItemRemoved, Base: q, Revision: kw(r, "additionalItems"), Old: iface(q)}
			switch c.openKind(ar) {
			case "closed":
				d.Reason = "position " + strconv.Itoa(i) + " removed from a closed tuple: arrays that long are rejected now"
			case "open":
				d.Reason = "position " + strconv.Itoa(i) + " removed: the item there is no longer checked"
			default:
				d.Reason = "position " + strconv.Itoa(i) + " removed: the item there is now checked against additionalItems"
			}
			c.addStrict(p, &rawDelta{seg: seg, wit: witnessHint{kind: wkItems}, d: d}, eff, false)
		}
	}
	c.compareAdditional(p, "additionalItems", "items")
}
