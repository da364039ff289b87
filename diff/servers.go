package diff

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/eventdiff/eventdiff/rules/catalogue"
	"github.com/eventdiff/eventdiff/spec"
	"github.com/eventdiff/eventdiff/tree"
)

// servers pairs servers by name, then renamed ones by where they point.
func (d *differ) servers() {
	byName := map[string]*spec.Server{}
	for _, s := range d.rev.Servers {
		byName[s.Name] = s
	}
	matched := map[*spec.Server]bool{}
	var removed []*spec.Server
	for _, s := range d.base.Servers {
		if r, ok := byName[s.Name]; ok {
			matched[r] = true
			d.server(s, r)
		} else {
			removed = append(removed, s)
		}
	}
	var added []*spec.Server
	for _, s := range d.rev.Servers {
		if !matched[s] {
			added = append(added, s)
		}
	}
	// A server whose name alone changed is a rename.
	for i := 0; i < len(removed); i++ {
		for j := 0; j < len(added); j++ {
			s, r := removed[i], added[j]
			if s.Protocol == r.Protocol && s.Host == r.Host && s.Pathname == r.Pathname {
				d.add(Change{Kind: catalogue.ServerRenamed, Subject: "server",
					Text: fmt.Sprintf("server %q was renamed to %q", s.Name, r.Name),
					Base: s.Node.Loc(), Revision: r.Node.Loc(), Old: s.Name, New: r.Name})
				d.server(s, r)
				removed = append(removed[:i], removed[i+1:]...)
				added = append(added[:j], added[j+1:]...)
				i--
				break
			}
		}
	}
	for _, s := range removed {
		d.add(Change{Kind: catalogue.ServerRemoved, Subject: "server", Operations: serverOps(d.base, s.Name),
			Text: fmt.Sprintf("server %q (%s) was removed", s.Name, serverURL(s)),
			Base: s.Node.Loc(), Revision: parentLoc(d.rev, "servers"), Old: s.Name})
	}
	for _, r := range added {
		d.add(Change{Kind: catalogue.ServerAdded, Subject: "server",
			Text: fmt.Sprintf("server %q (%s) was added", r.Name, serverURL(r)),
			Base: parentLoc(d.base, "servers"), Revision: r.Node.Loc(), New: r.Name})
	}
}

// serverOps are the operations of the channels available on a server (a
// channel that names no server is on every one): whoever talks through
// them is hurt when the server goes, which gives its removal a direction.
func serverOps(doc *spec.Document, server string) []OpRef {
	var ops []OpRef
	for _, o := range doc.Operations {
		if o.Channel == nil || o.Channel.Servers != nil && !slices.Contains(o.Channel.Servers, server) {
			continue
		}
		ops = mergeOps(ops, opRef(o))
	}
	return ops
}

func serverURL(s *spec.Server) string {
	u := s.Host + s.Pathname
	if s.Protocol != "" {
		u = s.Protocol + "://" + u
	}
	return u
}

