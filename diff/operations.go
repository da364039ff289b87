package diff

import (
	"fmt"

	"github.com/eventdiff/eventdiff/rules/catalogue"
	"github.com/eventdiff/eventdiff/spec"
	"github.com/eventdiff/eventdiff/tree"
)

// operations pairs operations by channel and action (then declared id,
// then the messages they carry), registers every operation on its
// channel, compares each pair and reports the unpaired ones.
func (d *differ) operations() {
	p := d.pairOperations()
	for _, b := range d.rev.Operations {
		if b.Channel != nil {
			d.chanOps[b.Channel] = mergeOps(d.chanOps[b.Channel], opRef(b))
		}
	}
	slots := d.newSlotIndex()
	for _, pr := range d.opPairs {
		d.operation(pr[0], pr[1], slots)
	}
	slots.compare(d)
	d.removedOperations(p.pairOf, slots)
	d.addedOperations(p.taken)
}

// opPairer carries the state of pairing base operations with revision
// ones: indexes of both sides and what has been paired so far.
type opPairer struct {
	d      *differ
	taken  map[*spec.Operation]bool            // revision operations already paired
	pairOf map[*spec.Operation]*spec.Operation // base operation → its revision pair
	// Indexes keep pairing linear in the number of operations.
	bySlot      map[slot][]*spec.Operation
	byChannel   map[*spec.Channel][]*spec.Operation
	byID        map[string][]*spec.Operation
	baseSlot    map[slot][]*spec.Operation
	baseChannel map[*spec.Channel][]*spec.Operation
}

// newOpPairer indexes the operations of both documents.
func (d *differ) newOpPairer() *opPairer {
	p := &opPairer{d: d, taken: map[*spec.Operation]bool{}, pairOf: map[*spec.Operation]*spec.Operation{},
		bySlot: map[slot][]*spec.Operation{}, byChannel: map[*spec.Channel][]*spec.Operation{},
		byID: map[string][]*spec.Operation{}, baseSlot: map[slot][]*spec.Operation{},
		baseChannel: map[*spec.Channel][]*spec.Operation{}}
	for _, b := range d.rev.Operations {
		p.bySlot[slot{b.Channel, b.Action}] = append(p.bySlot[slot{b.Channel, b.Action}], b)
		p.byChannel[b.Channel] = append(p.byChannel[b.Channel], b)
		if b.ID != "" {
			p.byID[b.ID] = append(p.byID[b.ID], b)
		}
	}
	for _, a := range d.base.Operations {
		p.baseSlot[slot{a.Channel, a.Action}] = append(p.baseSlot[slot{a.Channel, a.Action}], a)
		p.baseChannel[a.Channel] = append(p.baseChannel[a.Channel], a)
	}
	return p
}

// pairOperations runs the pairing passes, strictest first, and records
// each pair in d.opPairs.
func (d *differ) pairOperations() *opPairer {
	p := d.newOpPairer()
	passes := []func(a *spec.Operation) *spec.Operation{
		p.sameKey, p.sharedMessages, p.loneInSlot, p.sameID, p.loneOnChannel,
	}
	for _, find := range passes {
		for _, a := range d.base.Operations {
			if p.pairOf[a] != nil {
				continue
			}
			if b := find(a); b != nil {
				p.pairOf[a], p.taken[b] = b, true
				d.opPairs = append(d.opPairs, [2]*spec.Operation{a, b})
			}
		}
	}
	return p
}

// slotOf is the revision slot a base operation would fill: its paired
// channel and its action, or the zero slot when its channel is unpaired.
func (p *opPairer) slotOf(a *spec.Operation) slot {
	if a.Channel == nil || p.d.chanPair[a.Channel] == nil {
		return slot{}
	}
	return slot{p.d.chanPair[a.Channel], a.Action}
}

// open returns the revision operations of ops not yet paired.
func (p *opPairer) open(ops []*spec.Operation) []*spec.Operation {
	var out []*spec.Operation
	for _, o := range ops {
		if !p.taken[o] {
			out = append(out, o)
		}
	}
	return out
}

// lone returns the only unpaired revision operation of a group when
// the base side of the group has only a left unpaired too.
func (p *opPairer) lone(revGroup, baseGroup []*spec.Operation) *spec.Operation {
	cands := p.open(revGroup)
	left := 0
	for _, o := range baseGroup {
		if p.pairOf[o] == nil {
			left++
		}
	}
	if len(cands) != 1 || left != 1 {
		return nil
	}
	return cands[0]
}

