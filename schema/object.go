package schema

import (
	"regexp"

	"github.com/eventdiff/eventdiff/rules/catalogue"
	"github.com/eventdiff/eventdiff/tree"
)

// regexCache compiles patternProperties keys once. Go's RE2 is close to
// ECMA-262 for the patterns people write; a pattern it cannot compile
// makes the affected decision unknown.
type regexCache map[string]*regexp.Regexp

func (rc *regexCache) get(s string) *regexp.Regexp {
	if *rc == nil {
		*rc = regexCache{}
	}
	if re, ok := (*rc)[s]; ok {
		return re
	}
	re, err := regexp.Compile(s)
	if err != nil {
		re = nil
	}
	(*rc)[s] = re
	return re
}

// coverage is what governs a property name that is not declared:
// matching patternProperties, else additionalProperties.
type coverage struct {
	node    *tree.Node // the governing schema (nil: anything)
	kind    string     // "open", "closed", "partial"
	unknown bool       // a pattern could not be evaluated, or several match
	pattern string
}

func (c *comparer) coverageOf(n *tree.Node, name string) coverage {
	var cov coverage
	matches := 0
	for _, f := range fields(n, "patternProperties") {
		re := c.re.get(f.Key)
		if re == nil {
			cov.unknown = true
			continue
		}
		if re.MatchString(name) {
			matches++
			cov.node, cov.pattern = f.Value, f.Key
		}
	}
	if matches > 1 {
		cov.unknown = true
	}
	if matches == 0 {
		cov.node = n.Get("additionalProperties")
	}
	switch {
	case c.isTrue(cov.node):
		cov.kind = "open"
	case c.isEmpty(cov.node):
		cov.kind = "closed"
	default:
		cov.kind = "partial"
	}
	return cov
}

// objectSides holds the required names of both sides of an object pair
// while its properties are compared.
type objectSides struct {
	reqB, reqR map[string]*tree.Node
	consumed   map[string]bool // required changes already told by a property delta
}

// propertyDelta is the delta for one removed or added property, before it
// is added (a removal and an addition may be told as one rename).
type propertyDelta struct {
	f         tree.Field
	rd        *rawDelta
	eff       bits
	pragmatic bool
}

func (c *comparer) compareObject(p *pair) {
	b, r := p.b, p.r
	reqB, reqBOrder := stringSet(b, "required")
	reqR, reqROrder := stringSet(r, "required")
	os := &objectSides{reqB: reqB, reqR: reqR, consumed: map[string]bool{}}

	propsB, propsR := fields(b, "properties"), fields(r, "properties")
	idxB, idxR := firstByKey(propsB), firstByKey(propsR)
	var removed, added []propertyDelta
	for _, f := range propsB {
		if idxB[f.Key] != f.Value {
			continue // duplicate key: the first one counts
		}
		if rv, ok := idxR[f.Key]; ok {
			if !c.sameSchema(f.Value, rv) { // checked first: most properties are unchanged
				c.child(p, f.Value, rv, "/properties/"+tree.EscapePointer(f.Key), false)
			}
			continue
		}
		removed = append(removed, c.removedProperty(p, f, os))
	}
	for _, f := range propsR {
		if _, ok := idxB[f.Key]; ok || idxR[f.Key] != f.Value {
			continue
		}
		added = append(added, c.addedProperty(p, f, os))
	}
	renamed, renamedTo := c.renames(p, removed, added)
	for i, rm := range removed {
		if j, ok := renamed[i]; ok {
			c.addRename(p, rm, added[j])
			continue
		}
		c.addStrict(p, rm.rd, rm.eff, rm.pragmatic)
	}
	for j, ad := range added {
		if !renamedTo[j] {
			c.addStrict(p, ad.rd, ad.eff, ad.pragmatic)
		}
	}
	c.requiredChanges(p, os, reqBOrder, reqROrder)
	c.compareAdditional(p, "additionalProperties", "properties")
	c.comparePatternProperties(p, idxB, idxR)
	c.compareOptionalSchema(p, "propertyNames", catalogue.SchemaPropertyNamesAdded, catalogue.SchemaPropertyNamesRemoved, "property names")
	c.countBound(p, "minProperties", false)
	c.countBound(p, "maxProperties", true)
	c.compareDependencies(p)
}