func (d *differ) server(a, b *spec.Server) {
	ctx := Change{Subject: "server"}
	if d.remote(ctx, fmt.Sprintf("server %q", b.Name), a.Node, b.Node) {
		return
	}
	field := func(kind, name, old, new string, an, bn *tree.Node) {
		if old == new {
			return
		}
		c := ctx
		c.Kind = kind
		c.Text = fmt.Sprintf("%s of server %q changed from %q to %q", name, b.Name, old, new)
		c.Base, c.Revision = an.Loc(), bn.Loc()
		c.Old, c.New = old, new
		d.add(c)
	}
	// 2.x keeps host and pathname in `url`; point there when there is no host field.
	hostNode := func(s *spec.Server) *tree.Node {
		if h := s.Node.Get("host"); h != nil {
			return h
		}
		if u := s.Node.Get("url"); u != nil {
			return u
		}
		return s.Node
	}
	pathNode := func(s *spec.Server) *tree.Node {
		if p := s.Node.Get("pathname"); p != nil {
			return p
		}
		return hostNode(s)
	}
	if !sameTemplate(a.Host, a, b.Host, b) {
		field(catalogue.ServerHostChanged, "host", a.Host, b.Host, hostNode(a), hostNode(b))
	}
	if !sameTemplate(a.Pathname, a, b.Pathname, b) {
		field(catalogue.ServerPathnameChanged, "pathname", a.Pathname, b.Pathname, pathNode(a), pathNode(b))
	}
	field(catalogue.ServerProtocolChanged, "protocol", a.Protocol, b.Protocol, locNode(a.Node, "protocol"), locNode(b.Node, "protocol"))
	if a.ProtocolVersion != b.ProtocolVersion {
		kind := catalogue.ServerProtocolVersionChanged
		if protocolGenerationChanged(b.Protocol, a.ProtocolVersion, b.ProtocolVersion) {
			kind = catalogue.ServerProtocolVersionMajorChanged
		}
		field(kind, "protocolVersion", a.ProtocolVersion, b.ProtocolVersion, locNode(a.Node, "protocolVersion"), locNode(b.Node, "protocolVersion"))
	}
	d.variables(b.Name, a, b)
	d.security(ctx, fmt.Sprintf("server %q", b.Name), a.Security, b.Security, a.Node, b.Node)
	d.bindings(ctx, "server", fmt.Sprintf("server %q", b.Name), a.Bindings, b.Bindings, a.Node, b.Node, [2]string{})
	d.docs(ctx, fmt.Sprintf("server %q", b.Name), a.Node, b.Node)
}

// sameTemplate reports whether two server host (or pathname) templates
// name the same places: equal once variable names are ignored, or equal
// once every variable is replaced by its default.
func sameTemplate(ta string, a *spec.Server, tb string, b *spec.Server) bool {
	if ta == tb || canonicalAddress(ta) == canonicalAddress(tb) {
		return true
	}
	return expand(ta, a) == expand(tb, b)
}

// expand replaces each {variable} of a template by its default value.
func expand(t string, s *spec.Server) string {
	return replaceParams(t, func(name string) string {
		for _, v := range s.Variables {
			if v.Name == name && v.Default != nil {
				return v.Default.Text()
			}
		}
		return "{" + name + "}"
	})
}

func locNode(n *tree.Node, key string) *tree.Node {
	if v := n.Get(key); v != nil {
		return v
	}
	return n
}

// protocolGenerationChanged reports protocol version changes that are a
// different wire protocol: MQTT 3.x ↔ 5, AMQP 0-9-1 ↔ 1.0.
func protocolGenerationChanged(protocol, a, b string) bool {
	gen := func(v string) string {
		v = strings.TrimSpace(v)
		switch {
		case strings.HasPrefix(v, "5"):
			return "5"
		case strings.HasPrefix(v, "3"):
			return "3"
		case strings.HasPrefix(v, "0"):
			return "0"
		case strings.HasPrefix(v, "1"):
			return "1"
		}
		return v
	}
	switch strings.ToLower(protocol) {
	case "mqtt", "secure-mqtt", "mqtts", "amqp", "amqps":
		return a != "" && b != "" && gen(a) != gen(b)
	}
	return false
}

