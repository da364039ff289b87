package avro

import (
	"fmt"
	"slices"
	"strings"

	"github.com/eventdiff/eventdiff/rules/catalogue"
	"github.com/eventdiff/eventdiff/schema"
	"github.com/eventdiff/eventdiff/tree"
)

// Compare compares two Avro schemas, base (the old contract) and revision
// (the new one), and returns one Delta per difference with its effect under
// Avro schema resolution:
//
//   - None: readers of either version read data written with the other;
//   - Wider: a revision reader reads base data, a base reader cannot read
//     revision data (breaks consumers when the application sends);
//   - Narrower: the reverse (breaks producers when it receives);
//   - Incomparable: neither; Unknown: the schema cannot be read there.
//
// The nodes may be inline YAML/JSON or the root of an .avsc file reached
// through `$ref`; Delta nodes point into whichever file holds the text.
// Compare never panics on malformed input: what cannot be parsed is
// reported as avro-schema-invalid with Effect Unknown.
func Compare(base, revision *tree.Node, opts schema.Options) schema.Result {
	c := &comparer{opts: opts, seen: map[[2]*avroType]bool{}, check: newChecker()}
	if base == nil && revision == nil {
		return schema.Result{}
	}
	b, r := parseSchema(base), parseSchema(revision)
	c.compare(site{}, b, r)
	res := schema.Result{Deltas: c.deltas}
	for _, d := range c.deltas {
		res.Effect = schema.Combine(res.Effect, d.Effect)
	}
	return res
}

// comparer walks two parsed schemas side by side.
type comparer struct {
	opts       schema.Options
	deltas     []schema.Delta
	resolution []bool // per delta: its effect comes from resolution rules and may be relaxed
	seen       map[[2]*avroType]bool
	check      *checker
	depth      int
	// defaultCautioned is set when a union reorder delta already carries the
	// caution for the enclosing field's default.
	defaultCautioned bool
}

// site is where the walk is on both sides.
type site struct {
	path           string
	bRefs, rRefs   []string
	bSpace, rSpace string // namespace of the enclosing named type on each side
	// field defaults, set only while comparing a field's own type
	bDef, rDef *tree.Node
	inField    bool
}

func (s site) child(seg string) site {
	return site{path: s.path + seg, bRefs: s.bRefs, rRefs: s.rRefs, bSpace: s.bSpace, rSpace: s.rSpace}
}

func effectOf(back, fwd bool) schema.Effect {
	switch {
	case back && fwd:
		return schema.None
	case back:
		return schema.Wider
	case fwd:
		return schema.Narrower
	}
	return schema.Incomparable
}

func or(n, fallback *tree.Node) *tree.Node {
	if n != nil {
		return n
	}
	return fallback
}

func esc(s string) string { return tree.EscapePointer(s) }

func joinRefs(a, b []string) []string {
	if len(b) == 0 {
		return a
	}
	out := make([]string, 0, len(a)+len(b))
	return append(append(out, a...), b...)
}

// add records a delta found at s.
func (c *comparer) add(s site, d schema.Delta, resolution bool) {
	if d.Path == "" {
		d.Path = s.path
	}
	if d.Base == nil {
		d.Base = d.Revision
	}
	if d.Revision == nil {
		d.Revision = d.Base
	}
	d.BaseRefs, d.RevisionRefs = s.bRefs, s.rRefs
	d.StrictEffect = d.Effect
	c.deltas = append(c.deltas, d)
	c.resolution = append(c.resolution, resolution)
}

// relax drops, from the resolution deltas found since from, the failure of
// a direction that turns out not to matter: a union whose other branch
// reads the data, or a renamed field one side does not look up.
func (c *comparer) relax(from int, back, fwd bool, why string) {
	for i := from; i < len(c.deltas); i++ {
		if !c.resolution[i] {
			continue
		}
		d := &c.deltas[i]
		e := d.Effect
		if back {
			switch e {
			case schema.Narrower:
				e = schema.None
			case schema.Incomparable:
				e = schema.Wider
			}
		}
		if fwd {
			switch e {
			case schema.Wider:
				e = schema.None
			case schema.Incomparable:
				e = schema.Narrower
			}
		}
		if e != d.Effect {
			d.Effect, d.StrictEffect = e, e
			d.Reason += "; " + why
		}
	}
}

func (c *comparer) compare(s site, b, r use) {
	s.bRefs, s.rRefs = joinRefs(s.bRefs, b.refs), joinRefs(s.rRefs, r.refs)
	bt, rt := b.t.deref(), r.t.deref()
	if c.depth > maxDepth {
		c.add(s, schema.Delta{Rule: catalogue.AvroSchemaInvalid, Base: b.at, Revision: r.at, Effect: schema.Unknown,
			Reason: fmt.Sprintf("the schemas nest deeper than %d levels here; the rest was not compared", maxDepth)}, false)
		return
	}
	c.depth++
	defer func() { c.depth-- }()

	switch {
	case bt.kind == kInvalid || rt.kind == kInvalid:
		if bt.kind == kInvalid && rt.kind == kInvalid && bt.problem == rt.problem && tree.Equal(bt.node, rt.node) {
			return // the same problem on both sides: nothing changed here
		}
		c.invalid(s, b, r, bt, rt)
	case bt.kind == kRef || rt.kind == kRef:
		if bt.kind == kRef && rt.kind == kRef && sameUnresolved(bt, rt) {
			return // both name the same external type; its text is not here to compare
		}
		c.unresolved(s, b, r, bt, rt)
	case bt.kind == kUnion || rt.kind == kUnion:
		c.union(s, b, r, bt, rt)
	case bt.kind != rt.kind:
		c.typeChange(s, b, r, bt, rt)
	case bt.kind.named():
		c.named(s, bt, rt)
	case bt.kind == kArray || bt.kind == kMap:
		key := [2]*avroType{bt, rt}
		if c.seen[key] {
			return
		}
		c.seen[key] = true
		c.doc(s, bt.doc, rt.doc, bt.node, rt.node)
		c.props(s, bt, rt)
		seg := "/items"
		if bt.kind == kMap {
			seg = "/values"
		}
		c.compare(s.child(seg), bt.items, rt.items)
	default: // the same primitive (a shared singleton when written as a bare name)
		c.logical(s, bt, rt, b.at, r.at)
		c.doc(s, bt.doc, rt.doc, b.at, r.at)
		c.propList(s, bt.props, rt.props, b.at, r.at)
	}
}