// firstByKey indexes map entries by key; the first of duplicate keys counts.
func firstByKey(fs []tree.Field) map[string]*tree.Node {
	out := make(map[string]*tree.Node, len(fs))
	for _, f := range fs {
		if _, dup := out[f.Key]; !dup {
			out[f.Key] = f.Value
		}
	}
	return out
}

// removedProperty judges a property only the base declares: its name now
// falls under the revision's coverage (JS-01..JS-05).
func (c *comparer) removedProperty(p *pair, f tree.Field, os *objectSides) propertyDelta {
	seg := "/properties/" + tree.EscapePointer(f.Key)
	_, wasReq := os.reqB[f.Key]
	_, isReq := os.reqR[f.Key]
	cov, slice, at := c.coveredBy(p, f, p.r, p.b, true, seg)
	d := Delta{Base: f.Value, Revision: at, Old: iface(f.Value)}
	name := quote(f.Key)
	eff := slice
	pragmatic := false
	if wasReq && !isReq {
		os.consumed[f.Key] = true
		eff |= bW
		switch cov.kind {
		case "open":
			d.Rule = catalogue.SchemaRequiredPropertyRemoved
			d.Reason = "required property " + name + " removed: messages may now omit it"
		case "closed":
			d.Rule = catalogue.SchemaRequiredPropertyRemovedFromClosed
			eff |= bN
			d.Reason = "required property " + name + " removed from a closed object: every old message has it and every new one must not"
		default:
			d.Rule = catalogue.SchemaRequiredPropertyRemoved
			d.Reason = "required property " + name + " removed: messages may now omit it; when present it is checked against " + coverageText(cov)
		}
		d.Hint = "keep the property (deprecate it) instead of removing it"
	} else {
		switch cov.kind {
		case "open":
			d.Rule = catalogue.SchemaPropertyRemoved
			d.Reason = "optional property " + name + " removed from an open object: its value is no longer checked"
			// A property declared `false` is a deliberate ban, not an
			// optional field: the pragmatic policy does not cover it.
			pragmatic = !isReq && !c.isEmpty(f.Value)
		case "closed":
			d.Rule = catalogue.SchemaPropertyRemovedFromClosed
			d.Reason = "property " + name + " removed from a closed object (additionalProperties: false): messages that carry it are rejected now"
			d.Hint = "keep the property, or allow additional properties"
		default:
			d.Rule = catalogue.SchemaPropertyRemovedFromPartiallyOpen
			d.Reason = "property " + name + " removed: it is now checked against " + coverageText(cov)
		}
	}
	if slice&bU != 0 && eff&bU != 0 {
		d.Reason += " (whether that covers the old schema cannot be decided)"
	}
	return propertyDelta{f, &rawDelta{seg: seg, d: d, wit: witnessHint{kind: wkObject, name: f.Key}}, eff, pragmatic}
}

