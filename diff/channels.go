package diff

import (
	"fmt"
	"strings"

	"github.com/eventdiff/eventdiff/rules/catalogue"
	"github.com/eventdiff/eventdiff/spec"
	"github.com/eventdiff/eventdiff/tree"
)

// canonicalAddress ignores parameter names: `user/{id}` and `user/{userId}`
// are the same concrete addresses.
func canonicalAddress(a string) string {
	return replaceParams(a, func(string) string { return "{}" })
}

// replaceParams rewrites every {name} of a template.
func replaceParams(t string, repl func(name string) string) string {
	if !strings.Contains(t, "{") {
		return t
	}
	var b strings.Builder
	last := 0
	spec.ForEachParam(t, func(name string, start, end int) {
		b.WriteString(t[last:start])
		b.WriteString(repl(name))
		last = end
	})
	b.WriteString(t[last:])
	return b.String()
}

// channels pairs channels by address (then by key, then through operation
// ids that moved with them) and compares each pair.
func (d *differ) channels() {
	taken := map[*spec.Channel]bool{}
	pair := func(a, b *spec.Channel) {
		d.chanPair[a] = b
		taken[b] = true
	}
	byAddr := map[string][]*spec.Channel{}
	byKey := map[string][]*spec.Channel{}
	for _, c := range d.rev.Channels {
		if !c.AddressNull {
			byAddr[canonicalAddress(c.Address)] = append(byAddr[canonicalAddress(c.Address)], c)
		}
		byKey[c.Key] = append(byKey[c.Key], c)
	}
	passes := []func(a *spec.Channel) *spec.Channel{
		func(a *spec.Channel) *spec.Channel { // same address and same key
			if a.AddressNull {
				return nil
			}
			for _, c := range byAddr[canonicalAddress(a.Address)] {
				if !taken[c] && c.Key == a.Key {
					return c
				}
			}
			return nil
		},
		func(a *spec.Channel) *spec.Channel { // same address
			if a.AddressNull {
				return nil
			}
			for _, c := range byAddr[canonicalAddress(a.Address)] {
				if !taken[c] {
					return c
				}
			}
			return nil
		},
		func(a *spec.Channel) *spec.Channel { // same 3.x channel id: the address changed
			if d.base.Major < 3 || d.rev.Major < 3 {
				return nil
			}
			for _, c := range byKey[a.Key] {
				if !taken[c] {
					return c
				}
			}
			return nil
		},
		d.channelByOperationIDs(taken),
	}
	for _, find := range passes {
		for _, a := range d.base.Channels {
			if _, done := d.chanPair[a]; done {
				continue
			}
			if b := find(a); b != nil {
				pair(a, b)
			}
		}
	}
	d.unpairedChannels(taken)
}

// unpairedChannels lists the pairs in base order and reports the channels
// left without a partner: removed, or added.
func (d *differ) unpairedChannels(taken map[*spec.Channel]bool) {
	for _, a := range d.base.Channels {
		if b, ok := d.chanPair[a]; ok {
			d.chanList = append(d.chanList, [2]*spec.Channel{a, b})
			continue
		}
		d.channelRemoved(a)
	}
	for _, b := range d.rev.Channels {
		if !taken[b] {
			d.add(Change{Kind: catalogue.ChannelAdded, Subject: "channel", Channel: b.Label(),
				Text: fmt.Sprintf("channel %q was added", b.Label()),
				Base: parentLoc(d.base, "channels"), Revision: b.Node.Loc(), New: b.Label()})
		}
	}
}

// channelRemoved reports a base channel no revision channel pairs with. A
// channel that only carried replies is listed like an added one; its
// operations' reply findings say what it breaks.
func (d *differ) channelRemoved(a *spec.Channel) {
	c := Change{Kind: catalogue.ChannelRemoved, Subject: "channel", Channel: a.Label(),
		Text: fmt.Sprintf("channel %q was removed", a.Label()),
		Base: a.Node.Loc(), Revision: parentLoc(d.rev, "channels"), Old: a.Label()}
	if refs := replyCarriers(d.base, a); refs != nil {
		// Its operations' reply findings judge what changed; it is listed
		// as removed, the way a new reply channel is listed as added.
		c.Kind, c.Operations = catalogue.ReplyChannelRemoved, refs
		c.Text = fmt.Sprintf("reply channel %q was removed", a.Label())
		d.add(c)
		return
	}
	// Whoever used the channel is hurt: its operations give the direction.
	for _, o := range d.base.Operations {
		if o.Channel == a {
			c.Operations = mergeOps(c.Operations, opRef(o))
		}
	}
	d.add(c)
}