func (d *differ) variables(server string, a, b *spec.Server) {
	// Pair variables by name, then a variable renamed in place in the
	// host or pathname template is the same variable.
	byName := map[string]*spec.ServerVariable{}
	for _, v := range b.Variables {
		byName[v.Name] = v
	}
	posA, posB := spec.AddressParams(a.Host+a.Pathname), spec.AddressParams(b.Host+b.Pathname)
	for i, name := range posA {
		if i < len(posB) && byName[name] == nil && !hasVariable(a, posB[i]) {
			if v, ok := byName[posB[i]]; ok {
				delete(byName, posB[i])
				byName[name] = v
			}
		}
	}
	matched := map[*spec.ServerVariable]bool{}
	for _, va := range a.Variables {
		vb, ok := byName[va.Name]
		if !ok {
			d.add(Change{Kind: catalogue.ServerVariableRemoved, Subject: "server", Operations: serverOps(d.base, a.Name),
				Text: fmt.Sprintf("variable %q of server %q was removed", va.Name, server),
				Base: va.Node.Loc(), Revision: b.Node.Loc(), Old: va.Name})
			continue
		}
		matched[vb] = true
		where := fmt.Sprintf("variable %q of server %q", va.Name, server)
		enumA, enumB := va.Node.Get("enum"), vb.Node.Get("enum")
		switch removed, added := setDiff(va.Enum, vb.Enum); {
		case len(va.Enum) == 0 && len(vb.Enum) > 0:
			d.add(Change{Kind: catalogue.ServerVariableEnumValueRemoved, Subject: "server",
				Text: fmt.Sprintf("%s is now limited to %s", where, quoteList(vb.Enum)),
				Base: va.Node.Loc(), Revision: enumB.Loc(), New: vb.Enum})
		case len(va.Enum) > 0 && len(vb.Enum) == 0:
			d.add(Change{Kind: catalogue.ServerVariableEnumValueAdded, Subject: "server",
				Text: fmt.Sprintf("%s is no longer limited to %s", where, quoteList(va.Enum)),
				Base: enumA.Loc(), Revision: vb.Node.Loc(), Old: va.Enum})
		default:
			if len(removed) > 0 {
				d.add(Change{Kind: catalogue.ServerVariableEnumValueRemoved, Subject: "server",
					Text: fmt.Sprintf("%s no longer allows %s", where, quoteList(removed)),
					Base: enumA.Loc(), Revision: enumB.Loc(), Old: removed})
			}
			if len(added) > 0 {
				d.add(Change{Kind: catalogue.ServerVariableEnumValueAdded, Subject: "server",
					Text: fmt.Sprintf("%s now also allows %s", where, quoteList(added)),
					Base: enumA.Loc(), Revision: enumB.Loc(), New: added})
			}
		}
		if !tree.Equal(va.Default, vb.Default) {
			d.add(Change{Kind: catalogue.ServerVariableDefaultChanged, Subject: "server",
				Text: fmt.Sprintf("default of %s changed from %v to %v", where, plain(va.Default), plain(vb.Default)),
				Base: locOr(va.Default, va.Node), Revision: locOr(vb.Default, vb.Node), Old: plain(va.Default), New: plain(vb.Default)})
		}
		d.docs(Change{Subject: "server"}, where, va.Node, vb.Node)
	}
	for _, vb := range b.Variables {
		if !matched[vb] {
			d.add(Change{Kind: catalogue.ServerVariableAdded, Subject: "server",
				Text: fmt.Sprintf("variable %q was added to server %q", vb.Name, server),
				Base: a.Node.Loc(), Revision: vb.Node.Loc(), New: vb.Name})
		}
	}
}

// schemeFields are the Security Scheme fields that change what a client
// must present.
var schemeFields = []string{"type", "in", "name", "scheme", "bearerFormat", "openIdConnectUrl"}

// schemeSignature identifies a scheme by content, for inline 3.x schemes
// and for matching a 2.x named scheme against its inline 3.x copy.
func schemeSignature(s *tree.Node) string {
	var b strings.Builder
	for _, k := range schemeFields {
		b.WriteString(s.Str(k))
		b.WriteByte('|')
	}
	flows := s.Get("flows").Deref()
	for _, k := range sortedFieldKeys(flows) {
		fl := flows.Get(k).Deref()
		fmt.Fprintf(&b, "%s:%s:%s:%s|", k, fl.Str("authorizationUrl"), fl.Str("tokenUrl"), fl.Str("refreshUrl"))
	}
	return b.String()
}

func useKey(u *spec.SecurityUse) string {
	if u.Name != "" {
		return "name:" + u.Name
	}
	return "sig:" + schemeSignature(u.Scheme)
}