// addedProperty judges a property only the revision declares: before, its
// name fell under the base's coverage (JS-06..JS-10).
func (c *comparer) addedProperty(p *pair, f tree.Field, os *objectSides) propertyDelta {
	seg := "/properties/" + tree.EscapePointer(f.Key)
	_, wasReq := os.reqB[f.Key]
	_, isReq := os.reqR[f.Key]
	cov, slice, at := c.coveredBy(p, f, p.b, p.r, false, seg)
	d := Delta{Base: at, Revision: f.Value, New: iface(f.Value)}
	name := quote(f.Key)
	eff := slice
	pragmatic := false
	if isReq && !wasReq {
		os.consumed[f.Key] = true
		eff |= bN
		switch cov.kind {
		case "closed":
			d.Rule = catalogue.SchemaRequiredPropertyAddedToClosed
			eff |= bW
			d.Reason = "new required property " + name + " in a closed object: no old message has it, and every new one must"
		default:
			d.Rule = catalogue.SchemaRequiredPropertyAdded
			d.Reason = "new property " + name + " is required: messages without it are rejected"
		}
		d.Hint = "make it optional"
	} else {
		switch cov.kind {
		case "open":
			d.Rule = catalogue.SchemaPropertyAdded
			d.Reason = "optional property " + name + " added to an open object: its value is checked now, where any value was accepted before"
			// A property declared `false` is a deliberate ban, not an
			// optional field: the pragmatic policy does not cover it.
			pragmatic = !isReq && !c.isEmpty(f.Value)
		case "closed":
			d.Rule = catalogue.SchemaPropertyAddedToClosed
			d.Reason = "property " + name + " added to a closed object (additionalProperties: false): messages carrying it were rejected before"
		default:
			d.Rule = catalogue.SchemaPropertyAddedToPartiallyOpen
			d.Reason = "property " + name + " added: before, it was checked against " + coverageText(cov)
		}
	}
	if slice&bU != 0 {
		d.Reason += " (whether the schemas contain each other cannot be decided)"
	}
	return propertyDelta{f, &rawDelta{seg: seg, d: d, wit: witnessHint{kind: wkObject, name: f.Key}}, eff, pragmatic}
}

// coveredBy works out, for a property only one side declares (own), what
// governs its name on the other side: the coverage, the effect of trading
// the property for it (removed: property → coverage, else the reverse),
// and the node of the other side a delta points at.
func (c *comparer) coveredBy(p *pair, f tree.Field, other, own *tree.Node, removed bool, seg string) (coverage, bits, *tree.Node) {
	cov := c.coverageOf(other, f.Key)
	var slice bits
	switch {
	case cov.unknown || c.coverageOf(own, f.Key).pattern != "":
		slice = bU
	case removed:
		slice = c.effectOf(p, f.Value, cov.node, seg)
	default:
		slice = c.effectOf(p, cov.node, f.Value, seg)
	}
	at := other
	if cov.kind != "open" {
		at = kw(other, "additionalProperties")
		if cov.pattern != "" {
			at = other.Get("patternProperties").Get(cov.pattern)
		}
	}
	return cov, slice, at
}

// requiredChanges reports properties declared on both sides that became
// required or optional (JS-11, JS-12).
func (c *comparer) requiredChanges(p *pair, os *objectSides, reqBOrder, reqROrder []string) {
	b, r := p.b, p.r
	for _, name := range reqROrder {
		if _, ok := os.reqB[name]; ok || os.consumed[name] {
			continue
		}
		p.add(&rawDelta{seg: "/required", wit: witnessHint{kind: wkObject, name: name}, d: Delta{Rule: catalogue.SchemaRequiredAdded,
			Base: kw(b, "required"), Revision: os.reqR[name], Old: iface(b.Get("required")), New: iface(r.Get("required")), Effect: Narrower,
			Reason: "property " + quote(name) + " is now required: messages without it are rejected", Hint: "make it optional"}})
	}
	for _, name := range reqBOrder {
		if _, ok := os.reqR[name]; ok || os.consumed[name] {
			continue
		}
		p.add(&rawDelta{seg: "/required", wit: witnessHint{kind: wkObject, name: name}, d: Delta{Rule: catalogue.SchemaRequiredRemoved,
			Base: os.reqB[name], Revision: kw(r, "required"), Old: iface(b.Get("required")), New: iface(r.Get("required")), Effect: Wider,
			Reason: "property " + quote(name) + " is no longer required: messages may omit it", Hint: "keep it required"}})
	}
}

// addStrict adds a delta whose strict effect is eff; pragmatic deltas (an
// optional property of an open object) have no effect unless Strict.
func (c *comparer) addStrict(p *pair, rd *rawDelta, eff bits, pragmatic bool) {
	rd.d.StrictEffect = eff.effect()
	rd.d.Effect = rd.d.StrictEffect
	if pragmatic && rd.d.StrictEffect != None {
		// The reason states the fact; what --strict would make of it is the
		// finding's note, written where levels are decided.
		rd.d.Effect = None
	}
	p.deltas = append(p.deltas, rd)
	p.local |= eff
}