// sameKey pairs within the same slot by the same key.
func (p *opPairer) sameKey(a *spec.Operation) *spec.Operation {
	if s := p.slotOf(a); s.ch != nil {
		for _, b := range p.open(p.bySlot[s]) {
			if b.Key == a.Key {
				return b
			}
		}
	}
	return nil
}

// sharedMessages pairs within the same slot by a shared message.
func (p *opPairer) sharedMessages(a *spec.Operation) *spec.Operation {
	if s := p.slotOf(a); s.ch != nil {
		for _, b := range p.open(p.bySlot[s]) {
			if pairs, _, _ := pairMessages(a.Messages, b.Messages, false); len(pairs) > 0 {
				return b
			}
		}
	}
	return nil
}

// loneInSlot pairs the only ones left in their slot on both sides.
func (p *opPairer) loneInSlot(a *spec.Operation) *spec.Operation {
	if s := p.slotOf(a); s.ch != nil {
		return p.lone(p.bySlot[s], p.baseSlot[slot{a.Channel, a.Action}])
	}
	return nil
}

// sameID pairs by declared id: the operation moved or flipped.
func (p *opPairer) sameID(a *spec.Operation) *spec.Operation {
	if a.ID == "" {
		return nil
	}
	if cands := p.open(p.byID[a.ID]); len(cands) > 0 {
		return cands[0]
	}
	return nil
}

// loneOnChannel pairs the only ones left on their channel: the action
// flipped.
func (p *opPairer) loneOnChannel(a *spec.Operation) *spec.Operation {
	if a.Channel == nil || p.d.chanPair[a.Channel] == nil {
		return nil
	}
	return p.lone(p.byChannel[p.d.chanPair[a.Channel]], p.baseChannel[a.Channel])
}

// removedOperations reports the unpaired base operations: merged when
// other operations still serve their slot, else removed.
func (d *differ) removedOperations(pairOf map[*spec.Operation]*spec.Operation, slots *slotIndex) {
	for _, a := range d.base.Operations {
		if pairOf[a] != nil {
			continue
		}
		if slots.served(a) {
			c := Change{Kind: catalogue.OperationMerged, Subject: "operation", Channel: chanLabel(a.Channel),
				Operations: []OpRef{opRef(a)}, Messages: labels(a.Messages),
				Text: fmt.Sprintf("operation %s is gone, but other operations still %s on %q", a.Key, a.Action, chanLabel(a.Channel)),
				Base: a.Node.Loc(), Revision: d.survivingParent(a), Old: a.Key}
			d.add(c)
			continue
		}
		c := Change{Kind: catalogue.OperationRemoved, Subject: "operation", Channel: chanLabel(a.Channel),
			Operations: []OpRef{opRef(a)}, Messages: labels(a.Messages),
			Text: fmt.Sprintf("operation %s (%s on %q) was removed", a.Key, a.Action, chanLabel(a.Channel)),
			Base: a.Node.Loc(), Revision: d.survivingParent(a), Old: a.Key}
		d.add(c)
	}
}

// addedOperations reports the unpaired revision operations.
func (d *differ) addedOperations(taken map[*spec.Operation]bool) {
	baseOf := map[*spec.Channel]*spec.Channel{}
	for a, b := range d.chanPair {
		baseOf[b] = a
	}
	for _, b := range d.rev.Operations {
		if taken[b] {
			continue
		}
		c := Change{Kind: catalogue.OperationAdded, Subject: "operation", Channel: chanLabel(b.Channel),
			Operations: []OpRef{opRef(b)}, Messages: labels(b.Messages),
			Text: fmt.Sprintf("operation %s (%s on %q) was added", b.Key, b.Action, chanLabel(b.Channel)),
			Base: parentLoc(d.base, "operations"), Revision: b.Node.Loc(), New: b.Key}
		if d.base.Major == 2 {
			c.Base = parentLoc(d.base, "channels")
			if bc := baseOf[b.Channel]; bc != nil {
				c.Base = bc.Node.Loc()
			}
		}
		d.add(c)
	}
}

// survivingParent is where a removed operation's place is in the revision.
// 2.x operations live in their channel, 3.x ones in the root `operations`.
func (d *differ) survivingParent(a *spec.Operation) *tree.Location {
	if d.rev.Major >= 3 {
		return parentLoc(d.rev, "operations")
	}
	if rc := d.chanPair[a.Channel]; rc != nil {
		return rc.Node.Loc()
	}
	return parentLoc(d.rev, "channels")
}

