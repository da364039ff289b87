package schema

import (
	"math/big"
	"slices"
	"strings"

	"github.com/eventdiff/eventdiff/tree"
)

// assertionKeywords change the set of accepted values (draft-07, plus the
// 2019-09 dependency split, which some AsyncAPI authors use).
var assertionKeywords = map[string]bool{
	"type": true, "enum": true, "const": true,
	"multipleOf": true, "maximum": true, "exclusiveMaximum": true, "minimum": true, "exclusiveMinimum": true,
	"maxLength": true, "minLength": true, "pattern": true,
	"items": true, "additionalItems": true, "maxItems": true, "minItems": true, "uniqueItems": true, "contains": true,
	"maxProperties": true, "minProperties": true, "required": true, "properties": true, "patternProperties": true,
	"additionalProperties": true, "dependencies": true, "dependentRequired": true, "dependentSchemas": true,
	"propertyNames": true, "if": true, "then": true, "else": true,
	"allOf": true, "anyOf": true, "oneOf": true, "not": true, "$ref": true,
}

func (c *comparer) isAssertion(key string) bool {
	return assertionKeywords[key] || (key == "format" && c.opts.AssertFormat)
}

// isTrue reports whether a schema obviously accepts everything: absent,
// `true`, `{}`, only annotations, or not a schema at all (malformed
// schemas are tolerated as constraining nothing).
func (c *comparer) isTrue(n *tree.Node) bool {
	n = n.Deref()
	if n == nil {
		return true
	}
	switch n.Kind {
	case tree.Bool:
		return n.Value == "true"
	case tree.Map:
		for _, f := range n.Fields {
			if !c.isAssertion(f.Key) {
				continue
			}
			switch f.Key {
			case "then", "else":
				if n.Get("if") == nil {
					continue // ignored without if
				}
			case "additionalItems":
				if it := n.Get("items"); it == nil || it.Kind != tree.Seq {
					continue
				}
			case "properties", "patternProperties", "dependencies", "dependentSchemas", "dependentRequired":
				if f.Value.Kind == tree.Map && len(f.Value.Fields) == 0 {
					continue
				}
			case "required":
				if f.Value.Kind == tree.Seq && len(f.Value.Items) == 0 {
					continue
				}
			case "allOf":
				if f.Value.Kind == tree.Seq {
					all := true
					for _, it := range f.Value.Items {
						if it.Deref() == n || !c.isTrue(it) {
							all = false
							break
						}
					}
					if all {
						continue
					}
				}
			}
			return false
		}
		return true
	}
	return true
}

// isEmpty reports whether a schema obviously accepts nothing.
func (c *comparer) isEmpty(n *tree.Node) bool {
	n = n.Deref()
	if n == nil {
		return false
	}
	switch n.Kind {
	case tree.Bool:
		return n.Value == "false"
	case tree.Map:
		if e := n.Get("enum"); e != nil && e.Kind == tree.Seq && len(e.Items) == 0 {
			return true
		}
		if t := n.Get("type"); t != nil && t.Kind == tree.Seq && len(t.Items) == 0 {
			return true
		}
		if nt := n.Get("not"); nt != nil && nt.Deref() != n && c.isTrue(nt) {
			return true
		}
	}
	return false
}

// Type masks. integer ⊂ number: number is tInt|tFrac.
type typeMask uint8

const (
	tNull typeMask = 1 << iota
	tBool
	tObj
	tArr
	tStr
	tInt
	tFrac
	tAll = tNull | tBool | tObj | tArr | tStr | tInt | tFrac
	tNum = tInt | tFrac
)

func typeBit(s string) typeMask {
	switch s {
	case "null":
		return tNull
	case "boolean":
		return tBool
	case "object":
		return tObj
	case "array":
		return tArr
	case "string":
		return tStr
	case "integer":
		return tInt
	case "number":
		return tNum
	}
	return 0
}

// declaredTypes returns the mask of the type keyword and whether it is set
// (well formed).
func declaredTypes(n *tree.Node) (typeMask, bool) {
	t := n.Get("type")
	if t == nil {
		return tAll, false
	}
	switch t.Kind {
	case tree.String:
		if b := typeBit(t.Value); b != 0 {
			return b, true
		}
	case tree.Seq:
		var m typeMask
		for _, it := range t.Items {
			if it.Kind == tree.String {
				m |= typeBit(it.Value)
			}
		}
		return m, true
	}
	return tAll, false
}