func coverageText(cov coverage) string {
	if cov.pattern != "" {
		return "patternProperties " + quote(cov.pattern)
	}
	return "additionalProperties"
}

// additionalRules name the four ways additionalProperties or
// additionalItems can change between open, closed and a schema.
type additionalRules struct{ allowed, disallowed, added, removed string }

var (
	additionalPropertiesRules = additionalRules{catalogue.SchemaAdditionalPropertiesAllowed,
		catalogue.SchemaAdditionalPropertiesDisallowed, catalogue.SchemaAdditionalPropertiesAdded, catalogue.SchemaAdditionalPropertiesRemoved}
	additionalItemsRules = additionalRules{catalogue.SchemaAdditionalItemsAllowed,
		catalogue.SchemaAdditionalItemsDisallowed, catalogue.SchemaAdditionalItemsAdded, catalogue.SchemaAdditionalItemsRemoved}
)

// compareAdditional handles additionalProperties / additionalItems: open
// (absent or true), closed (false) or a schema (JS-13..JS-15, JS-47).
func (c *comparer) compareAdditional(p *pair, key, what string) {
	nb, nr := p.b.Get(key), p.r.Get(key)
	kb, kr := c.openKind(nb), c.openKind(nr)
	seg := "/" + key
	ids, noun := additionalPropertiesRules, "properties"
	if key == "additionalItems" {
		ids, noun = additionalItemsRules, "items"
	}
	if kb == "schema" && kr == "schema" {
		c.child(p, nb, nr, seg, false)
		return
	}
	if kb == kr {
		return
	}
	d := Delta{Base: kw(p.b, key), Revision: kw(p.r, key), Old: iface(nb), New: iface(nr)}
	switch {
	case kb == "closed": // → open or schema
		d.Rule, d.Effect = ids.allowed, Wider
		d.Reason = key + " was false and now allows additional " + noun + ": messages with " + noun + " beyond the declared ones are accepted now"
	case kr == "closed": // open or schema →
		d.Rule, d.Effect = ids.disallowed, Narrower
		d.Reason = key + " is now false: messages with " + noun + " beyond the declared ones are rejected"
		d.Hint = "keep allowing additional " + noun
	case kb == "open": // → schema
		d.Rule, d.Effect = ids.added, Narrower
		d.Reason = key + " schema added: additional " + noun + " it rejects are no longer accepted"
	default: // schema → open
		d.Rule, d.Effect = ids.removed, Wider
		d.Reason = key + " schema removed: any additional " + noun + " are accepted now"
	}
	p.add(&rawDelta{seg: seg, d: d, wit: witnessHint{kind: wkExtra, countKey: key}})
}

func (c *comparer) openKind(n *tree.Node) string {
	switch {
	case c.isTrue(n):
		return "open"
	case c.isEmpty(n):
		return "closed"
	}
	return "schema"
}

// compareOptionalSchema handles a keyword holding one schema whose absence
// means "anything" (propertyNames, items, contains-like keywords).
func (c *comparer) compareOptionalSchema(p *pair, key, ruleAdded, ruleRemoved, noun string) {
	nb, nr := p.b.Get(key), p.r.Get(key)
	tb, tr := c.isTrue(nb), c.isTrue(nr)
	switch {
	case tb && tr:
		return
	case !tb && !tr:
		c.child(p, nb, nr, "/"+key, false)
	case tb:
		p.add(&rawDelta{seg: "/" + key, wit: witnessHint{kind: wkKeyword, countKey: key}, d: Delta{Rule: ruleAdded, Base: kw(p.b, key), Revision: nr, Old: iface(nb), New: iface(nr), Effect: Narrower,
			Reason: key + " added: " + noun + " it rejects are no longer accepted"}})
	default:
		p.add(&rawDelta{seg: "/" + key, wit: witnessHint{kind: wkKeyword, countKey: key}, d: Delta{Rule: ruleRemoved, Base: nb, Revision: kw(p.r, key), Old: iface(nb), New: iface(nr), Effect: Wider,
			Reason: key + " removed: " + noun + " are no longer checked"}})
	}
}

