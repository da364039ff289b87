package diff

import (
	"fmt"
	"mime"
	"strings"

	"github.com/eventdiff/eventdiff/rules/catalogue"
	"github.com/eventdiff/eventdiff/schema"
	"github.com/eventdiff/eventdiff/schema/avro"
	"github.com/eventdiff/eventdiff/spec"
	"github.com/eventdiff/eventdiff/tree"
)

// messages compares every registered message pair once, however many
// operations reach it.
func (d *differ) messages() {
	for _, mp := range d.msgOrder {
		d.message(mp)
	}
}

func (d *differ) message(mp *msgPair) {
	a, b := mp.old, mp.new
	ctx := Change{Subject: "message", Channel: mp.channel, Operations: mp.ops, Messages: []string{b.Label()}, Compat: b.Compat,
		Unreferenced: mp.unreferenced}
	owner := "message " + b.Label()
	if d.remote(ctx, owner, a.Def, b.Def) {
		return
	}
	d.remoteTraits(ctx, owner, a.Def, b.Def)
	d.contentType(ctx, owner, mp)
	if a.Name != b.Name {
		c := ctx
		c.Kind, c.Text = catalogue.MessageNameChanged, fmt.Sprintf("name of %s changed from %s to %s", owner, orNone(a.Name), orNone(b.Name))
		c.Base, c.Revision, c.Old, c.New = locNode(a.Node, "name").Loc(), locNode(b.Node, "name").Loc(), a.Name, b.Name
		d.add(c)
	}
	if d.base.Major == d.rev.Major && primaryName(a) != "" && primaryName(b) != "" && primaryName(a) != primaryName(b) {
		c := ctx
		c.Kind = catalogue.MessageIDChanged
		c.Text = fmt.Sprintf("message id %s was renamed to %s", primaryName(a), primaryName(b))
		c.Base, c.Revision, c.Old, c.New = a.Def.Loc(), b.Def.Loc(), primaryName(a), primaryName(b)
		d.add(c)
	}
	if !a.Deprecated && b.Deprecated {
		c := ctx
		c.Kind, c.Text = catalogue.MessageDeprecated, owner+" is now deprecated"
		c.Base, c.Revision, c.New = a.Node.Loc(), locNode(b.Node, "deprecated").Loc(), true
		d.add(c)
	}
	d.correlationID(ctx, owner, a, b)
	d.messageSchema(ctx, "payload", owner, a, b, a.Payload, b.Payload)
	d.messageSchema(ctx, "headers", owner, a, b, a.Headers, b.Headers)
	d.bindings(ctx, "message", owner, a.Bindings, b.Bindings, a.Node, b.Node, [2]string{})
	ka, kb := a.Bindings.Get("kafka").Deref().Get("key"), b.Bindings.Get("kafka").Deref().Get("key")
	if ka != nil || kb != nil {
		kctx := ctx
		kctx.Subject = "kafka key"
		d.schemas(kctx, "Kafka key of "+owner, ka, kb, d.opts.Schema)
	}
	d.docs(ctx, owner, a.Node, b.Node)
	d.docValue(ctx, owner+" examples", a.Node.Get("examples"), b.Node.Get("examples"), a.Node, b.Node)
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return fmt.Sprintf("%q", s)
}

// normalizeContentType compares media types the way servers do: case-
// insensitively, with parameters in any order and charset=utf-8 implied.
func normalizeContentType(ct string) string {
	if ct == "" {
		return ""
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return strings.ToLower(strings.TrimSpace(ct))
	}
	if strings.EqualFold(params["charset"], "utf-8") {
		delete(params, "charset")
	}
	keys := sortedKeys(params)
	var b strings.Builder
	b.WriteString(mt)
	for _, k := range keys {
		fmt.Fprintf(&b, ";%s=%s", k, strings.ToLower(params[k]))
	}
	return b.String()
}