func (c *comparer) invalid(s site, b, r use, bt, rt *avroType) {
	var why []string
	if bt.kind == kInvalid {
		why = append(why, "in the base: "+bt.problem)
	}
	if rt.kind == kInvalid {
		why = append(why, "in the revision: "+rt.problem)
	}
	c.add(s, schema.Delta{Rule: catalogue.AvroSchemaInvalid, Base: or(b.at, bt.node), Revision: or(r.at, rt.node),
		Old: summary(b.at, bt), New: summary(r.at, rt), Effect: schema.Unknown,
		Reason: "the schema cannot be read as Avro here (" + strings.Join(why, "; ") + "), so the change cannot be judged",
		Hint:   "fix the schema so an Avro parser accepts it"}, false)
}

// summary is a short value for Old/New: a scalar as written, else the
// type's label (a whole record would drown the evidence).
func summary(n *tree.Node, t *avroType) any {
	if n != nil && n.Kind != tree.Map && n.Kind != tree.Seq {
		return n.Interface()
	}
	if t == nil || t.kind == kInvalid {
		return nil
	}
	return t.label()
}

func (c *comparer) unresolved(s site, b, r use, bt, rt *avroType) {
	var names []string
	if bt.kind == kRef {
		names = append(names, "`"+bt.full+"` (base)")
	}
	if rt.kind == kRef {
		names = append(names, "`"+rt.full+"` (revision)")
	}
	c.add(s, schema.Delta{Rule: catalogue.AvroTypeUnresolved, Base: or(b.at, bt.node), Revision: or(r.at, rt.node),
		Old: bt.label(), New: rt.label(), Effect: schema.Unknown,
		Reason: "the type " + strings.Join(names, " and ") + " is not defined in the document, so what it accepts cannot be compared",
		Hint:   "define the type in the schema (or reference the file that defines it)"}, false)
}

// typeChange handles two different non-union kinds.
func (c *comparer) typeChange(s site, b, r use, bt, rt *avroType) {
	d := schema.Delta{Base: or(b.at, bt.node), Revision: or(r.at, rt.node), Old: bt.label(), New: rt.label()}
	from, to := bt.kind, rt.kind
	logical := true
	switch {
	case from == kString && to == kBytes:
		d.Rule, d.Effect, d.CautionSend = catalogue.AvroTypeStringToBytes, schema.None, true
		d.Reason = "the type changed from string to bytes: Avro resolves either into the other, but bytes need not be UTF-8 text, which a reader of the old string schema expects"
	case from == kBytes && to == kString:
		d.Rule, d.Effect, d.CautionReceive = catalogue.AvroTypeBytesToString, schema.None, true
		d.Reason = "the type changed from bytes to string: Avro resolves either into the other, but bytes written with the old schema need not be UTF-8 text, which a reader of the new string schema expects"
	case promotes(from, to):
		d.Rule, d.Effect, d.CautionReceive = catalogue.AvroTypePromoted, schema.Wider, lossy(from, to)
		d.Reason = fmt.Sprintf("the type was promoted from %s to %s: a new reader reads old %s values, but an old reader cannot read %s", from, to, from, to)
		if d.CautionReceive {
			d.Reason += fmt.Sprintf(" (and reading %s as %s can lose precision)", from, to)
		}
		d.Hint = "keep the old type while consumers hold the old schema"
	case promotes(to, from):
		d.Rule, d.Effect, d.CautionSend = catalogue.AvroTypeNarrowed, schema.Narrower, lossy(to, from)
		d.Reason = fmt.Sprintf("the type was narrowed from %s to %s: an old reader reads the new %s values, but a new reader cannot read old %s values", from, to, to, from)
		if d.CautionSend {
			d.Reason += fmt.Sprintf(" (and old readers promoting %s to %s can lose precision)", to, from)
		}
		d.Hint = "keep the old type while producers write it"
	default:
		d.Rule, d.Effect = catalogue.AvroTypeChanged, schema.Incomparable
		d.Reason = fmt.Sprintf("the type changed from %s to %s: Avro cannot resolve one into the other in either direction", bt.label(), rt.label())
		d.Hint = "add a new field (or message) with the new type instead of changing this one"
		logical = false
	}
	c.add(s, d, true)
	if logical {
		c.logical(s, bt, rt, b.at, r.at)
	}
}

// named compares two records, enums or fixed types, once per pair.
func (c *comparer) named(s site, bt, rt *avroType) {
	key := [2]*avroType{bt, rt}
	if c.seen[key] {
		return
	}
	c.seen[key] = true
	c.names(s, bt, rt)
	c.doc(s, bt.doc, rt.doc, bt.node, rt.node)
	c.props(s, bt, rt)
	inner := site{path: s.path, bRefs: s.bRefs, rRefs: s.rRefs, bSpace: bt.space, rSpace: rt.space}
	switch bt.kind {
	case kRecord:
		c.record(inner, bt, rt)
	case kEnum:
		c.enum(inner, bt, rt)
	case kFixed:
		if bt.size != rt.size {
			c.add(s, schema.Delta{Rule: catalogue.AvroFixedSizeChanged, Path: s.path + "/size", Base: or(bt.sizeNode, bt.node), Revision: or(rt.sizeNode, rt.node),
				Old: float64(bt.size), New: float64(rt.size), Effect: schema.Incomparable,
				Reason: fmt.Sprintf("the size of fixed `%s` changed from %d to %d bytes: readers of either version cannot read the other", rt.full, bt.size, rt.size),
				Hint:   "define a new fixed type (and field) for the new size"}, true)
		}
		c.logical(s, bt, rt, bt.node, rt.node)
	}
}

