package spec

import (
	"fmt"
	"sort"
	"strings"

	"github.com/eventdiff/eventdiff/tree"
)

// builder maps the resolved node tree of one document into the model.
type builder struct {
	doc   *Document
	msgs  map[*tree.Node]*Message // by definition node, so shared messages are one
	chans map[*tree.Node]*Channel
	warns []tree.Warning

	// remoteMsgs are the messages that are remote references not followed,
	// by URL: two references to the same URL are the same message.
	remoteMsgs map[string]*Message
}

func (b *builder) warn(n *tree.Node, format string, args ...any) {
	w := tree.Warning{Msg: fmt.Sprintf(format, args...)}
	if n != nil {
		w.Line = int(n.Line)
		if n.File != nil {
			w.File = n.File.Name
		}
	} else {
		w.File = b.doc.Name
	}
	b.warns = append(b.warns, w)
}

// fields returns the entries of a map node (after references) sorted by
// key, so nothing built depends on the order keys were written in; it
// warns when something else stands where a map belongs.
func (b *builder) fields(n *tree.Node, what string) []tree.Field {
	n = n.Deref()
	if n == nil || n.Kind == tree.Null {
		return nil
	}
	if n.Kind != tree.Map {
		b.warn(n, "%s should be a mapping, found %s; ignored", what, n.Kind)
		return nil
	}
	out := append([]tree.Field(nil), n.Fields...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

var (
	rootKeys2 = set("asyncapi", "id", "info", "servers", "defaultContentType", "channels", "components", "tags", "externalDocs")
	rootKeys3 = set("asyncapi", "id", "info", "servers", "defaultContentType", "channels", "operations", "components")
)

func set(keys ...string) map[string]bool {
	m := make(map[string]bool, len(keys))
	for _, k := range keys {
		m[k] = true
	}
	return m
}

func (b *builder) checkKeys(n *tree.Node, known map[string]bool, where string) {
	for _, f := range n.Fields {
		if !known[f.Key] && !strings.HasPrefix(f.Key, "x-") {
			b.warn(f.Value, "unknown field %q in %s", f.Key, where)
		}
	}
}

func (b *builder) info(n, tags, docs *tree.Node) {
	n = n.Deref()
	info := &Info{Node: n, Tags: tags, ExternalDocs: docs}
	if n == nil || n.Kind != tree.Map {
		b.warn(b.doc.Root, "the required `info` object is missing")
		b.doc.Info = info
		return
	}
	info.Title = n.Str("title")
	info.Version = n.Str("version")
	info.Description = n.Get("description")
	if info.Tags == nil {
		info.Tags = n.Get("tags")
	}
	if info.ExternalDocs == nil {
		info.ExternalDocs = n.Get("externalDocs")
	}
	if info.Title == "" {
		b.warn(n, "info.title is required")
	}
	if info.Version == "" {
		b.warn(n, "info.version is required")
	}
	b.doc.Info = info
}

// build2 maps an AsyncAPI 2.x document.
func (b *builder) build2() {
	d, root := b.doc, b.doc.Root
	b.checkKeys(root, rootKeys2, "the document root")
	b.info(root.Get("info"), root.Get("tags"), root.Get("externalDocs"))
	d.ID = root.Str("id")
	d.DefaultContentType = root.Str("defaultContentType")
	schemes := root.Get("components").Deref().Get("securitySchemes").Deref()
	for _, f := range b.fields(root.Get("servers"), "servers") {
		n := f.Value.Deref()
		if n.Kind != tree.Map {
			b.warn(n, "server %q is not a mapping; ignored", f.Key)
			continue
		}
		s := &Server{Name: f.Key, Node: n, Protocol: n.Str("protocol"), ProtocolVersion: n.Str("protocolVersion"),
			Bindings: n.Get("bindings").Deref()}
		s.Host, s.Pathname = splitURL(n.Str("url"))
		if !n.Has("url") {
			b.warn(n, "server %q has no url", f.Key)
		}
		s.Variables = b.variables(n.Get("variables"))
		s.Security = b.security2(n.Get("security"), schemes)
		d.Servers = append(d.Servers, s)
	}
	if !root.Has("channels") {
		b.warn(root, "the required `channels` object is missing")
	}
	for _, f := range b.fields(root.Get("channels"), "channels") {
		n := f.Value.Deref()
		if n.Kind != tree.Map {
			if n.Kind != tree.Null {
				b.warn(n, "channel %q is not a mapping; ignored", f.Key)
			}
			continue
		}
		ch := &Channel{Key: f.Key, Address: f.Key, Node: n, Bindings: n.Get("bindings").Deref(),
			Deprecated: n.Get("deprecated").IsTrue()}
		b.chans[n] = ch
		ch.Servers = n.Get("servers").Deref().Strings()
		ch.Parameters = b.parameters(ch.Address, n.Get("parameters"))
		d.Channels = append(d.Channels, ch)
		for _, verb := range []string{"subscribe", "publish"} {
			on := n.Get(verb).Deref()
			if on == nil {
				continue
			}
			if on.Kind != tree.Map {
				b.warn(on, "%s of channel %q is not a mapping; ignored", verb, f.Key)
				continue
			}
			b.operation2(ch, verb, on, schemes)
		}
	}
}

func (b *builder) operation2(ch *Channel, verb string, on, schemes *tree.Node) {
	eff := applyTraits(on, true)
	op := &Operation{Verb: verb, Channel: ch, ID: eff.Str("operationId"), Node: eff,
		Bindings: eff.Get("bindings").Deref(), Compat: eff.Str("x-eventdiff-compatibility")}
	// The spec: subscribe = the application sends; publish = it receives.
	op.Action = Send
	if verb == "publish" {
		op.Action = Receive
	}
	if b.doc.Perspective == Client {
		op.Action = invert(op.Action)
	}
	op.Key = op.ID
	if op.Key == "" {
		op.Key = verb + " " + ch.Address
	}
	if mn := eff.Get("message"); mn != nil {
		items := []*tree.Node{mn}
		if md := mn.Deref(); md.Kind == tree.Map && md.Get("oneOf") != nil {
			items = md.Get("oneOf").Deref().Elems()
		}
		for _, it := range items {
			if it.Deref().Kind != tree.Map {
				b.warn(it, "a message of %s %q is not a mapping; ignored", verb, ch.Address)
				continue
			}
			m := b.message(it)
			op.Messages = append(op.Messages, m)
			ch.addMessage(m, "")
		}
	}
	op.Security = b.security2(eff.Get("security"), schemes)
	b.doc.Operations = append(b.doc.Operations, op)
}

func invert(a Action) Action {
	if a == Send {
		return Receive
	}
	return Send
}

func (c *Channel) addMessage(m *Message, key string) {
	for _, have := range c.Messages {
		if have == m {
			return
		}
	}
	c.Messages = append(c.Messages, m)
	c.MessageKeys = append(c.MessageKeys, key)
}

// splitURL splits a 2.x server url into host and pathname the way the
// official converter does: the scheme is dropped, the rest split at the first /.
func splitURL(u string) (host, pathname string) {
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
	}
	if j := strings.IndexByte(u, '/'); j >= 0 {
		host, pathname = u[:j], u[j:]
	} else {
		host = u
	}
	if pathname == "/" {
		pathname = ""
	}
	return host, pathname
}

func (b *builder) variables(n *tree.Node) []*ServerVariable {
	var out []*ServerVariable
	for _, f := range b.fields(n, "server variables") {
		v := f.Value.Deref()
		sv := &ServerVariable{Name: f.Key, Node: v}
		if v.Kind == tree.Map {
			sv.Enum = v.Get("enum").Strings()
			sv.Default = v.Get("default")
		}
		out = append(out, sv)
	}
	return out
}

// security2 reads 2.x Security Requirement Objects: each is an alternative
// whose named schemes are all required.
func (b *builder) security2(n, schemes *tree.Node) *Security {
	n = n.Deref()
	if n == nil || n.Kind == tree.Null {
		return nil
	}
	if n.Kind != tree.Seq {
		b.warn(n, "security should be a list; ignored")
		return nil
	}
	sec := &Security{Node: n}
	for _, it := range n.Items {
		req := it.Deref()
		alt := &SecurityAlternative{Node: req}
		for _, f := range req.Fields {
			u := &SecurityUse{Name: f.Key, Scheme: schemes.Get(f.Key).Deref(), Scopes: f.Value.Strings(), Node: f.Value}
			if u.Scheme == nil {
				b.warn(f.Value, "security scheme %q is not defined in components.securitySchemes", f.Key)
			}
			alt.Uses = append(alt.Uses, u)
		}
		sec.Alternatives = append(sec.Alternatives, alt)
	}
	return sec
}

// security3 reads a 3.x security list: each entry is one alternative.
func (b *builder) security3(n *tree.Node) *Security {
	n = n.Deref()
	if n == nil || n.Kind == tree.Null {
		return nil
	}
	if n.Kind != tree.Seq {
		b.warn(n, "security should be a list; ignored")
		return nil
	}
	sec := &Security{Node: n}
	for _, it := range n.Items {
		s := it.Deref()
		u := &SecurityUse{Scheme: s, Scopes: s.Get("scopes").Strings(), Node: it}
		if it.Target != nil {
			u.Name = s.Key()
		}
		sec.Alternatives = append(sec.Alternatives, &SecurityAlternative{Uses: []*SecurityUse{u}, Node: it})
	}
	return sec
}

// AddressParams returns the parameter names of an address (or any
// {name} template) in order.
func AddressParams(address string) []string {
	var out []string
	ForEachParam(address, func(name string, _, _ int) { out = append(out, name) })
	return out
}

// ForEachParam calls fn for every non-empty {name} expression of a
// template with the name and the span [start, end) of the braces. It is a
// plain scan: addresses are compared for every channel, so no regexp.
func ForEachParam(t string, fn func(name string, start, end int)) {
	for i := 0; i < len(t); i++ {
		if t[i] != '{' {
			continue
		}
		j := i + 1
		for j < len(t) && t[j] != '}' && t[j] != '{' {
			j++
		}
		if j < len(t) && t[j] == '}' {
			if j > i+1 {
				fn(t[i+1:j], i, j+1)
			}
			i = j
		}
	}
}

// parameters reads channel parameters in the order the address uses them.
func (b *builder) parameters(address string, n *tree.Node) []*Parameter {
	byName := map[string]*Parameter{}
	var declared []string
	for _, f := range b.fields(n, "parameters") {
		pn := f.Value.Deref()
		p := &Parameter{Name: f.Key, Node: pn}
		if pn.Kind == tree.Map {
			p.Schema = pn.Get("schema")
			if e := pn.Get("enum"); e != nil {
				p.Enum, p.HasEnum = e.Deref().Strings(), true
			}
			p.Default = pn.Get("default")
			p.Location = pn.Str("location")
		}
		byName[f.Key] = p
		declared = append(declared, f.Key)
	}
	var out []*Parameter
	for _, name := range AddressParams(address) {
		if p, ok := byName[name]; ok {
			out = append(out, p)
			delete(byName, name)
		}
	}
	for _, name := range declared {
		if p, ok := byName[name]; ok {
			b.warn(p.Node, "parameter %q does not appear in the address %q", name, address)
			out = append(out, p)
		}
	}
	return out
}

// message returns the model of the message an item (inline or reference)
// stands for, building it once per definition.
func (b *builder) message(item *tree.Node) *Message {
	def := item.Deref()
	if m, ok := b.msgs[def]; ok {
		return m
	}
	if m, ok := b.remoteMsgs[def.RemoteRef()]; ok {
		return m
	}
	eff := applyTraits(def, b.doc.Major == 2)
	m := &Message{Def: def, Node: eff, ID: eff.Str("messageId"), Name: eff.Str("name"),
		CorrelationID: eff.Get("correlationId").Deref(), Bindings: eff.Get("bindings").Deref(),
		Deprecated: eff.Get("deprecated").IsTrue(), Compat: eff.Str("x-eventdiff-compatibility")}
	if item.Target != nil || isComponent(def, "messages") {
		if k := def.Key(); k != "" && k != "message" {
			m.ComponentKey = k
		}
	}
	m.ContentType = eff.Str("contentType")
	if m.ContentType == "" {
		m.ContentType = b.doc.DefaultContentType
	}
	if ex := eff.Get("examples").Deref(); ex != nil {
		m.Examples = ex.Items
	}
	if b.doc.Major == 2 {
		if p := eff.Get("payload"); p != nil {
			raw := eff.Str("schemaFormat")
			m.Payload = &Schema{Format: FormatFamily(raw), RawFormat: raw, Node: p, FormatAt: eff.Get("schemaFormat")}
		}
		if h := eff.Get("headers"); h != nil {
			m.Headers = &Schema{Format: FormatFamily(""), Node: h}
		}
	} else {
		m.Payload = multiFormat(eff.Get("payload"))
		m.Headers = multiFormat(eff.Get("headers"))
	}
	b.checkSchema(m.Payload, "payload", m)
	b.checkSchema(m.Headers, "headers", m)
	b.msgs[def] = m
	if u := def.RemoteRef(); u != "" {
		if b.remoteMsgs == nil {
			b.remoteMsgs = map[string]*Message{}
		}
		b.remoteMsgs[u] = m
	}
	b.doc.Messages = append(b.doc.Messages, m)
	return m
}

// checkSchema warns when a payload or headers value that should be a JSON
// Schema is no schema at all ("just a string", 42, a list): it is then
// compared as accepting anything, which the reader must know. A boolean
// is a schema; null stands for no schema. Other schema formats (an Avro
// schema may well be a string or a list) are their comparers' business.
func (b *builder) checkSchema(s *Schema, what string, m *Message) {
	if s == nil || s.Format != FormatJSONSchema {
		return
	}
	n := s.Node.Deref()
	if n == nil || n.Kind == tree.Map || n.Kind == tree.Bool || n.Kind == tree.Null {
		return
	}
	whose := "a message"
	for _, name := range []string{m.ID, m.Name, m.Def.Key()} {
		if name != "" && name != "message" { // 2.x's inline message has no name of its own
			whose = fmt.Sprintf("message %q", name)
			break
		}
	}
	verb := "is"
	if what == "headers" {
		verb = "are"
	}
	b.warn(n, "the %s of %s %s %s %s, not a schema; it is compared as accepting anything", what, whose, verb, article(n.Kind), n.Kind)
}

func article(k tree.Kind) string {
	if k == tree.Seq || k == tree.Map {
		return "an"
	}
	return "a"
}

// isComponent reports whether n is an entry of components.<section> in its file.
func isComponent(n *tree.Node, section string) bool {
	p := n.Parent
	return p != nil && p.Key() == section && p.Parent != nil && p.Parent.Key() == "components" && p.Parent.Parent != nil && p.Parent.Parent.Parent == nil
}

// multiFormat reads a 3.x payload or headers value, which is either a
// Schema or a Multi Format Schema Object {schemaFormat, schema}.
func multiFormat(n *tree.Node) *Schema {
	if n == nil {
		return nil
	}
	d := n.Deref()
	if d.Kind == tree.Map && d.Get("schema") != nil {
		raw := d.Str("schemaFormat")
		return &Schema{Format: FormatFamily(raw), RawFormat: raw, Node: d.Get("schema"), FormatAt: d.Get("schemaFormat")}
	}
	return &Schema{Format: FormatFamily(""), Node: n}
}

// build3 maps an AsyncAPI 3.x document.
func (b *builder) build3() {
	d, root := b.doc, b.doc.Root
	b.checkKeys(root, rootKeys3, "the document root")
	b.info(root.Get("info"), nil, nil)
	d.ID = root.Str("id")
	d.DefaultContentType = root.Str("defaultContentType")
	for _, f := range b.fields(root.Get("servers"), "servers") {
		n := f.Value.Deref()
		if n.Kind != tree.Map {
			b.warn(n, "server %q is not a mapping; ignored", f.Key)
			continue
		}
		s := &Server{Name: f.Key, Node: n, Host: n.Str("host"), Pathname: n.Str("pathname"),
			Protocol: n.Str("protocol"), ProtocolVersion: n.Str("protocolVersion"), Bindings: n.Get("bindings").Deref()}
		if s.Pathname == "/" {
			s.Pathname = ""
		}
		if !n.Has("host") {
			b.warn(n, "server %q has no host", f.Key)
		}
		s.Variables = b.variables(n.Get("variables"))
		s.Security = b.security3(n.Get("security"))
		d.Servers = append(d.Servers, s)
	}
	for _, f := range b.fields(root.Get("channels"), "channels") {
		n := f.Value.Deref()
		if n.Kind != tree.Map {
			if n.Kind != tree.Null {
				b.warn(n, "channel %q is not a mapping; ignored", f.Key)
			}
			continue
		}
		if _, dup := b.chans[n]; dup {
			continue // a second id for a channel already listed (one definition, two $refs)
		}
		d.Channels = append(d.Channels, b.channel3(f.Key, n))
	}
	for _, f := range b.fields(root.Get("operations"), "operations") {
		n := f.Value.Deref()
		if n.Kind != tree.Map {
			b.warn(n, "operation %q is not a mapping; ignored", f.Key)
			continue
		}
		b.operation3(f.Key, n)
	}
}

func (b *builder) channel3(key string, n *tree.Node) *Channel {
	if ch, ok := b.chans[n]; ok {
		return ch
	}
	ch := &Channel{Key: key, Node: n, Bindings: n.Get("bindings").Deref(), Deprecated: n.Get("deprecated").IsTrue()}
	b.chans[n] = ch
	if a := n.Get("address"); a == nil || a.Kind == tree.Null {
		ch.AddressNull = true
	} else {
		ch.Address = a.Value
	}
	for _, f := range b.fields(n.Get("messages"), "channel messages") {
		if f.Value.Deref().Kind != tree.Map {
			b.warn(f.Value, "message %q of channel %q is not a mapping; ignored", f.Key, key)
			continue
		}
		m := b.message(f.Value)
		if m.ChannelKey == "" {
			m.ChannelKey = f.Key
		}
		ch.addMessage(m, f.Key)
	}
	ch.Parameters = b.parameters(ch.Address, n.Get("parameters"))
	if sv := n.Get("servers").Deref(); sv != nil && sv.Kind == tree.Seq && len(sv.Items) > 0 {
		ch.Servers = []string{}
		for _, it := range sv.Items {
			if it.Target != nil {
				ch.Servers = append(ch.Servers, it.Deref().Key())
			} else {
				b.warn(it, "channel servers must be references to servers")
			}
		}
	}
	return ch
}

func (b *builder) operation3(key string, n *tree.Node) {
	eff := applyTraits(n, false)
	op := &Operation{Key: key, ID: key, Verb: eff.Str("action"), Node: eff,
		Bindings: eff.Get("bindings").Deref(), Compat: eff.Str("x-eventdiff-compatibility")}
	switch op.Verb {
	case "send":
		op.Action = Send
	case "receive":
		op.Action = Receive
	default:
		b.warn(n, "operation %q has action %q; expected send or receive, so it is ignored", key, op.Verb)
		return
	}
	cn := eff.Get("channel").Deref()
	if cn == nil || cn.Kind != tree.Map {
		b.warn(n, "operation %q has no channel; ignored", key)
		return
	}
	op.Channel = b.channelFor(cn)
	op.Messages = b.messageList(eff.Get("messages"), op.Channel)
	if rn := eff.Get("reply").Deref(); rn != nil && rn.Kind == tree.Map {
		r := &Reply{Node: rn}
		if rc := rn.Get("channel").Deref(); rc != nil && rc.Kind == tree.Map {
			r.Channel = b.channelFor(rc)
		}
		r.AddressLocation = rn.Get("address").Deref().Str("location")
		r.Messages = b.messageList(rn.Get("messages"), r.Channel)
		op.Reply = r
	}
	op.Security = b.security3(eff.Get("security"))
	b.doc.Operations = append(b.doc.Operations, op)
}

// channelFor returns the channel model of a channel node, adding channels
// that live outside the root `channels` map (a components channel).
func (b *builder) channelFor(n *tree.Node) *Channel {
	if ch, ok := b.chans[n]; ok {
		return ch
	}
	ch := b.channel3(n.Key(), n)
	b.doc.Channels = append(b.doc.Channels, ch)
	return ch
}

// messageList reads an operation's (or reply's) `messages`: absent means
// every message of the channel, an empty list means none.
func (b *builder) messageList(n *tree.Node, ch *Channel) []*Message {
	if n == nil {
		if ch == nil {
			return nil
		}
		return append([]*Message(nil), ch.Messages...)
	}
	var out []*Message
	for _, it := range n.Deref().Items {
		if it.Deref().Kind != tree.Map {
			b.warn(it, "an operation message is not a mapping; ignored")
			continue
		}
		m := b.message(it)
		out = append(out, m)
		if ch != nil && !ch.hasMessage(m) {
			b.warn(it, "the message is not one of the messages of channel %q", ch.Key)
		}
	}
	return out
}

func (c *Channel) hasMessage(m *Message) bool {
	for _, have := range c.Messages {
		if have == m {
			return true
		}
	}
	return false
}

// findUnused collects component schemas and messages that no channel,
// operation or other used part of the document reaches.
func (b *builder) findUnused() {
	root := b.doc.Root
	comps := root.Get("components").Deref()
	if comps == nil || comps.Kind != tree.Map {
		return
	}
	schemas := comps.Get("schemas").Deref()
	messages := comps.Get("messages").Deref()
	if (schemas == nil || len(schemas.Fields) == 0) && (messages == nil || len(messages.Fields) == 0) {
		return
	}
	var stack []*tree.Node
	for _, f := range root.Fields {
		if f.Key != "components" {
			stack = append(stack, f.Value)
		}
	}
	for _, m := range b.doc.Messages {
		stack = append(stack, m.Node, m.Def)
	}
	reached := func(n *tree.Node) bool { return n != nil && n.HasMark(markReached) }
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n == nil || reached(n) {
			continue
		}
		n.SetMark(markReached)
		if n.Target != nil {
			stack = append(stack, n.Target)
		}
		for _, f := range n.Fields {
			stack = append(stack, f.Value)
		}
		stack = append(stack, n.Items...)
	}
	if schemas != nil {
		for _, f := range schemas.Fields {
			if !reached(f.Value.Deref()) && !reached(f.Value) {
				b.doc.UnusedSchemas = append(b.doc.UnusedSchemas, &NamedNode{Name: f.Key, Node: f.Value})
			}
		}
	}
	if messages != nil {
		for _, f := range messages.Fields {
			def := f.Value.Deref()
			if _, used := b.msgs[def]; used || def.Kind != tree.Map || b.remoteMsgs[def.RemoteRef()] != nil {
				continue
			}
			m := b.message(f.Value)
			m.ComponentKey = f.Key
			// message() registers it as used; it is not.
			b.doc.Messages = b.doc.Messages[:len(b.doc.Messages)-1]
			b.doc.UnusedMessages = append(b.doc.UnusedMessages, m)
		}
	}
}
