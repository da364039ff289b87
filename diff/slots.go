package diff

import (
	"fmt"

	"github.com/eventdiff/eventdiff/rules/catalogue"
	"github.com/eventdiff/eventdiff/spec"
)

// slot is one way messages travel: a channel and what the application
// does there. Peers care which messages travel each way, not how the
// document divides them into operations (2.x allows one publish and one
// subscribe per channel, so a 3.x document re-exported as 2.x merges
// operations; a 3.x reply may replace a separate operation).
type slot struct {
	ch     *spec.Channel
	action spec.Action
}

// carrier is an operation that moves messages through a slot, itself or
// through its reply (which travels the other way).
type carrier struct {
	op    *spec.Operation
	reply bool
}

func (c carrier) messages() []*spec.Message {
	if c.reply {
		return c.op.Reply.Messages
	}
	return c.op.Messages
}

func (c carrier) ref() OpRef {
	r := opRef(c.op)
	if c.reply {
		r.Reply, r.Action = true, invert(c.op.Action)
		if c.op.Reply.Channel != nil {
			r.Channel = c.op.Reply.Channel.Label()
		}
	}
	return r
}

func invert(a spec.Action) spec.Action {
	if a == spec.Send {
		return spec.Receive
	}
	return spec.Send
}

// replySlot is the slot an operation's reply travels through.
func replySlot(o *spec.Operation) slot {
	ch := o.Channel
	if o.Reply.Channel != nil {
		ch = o.Reply.Channel
	}
	return slot{ch, invert(o.Action)}
}

func carriersOf(doc *spec.Document) map[slot][]carrier {
	out := map[slot][]carrier{}
	for _, o := range doc.Operations {
		if o.Channel == nil {
			continue
		}
		s := slot{o.Channel, o.Action}
		out[s] = append(out[s], carrier{op: o})
		if o.Reply != nil {
			rs := replySlot(o)
			out[rs] = append(out[rs], carrier{op: o, reply: true})
		}
	}
	return out
}

// slotIndex knows, for both documents, which operations serve each slot.
type slotIndex struct {
	d         *differ
	base, rev map[slot][]carrier
}

func (d *differ) newSlotIndex() *slotIndex {
	return &slotIndex{d: d, base: carriersOf(d.base), rev: carriersOf(d.rev)}
}

// revSlot maps a base slot to the revision's.
func (x *slotIndex) revSlot(s slot) slot {
	return slot{x.d.chanPair[s.ch], s.action}
}

// simple reports whether a paired operation is the only carrier of its
// slot on both sides, so its messages can be compared operation to operation.
func (x *slotIndex) simple(a, b *spec.Operation) bool {
	s := slot{a.Channel, a.Action}
	ca, cb := x.base[s], x.rev[slot{b.Channel, b.Action}]
	return len(ca) == 1 && len(cb) == 1 && !ca[0].reply && !cb[0].reply && x.revSlot(s) == (slot{b.Channel, b.Action})
}

// served reports whether a base operation's slot is still served in the
// revision by some operation.
func (x *slotIndex) served(a *spec.Operation) bool {
	if a.Channel == nil || x.d.chanPair[a.Channel] == nil {
		return false
	}
	return len(x.rev[x.revSlot(slot{a.Channel, a.Action})]) > 0
}

// replyServedInBase reports whether the slot a revision operation's reply
// travels through was already served in the base.
func (x *slotIndex) replyServedInBase(b *spec.Operation) bool {
	rs := replySlot(b)
	for bs, cs := range x.base {
		if len(cs) > 0 && bs.action == rs.action && x.d.chanPair[bs.ch] == rs.ch && bs.ch != nil {
			return true
		}
	}
	return false
}

// replyServedInRevision reports whether the slot a base operation's reply
// travelled through is still served in the revision.
func (x *slotIndex) replyServedInRevision(a *spec.Operation) bool {
	rs := replySlot(a)
	return rs.ch != nil && x.d.chanPair[rs.ch] != nil && len(x.rev[x.revSlot(rs)]) > 0
}

// compare compares, slot by slot, the messages of every slot that is not
// simple: a message is added or removed only when no carrier of the slot
// carries it any more (or yet).
func (x *slotIndex) compare(d *differ) {
	var order []slot
	seen := map[slot]bool{}
	for _, o := range d.base.Operations {
		for _, s := range []slot{{o.Channel, o.Action}} {
			if !seen[s] {
				seen[s] = true
				order = append(order, s)
			}
		}
		if o.Reply != nil && !seen[replySlot(o)] {
			seen[replySlot(o)] = true
			order = append(order, replySlot(o))
		}
	}
	for _, s := range order {
		ca := x.base[s]
		if s.ch == nil || d.chanPair[s.ch] == nil {
			continue
		}
		cb := x.rev[x.revSlot(s)]
		if len(cb) == 0 || len(ca) == 0 {
			continue // a slot gone or new: the operation findings say so
		}
		if len(ca) == 1 && len(cb) == 1 && !ca[0].reply && !cb[0].reply && d.pairedOp(ca[0].op) == cb[0].op {
			continue // compared operation to operation
		}
		x.messages(ca, cb)
	}
}

func (d *differ) pairedOp(a *spec.Operation) *spec.Operation {
	for _, p := range d.opPairs {
		if p[0] == a {
			return p[1]
		}
	}
	return nil
}

func (x *slotIndex) messages(as, bs []carrier) {
	d := x.d
	collect := func(cs []carrier) ([]*spec.Message, map[*spec.Message][]OpRef) {
		var msgs []*spec.Message
		by := map[*spec.Message][]OpRef{}
		for _, c := range cs {
			for _, m := range c.messages() {
				if _, seen := by[m]; !seen {
					msgs = append(msgs, m)
				}
				by[m] = mergeOps(by[m], c.ref())
			}
		}
		return msgs, by
	}
	ma, byA := collect(as)
	mb, byB := collect(bs)
	pairs, removed, added := pairMessages(ma, mb, true)
	for _, p := range pairs {
		for _, ref := range byB[p[1]] {
			d.registerPair(p[0], p[1], ref)
		}
	}
	for _, m := range removed {
		refs := byA[m]
		d.add(Change{Kind: catalogue.OperationMessageRemoved, Subject: "operation", Channel: refs[0].Channel, Operations: refs,
			Messages: []string{m.Label()}, Old: m.Label(), Base: m.Def.Loc(), Revision: messagesLoc(bs[0].op.Node),
			Text: fmt.Sprintf("message %s is no longer %s on %q", m.Label(), pastAction(refs[0].Action), refs[0].Channel)})
	}
	for _, m := range added {
		refs := byB[m]
		d.add(Change{Kind: catalogue.OperationMessageAdded, Subject: "operation", Channel: refs[0].Channel, Operations: refs,
			Messages: []string{m.Label()}, New: m.Label(), Base: messagesLoc(as[0].op.Node), Revision: m.Def.Loc(),
			Text: fmt.Sprintf("message %s is now %s on %q (by %s)", m.Label(), pastAction(refs[0].Action), refs[0].Channel, refs[0].ID)})
	}
}

func pastAction(a spec.Action) string {
	if a == spec.Send {
		return "sent"
	}
	return "received"
}