// contentType compares the content type a message is sent with. A change
// that comes only from the document's defaultContentType (neither side
// declares its own) is left to defaultContentType, which reports it once
// for every message that relies on it.
func (d *differ) contentType(ctx Change, owner string, mp *msgPair) {
	a, b := mp.old, mp.new
	if normalizeContentType(a.ContentType) == normalizeContentType(b.ContentType) {
		return
	}
	if ownContentType(a) == nil && ownContentType(b) == nil {
		d.byDefault = append(d.byDefault, mp)
		return
	}
	c := ctx
	switch {
	case b.ContentType == "":
		c.Kind = catalogue.MessageContentTypeRemoved
		c.Text = fmt.Sprintf("%s no longer has a content type (was %q): how it is encoded is unknown now", owner, a.ContentType)
	case a.ContentType == "":
		c.Kind = catalogue.MessageContentTypeAdded
		c.Text = fmt.Sprintf("%s now has the content type %q", owner, b.ContentType)
	default:
		c.Kind = catalogue.MessageContentTypeChanged
		c.Text = fmt.Sprintf("content type of %s changed from %q to %q", owner, a.ContentType, b.ContentType)
	}
	c.Base, c.Revision = contentTypeLoc(d.base, a), contentTypeLoc(d.rev, b)
	c.Old, c.New = a.ContentType, b.ContentType
	d.add(c)
}

// ownContentType is the content type a message (or one of its traits)
// declares itself, nil when it relies on the document's default.
func ownContentType(m *spec.Message) *tree.Node { return m.Node.Get("contentType") }

// defaultContentType reports a change of the document's defaultContentType
// once, at its line, listing the messages it changed (those without a
// content type of their own) and the operations that reach them: one
// cause, one finding.
func (d *differ) defaultContentType() {
	if len(d.byDefault) == 0 {
		return
	}
	b, r := d.base.DefaultContentType, d.rev.DefaultContentType
	c := Change{Subject: "document", Unreferenced: true, Old: b, New: r,
		Base: locOr(d.base.Root.Get("defaultContentType"), d.base.Root), Revision: locOr(d.rev.Root.Get("defaultContentType"), d.rev.Root)}
	for _, mp := range d.byDefault {
		c.Operations = mergeOps(c.Operations, mp.ops...)
		c.Messages = mergeStrings(c.Messages, mp.new.Label())
		c.Unreferenced = c.Unreferenced && mp.unreferenced
		if c.Compat == "" {
			c.Compat = mp.new.Compat
		}
	}
	which := "messages " + listNames(c.Messages, 5)
	if len(c.Messages) == 1 {
		which = "message " + c.Messages[0]
	}
	switch {
	case r == "":
		c.Kind = catalogue.DefaultContentTypeRemoved
		c.Text = fmt.Sprintf("defaultContentType %q was removed: the content type of %s is unknown now", b, which)
	case b == "":
		c.Kind = catalogue.DefaultContentTypeAdded
		c.Text = fmt.Sprintf("defaultContentType %q was added: it is now the content type of %s", r, which)
	default:
		c.Kind = catalogue.DefaultContentTypeChanged
		c.Text = fmt.Sprintf("defaultContentType changed from %q to %q, the content type of %s", b, r, which)
	}
	d.add(c)
}