// comparePatternProperties (JS-16).
func (c *comparer) comparePatternProperties(p *pair, declB, declR map[string]*tree.Node) {
	pb, pr := fields(p.b, "patternProperties"), fields(p.r, "patternProperties")
	if len(pb) == 0 && len(pr) == 0 {
		return
	}
	ib := make(map[string]*tree.Node, len(pb))
	for _, f := range pb {
		ib[f.Key] = f.Value
	}
	ir := make(map[string]*tree.Node, len(pr))
	for _, f := range pr {
		ir[f.Key] = f.Value
	}
	// Declared names matching the pattern get (or lose) its constraint.
	declaredMatch := func(pattern string, decl map[string]*tree.Node) bits {
		re := c.re.get(pattern)
		if re == nil {
			return bU
		}
		for name := range decl {
			if re.MatchString(name) {
				return bN
			}
		}
		return 0
	}
	for _, f := range pb {
		seg := "/patternProperties/" + tree.EscapePointer(f.Key)
		if rv, ok := ir[f.Key]; ok {
			c.child(p, f.Value, rv, seg, false)
			continue
		}
		// Removed: undeclared matching names fall to additionalProperties.
		eff := c.effectOf(p, f.Value, p.r.Get("additionalProperties"), seg)
		if !c.isTrue(f.Value) {
			eff |= declaredMatch(f.Key, declR).invert()
		}
		if eff == 0 {
			continue
		}
		c.addStrict(p, &rawDelta{seg: seg, wit: witnessHint{kind: wkExtra, pattern: f.Key}, d: Delta{Rule: catalogue.SchemaPatternPropertyRemoved, Base: f.Value, Revision: kw(p.r, "patternProperties"), Old: iface(f.Value),
			Reason: "patternProperties " + quote(f.Key) + " removed: matching property names are now checked against additionalProperties"}}, eff, false)
	}
	for _, f := range pr {
		if _, ok := ib[f.Key]; ok {
			continue
		}
		seg := "/patternProperties/" + tree.EscapePointer(f.Key)
		eff := c.effectOf(p, p.b.Get("additionalProperties"), f.Value, seg)
		if !c.isTrue(f.Value) {
			eff |= declaredMatch(f.Key, declR)
		}
		if eff == 0 {
			continue
		}
		c.addStrict(p, &rawDelta{seg: seg, wit: witnessHint{kind: wkExtra, pattern: f.Key}, d: Delta{Rule: catalogue.SchemaPatternPropertyAdded, Base: kw(p.b, "patternProperties"), Revision: f.Value, New: iface(f.Value),
			Reason: "patternProperties " + quote(f.Key) + " added: properties whose names match it are checked against its schema instead of additionalProperties"}}, eff, false)
	}
}

// compareDependencies handles draft-07 `dependencies` in both forms and the
// 2019-09 dependentRequired / dependentSchemas split (JS-19).
func (c *comparer) compareDependencies(p *pair) {
	db, ob := collectDependencies(p.b)
	dr, or := collectDependencies(p.r)
	if len(db) == 0 && len(dr) == 0 {
		return
	}
	for _, name := range ob {
		x := db[name]
		seg := "/" + x.kw + "/" + tree.EscapePointer(name)
		y, ok := dr[name]
		switch {
		case ok:
			c.dependencyChanged(p, name, seg, x, y)
		case !c.vacuous(x):
			p.add(&rawDelta{seg: seg, wit: witnessHint{kind: wkObject, name: name}, d: Delta{Rule: catalogue.SchemaDependencyRemoved, Base: x.node, Revision: kw(p.r, x.kw), Old: iface(x.node), Effect: Wider,
				Reason: "the dependency of property " + quote(name) + " was removed: messages with it are no longer held to it"}})
		}
	}
	for _, name := range or {
		if _, ok := db[name]; ok {
			continue
		}
		y := dr[name]
		if c.vacuous(y) {
			continue
		}
		p.add(&rawDelta{seg: "/" + y.kw + "/" + tree.EscapePointer(name), wit: witnessHint{kind: wkObject, name: name}, d: Delta{Rule: catalogue.SchemaDependencyAdded, Base: kw(p.b, y.kw), Revision: y.node, New: iface(y.node), Effect: Narrower,
			Reason: "a dependency was added for property " + quote(name) + ": messages with it must satisfy more"}})
	}
}