func altKey(a *spec.SecurityAlternative) string {
	keys := make([]string, len(a.Uses))
	for i, u := range a.Uses {
		keys[i] = useKey(u)
	}
	sort.Strings(keys)
	return strings.Join(keys, "&")
}

func altLabel(a *spec.SecurityAlternative) string {
	if len(a.Uses) == 0 {
		return "no authentication"
	}
	names := make([]string, len(a.Uses))
	for i, u := range a.Uses {
		names[i] = u.Name
		if names[i] == "" {
			names[i] = u.Scheme.Str("type")
		}
	}
	sort.Strings(names)
	return strings.Join(names, " + ")
}

// secured reports whether a security list demands authentication: it does
// unless it is absent, empty, or offers an alternative with no schemes.
func secured(s *spec.Security) bool {
	if s == nil || len(s.Alternatives) == 0 {
		return false
	}
	for _, a := range s.Alternatives {
		if len(a.Uses) == 0 {
			return false
		}
	}
	return true
}

// security compares two security lists: alternatives (any one suffices)
// of scheme sets (all required).
func (d *differ) security(ctx Change, owner string, a, b *spec.Security, aOwner, bOwner *tree.Node) {
	aNode, bNode := aOwner, bOwner
	if a != nil {
		aNode = a.Node
	}
	if b != nil {
		bNode = b.Node
	}
	add := func(kind, text string, an, bn *tree.Node, old, new any) {
		c := ctx
		c.Kind, c.Text = kind, text
		c.Base, c.Revision, c.Old, c.New = an.Loc(), bn.Loc(), old, new
		d.add(c)
	}
	switch {
	case !secured(a) && secured(b):
		add(catalogue.SecurityAdded, fmt.Sprintf("%s now requires authentication (%s)", owner, altList(b)), aNode, bNode, nil, altList(b))
		return
	case secured(a) && !secured(b):
		add(catalogue.SecurityRemoved, fmt.Sprintf("%s no longer requires authentication", owner), aNode, bNode, altList(a), nil)
		return
	case !secured(a) && !secured(b):
		return
	}
	bAlts := map[string]*spec.SecurityAlternative{}
	for _, alt := range b.Alternatives {
		bAlts[altKey(alt)] = alt
	}
	matched := map[*spec.SecurityAlternative]bool{}
	var removed []*spec.SecurityAlternative
	for _, alt := range a.Alternatives {
		if m, ok := bAlts[altKey(alt)]; ok && !matched[m] {
			matched[m] = true
			d.alternative(ctx, owner, alt, m)
			continue
		}
		removed = append(removed, alt)
	}
	var added []*spec.SecurityAlternative
	for _, alt := range b.Alternatives {
		if !matched[alt] {
			added = append(added, alt)
		}
	}
	// Match what is left by content, so a named 2.x scheme meets its inline 3.x copy.
	for i := 0; i < len(removed); i++ {
		for j := 0; j < len(added); j++ {
			if contentKey(removed[i]) == contentKey(added[j]) {
				d.alternative(ctx, owner, removed[i], added[j])
				removed = append(removed[:i], removed[i+1:]...)
				added = append(added[:j], added[j+1:]...)
				i--
				break
			}
		}
	}
	for _, alt := range removed {
		if honoured(alt, b) {
			continue // a peer presenting these schemes is still accepted; the added alternative is reported
		}
		add(catalogue.SecurityAlternativeRemoved, fmt.Sprintf("%s no longer accepts %s", owner, altLabel(alt)), alt.Node, bNode, altLabel(alt), nil)
	}
	for _, alt := range added {
		add(catalogue.SecurityAlternativeAdded, fmt.Sprintf("%s now also accepts %s", owner, altLabel(alt)), aNode, alt.Node, nil, altLabel(alt))
	}
}