// listNames joins names for a sentence, at most max of them:
// "A, B and C", "A, B, C and 4 more".
func listNames(names []string, max int) string {
	if len(names) > max {
		return strings.Join(names[:max], ", ") + fmt.Sprintf(" and %d more", len(names)-max)
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// contentTypeLoc points at the message's own contentType, else at the
// document's defaultContentType it falls back to.
func contentTypeLoc(doc *spec.Document, m *spec.Message) *tree.Location {
	if n := m.Node.Get("contentType"); n != nil {
		return n.Loc()
	}
	if n := doc.Root.Get("defaultContentType"); n != nil {
		return n.Loc()
	}
	return m.Node.Loc()
}

func (d *differ) correlationID(ctx Change, owner string, a, b *spec.Message) {
	ca, cb := a.CorrelationID, b.CorrelationID
	if ca != nil && cb != nil && d.remote(ctx, "correlation id of "+owner, ca, cb) {
		return
	}
	c := ctx
	switch {
	case ca == nil && cb == nil:
		return
	case ca == nil:
		c.Kind, c.Text = catalogue.MessageCorrelationIDAdded, fmt.Sprintf("%s now has a correlation id at %s", owner, cb.Str("location"))
		c.Base, c.Revision, c.New = a.Node.Loc(), cb.Loc(), cb.Str("location")
	case cb == nil:
		c.Kind, c.Text = catalogue.MessageCorrelationIDRemoved, fmt.Sprintf("%s no longer has a correlation id (was %s)", owner, ca.Str("location"))
		c.Base, c.Revision, c.Old = ca.Loc(), b.Node.Loc(), ca.Str("location")
	case ca.Str("location") != cb.Str("location"):
		c.Kind = catalogue.MessageCorrelationIDChanged
		c.Text = fmt.Sprintf("correlation id of %s moved from %s to %s", owner, ca.Str("location"), cb.Str("location"))
		c.Base, c.Revision = locNode(ca, "location").Loc(), locNode(cb, "location").Loc()
		c.Old, c.New = ca.Str("location"), cb.Str("location")
	default:
		d.docs(ctx, "correlation id of "+owner, ca, cb)
		return
	}
	d.add(c)
}

// messageSchema compares a payload or headers schema with the engine for
// its format; a change of format family is a change of wire format.
func (d *differ) messageSchema(ctx Change, part, owner string, ma, mb *spec.Message, a, b *spec.Schema) {
	ctx.Subject = part
	where := part + " of " + owner
	if a != nil && b != nil {
		if a.Format != b.Format {
			c := ctx
			c.Kind = catalogue.MessageSchemaFormatChanged
			c.Text = fmt.Sprintf("schema format of the %s changed from %s to %s", where, formatName(a), formatName(b))
			c.Base, c.Revision, c.Old, c.New = locOr(a.FormatAt, a.Node), locOr(b.FormatAt, b.Node), a.RawFormat, b.RawFormat
			d.add(c)
			return
		}
		if a.RawFormat != b.RawFormat && a.RawFormat != "" && b.RawFormat != "" && !sameFormatSpelling(a.RawFormat, b.RawFormat) {
			c := ctx
			c.Kind = catalogue.MessageSchemaFormatRespelled
			c.Text = fmt.Sprintf("schema format of the %s is now written %q (was %q)", where, b.RawFormat, a.RawFormat)
			c.Base, c.Revision, c.Old, c.New = locOr(a.FormatAt, a.Node), locOr(b.FormatAt, b.Node), a.RawFormat, b.RawFormat
			d.add(c)
		}
	}
	format := spec.FormatJSONSchema
	var an, bn *tree.Node
	if a != nil {
		format, an = a.Format, a.Node
	}
	if b != nil {
		format, bn = b.Format, b.Node
	}
	switch format {
	case spec.FormatJSONSchema:
		opts := d.opts.Schema
		opts.OpenAPI = (a != nil && spec.IsOpenAPIFormat(a.RawFormat)) || (b != nil && spec.IsOpenAPIFormat(b.RawFormat))
		opts.BaseExamples, opts.RevisionExamples = examples(ma, part), examples(mb, part)
		d.schemas(ctx, where, an, bn, opts)
	default:
		if an != nil && bn != nil && tree.EqualResolved(an, bn) {
			return
		}
		if dl, ok := schema.RemoteRefDelta(an.Deref(), bn.Deref()); ok {
			if dl != nil {
				d.addDeltas(ctx, where, []schema.Delta{*dl})
			}
			return
		}
		if compare, ok := engines[format]; ok {
			d.addDeltas(ctx, where, compare(an, bn, d.opts.Schema).Deltas)
			return
		}
		c := ctx
		c.Kind = catalogue.MessageSchemaNotAnalysed
		c.Text = fmt.Sprintf("the %s changed; its format (%s) is not analysed, so compatibility is unknown", where, formatName(firstNonNil(a, b)))
		c.Base, c.Revision = an.Loc(), bn.Loc()
		d.add(c)
	}
}

// compareJSONSchemas is the JSON Schema effect engine.
var compareJSONSchemas = schema.Compare

// engines compare schema formats other than JSON Schema, by family.
var engines = map[string]func(a, b *tree.Node, o schema.Options) schema.Result{
	spec.FormatAvro: avro.Compare,
}

func firstNonNil(a, b *spec.Schema) *spec.Schema {
	if a != nil {
		return a
	}
	return b
}

func formatName(s *spec.Schema) string {
	if s.RawFormat == "" {
		return "the default AsyncAPI schema"
	}
	return s.RawFormat
}

// sameFormatSpelling ignores the encoding suffix and the AsyncAPI version
// parameter, which say nothing about the values.
func sameFormatSpelling(a, b string) bool {
	norm := func(s string) string {
		s = strings.ToLower(strings.ReplaceAll(s, " ", ""))
		s = strings.ReplaceAll(strings.ReplaceAll(s, "+json", ""), "+yaml", "")
		if strings.HasPrefix(s, "application/vnd.aai.asyncapi") {
			return "asyncapi"
		}
		return s
	}
	return norm(a) == norm(b)
}

// examples returns a message's example values for its payload or headers.
func examples(m *spec.Message, part string) []any {
	var out []any
	for _, ex := range m.Examples {
		if v := ex.Deref().Get(part); v != nil {
			out = append(out, v.Resolved())
		}
	}
	return out
}

// schemas runs the JSON Schema engine and adds its findings.
func (d *differ) schemas(ctx Change, where string, a, b *tree.Node, opts schema.Options) {
	if a == nil && b == nil {
		return
	}
	if a != nil && b != nil && a.Deref() == b.Deref() {
		return
	}
	if d.full != nil {
		return // past the limit already: not worth a comparison
	}
	if d.opts.MaxChanges > 0 {
		opts.MaxDeltas = d.opts.MaxChanges - len(d.out) + 1
	}
	res := compareJSONSchemas(a, b, opts)
	if res.TooMany {
		d.fill(b.Loc(), a.Loc())
		return
	}
	d.addDeltas(ctx, where, res.Deltas)
}

// addDeltas adds schema findings, once per place: a change inside a schema
// shared by several messages is one change listing every operation.
func (d *differ) addDeltas(ctx Change, where string, deltas []schema.Delta) {
	for i := range deltas {
		dl := deltas[i]
		key := deltaKey{rule: dl.Rule, base: dl.Base, rev: dl.Revision}
		if dl.Base == nil && dl.Revision == nil {
			key.path = where + dl.Path
		}
		if j, ok := d.schemaSeen[key]; ok {
			prev := &d.out[j]
			foldInto(prev, &ctx)
			continue
		}
		c := ctx
		c.Kind = dl.Rule
		c.Text = where + ": " + dl.Reason
		c.Base, c.Revision = dl.Base.Loc(), dl.Revision.Loc()
		c.Old, c.New = dl.Old, dl.New
		c.Schema = &deltas[i]
		if d.add(c) {
			d.schemaSeen[key] = len(d.out) - 1
		}
	}
}

// unused compares components that no operation or channel reaches: their
// direction is unknown.
func (d *differ) unused() {
	names := func(doc *spec.Document, section string) map[string]bool {
		out := map[string]bool{}
		for _, f := range doc.Root.Get("components").Deref().Get(section).Deref().Entries() {
			out[f.Key] = true
		}
		return out
	}
	baseSchemas, revSchemas := names(d.base, "schemas"), names(d.rev, "schemas")
	revUnused := map[string]*spec.NamedNode{}
	for _, n := range d.rev.UnusedSchemas {
		revUnused[n.Name] = n
	}
	for _, a := range d.base.UnusedSchemas {
		if b, ok := revUnused[a.Name]; ok {
			d.schemas(Change{Subject: "schema", Unreferenced: true}, "unused schema "+a.Name, a.Node, b.Node, d.opts.Schema)
			continue
		}
		if !revSchemas[a.Name] {
			d.add(Change{Kind: catalogue.ComponentRemoved, Subject: "schema",
				Text: fmt.Sprintf("unused schema %s was removed from components", a.Name),
				Base: a.Node.Loc(), Revision: parentLoc(d.rev, "components"), Old: a.Name})
		}
	}
	for _, b := range d.rev.UnusedSchemas {
		if !baseSchemas[b.Name] {
			d.add(Change{Kind: catalogue.ComponentAdded, Subject: "schema",
				Text: fmt.Sprintf("schema %s was added to components and is not used yet", b.Name),
				Base: parentLoc(d.base, "components"), Revision: b.Node.Loc(), New: b.Name})
		}
	}
	baseMsgs, revMsgs := names(d.base, "messages"), names(d.rev, "messages")
	revUnusedMsgs := map[string]*spec.Message{}
	for _, m := range d.rev.UnusedMessages {
		revUnusedMsgs[m.ComponentKey] = m
	}
	for _, a := range d.base.UnusedMessages {
		if b, ok := revUnusedMsgs[a.ComponentKey]; ok {
			d.message(&msgPair{old: a, new: b, unreferenced: true})
			continue
		}
		if !revMsgs[a.ComponentKey] {
			d.add(Change{Kind: catalogue.ComponentRemoved, Subject: "message", Messages: []string{a.Label()},
				Text: fmt.Sprintf("unused message %s was removed from components", a.ComponentKey),
				Base: a.Def.Loc(), Revision: parentLoc(d.rev, "components"), Old: a.ComponentKey})
		}
	}
	for _, b := range d.rev.UnusedMessages {
		if !baseMsgs[b.ComponentKey] {
			d.add(Change{Kind: catalogue.ComponentAdded, Subject: "message", Messages: []string{b.Label()},
				Text: fmt.Sprintf("message %s was added to components and is not used yet", b.ComponentKey),
				Base: parentLoc(d.base, "components"), Revision: b.Def.Loc(), New: b.ComponentKey})
		}
	}
}