// dependency is the dependency of one property: a property list or a
// schema, and the keyword it sits under.
type dependency struct {
	node *tree.Node
	kw   string
}

// isList reports whether the dependency is a property list.
func (d dependency) isList() bool { return d.node.Deref() != nil && d.node.Deref().Kind == tree.Seq }

// listSet returns the properties a list dependency requires.
func (d dependency) listSet() map[string]bool {
	out := map[string]bool{}
	for _, s := range d.node.Deref().Strings() {
		out[s] = true
	}
	return out
}

// collectDependencies returns the dependencies of a schema by property
// name, and the names in order; the first keyword naming a property wins.
func collectDependencies(n *tree.Node) (map[string]dependency, []string) {
	out := map[string]dependency{}
	var order []string
	for _, key := range []string{"dependencies", "dependentRequired", "dependentSchemas"} {
		for _, f := range fields(n, key) {
			if _, dup := out[f.Key]; !dup {
				out[f.Key] = dependency{f.Value, key}
				order = append(order, f.Key)
			}
		}
	}
	return out, order
}

// vacuous reports whether a dependency constrains nothing: an empty list
// or an always-true schema.
func (c *comparer) vacuous(d dependency) bool {
	return (d.isList() && len(d.listSet()) == 0) || (!d.isList() && c.isTrue(d.node))
}

// dependencyChanged compares the dependency x of property name with its
// revision y.
func (c *comparer) dependencyChanged(p *pair, name, seg string, x, y dependency) {
	switch {
	case x.isList() && y.isList():
		c.dependencyListChanged(p, name, seg, x, y)
	case !x.isList() && !y.isList():
		c.child(p, x.node, y.node, seg, false)
	default:
		p.add(&rawDelta{seg: seg, wit: witnessHint{kind: wkObject, name: name}, d: Delta{Rule: catalogue.SchemaDependencyChanged, Base: x.node, Revision: y.node, Old: iface(x.node), New: iface(y.node), Effect: Unknown,
			Reason: "the dependency of " + quote(name) + " changed between a property list and a schema; the effect is not computed"}})
	}
}

// dependencyListChanged compares two property lists required with
// property name.
func (c *comparer) dependencyListChanged(p *pair, name, seg string, x, y dependency) {
	sb, sr := x.listSet(), y.listSet()
	var added, removed bool
	for k := range sr {
		if !sb[k] {
			added = true
		}
	}
	for k := range sb {
		if !sr[k] {
			removed = true
		}
	}
	if !added && !removed {
		return
	}
	d := Delta{Base: x.node, Revision: y.node, Old: iface(x.node), New: iface(y.node)}
	switch {
	case added && removed:
		d.Rule, d.Effect = catalogue.SchemaDependencyChanged, Incomparable
		d.Reason = "the properties required with " + quote(name) + " changed both ways"
	case added:
		d.Rule, d.Effect = catalogue.SchemaDependencyExtended, Narrower
		d.Reason = "messages with " + quote(name) + " must now carry more properties"
	default:
		d.Rule, d.Effect = catalogue.SchemaDependencyNarrowed, Wider
		d.Reason = "messages with " + quote(name) + " need fewer properties now"
	}
	p.add(&rawDelta{seg: seg, wit: witnessHint{kind: wkObject, name: name}, d: d})
}