// honoured reports whether a peer satisfying an old alternative still
// satisfies some new one: one that requires a subset of its schemes, each
// with a subset of its scopes.
func honoured(old *spec.SecurityAlternative, now *spec.Security) bool {
	for _, alt := range now.Alternatives {
		ok := true
		for _, u := range alt.Uses {
			if !providedBy(u, old) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func providedBy(u *spec.SecurityUse, alt *spec.SecurityAlternative) bool {
	for _, have := range alt.Uses {
		if useKey(have) != useKey(u) && schemeSignature(have.Scheme) != schemeSignature(u.Scheme) {
			continue
		}
		if extra, _ := setDiff(u.Scopes, have.Scopes); len(extra) == 0 {
			return true
		}
	}
	return false
}

func contentKey(a *spec.SecurityAlternative) string {
	keys := make([]string, len(a.Uses))
	for i, u := range a.Uses {
		keys[i] = schemeSignature(u.Scheme)
	}
	sort.Strings(keys)
	return strings.Join(keys, "&")
}

func altList(s *spec.Security) string {
	labels := make([]string, len(s.Alternatives))
	for i, a := range s.Alternatives {
		labels[i] = altLabel(a)
	}
	return strings.Join(labels, " or ")
}

// alternative compares two matched alternatives scheme by scheme.
func (d *differ) alternative(ctx Change, owner string, a, b *spec.SecurityAlternative) {
	for _, ua := range a.Uses {
		var ub *spec.SecurityUse
		for _, u := range b.Uses {
			if useKey(u) == useKey(ua) || schemeSignature(u.Scheme) == schemeSignature(ua.Scheme) {
				ub = u
				break
			}
		}
		if ub == nil {
			continue
		}
		label := ua.Name
		if label == "" {
			label = ua.Scheme.Str("type")
		}
		if ua.Scheme != nil && ub.Scheme != nil && schemeSignature(ua.Scheme) != schemeSignature(ub.Scheme) {
			c := ctx
			c.Kind = catalogue.SecuritySchemeChanged
			c.Text = fmt.Sprintf("security scheme %q changed", label)
			c.Base, c.Revision = ua.Scheme.Loc(), ub.Scheme.Loc()
			c.Old, c.New = schemeSummary(ua.Scheme), schemeSummary(ub.Scheme)
			d.addOnce(c)
		}
		removed, added := setDiff(ua.Scopes, ub.Scopes)
		// 3.x keeps required scopes on the scheme, 2.x on each requirement.
		scopesAt := func(u *spec.SecurityUse) *tree.Node {
			if n := u.Scheme.Get("scopes"); n != nil && u.Node.Target != nil {
				return n
			}
			return locParent(u.Node, u.Scheme)
		}
		if len(added) > 0 {
			c := ctx
			c.Kind = catalogue.SecurityScopesAdded
			c.Text = fmt.Sprintf("security scheme %q now requires scopes %s", label, quoteList(added))
			c.Base, c.Revision, c.New = scopesAt(ua).Loc(), scopesAt(ub).Loc(), added
			d.addOnce(c)
		}
		if len(removed) > 0 {
			c := ctx
			c.Kind = catalogue.SecurityScopesRemoved
			c.Text = fmt.Sprintf("security scheme %q no longer requires scopes %s", label, quoteList(removed))
			c.Base, c.Revision, c.Old = scopesAt(ua).Loc(), scopesAt(ub).Loc(), removed
			d.addOnce(c)
		}
	}
}

func schemeSummary(s *tree.Node) map[string]any {
	out := map[string]any{}
	for _, k := range schemeFields {
		if v := s.Str(k); v != "" {
			out[k] = v
		}
	}
	if f := s.Get("flows"); f != nil {
		out["flows"] = plain(f)
	}
	return out
}

func sortedFieldKeys(n *tree.Node) []string {
	keys := make([]string, 0, len(n.Entries()))
	for _, f := range n.Entries() {
		keys = append(keys, f.Key)
	}
	sort.Strings(keys)
	return keys
}

func hasVariable(s *spec.Server, name string) bool {
	for _, v := range s.Variables {
		if v.Name == name {
			return true
		}
	}
	return false
}