func opRef(o *spec.Operation) OpRef {
	return OpRef{ID: o.Key, Action: o.Action, Channel: chanLabel(o.Channel), Compat: o.Compat}
}

func chanLabel(c *spec.Channel) string {
	if c == nil {
		return ""
	}
	return c.Label()
}

func labels(ms []*spec.Message) []string {
	var out []string
	for _, m := range ms {
		out = mergeStrings(out, m.Label())
	}
	return out
}

// operation compares a pair of operations; messages are compared here
// unless their slot is compared as a whole.
func (d *differ) operation(a, b *spec.Operation, slots *slotIndex) {
	ref := opRef(b)
	ctx := Change{Subject: "operation", Channel: chanLabel(b.Channel), Operations: []OpRef{ref}}
	owner := fmt.Sprintf("operation %s", b.Key)
	if d.remote(ctx, owner, a.Node, b.Node) {
		return
	}
	if a.ID != "" && b.ID != "" && a.ID != b.ID {
		c := ctx
		c.Kind, c.Text = catalogue.OperationRenamed, fmt.Sprintf("operation %s was renamed to %s", a.ID, b.ID)
		c.Base, c.Revision, c.Old, c.New = a.Node.Loc(), b.Node.Loc(), a.ID, b.ID
		d.add(c)
	}
	if a.Action != b.Action {
		c := ctx
		c.Operations = []OpRef{opRef(a), ref}
		c.Kind = catalogue.OperationActionChanged
		c.Text = fmt.Sprintf("%s now %ss instead of %sing (%s → %s)", owner, b.Action, trimE(string(a.Action)), a.Verb, b.Verb)
		c.Base, c.Revision, c.Old, c.New = locNode(a.Node, "action").Loc(), locNode(b.Node, "action").Loc(), string(a.Action), string(b.Action)
		if d.rev.Major == 2 {
			c.Revision = b.Node.Loc()
		}
		if d.base.Major == 2 {
			c.Base = a.Node.Loc()
		}
		d.add(c)
	}
	if a.Channel != nil && b.Channel != nil && d.chanPair[a.Channel] != b.Channel {
		c := ctx
		c.Kind = catalogue.OperationChannelChanged
		c.Text = fmt.Sprintf("%s moved from channel %q to %q", owner, a.Channel.Label(), b.Channel.Label())
		c.Base, c.Revision, c.Old, c.New = locNode(a.Node, "channel").Loc(), locNode(b.Node, "channel").Loc(), a.Channel.Label(), b.Channel.Label()
		d.add(c)
	}
	if !a.Node.Get("deprecated").IsTrue() && b.Node.Get("deprecated").IsTrue() {
		// Not in the 3.x text, but in the 2.x JSON Schema and widely written.
		c := ctx
		c.Kind, c.Text = catalogue.OperationDeprecated, owner+" is now deprecated"
		c.Base, c.Revision, c.New = a.Node.Loc(), locNode(b.Node, "deprecated").Loc(), true
		d.add(c)
	}
	if slots.simple(a, b) {
		d.operationMessages(ctx, owner, ref, a.Messages, b.Messages, a.Node, b.Node)
	}
	d.reply(ctx, owner, ref, a, b, slots)
	d.security(ctx, owner, a.Security, b.Security, a.Node, b.Node)
	d.bindings(ctx, "operation", owner, a.Bindings, b.Bindings, a.Node, b.Node, [2]string{})
	d.docs(ctx, owner, a.Node, b.Node)
}

func trimE(s string) string {
	if len(s) > 0 && s[len(s)-1] == 'e' {
		return s[:len(s)-1]
	}
	return s
}

// operationMessages pairs the messages of two operations (or replies),
// registers each pair for comparison and reports the ones added or removed.
func (d *differ) operationMessages(ctx Change, owner string, ref OpRef, as, bs []*spec.Message, aNode, bNode *tree.Node) {
	pairs, removed, added := pairMessages(as, bs, true)
	for _, p := range pairs {
		d.registerPair(p[0], p[1], ref)
	}
	for _, m := range removed {
		c := ctx
		c.Operations, c.Messages = []OpRef{ref}, []string{m.Label()}
		c.Kind, c.Text = catalogue.OperationMessageRemoved, fmt.Sprintf("%s no longer %ss message %s", owner, ref.Action, m.Label())
		c.Base, c.Revision, c.Old = m.Def.Loc(), messagesLoc(bNode), m.Label()
		d.add(c)
	}
	for _, m := range added {
		c := ctx
		c.Operations, c.Messages = []OpRef{ref}, []string{m.Label()}
		c.Kind, c.Text = catalogue.OperationMessageAdded, fmt.Sprintf("%s now also %ss message %s", owner, ref.Action, m.Label())
		c.Base, c.Revision, c.New = messagesLoc(aNode), m.Def.Loc(), m.Label()
		d.add(c)
	}
}