func (c *comparer) names(s site, bt, rt *avroType) {
	switch {
	case bt.name != rt.name:
		back := hasAlias(rt, bt) // a new reader accepts the old name through its aliases
		fwd := hasAlias(bt, rt)
		d := schema.Delta{Rule: catalogue.AvroNameChanged, Path: s.path + "/name", Base: or(bt.nameNode, bt.node), Revision: or(rt.nameNode, rt.node),
			Old: bt.full, New: rt.full, Effect: effectOf(back, fwd)}
		switch {
		case back && fwd:
			d.Reason = fmt.Sprintf("%s `%s` was renamed to `%s`, and each version lists the other name in its aliases", rt.kind, bt.full, rt.full)
		case back:
			d.Reason = fmt.Sprintf("%s `%s` was renamed to `%s`: a new reader accepts the old name through its aliases, but an old reader rejects the new name", rt.kind, bt.full, rt.full)
			d.Hint = "keep the old name while consumers hold the old schema"
		default:
			d.Reason = fmt.Sprintf("%s `%s` was renamed to `%s` without listing the old name in `aliases`: readers of either version reject the other's name", rt.kind, bt.full, rt.full)
			d.Hint = fmt.Sprintf("add %q to the aliases of `%s`", bt.full, rt.name)
		}
		c.add(s, d, true)
	case bt.full != rt.full:
		// A namespace an inner type inherits moves with its parent: report it
		// where it was written.
		inherited := bt.nsNode == nil && rt.nsNode == nil && bt.space == s.bSpace && rt.space == s.rSpace && s.bSpace != s.rSpace && !strings.Contains(bt.nameNode.Text()+rt.nameNode.Text(), ".")
		if !inherited {
			c.add(s, schema.Delta{Rule: catalogue.AvroNamespaceChanged, Path: s.path + "/namespace", Base: or(bt.nsNode, or(bt.nameNode, bt.node)), Revision: or(rt.nsNode, or(rt.nameNode, rt.node)),
				Old: bt.space, New: rt.space, Effect: schema.None, CautionSend: true, CautionReceive: true,
				Reason: fmt.Sprintf("the namespace of %s `%s` changed from %q to %q: resolution matches the short name, but generated classes move to another package and a union holding two types named `%s` becomes ambiguous", rt.kind, rt.name, bt.space, rt.space, rt.name),
				Hint:   "keep the namespace until consumers regenerate their code"}, false)
		}
	}
	// Aliases as written: a namespace move requalifies them, which is not a
	// change of its own.
	if bt.name == rt.name && !sameSet(bt.aliasesNode.Strings(), rt.aliasesNode.Strings()) {
		c.add(s, schema.Delta{Rule: catalogue.AvroAliasesChanged, Path: s.path + "/aliases", Base: or(bt.aliasesNode, bt.node), Revision: or(rt.aliasesNode, rt.node),
			Old: bt.aliasesNode.Interface(), New: rt.aliasesNode.Interface(), Effect: schema.None,
			Reason: fmt.Sprintf("the aliases of %s `%s` changed; the name itself did not, so resolution is unaffected", rt.kind, rt.full)}, false)
	}
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	m := make(map[string]int, len(a))
	for _, x := range a {
		m[x]++
	}
	for _, x := range b {
		if m[x] == 0 {
			return false
		}
		m[x]--
	}
	return true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (c *comparer) doc(s site, b, r, bParent, rParent *tree.Node) {
	if b.Text() == r.Text() {
		return // unchanged, or an empty doc added or removed
	}
	c.add(s, schema.Delta{Rule: catalogue.AvroDocChanged, Path: s.path + "/doc", Base: or(b, bParent), Revision: or(r, rParent),
		Old: b.Interface(), New: r.Interface(), Effect: schema.None,
		Reason: "the documentation changed; it has no effect on the data"}, false)
}

// props compares custom properties (AV-26).
func (c *comparer) props(s site, bt, rt *avroType) {
	c.propList(s, bt.props, rt.props, bt.node, rt.node)
}

func (c *comparer) propList(s site, bp, rp []tree.Field, bNode, rNode *tree.Node) {
	if len(bp) == 0 && len(rp) == 0 {
		return
	}
	find := func(list []tree.Field, k string) *tree.Node {
		for _, f := range list {
			if f.Key == k {
				return f.Value
			}
		}
		return nil
	}
	report := func(k string, bv, rv *tree.Node) {
		what := "changed"
		switch {
		case bv == nil:
			what = "was added"
		case rv == nil:
			what = "was removed"
		}
		c.add(s, schema.Delta{Rule: catalogue.AvroPropertyChanged, Path: s.path + "/" + esc(k), Base: or(bv, bNode), Revision: or(rv, rNode),
			Old: bv.Interface(), New: rv.Interface(), Effect: schema.None,
			Reason: fmt.Sprintf("the custom property `%s` %s; Avro readers ignore custom properties (tools that use it may not)", k, what)}, false)
	}
	for _, f := range bp {
		rv := find(rp, f.Key)
		if rv == nil || !tree.Equal(f.Value, rv) {
			report(f.Key, f.Value, rv)
		}
	}
	for _, f := range rp {
		if find(bp, f.Key) == nil {
			report(f.Key, nil, f.Value)
		}
	}
}

// record compares the fields of two records: by name, then through
// aliases (a rename), then what is left was removed or added.
func (c *comparer) record(s site, bt, rt *avroType) {
	partner, taken := pairFields(bt, rt)
	var removed, added []*avroField
	for _, bf := range bt.fields {
		if partner[bf] == nil {
			removed = append(removed, bf)
		}
	}
	for _, rf := range rt.fields {
		if !taken[rf] {
			added = append(added, rf)
		}
	}
	// A lone removal next to a lone addition of the same type is probably a
	// rename without an alias (AV-06); say so in the hints.
	var renameHint string
	if len(removed) == 1 && len(added) == 1 && removed[0].typ.t.label() == added[0].typ.t.label() {
		renameHint = fmt.Sprintf("if `%s` was renamed to `%s`, list %q in the aliases of `%s`", removed[0].name, added[0].name, removed[0].name, added[0].name)
	}

	last, reordered := -1, false
	for _, bf := range bt.fields {
		rf := partner[bf]
		if rf == nil {
			continue
		}
		if rf.index < last {
			reordered = true
		}
		last = rf.index
		c.field(s, bt, rt, bf, rf)
	}
	for _, bf := range removed {
		c.fieldRemoved(s, rt, bf, renameHint)
	}
	for _, rf := range added {
		c.fieldAdded(s, bt, rf, renameHint)
	}
	if reordered {
		c.add(s, schema.Delta{Rule: catalogue.AvroFieldsReordered, Path: s.path + "/fields", Base: or(bt.fieldsNode, bt.node), Revision: or(rt.fieldsNode, rt.node),
			Old: fieldNames(bt), New: fieldNames(rt), Effect: schema.None,
			Reason: fmt.Sprintf("the fields of record `%s` were reordered: resolution matches fields by name", rt.full)}, false)
	}
}

// pairFields pairs the fields of two records: partner maps a base field to
// its revision field, taken marks the revision fields paired. Names match
// first; then renames: a revision field listing the base name as an alias,
// or a base field listing the revision name. Among candidates the first
// revision field is taken.
func pairFields(bt, rt *avroType) (partner map[*avroField]*avroField, taken map[*avroField]bool) {
	rByName := make(map[string]*avroField, len(rt.fields))
	for _, f := range rt.fields {
		rByName[f.name] = f
	}
	bByName := make(map[string]*avroField, len(bt.fields))
	for _, f := range bt.fields {
		bByName[f.name] = f
	}
	partner = make(map[*avroField]*avroField, len(bt.fields))
	taken = make(map[*avroField]bool, len(rt.fields))
	for _, bf := range bt.fields {
		if rf := rByName[bf.name]; rf != nil {
			partner[bf], taken[rf] = rf, true
		}
	}
	rByAlias := map[string][]*avroField{}
	for _, rf := range rt.fields {
		for _, a := range rf.aliases {
			rByAlias[a] = append(rByAlias[a], rf)
		}
	}
	for _, bf := range bt.fields {
		if partner[bf] != nil {
			continue
		}
		var best *avroField
		consider := func(rf *avroField) {
			if rf != nil && !taken[rf] && bByName[rf.name] == nil && (best == nil || rf.index < best.index) {
				best = rf
			}
		}
		for _, rf := range rByAlias[bf.name] {
			consider(rf)
		}
		for _, a := range bf.aliases {
			consider(rByName[a])
		}
		if best != nil {
			partner[bf], taken[best] = best, true
		}
	}
	return partner, taken
}

// fieldRemoved reports a base field with no partner in the revision record
// rt; renameHint, when set, suggests the field was renamed.
func (c *comparer) fieldRemoved(s site, rt *avroType, bf *avroField, renameHint string) {
	d := schema.Delta{Path: s.path + "/fields/" + esc(bf.name), Base: bf.node, Revision: or(rt.fieldsNode, rt.node), Old: bf.node.Interface()}
	if bf.def != nil {
		d.Rule, d.Effect = catalogue.AvroFieldRemovedWithDefault, schema.None
		d.Reason = fmt.Sprintf("field `%s` was removed; it had a default, so an old reader fills it from the default and a new reader ignores it in old data", bf.name)
	} else {
		d.Rule, d.Effect = catalogue.AvroFieldRemovedWithoutDefault, schema.Wider
		d.Reason = fmt.Sprintf("field `%s` was removed without having a default: an old reader cannot read records written without it", bf.name)
		d.Hint = "give the field a default in a release consumers take first, then remove it"
	}
	if renameHint != "" {
		d.Hint = joinHint(d.Hint, renameHint)
	}
	c.add(s, d, true)
}

// fieldAdded reports a revision field with no partner in the base record
// bt, and a default of it that does not fit its type; renameHint, when
// set, suggests the field was renamed.
func (c *comparer) fieldAdded(s site, bt *avroType, rf *avroField, renameHint string) {
	d := schema.Delta{Path: s.path + "/fields/" + esc(rf.name), Base: or(bt.fieldsNode, bt.node), Revision: rf.node, New: rf.node.Interface()}
	if rf.def != nil {
		d.Rule, d.Effect = catalogue.AvroFieldAddedWithDefault, schema.None
		d.Reason = fmt.Sprintf("field `%s` was added with a default: a new reader fills it in old records, an old reader ignores it", rf.name)
	} else {
		d.Rule, d.Effect = catalogue.AvroFieldAddedWithoutDefault, schema.Narrower
		d.Reason = fmt.Sprintf("field `%s` was added without a default: a new reader cannot read records written without it", rf.name)
		d.Hint = "add a default"
		if rf.typ.t.deref().kind != kUnion {
			d.Hint = "add a default (or make it optional: type [\"null\", …] with default null)"
		}
	}
	if renameHint != "" {
		d.Hint = joinHint(d.Hint, renameHint)
	}
	c.add(s, d, true)
	if rf.def != nil && !fits(rf.typ.t, rf.def, 0) {
		c.defaultInvalid(s.child("/fields/"+esc(rf.name)), rf, nil, or(bt.fieldsNode, bt.node))
	}
}

func joinHint(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

func fieldNames(t *avroType) []any {
	out := make([]any, len(t.fields))
	for i, f := range t.fields {
		out[i] = f.name
	}
	return out
}

// field compares two paired fields.
func (c *comparer) field(s site, bt, rt *avroType, bf, rf *avroField) {
	fs := s.child("/fields/" + esc(rf.name))
	backMatch := bf.name == rf.name || contains(rf.aliases, bf.name) // a new reader finds the old field
	fwdMatch := bf.name == rf.name || contains(bf.aliases, rf.name)  // an old reader finds the new field
	if bf.name != rf.name {
		back, fwd := backMatch || rf.def != nil, fwdMatch || bf.def != nil
		d := schema.Delta{Rule: catalogue.AvroFieldRenamed, Base: bf.node, Revision: rf.node, Old: bf.name, New: rf.name, Effect: effectOf(back, fwd)}
		switch {
		case back && fwd && fwdMatch:
			d.Reason = fmt.Sprintf("field `%s` was renamed to `%s` and each version lists the other name in its aliases", bf.name, rf.name)
		case back && fwd:
			d.Reason = fmt.Sprintf("field `%s` was renamed to `%s`: a new reader finds it through its aliases; an old reader does not find `%s` and uses its default", bf.name, rf.name, bf.name)
		case back:
			d.Reason = fmt.Sprintf("field `%s` was renamed to `%s`: a new reader finds it through its aliases, but an old reader looks for `%s`, which new records lack, and has no default for it", bf.name, rf.name, bf.name)
			d.Hint = "keep the old name while consumers hold the old schema (aliases help only readers)"
		default:
			d.Reason = fmt.Sprintf("field `%s` was renamed to `%s` and neither version can find the other's field", bf.name, rf.name)
			d.Hint = fmt.Sprintf("list %q in the aliases of `%s`", bf.name, rf.name)
		}
		c.add(fs, d, true)
	}
	switch {
	case bf.def == nil && rf.def != nil:
		c.add(fs, schema.Delta{Rule: catalogue.AvroFieldDefaultAdded, Path: fs.path + "/default", Base: bf.node, Revision: rf.def,
			New: rf.def.Interface(), Effect: schema.None,
			Reason: fmt.Sprintf("field `%s` got a default: no effect between these versions; with it, a later version may drop the field and old readers still fill it in", rf.name)}, false)
	case bf.def != nil && rf.def == nil:
		c.add(fs, schema.Delta{Rule: catalogue.AvroFieldDefaultRemoved, Path: fs.path + "/default", Base: bf.def, Revision: rf.node,
			Old: bf.def.Interface(), Effect: schema.None,
			Reason: fmt.Sprintf("the default of field `%s` was removed: no effect between these versions, but a new reader can no longer read data written before the field existed", rf.name)}, false)
	case bf.def != nil && !tree.Equal(bf.def, rf.def):
		c.add(fs, schema.Delta{Rule: catalogue.AvroFieldDefaultChanged, Path: fs.path + "/default", Base: bf.def, Revision: rf.def,
			Old: bf.def.Interface(), New: rf.def.Interface(), Effect: schema.None, CautionReceive: true,
			Reason: fmt.Sprintf("the default of field `%s` changed: a new reader fills records written without the field with a different value", rf.name)}, false)
	}
	if bf.order != rf.order {
		c.add(fs, schema.Delta{Rule: catalogue.AvroOrderChanged, Path: fs.path + "/order", Base: or(bf.orderNode, bf.node), Revision: or(rf.orderNode, rf.node),
			Old: bf.order, New: rf.order, Effect: schema.None,
			Reason: fmt.Sprintf("the sort order of field `%s` changed from %s to %s; it affects sorting of Avro data only", rf.name, bf.order, rf.order)}, false)
	}
	if bf.name == rf.name && !sameSet(bf.aliases, rf.aliases) {
		c.add(fs, schema.Delta{Rule: catalogue.AvroAliasesChanged, Path: fs.path + "/aliases", Base: or(bf.aliasesNode, bf.node), Revision: or(rf.aliasesNode, rf.node),
			Old: bf.aliasesNode.Interface(), New: rf.aliasesNode.Interface(), Effect: schema.None,
			Reason: fmt.Sprintf("the aliases of field `%s` changed; they match no other field, so resolution is unaffected", rf.name)}, false)
	}
	c.doc(fs, bf.doc, rf.doc, bf.node, rf.node)
	c.propList(fs, bf.props, rf.props, bf.node, rf.node)

	ts := fs.child("/type")
	ts.bDef, ts.rDef, ts.inField = bf.def, rf.def, true
	from := len(c.deltas)
	c.defaultCautioned = false
	c.compare(ts, bf.typ, rf.typ)
	if bf.name != rf.name && (!backMatch || !fwdMatch) {
		c.relax(from, !backMatch, !fwdMatch, "the renamed field is not looked up in that direction, so its type does not matter there")
	}
	cautioned := c.defaultCautioned
	c.defaultCautioned = false
	if rf.def != nil && !cautioned && !fits(rf.typ.t, rf.def, 0) && (bf.def == nil || fits(bf.typ.t, bf.def, 0)) {
		c.defaultInvalid(fs, rf, bf, nil)
	}
}

// defaultInvalid reports a revision default that does not fit its field;
// bf is the base field, or nil when the field is new (then baseParent is
// the closest base node).
func (c *comparer) defaultInvalid(s site, rf, bf *avroField, baseParent *tree.Node) {
	base := baseParent
	if bf != nil {
		base = or(bf.def, bf.node)
	}
	var old any
	if bf != nil {
		old = bf.def.Interface()
	}
	c.add(s, schema.Delta{Rule: catalogue.AvroFieldDefaultInvalid, Path: s.path + "/default", Base: base, Revision: rf.def,
		Old: old, New: rf.def.Interface(), Effect: schema.None, CautionSend: true, CautionReceive: true,
		Reason: fmt.Sprintf("the default of field `%s` does not match its type %s (for a union, its first branch): Avro parsers before 1.12 reject the schema, and readers that need the default cannot use it", rf.name, rf.typ.t.label()),
		Hint:   "change the default, or list the branch it matches first in the union"}, false)
}

// enum compares symbols and the enum default.
func (c *comparer) enum(s site, bt, rt *avroType) {
	bHas := make(map[string]bool, len(bt.symbols))
	for _, x := range bt.symbols {
		bHas[x] = true
	}
	rHas := make(map[string]bool, len(rt.symbols))
	for _, x := range rt.symbols {
		rHas[x] = true
	}
	bDef, rDef := enumDefault(bt), enumDefault(rt)
	for i, x := range rt.symbols {
		if bHas[x] {
			continue
		}
		d := schema.Delta{Rule: catalogue.AvroEnumSymbolAdded, Path: s.path + "/symbols/" + esc(x), Base: or(bt.symbolsNode, bt.node), Revision: rt.symbolNodes[i], New: x}
		if bDef != "" {
			d.Effect, d.CautionSend = schema.None, true
			d.Reason = fmt.Sprintf("symbol `%s` was added to enum `%s`: an old reader reads it as its default `%s`, which may not mean the same", x, rt.full, bDef)
		} else {
			d.Effect = schema.Wider
			d.Reason = fmt.Sprintf("symbol `%s` was added to enum `%s`: an old reader cannot read it (the old enum has no default)", x, rt.full)
			d.Hint = "consumers must take a schema with the symbol (or an enum default) before producers write it"
		}
		c.add(s, d, true)
	}
	for i, x := range bt.symbols {
		if rHas[x] {
			continue
		}
		d := schema.Delta{Rule: catalogue.AvroEnumSymbolRemoved, Path: s.path + "/symbols/" + esc(x), Base: bt.symbolNodes[i], Revision: or(rt.symbolsNode, rt.node), Old: x}
		if rDef != "" {
			d.Effect, d.CautionReceive = schema.None, true
			d.Reason = fmt.Sprintf("symbol `%s` was removed from enum `%s`: a new reader reads it in old data as its default `%s`", x, rt.full, rDef)
		} else {
			d.Effect = schema.Narrower
			d.Reason = fmt.Sprintf("symbol `%s` was removed from enum `%s`: a new reader cannot read old data holding it (the new enum has no default)", x, rt.full)
			d.Hint = "keep the symbol, or give the enum a default"
		}
		c.add(s, d, true)
	}
	var bOrder, rOrder []string
	for _, x := range bt.symbols {
		if rHas[x] {
			bOrder = append(bOrder, x)
		}
	}
	for _, x := range rt.symbols {
		if bHas[x] {
			rOrder = append(rOrder, x)
		}
	}
	if strings.Join(bOrder, "\x00") != strings.Join(rOrder, "\x00") {
		c.add(s, schema.Delta{Rule: catalogue.AvroEnumSymbolsReordered, Path: s.path + "/symbols", Base: or(bt.symbolsNode, bt.node), Revision: or(rt.symbolsNode, rt.node),
			Old: bt.symbolsNode.Interface(), New: rt.symbolsNode.Interface(), Effect: schema.None,
			Reason: fmt.Sprintf("the symbols of enum `%s` were reordered: resolution matches symbols by name (only sort order changes)", rt.full)}, false)
	}
	bRaw, rRaw := bt.enumDefault.Text(), rt.enumDefault.Text()
	ds := s.child("/default")
	switch {
	case bt.enumDefault == nil && rt.enumDefault != nil:
		c.add(ds, schema.Delta{Rule: catalogue.AvroEnumDefaultAdded, Base: or(bt.symbolsNode, bt.node), Revision: rt.enumDefault, New: rRaw, Effect: schema.None,
			Reason: fmt.Sprintf("enum `%s` got the default `%s`: readers with the new schema read symbols they do not know as it (readers already running the old schema are not helped)", rt.full, rRaw)}, false)
	case bt.enumDefault != nil && rt.enumDefault == nil:
		c.add(ds, schema.Delta{Rule: catalogue.AvroEnumDefaultRemoved, Base: bt.enumDefault, Revision: or(rt.symbolsNode, rt.node), Old: bRaw, Effect: schema.None,
			Reason: fmt.Sprintf("enum `%s` lost its default `%s`: readers with the new schema fail on symbols they do not know", rt.full, bRaw)}, false)
	case bt.enumDefault != nil && bRaw != rRaw:
		c.add(ds, schema.Delta{Rule: catalogue.AvroEnumDefaultChanged, Base: bt.enumDefault, Revision: rt.enumDefault, Old: bRaw, New: rRaw, Effect: schema.None, CautionReceive: true,
			Reason: fmt.Sprintf("the default of enum `%s` changed from `%s` to `%s`: a new reader maps symbols it does not know to a different value", rt.full, bRaw, rRaw)}, false)
	}
}

// union compares two types of which at least one is a union, pairing
// branches by name, then by resolution (renames, promotions), then the
// single leftovers.
func (c *comparer) union(s site, b, r use, bt, rt *avroType) {
	p := pairBranches(branchesOf(bt, b), branchesOf(rt, r))
	reordered := c.pairedBranches(s, p, bt, rt)
	for i, u := range p.bb {
		if p.pb[i] < 0 {
			c.branchRemoved(s.child(branchSeg(p.bKeys[i], i)), u, r, rt)
		}
	}
	for j, v := range p.rb {
		if p.pr[j] < 0 {
			c.branchAdded(s.child(branchSeg(p.rKeys[j], j)), b, v, bt)
		}
	}
	if reordered && bt.kind == kUnion && rt.kind == kUnion {
		c.branchesReordered(s, b, r, bt, rt)
	}
}

// branchPairing pairs the branches of a base and a revision union.
type branchPairing struct {
	bb, rb       []use
	pb, pr       []int    // the paired branch on the other side, -1 when none
	bKeys, rKeys []string // branchKey of each branch
}

// pairBranches pairs branches by key, then the same unparseable branch,
// then renamed named types, then related primitives, then the single
// leftovers.
func pairBranches(bb, rb []use) *branchPairing {
	p := &branchPairing{bb: bb, rb: rb, pb: make([]int, len(bb)), pr: make([]int, len(rb)),
		bKeys: make([]string, len(bb)), rKeys: make([]string, len(rb))}
	for i, u := range bb {
		p.pb[i] = -1
		p.bKeys[i] = branchKey(u.t)
	}
	for j, v := range rb {
		p.pr[j] = -1
		p.rKeys[j] = branchKey(v.t)
	}
	p.byKey()
	p.sameInvalid()
	p.renamed()
	p.promoted()
	p.leftovers()
	return p
}

// pair pairs base branch i with revision branch j.
func (p *branchPairing) pair(i, j int) { p.pb[i], p.pr[j] = j, i }

// branchSeg is the path segment of the union branch at idx with the
// given branchKey.
func branchSeg(key string, idx int) string {
	if key == "" {
		key = fmt.Sprintf("#%d", idx)
	}
	return "/" + esc(key)
}

// byKey pairs branches of the same key: the same primitive or full name.
func (p *branchPairing) byKey() {
	rIndex := map[string]int{}
	for j, k := range p.rKeys {
		if k != "" {
			if _, dup := rIndex[k]; !dup {
				rIndex[k] = j
			}
		}
	}
	for i, k := range p.bKeys {
		if j, ok := rIndex[k]; ok && k != "" && p.pr[j] < 0 {
			p.pair(i, j)
		}
	}
}

// sameInvalid pairs the same unparseable branch on both sides.
func (p *branchPairing) sameInvalid() {
	for i, u := range p.bb {
		if p.pb[i] >= 0 || u.t.deref().kind != kInvalid {
			continue
		}
		for j, v := range p.rb {
			if p.pr[j] < 0 && v.t.deref().kind == kInvalid && tree.Equal(u.at, v.at) {
				p.pair(i, j)
				break
			}
		}
	}
}

// renamed pairs renamed or moved named types: the same short name, or an
// alias of either side naming the other. Among candidates the first
// revision branch is taken.
func (p *branchPairing) renamed() {
	rNamed := map[string][]int{}
	for j, v := range p.rb {
		y := v.t.deref()
		if !y.kind.named() {
			continue
		}
		rNamed[y.name] = append(rNamed[y.name], j)
		for _, a := range y.aliases {
			rNamed[shortName(a)] = append(rNamed[shortName(a)], j)
		}
	}
	for i, u := range p.bb {
		x := u.t.deref()
		if p.pb[i] >= 0 || !x.kind.named() {
			continue
		}
		cands := slices.Clone(rNamed[x.name])
		for _, a := range x.aliases {
			cands = append(cands, rNamed[shortName(a)]...)
		}
		slices.Sort(cands)
		for _, j := range cands {
			y := p.rb[j].t.deref()
			if p.pr[j] < 0 && x.kind == y.kind && (x.name == y.name || hasAlias(y, x) || hasAlias(x, y)) {
				p.pair(i, j)
				break
			}
		}
	}
}

// promoted pairs promotions and string/bytes between primitives (a
// union holds each primitive at most once, so these loops are short).
func (p *branchPairing) promoted() {
	var bPrim, rPrim []int
	for i, u := range p.bb {
		if p.pb[i] < 0 && u.t.deref().kind.primitive() {
			bPrim = append(bPrim, i)
		}
	}
	for j, v := range p.rb {
		if p.pr[j] < 0 && v.t.deref().kind.primitive() {
			rPrim = append(rPrim, j)
		}
	}
	for _, i := range bPrim {
		x := p.bb[i].t.deref().kind
		for _, j := range rPrim {
			y := p.rb[j].t.deref().kind
			if p.pr[j] < 0 && (promotes(x, y) || promotes(y, x) || (x == kString && y == kBytes) || (x == kBytes && y == kString)) {
				p.pair(i, j)
				break
			}
		}
	}
}

// leftovers pairs one leftover named type of a kind on each side (a
// rename), then one leftover non-null branch on each side (the type
// changed).
func (p *branchPairing) leftovers() {
	for _, k := range []kind{kRecord, kEnum, kFixed} {
		i, j := lone(p.bb, p.pb, k), lone(p.rb, p.pr, k)
		if i >= 0 && j >= 0 {
			p.pair(i, j)
		}
	}
	if i, j := lone(p.bb, p.pb, 0), lone(p.rb, p.pr, 0); i >= 0 && j >= 0 {
		p.pair(i, j)
	}
}

// pairedBranches compares the paired branches in base order and reports
// whether their order changed.
func (c *comparer) pairedBranches(s site, p *branchPairing, bt, rt *avroType) (reordered bool) {
	last := -1
	for i := range p.bb {
		j := p.pb[i]
		if j < 0 {
			continue
		}
		if j < last {
			reordered = true
		}
		last = j
		from := len(c.deltas)
		c.compare(s.child(branchSeg(p.rKeys[j], j)), p.bb[i], p.rb[j])
		// A failure between the paired branches does not matter when
		// another branch of the reader's union reads the value.
		back := c.check.canRead(rt, p.bb[i].t)
		fwd := c.check.canRead(bt, p.rb[j].t)
		c.relax(from, back, fwd, "but another branch of the reader's union still reads it")
	}
	return reordered
}

// loneBranch is how a union branch without a partner on the other side is
// reported: removed from the base's union, or added to the revision's.
type loneBranch struct {
	rule, nullRule string // the rule, and the rule when the branch is null
	what, nullWhat string // what happened; what takes the branch's label
	still, cannot  string // the consequence when the other side's reader still reads it, or cannot
	hint           string // when it cannot
}

var (
	branchWasRemoved = loneBranch{catalogue.AvroUnionBranchRemoved, catalogue.AvroTypeMadeNonNullable,
		"branch `%s` was removed from the union", "the type is no longer nullable (`null` was removed from the union)",
		"; a new reader still reads old values of it through another branch", ": a new reader cannot read old data written with it",
		"keep the branch while producers may write it"}
	branchWasAdded = loneBranch{catalogue.AvroUnionBranchAdded, catalogue.AvroTypeMadeNullable,
		"branch `%s` was added to the union", "the type was made nullable (`null` added)",
		"; an old reader still reads it through one of its branches", ": an old reader cannot read values written with it",
		"consumers must take the new schema before producers write the new branch"}
)

// branchRemoved reports base branch u, at bs, that has no partner in the
// revision r (of type rt): a new reader of old data must still read it.
func (c *comparer) branchRemoved(bs site, u, r use, rt *avroType) {
	x := u.t.deref()
	if x.kind == kInvalid {
		c.invalid(bs, u, r, x, rt)
		return
	}
	back := c.check.canRead(rt, x)
	d := schema.Delta{Path: bs.path, Base: or(u.at, x.node), Revision: or(r.at, rt.node), Old: x.label(), Effect: effectOf(back, true)}
	c.loneBranch(bs, d, branchWasRemoved, x, back)
}

// branchAdded reports revision branch v, at bs, that has no partner in
// the base b (of type bt): an old reader of new data must read it.
func (c *comparer) branchAdded(bs site, b, v use, bt *avroType) {
	y := v.t.deref()
	if y.kind == kInvalid {
		c.invalid(bs, b, v, bt, y)
		return
	}
	fwd := c.check.canRead(bt, y)
	d := schema.Delta{Path: bs.path, Base: or(b.at, bt.node), Revision: or(v.at, y.node), New: y.label(), Effect: effectOf(true, fwd)}
	c.loneBranch(bs, d, branchWasAdded, y, fwd)
}

// loneBranch words and adds d, about branch t, which the reader on the
// other side still reads when read is true.
func (c *comparer) loneBranch(bs site, d schema.Delta, w loneBranch, t *avroType, read bool) {
	d.Rule, d.Reason = w.rule, fmt.Sprintf(w.what, t.label())
	if t.kind == kNull {
		d.Rule, d.Reason = w.nullRule, w.nullWhat
	}
	if read {
		d.Reason += w.still
	} else {
		d.Reason += w.cannot
		d.Hint = w.hint
	}
	c.add(bs, d, true)
}

// branchesReordered reports that the branches of two unions were
// reordered, with a caution when the field default no longer matches the
// first branch.
func (c *comparer) branchesReordered(s site, b, r use, bt, rt *avroType) {
	d := schema.Delta{Rule: catalogue.AvroUnionBranchesReordered, Base: or(b.at, bt.node), Revision: or(r.at, rt.node),
		Old: bt.label(), New: rt.label(), Effect: schema.None,
		Reason: "the branches of the union were reordered: resolution matches branches by type, not position"}
	if s.inField && s.rDef != nil && !fits(rt, s.rDef, 0) && (s.bDef == nil || fits(bt, s.bDef, 0)) {
		d.CautionSend, d.CautionReceive = true, true
		d.Reason += fmt.Sprintf(", but the field default %s no longer matches the first branch `%s`: Avro parsers before 1.12 reject the schema", nodeText(s.rDef), rt.branches[0].t.label())
		d.Hint = "list the branch the default belongs to first"
		c.defaultCautioned = true
	}
	c.add(s, d, false)
}

// branchesOf returns the branches of a union, or the type itself as the
// only branch.
func branchesOf(t *avroType, u use) []use {
	if t.kind == kUnion {
		return t.branches
	}
	return []use{{t: t, at: u.at}}
}

// lone returns the index of the only unpaired branch of kind k (k == 0:
// the only unpaired branch that is not null), or -1.
func lone(branches []use, paired []int, k kind) int {
	found := -1
	for i, u := range branches {
		if paired[i] >= 0 {
			continue
		}
		x := u.t.deref()
		if (k == 0 && x.kind != kNull && x.kind != kInvalid) || (k != 0 && x.kind == k) {
			if found >= 0 {
				return -1
			}
			found = i
		}
	}
	return found
}

func nodeText(n *tree.Node) string {
	switch n.Kind {
	case tree.Null:
		return "null"
	case tree.String:
		return fmt.Sprintf("%q", n.Value)
	case tree.Map:
		return "{…}"
	case tree.Seq:
		return "[…]"
	}
	return n.Value
}

// Logical types (AV-25). Resolution ignores them, so the effect is ours.
var unitFamilies = map[string]string{
	"timestamp-millis": "timestamp", "timestamp-micros": "timestamp", "timestamp-nanos": "timestamp",
	"local-timestamp-millis": "local-timestamp", "local-timestamp-micros": "local-timestamp", "local-timestamp-nanos": "local-timestamp",
	"time-millis": "time", "time-micros": "time",
}

func unitOf(l string) string {
	if i := strings.LastIndexByte(l, '-'); i >= 0 {
		return l[i+1:]
	}
	return ""
}

// logical compares the logical types of two types; bAt and rAt are where
// the types are written, for changes of a type written as a bare name.
func (c *comparer) logical(s site, bt, rt *avroType, bAt, rAt *tree.Node) {
	bl, rl := "", ""
	if bt.logicalOK {
		bl = bt.logical
	}
	if rt.logicalOK {
		rl = rt.logical
	}
	ls := s.child("/logicalType")
	bNode, rNode := or(bt.logicalNode, bAt), or(rt.logicalNode, rAt)
	switch {
	case bl == "" && rl == "":
		if bt.logical != rt.logical {
			c.add(ls, schema.Delta{Rule: catalogue.AvroPropertyChanged, Base: bNode, Revision: rNode,
				Old: nilIfEmpty(bt.logical), New: nilIfEmpty(rt.logical), Effect: schema.None,
				Reason: fmt.Sprintf("logicalType changed from %q to %q, neither of which Avro knows on a %s, so readers ignore it", bt.logical, rt.logical, rt.kind)}, false)
		}
	case bl == rl:
		if bl == "decimal" {
			c.decimal(s, bt, rt)
		}
	case bl == "":
		c.add(ls, schema.Delta{Rule: catalogue.AvroLogicalTypeAdded, Base: bNode, Revision: rNode, New: rl, Effect: schema.None,
			CautionSend: true, CautionReceive: true,
			Reason: fmt.Sprintf("logical type %s was added to a %s: the encoding is unchanged, but programs using generated code or logical-type conversions now see a different type", rl, rt.kind)}, false)
	case rl == "":
		c.add(ls, schema.Delta{Rule: catalogue.AvroLogicalTypeRemoved, Base: bNode, Revision: rNode, Old: bl, Effect: schema.None,
			CautionSend: true, CautionReceive: true,
			Reason: fmt.Sprintf("logical type %s was removed from a %s: the encoding is unchanged, but programs using generated code or logical-type conversions now see a different type", bl, rt.kind)}, false)
	default:
		d := schema.Delta{Rule: catalogue.AvroLogicalTypeChanged, Base: bNode, Revision: rNode, Old: bl, New: rl}
		fb, fr := unitFamilies[bl], unitFamilies[rl]
		switch {
		case fb != "" && fr != "" && fb != fr && unitOf(bl) == unitOf(rl) && (fb == "timestamp" || fb == "local-timestamp") && (fr == "timestamp" || fr == "local-timestamp"):
			d.Effect, d.CautionSend, d.CautionReceive = schema.None, true, true
			d.Reason = fmt.Sprintf("the logical type changed from %s to %s: the numbers are the same, but one is an instant in UTC and the other a local date-time", bl, rl)
		case fb != "" && fb == fr:
			d.Effect = schema.Incomparable
			d.Reason = fmt.Sprintf("the logical type changed from %s to %s: Avro resolution ignores logical types, so each side reads the other's values in the wrong unit", bl, rl)
			d.Hint = "add a new field in the new unit instead"
		default:
			d.Effect = schema.Incomparable
			d.Reason = fmt.Sprintf("the logical type changed from %s to %s: Avro resolution ignores logical types, so each side reads the other's values with the wrong meaning", bl, rl)
			d.Hint = "add a new field with the new logical type instead"
		}
		c.add(ls, d, false)
	}
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func (c *comparer) decimal(s site, bt, rt *avroType) {
	if bt.scale != rt.scale {
		c.add(s.child("/scale"), schema.Delta{Rule: catalogue.AvroDecimalScaleChanged, Base: or(bt.scaleNde, bt.node), Revision: or(rt.scaleNde, rt.node),
			Old: float64(bt.scale), New: float64(rt.scale), Effect: schema.Incomparable,
			Reason: fmt.Sprintf("the decimal scale changed from %d to %d: the same unscaled bytes now mean a number %s, and Avro resolution does not convert them", bt.scale, rt.scale, scaleWord(bt.scale, rt.scale)),
			Hint:   "add a new field with the new scale instead"}, false)
	}
	if bt.precision != rt.precision {
		d := schema.Delta{Rule: catalogue.AvroDecimalPrecisionChanged, Base: or(bt.precNode, bt.node), Revision: or(rt.precNode, rt.node), Old: float64(bt.precision), New: float64(rt.precision)}
		if rt.precision > bt.precision {
			d.Effect = schema.Wider
			d.Reason = fmt.Sprintf("the decimal precision grew from %d to %d digits: values with more digits than %d are allowed now", bt.precision, rt.precision, bt.precision)
		} else {
			d.Effect = schema.Narrower
			d.Reason = fmt.Sprintf("the decimal precision shrank from %d to %d digits: old values may not fit a reader built for %d", bt.precision, rt.precision, rt.precision)
		}
		c.add(s.child("/precision"), d, false)
	}
}

func scaleWord(from, to int64) string {
	if to > from {
		return fmt.Sprintf("10^%d times smaller", to-from)
	}
	return fmt.Sprintf("10^%d times larger", from-to)
}