// nullableOn reports an effective OpenAPI nullable: true.
func (c *comparer) nullableOn(n *tree.Node) bool {
	return c.opts.OpenAPI && n.Get("nullable").IsTrue()
}

// types returns the accepted types of n, with OpenAPI nullable applied.
func (c *comparer) types(n *tree.Node) typeMask {
	m, set := declaredTypes(n)
	if set && c.nullableOn(n) {
		m |= tNull
	}
	return m
}

// acceptedTypes returns the types n can actually accept: the declared
// types, narrowed by the values an enum or const lists and by a multipleOf
// whose multiples are all integers. Keywords are judged with their
// siblings: `type: string` beside an enum of strings restricts nothing,
// and `type: number, multipleOf: 1` is `type: integer`.
func (c *comparer) acceptedTypes(n *tree.Node) typeMask {
	m := c.types(n) & listedTypes(n)
	if m&tFrac != 0 && integralStep(n) {
		m &^= tFrac
	}
	return m
}

// listedTypes returns the types of the values an enum or const lists
// (every type without one).
func listedTypes(n *tree.Node) typeMask {
	vs := valuesOf(n)
	if vs == nil {
		return tAll
	}
	var m typeMask
	for _, k := range vs.keys {
		m |= valueType(vs.nodes[k])
	}
	return m
}

// integralStep reports a multipleOf that only integers satisfy.
func integralStep(n *tree.Node) bool {
	k, _ := number(n, "multipleOf")
	return k != nil && k.Sign() > 0 && k.IsInt()
}

// intsOnly reports whether the numbers among the types are integers only.
func intsOnly(m typeMask) bool { return m&tNum == tInt }

func typeNames(m typeMask) []any {
	var out []any
	for _, t := range []struct {
		b typeMask
		s string
	}{{tNull, "null"}, {tBool, "boolean"}, {tObj, "object"}, {tArr, "array"}, {tStr, "string"}} {
		if m&t.b != 0 {
			out = append(out, t.s)
		}
	}
	switch m & tNum {
	case tNum:
		out = append(out, "number")
	case tInt:
		out = append(out, "integer")
	case tFrac:
		out = append(out, "non-integer number")
	}
	return out
}

func typeList(m typeMask) string {
	var s []string
	for _, v := range typeNames(m) {
		s = append(s, v.(string))
	}
	if len(s) == 0 {
		return "nothing"
	}
	return strings.Join(s, ", ")
}

// kw returns the keyword node, or the schema itself when the keyword is
// absent, so a delta always points at something real.
func kw(n *tree.Node, key string) *tree.Node {
	if v := n.Get(key); v != nil {
		return v
	}
	return n
}

func iface(n *tree.Node) any {
	if n == nil {
		return nil
	}
	return n.Interface()
}

// number reads a numeric keyword.
func number(n *tree.Node, key string) (*big.Rat, *tree.Node) {
	v := n.Get(key)
	if v == nil {
		return nil, nil
	}
	r, ok := v.NumberValue()
	if !ok {
		return nil, nil
	}
	return r, v
}

// seqItems returns the items of a sequence keyword (nil when absent or malformed).
func seqItems(n *tree.Node, key string) []*tree.Node {
	v := n.Get(key)
	if v == nil || v.Kind != tree.Seq {
		return nil
	}
	return v.Items
}

// stringSet returns the strings of an array keyword such as required.
func stringSet(n *tree.Node, key string) (map[string]*tree.Node, []string) {
	v := n.Get(key)
	if v == nil || v.Kind != tree.Seq {
		return nil, nil
	}
	set := make(map[string]*tree.Node, len(v.Items))
	var order []string
	for _, it := range v.Items {
		if it.Kind == tree.String {
			if _, dup := set[it.Value]; !dup {
				set[it.Value] = it
				order = append(order, it.Value)
			}
		}
	}
	return set, order
}

// fields returns the entries of a map keyword (nil when absent or malformed).
// fields returns the entries of a map keyword sorted by key, so that what
// is reported (and through which path a shared schema is first reached)
// never depends on the order keys were written in.
func fields(n *tree.Node, key string) []tree.Field {
	v := n.Get(key)
	if v == nil || v.Kind != tree.Map {
		return nil
	}
	if slices.IsSortedFunc(v.Fields, byKey) {
		return v.Fields
	}
	out := slices.Clone(v.Fields)
	slices.SortStableFunc(out, byKey)
	return out
}

func byKey(a, b tree.Field) int { return strings.Compare(a.Key, b.Key) }

func quote(s string) string { return "`" + s + "`" }