// channelByOperationIDs pairs a channel with the revision channel that now
// carries the operations it carried, by declared operation id: that is a
// channel whose address changed.
func (d *differ) channelByOperationIDs(taken map[*spec.Channel]bool) func(a *spec.Channel) *spec.Channel {
	revOps := map[string]*spec.Operation{}
	for _, o := range d.rev.Operations {
		if o.ID != "" {
			revOps[o.ID] = o
		}
	}
	baseOps := map[*spec.Channel][]*spec.Operation{}
	for _, o := range d.base.Operations {
		if o.ID != "" {
			baseOps[o.Channel] = append(baseOps[o.Channel], o)
		}
	}
	return func(a *spec.Channel) *spec.Channel {
		for _, o := range baseOps[a] {
			if r, ok := revOps[o.ID]; ok && r.Channel != nil && !taken[r.Channel] {
				return r.Channel
			}
		}
		return nil
	}
}

// compareChannels compares every channel pair; it runs after operations
// are paired, because parameters take their direction from them.
func (d *differ) compareChannels() {
	for _, p := range d.chanList {
		d.channel(p[0], p[1])
	}
}

func (d *differ) channel(a, b *spec.Channel) {
	ctx := Change{Subject: "channel", Channel: b.Label(), Operations: d.chanOps[b]}
	owner := fmt.Sprintf("channel %q", b.Label())
	if d.remote(ctx, owner, a.Node, b.Node) {
		return
	}
	addrA, addrB := locNode(a.Node, "address"), locNode(b.Node, "address")
	switch {
	case !a.AddressNull && b.AddressNull:
		c := ctx
		c.Kind, c.Text = catalogue.ChannelAddressBecameUnknown, fmt.Sprintf("channel %q no longer has a known address", a.Label())
		c.Base, c.Revision, c.Old = addrA.Loc(), addrB.Loc(), a.Address
		d.add(c)
	case a.AddressNull != b.AddressNull || canonicalAddress(a.Address) != canonicalAddress(b.Address):
		c := ctx
		c.Kind = catalogue.ChannelAddressChanged
		c.Text = fmt.Sprintf("channel address changed from %s to %s", addressText(a), addressText(b))
		c.Base, c.Revision, c.Old, c.New = addrA.Loc(), addrB.Loc(), a.Label(), b.Label()
		d.add(c)
	case a.Address != b.Address:
		d.parameterRenames(ctx, a, b, addrA, addrB)
	}
	if d.base.Major >= 3 && d.rev.Major >= 3 && a.Key != b.Key {
		c := ctx
		c.Kind, c.Text = catalogue.ChannelRenamed, fmt.Sprintf("channel id %q was renamed to %q", a.Key, b.Key)
		c.Base, c.Revision, c.Old, c.New = a.Node.Loc(), b.Node.Loc(), a.Key, b.Key
		d.add(c)
	}
	d.parameters(a, b)
	d.channelServers(ctx, owner, a, b)
	if !a.Deprecated && b.Deprecated {
		c := ctx
		c.Kind, c.Text = catalogue.ChannelDeprecated, owner+" is now deprecated"
		c.Base, c.Revision, c.New = a.Node.Loc(), locNode(b.Node, "deprecated").Loc(), true
		d.add(c)
	}
	d.bindings(ctx, "channel", owner, a.Bindings, b.Bindings, a.Node, b.Node, [2]string{a.Address, b.Address})
	d.docs(ctx, owner, a.Node, b.Node)
}

// parameterRenames reports parameters renamed in an address whose
// concrete addresses are unchanged. A rename that also rewrites the
// parameter's description may give the segment another meaning.
func (d *differ) parameterRenames(ctx Change, a, b *spec.Channel, addrA, addrB *tree.Node) {
	pa, pb := spec.AddressParams(a.Address), spec.AddressParams(b.Address)
	for i := range pa {
		if i >= len(pb) || pa[i] == pb[i] {
			continue
		}
		c := ctx
		c.Kind = catalogue.ChannelParameterRenamed
		c.Text = fmt.Sprintf("parameter {%s} of channel %q was renamed to {%s}", pa[i], b.Label(), pb[i])
		c.Base, c.Revision, c.Old, c.New = addrA.Loc(), addrB.Loc(), pa[i], pb[i]
		da, db := paramDescription(a, pa[i]), paramDescription(b, pb[i])
		if da != nil && db != nil && normalizeText(da.Text()) != normalizeText(db.Text()) {
			c.Kind = catalogue.ChannelParameterMeaningChanged
			c.Text = fmt.Sprintf("parameter {%s} of channel %q was renamed to {%s} and its description rewritten: the segment may now carry another kind of value", pa[i], b.Label(), pb[i])
			c.Base, c.Revision = da.Loc(), db.Loc()
		}
		d.add(c)
	}
}