// messagesLoc is where an operation lists its messages: 3.x `messages`,
// 2.x `message` (or its oneOf), else the operation.
func messagesLoc(op *tree.Node) *tree.Location {
	if n := op.Get("messages"); n != nil {
		return n.Loc()
	}
	if n := op.Get("message"); n != nil {
		if o := n.Get("oneOf"); o != nil {
			return o.Loc()
		}
		return n.Loc()
	}
	return op.Loc()
}

// reply compares request/reply: the application's obligations change with
// the operation's action, and reply messages travel the other way.
func (d *differ) reply(ctx Change, owner string, ref OpRef, a, b *spec.Operation, slots *slotIndex) {
	ra, rb := a.Reply, b.Reply
	switch {
	case ra == nil && rb == nil:
		return
	case ra == nil:
		c := ctx
		c.Kind, c.Text = catalogue.OperationReplyAdded, fmt.Sprintf("%s now has a reply", owner)
		if slots.replyServedInBase(b) {
			c.Kind, c.Text = catalogue.OperationReplyDeclared, fmt.Sprintf("%s now declares as its reply messages that already travelled that way", owner)
		}
		c.Base, c.Revision = a.Node.Loc(), rb.Node.Loc()
		d.add(c)
		return
	case rb == nil:
		c := ctx
		c.Kind, c.Text = catalogue.OperationReplyRemoved, fmt.Sprintf("%s no longer has a reply", owner)
		if slots.replyServedInRevision(a) {
			c.Kind, c.Text = catalogue.OperationReplyDeclared, fmt.Sprintf("%s no longer declares a reply, but its messages still travel that way", owner)
		}
		c.Base, c.Revision = ra.Node.Loc(), b.Node.Loc()
		d.add(c)
		return
	}
	if ra.AddressLocation != rb.AddressLocation {
		c := ctx
		c.Kind = catalogue.OperationReplyChanged
		c.Text = fmt.Sprintf("reply address of %s changed from %q to %q", owner, ra.AddressLocation, rb.AddressLocation)
		c.Base, c.Revision, c.Old, c.New = locNode(ra.Node, "address").Loc(), locNode(rb.Node, "address").Loc(), ra.AddressLocation, rb.AddressLocation
		d.add(c)
	}
	if ra.Channel != nil && rb.Channel != nil && canonicalAddress(ra.Channel.Address) != canonicalAddress(rb.Channel.Address) {
		c := ctx
		c.Kind = catalogue.OperationReplyChanged
		c.Text = fmt.Sprintf("reply channel of %s changed from %s to %s", owner, addressText(ra.Channel), addressText(rb.Channel))
		c.Base, c.Revision, c.Old, c.New = locNode(ra.Node, "channel").Loc(), locNode(rb.Node, "channel").Loc(), ra.Channel.Label(), rb.Channel.Label()
		d.add(c)
	}
	// Reply messages are compared with everything else travelling that way (slots).
	d.docs(ctx, "the reply of "+owner, ra.Node, rb.Node)
}