func paramDescription(c *spec.Channel, name string) *tree.Node {
	for _, p := range c.Parameters {
		if p.Name == name {
			if n := p.Node.Get("description"); n != nil && n.Kind == tree.String && strings.TrimSpace(n.Value) != "" {
				return n
			}
		}
	}
	return nil
}

// normalizeText ignores case and how text is wrapped.
func normalizeText(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

func addressText(c *spec.Channel) string {
	if c.AddressNull {
		return "unknown"
	}
	return fmt.Sprintf("%q", c.Address)
}

// channelServers compares where a channel is available; no list means
// every server of the document.
func (d *differ) channelServers(ctx Change, owner string, a, b *spec.Channel) {
	if a.Servers == nil && b.Servers == nil {
		return
	}
	names := func(doc *spec.Document, list []string) []string {
		if list != nil {
			return list
		}
		out := []string{}
		for _, s := range doc.Servers {
			out = append(out, s.Name)
		}
		return out
	}
	inDoc := func(doc *spec.Document, name string) bool {
		for _, s := range doc.Servers {
			if s.Name == name {
				return true
			}
		}
		return false
	}
	removed, added := setDiff(names(d.base, a.Servers), names(d.rev, b.Servers))
	for _, s := range removed {
		if !inDoc(d.rev, s) {
			continue // the server itself was removed, reported once there
		}
		c := ctx
		c.Kind, c.Text = catalogue.ChannelServerRemoved, fmt.Sprintf("%s is no longer available on server %q", owner, s)
		c.Base, c.Revision, c.Old = locNode(a.Node, "servers").Loc(), locNode(b.Node, "servers").Loc(), s
		d.add(c)
	}
	for _, s := range added {
		if !inDoc(d.base, s) {
			continue // a new server, reported as added
		}
		c := ctx
		c.Kind, c.Text = catalogue.ChannelServerAdded, fmt.Sprintf("%s is now also available on server %q", owner, s)
		c.Base, c.Revision, c.New = locNode(a.Node, "servers").Loc(), locNode(b.Node, "servers").Loc(), s
		d.add(c)
	}
}

// parameters pairs parameters by their position in the address (names
// may change freely), then the ones outside the address by name.
func (d *differ) parameters(a, b *spec.Channel) {
	ctx := Change{Subject: "parameter", Channel: b.Label()}
	posA, posB := paramPositions(a), paramPositions(b)
	var restA, restB []*spec.Parameter
	for _, p := range a.Parameters {
		if i, ok := posA[p.Name]; ok {
			if q := paramAt(b, posB, i); q != nil {
				d.parameter(ctx, b, p, q)
				continue
			}
		}
		restA = append(restA, p)
	}
	for _, q := range b.Parameters {
		if i, ok := posB[q.Name]; ok && paramAt(a, posA, i) != nil {
			continue
		}
		restB = append(restB, q)
	}
	byName := map[string]*spec.Parameter{}
	for _, q := range restB {
		byName[q.Name] = q
	}
	for _, p := range restA {
		if q, ok := byName[p.Name]; ok {
			delete(byName, p.Name)
			d.parameter(ctx, b, p, q)
			continue
		}
		c := ctx
		c.Kind, c.Text = catalogue.ChannelParameterRemoved, fmt.Sprintf("parameter %q of channel %q was removed", p.Name, b.Label())
		c.Base, c.Revision, c.Old = p.Node.Loc(), locNode(b.Node, "parameters").Loc(), p.Name
		d.add(c)
	}
	for _, q := range restB {
		if _, ok := byName[q.Name]; !ok {
			continue
		}
		c := ctx
		c.Kind, c.Text = catalogue.ChannelParameterAdded, fmt.Sprintf("parameter %q was added to channel %q", q.Name, b.Label())
		c.Base, c.Revision, c.New = locNode(a.Node, "parameters").Loc(), q.Node.Loc(), q.Name
		d.add(c)
	}
}

func paramPositions(c *spec.Channel) map[string]int {
	m := map[string]int{}
	for i, n := range spec.AddressParams(c.Address) {
		if _, dup := m[n]; !dup {
			m[n] = i
		}
	}
	return m
}

func paramAt(c *spec.Channel, pos map[string]int, i int) *spec.Parameter {
	for _, p := range c.Parameters {
		if j, ok := pos[p.Name]; ok && j == i {
			return p
		}
	}
	return nil
}

// parameter compares the values one parameter admits. Where both are 2.x
// schemas the schema engine judges them; otherwise enum and default.
func (d *differ) parameter(ctx Change, ch *spec.Channel, a, b *spec.Parameter) {
	ctx.Operations = d.chanOps[ch]
	where := fmt.Sprintf("parameter %q of channel %q", b.Name, ch.Label())
	if d.remote(ctx, where, a.Node, b.Node) {
		return
	}
	if a.Location != b.Location {
		c := ctx
		switch {
		case a.Location == "":
			c.Kind = catalogue.ChannelParameterLocationAdded
			c.Text = fmt.Sprintf("%s is now taken from %s", where, b.Location)
		case b.Location == "":
			c.Kind = catalogue.ChannelParameterLocationRemoved
			c.Text = fmt.Sprintf("%s is no longer taken from %s", where, a.Location)
		default:
			c.Kind = catalogue.ChannelParameterLocationChanged
			c.Text = fmt.Sprintf("location of %s changed from %q to %q", where, a.Location, b.Location)
		}
		c.Base, c.Revision = locNode(a.Node, "location").Loc(), locNode(b.Node, "location").Loc()
		c.Old, c.New = a.Location, b.Location
		d.add(c)
	}
	if a.Schema != nil && b.Schema != nil {
		d.schemas(ctx, where, a.Schema, b.Schema, d.opts.Schema)
		d.docs(ctx, where, a.Node, b.Node)
		return
	}
	enumA, defA := paramValues(a)
	enumB, defB := paramValues(b)
	enumNodeA, enumNodeB := locNode(a.Node, "enum"), locNode(b.Node, "enum")
	switch removed, added := setDiff(enumA, enumB); {
	case enumA == nil && enumB != nil:
		c := ctx
		c.Kind, c.Text = catalogue.ChannelParameterEnumValueRemoved, fmt.Sprintf("%s is now limited to %s", where, quoteList(enumB))
		c.Base, c.Revision, c.New = a.Node.Loc(), enumNodeB.Loc(), enumB
		d.add(c)
	case enumA != nil && enumB == nil:
		c := ctx
		c.Kind, c.Text = catalogue.ChannelParameterEnumValueAdded, fmt.Sprintf("%s is no longer limited to %s", where, quoteList(enumA))
		c.Base, c.Revision, c.Old = enumNodeA.Loc(), b.Node.Loc(), enumA
		d.add(c)
	default:
		if len(removed) > 0 {
			c := ctx
			c.Kind, c.Text = catalogue.ChannelParameterEnumValueRemoved, fmt.Sprintf("%s no longer allows %s", where, quoteList(removed))
			c.Base, c.Revision, c.Old = enumNodeA.Loc(), enumNodeB.Loc(), removed
			d.add(c)
		}
		if len(added) > 0 {
			c := ctx
			c.Kind, c.Text = catalogue.ChannelParameterEnumValueAdded, fmt.Sprintf("%s now also allows %s", where, quoteList(added))
			c.Base, c.Revision, c.New = enumNodeA.Loc(), enumNodeB.Loc(), added
			d.add(c)
		}
	}
	if !tree.Equal(defA, defB) {
		c := ctx
		c.Kind = catalogue.ChannelParameterDefaultChanged
		c.Text = fmt.Sprintf("default of %s changed from %v to %v", where, plain(defA), plain(defB))
		c.Base, c.Revision, c.Old, c.New = locOr(defA, a.Node), locOr(defB, b.Node), plain(defA), plain(defB)
		d.add(c)
	}
	d.docs(ctx, where, a.Node, b.Node)
}

// paramValues reads the allowed values and default of a parameter in
// either version: 3.x enum/default, or a 2.x schema's enum/const/default.
func paramValues(p *spec.Parameter) (enum []string, def *tree.Node) {
	if p.Schema != nil {
		s := p.Schema.Deref()
		if e := s.Get("enum"); e != nil {
			enum = e.Deref().Strings()
		} else if c := s.Get("const"); c != nil {
			enum = []string{c.Text()}
		}
		return enum, s.Get("default")
	}
	if p.HasEnum {
		enum = p.Enum
		if enum == nil {
			enum = []string{}
		}
	}
	return enum, p.Default
}

// replyCarriers returns the operations whose reply travels through a
// channel, when it serves only as a reply channel (never as an
// operation's own channel); nil otherwise.
func replyCarriers(doc *spec.Document, ch *spec.Channel) []OpRef {
	var refs []OpRef
	for _, o := range doc.Operations {
		if o.Channel == ch {
			return nil
		}
		if o.Reply != nil && o.Reply.Channel == ch {
			refs = mergeOps(refs, carrier{op: o, reply: true}.ref())
		}
	}
	return refs
}