// pairMessages pairs two message lists by identity: declared id or key,
// then any shared name, then equal payloads, then (when lone allows it) the
// last message left on each side.
func pairMessages(as, bs []*spec.Message, lone bool) (pairs [][2]*spec.Message, removed, added []*spec.Message) {
	used := map[*spec.Message]bool{}
	paired := map[*spec.Message]bool{}
	tries := []func(a, b *spec.Message) bool{
		func(a, b *spec.Message) bool {
			return a.Def.RemoteRef() != "" && a.Def.RemoteRef() == b.Def.RemoteRef()
		},
		func(a, b *spec.Message) bool { return primaryName(a) != "" && primaryName(a) == primaryName(b) },
		func(a, b *spec.Message) bool { return sharesName(a, b) },
		func(a, b *spec.Message) bool { return a.Name != "" && a.Name == b.Name },
		func(a, b *spec.Message) bool {
			return a.Payload != nil && b.Payload != nil && tree.EqualResolved(a.Payload.Node, b.Payload.Node)
		},
	}
	for _, same := range tries {
		for _, a := range as {
			if paired[a] {
				continue
			}
			for _, b := range bs {
				if !used[b] && same(a, b) {
					pairs = append(pairs, [2]*spec.Message{a, b})
					paired[a], used[b] = true, true
					break
				}
			}
		}
	}
	for _, a := range as {
		if !paired[a] {
			removed = append(removed, a)
		}
	}
	for _, b := range bs {
		if !used[b] {
			added = append(added, b)
		}
	}
	if lone && len(removed) == 1 && len(added) == 1 {
		pairs = append(pairs, [2]*spec.Message{removed[0], added[0]})
		removed, added = nil, nil
	}
	return pairs, removed, added
}

// primaryName is the identifier a message is best known by: 2.x messageId,
// 3.x channel key, or its component key.
func primaryName(m *spec.Message) string {
	switch {
	case m.ID != "":
		return m.ID
	case m.ChannelKey != "":
		return m.ChannelKey
	}
	return m.ComponentKey
}

func sharesName(a, b *spec.Message) bool {
	for _, x := range []string{a.ID, a.ChannelKey, a.ComponentKey, a.Name} {
		if x == "" {
			continue
		}
		for _, y := range []string{b.ID, b.ChannelKey, b.ComponentKey, b.Name} {
			if x == y {
				return true
			}
		}
	}
	return false
}

// registerPair records that an operation reaches a message pair.
func (d *differ) registerPair(a, b *spec.Message, ref OpRef) {
	key := [2]*spec.Message{a, b}
	mp, ok := d.msgPairs[key]
	if !ok {
		mp = &msgPair{old: a, new: b, channel: ref.Channel}
		d.msgPairs[key] = mp
		d.msgOrder = append(d.msgOrder, mp)
	}
	if ref.ID != "" {
		mp.ops = mergeOps(mp.ops, ref)
	}
}

// channelMessages pairs the messages of each channel pair that no
// operation pair compared: a 3.x channel may list messages no operation
// uses, and an operation may stop (or start) using one. A message counts
// as unreached only when no operation reaches it on that side; such pairs
// are compared without a direction.
func (d *differ) channelMessages() {
	covered := func(doc *spec.Document) map[*spec.Message]bool {
		out := map[*spec.Message]bool{}
		for _, o := range doc.Operations {
			for _, m := range o.Messages {
				out[m] = true
			}
			if o.Reply != nil {
				for _, m := range o.Reply.Messages {
					out[m] = true
				}
			}
		}
		return out
	}
	coveredA, coveredB := covered(d.base), covered(d.rev)
	compared := map[*spec.Message]bool{}
	for _, mp := range d.msgOrder {
		compared[mp.old], compared[mp.new] = true, true
	}
	for _, p := range d.chanList {
		var restA, restB []*spec.Message
		for _, m := range p[0].Messages {
			if !compared[m] {
				restA = append(restA, m)
			}
		}
		for _, m := range p[1].Messages {
			if !compared[m] {
				restB = append(restB, m)
			}
		}
		if len(restA) == 0 && len(restB) == 0 {
			continue
		}
		pairs, removed, added := pairMessages(restA, restB, false)
		ch := p[1].Label()
		for _, mp := range pairs {
			d.registerPair(mp[0], mp[1], OpRef{Channel: ch})
		}
		for _, m := range removed {
			if coveredA[m] {
				continue // its operation's findings say it went
			}
			d.add(Change{Kind: catalogue.ChannelMessageRemoved, Subject: "channel", Channel: ch, Messages: []string{m.Label()},
				Text: fmt.Sprintf("message %s was removed from channel %q", m.Label(), ch),
				Base: m.Def.Loc(), Revision: locNode(p[1].Node, "messages").Loc(), Old: m.Label()})
		}
		for _, m := range added {
			if coveredB[m] {
				continue
			}
			d.add(Change{Kind: catalogue.ChannelMessageAdded, Subject: "channel", Channel: ch, Messages: []string{m.Label()},
				Text: fmt.Sprintf("message %s was added to channel %q", m.Label(), ch),
				Base: locNode(p[0].Node, "messages").Loc(), Revision: m.Def.Loc(), New: m.Label()})
		}
	}
}
