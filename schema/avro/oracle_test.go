package avro

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/eventdiff/eventdiff/schema"
)

// The comparer reasons locally (per field, per branch); the checker decides
// resolution for whole schemas the way Avro's SchemaCompatibility does. On
// schemas without logical types, the deltas' combined effect must be the
// checker's verdict in both directions. Random base schemas and random
// edits of them exercise the pairing heuristics (renames, unions,
// promotions, recursion) far beyond the hand-written cases.

type gen struct {
	rng   *rand.Rand
	names int
}

type gtype struct {
	kind     string // a primitive name, record, enum, fixed, array, map, union, ref
	name     string
	aliases  []string
	fields   []*gfield
	symbols  []string
	enumDef  string
	size     int
	items    *gtype
	branches []*gtype
	target   *gtype // ref: the record it names
}

type gfield struct {
	name    string
	aliases []string
	typ     *gtype
	def     string // JSON text, "" for none
}

var gPrims = []string{"null", "boolean", "int", "long", "float", "double", "bytes", "string"}

func (g *gen) name(prefix string) string {
	g.names++
	return fmt.Sprintf("%s%d", prefix, g.names)
}

func (g *gen) typ(depth int, inUnion bool, records []*gtype) *gtype {
	r := g.rng.Intn(10)
	if depth > 2 {
		r = g.rng.Intn(3)
	}
	switch {
	case r < 3:
		return &gtype{kind: gPrims[1+g.rng.Intn(len(gPrims)-1)]}
	case r == 3:
		t := &gtype{kind: "record", name: g.name("R")}
		inner := append(records, t)
		for i, n := 0, g.rng.Intn(4); i < n; i++ {
			t.fields = append(t.fields, g.field(fmt.Sprintf("f%d", i), depth+1, inner))
		}
		return t
	case r == 4:
		t := &gtype{kind: "enum", name: g.name("E"), symbols: []string{"A", "B", "C"}[:1+g.rng.Intn(3)]}
		if g.rng.Intn(3) == 0 {
			t.enumDef = t.symbols[0]
		}
		return t
	case r == 5:
		return &gtype{kind: "fixed", name: g.name("F"), size: 2 + 2*g.rng.Intn(2)}
	case r == 6:
		return &gtype{kind: "array", items: g.typ(depth+1, false, records)}
	case r == 7:
		return &gtype{kind: "map", items: g.typ(depth+1, false, records)}
	case r == 8 && len(records) > 0 && !inUnion:
		return &gtype{kind: "union", branches: []*gtype{{kind: "null"}, {kind: "ref", target: records[g.rng.Intn(len(records))]}}}
	case !inUnion:
		u := &gtype{kind: "union"}
		seen := map[string]bool{}
		for i, n := 0, 1+g.rng.Intn(3); i < n; i++ {
			b := g.typ(depth+1, true, records)
			if b.kind == "union" || seen[b.kind] {
				continue
			}
			seen[b.kind] = true
			u.branches = append(u.branches, b)
		}
		return u
	}
	return &gtype{kind: "string"}
}

func (g *gen) field(name string, depth int, records []*gtype) *gfield {
	f := &gfield{name: name, typ: g.typ(depth, false, records)}
	if g.rng.Intn(2) == 0 {
		f.def = defaultFor(f.typ)
	}
	return f
}

// defaultFor writes a default valid for t, or "" when none is easy.
func defaultFor(t *gtype) string {
	switch t.kind {
	case "null":
		return "null"
	case "boolean":
		return "false"
	case "int", "long", "float", "double":
		return "0"
	case "bytes", "string":
		return `""`
	case "enum":
		return `"` + t.symbols[0] + `"`
	case "fixed":
		return `"` + strings.Repeat("a", t.size) + `"`
	case "array":
		return "[]"
	case "map":
		return "{}"
	case "union":
		if len(t.branches) > 0 {
			return defaultFor(t.branches[0])
		}
	}
	return ""
}

func (t *gtype) render(b *strings.Builder, defined map[*gtype]bool) {
	switch t.kind {
	case "ref":
		fmt.Fprintf(b, "%q", t.target.name)
	case "record", "enum", "fixed":
		if defined[t] {
			fmt.Fprintf(b, "%q", t.name)
			return
		}
		defined[t] = true
		fmt.Fprintf(b, `{"type": %q, "name": %q`, t.kind, t.name)
		if len(t.aliases) > 0 {
			fmt.Fprintf(b, `, "aliases": ["%s"]`, strings.Join(t.aliases, `", "`))
		}
		switch t.kind {
		case "record":
			b.WriteString(`, "fields": [`)
			for i, f := range t.fields {
				if i > 0 {
					b.WriteString(", ")
				}
				fmt.Fprintf(b, `{"name": %q, "type": `, f.name)
				f.typ.render(b, defined)
				if len(f.aliases) > 0 {
					fmt.Fprintf(b, `, "aliases": ["%s"]`, strings.Join(f.aliases, `", "`))
				}
				if f.def != "" {
					fmt.Fprintf(b, `, "default": %s`, f.def)
				}
				b.WriteString("}")
			}
			b.WriteString("]")
		case "enum":
			fmt.Fprintf(b, `, "symbols": ["%s"]`, strings.Join(t.symbols, `", "`))
			if t.enumDef != "" {
				fmt.Fprintf(b, `, "default": %q`, t.enumDef)
			}
		case "fixed":
			fmt.Fprintf(b, `, "size": %d`, t.size)
		}
		b.WriteString("}")
	case "array":
		b.WriteString(`{"type": "array", "items": `)
		t.items.render(b, defined)
		b.WriteString("}")
	case "map":
		b.WriteString(`{"type": "map", "values": `)
		t.items.render(b, defined)
		b.WriteString("}")
	case "union":
		b.WriteString("[")
		for i, x := range t.branches {
			if i > 0 {
				b.WriteString(", ")
			}
			x.render(b, defined)
		}
		b.WriteString("]")
	default:
		fmt.Fprintf(b, "%q", t.kind)
	}
}

func renderType(t *gtype) string {
	var b strings.Builder
	t.render(&b, map[*gtype]bool{})
	return b.String()
}

// clone deep-copies t, keeping references pointed at the copies.
func clone(t *gtype, m map[*gtype]*gtype) *gtype {
	if c, ok := m[t]; ok {
		return c
	}
	c := *t
	m[t] = &c
	c.aliases = append([]string(nil), t.aliases...)
	c.symbols = append([]string(nil), t.symbols...)
	c.fields = nil
	for _, f := range t.fields {
		nf := *f
		nf.aliases = append([]string(nil), f.aliases...)
		nf.typ = clone(f.typ, m)
		c.fields = append(c.fields, &nf)
	}
	if t.items != nil {
		c.items = clone(t.items, m)
	}
	c.branches = nil
	for _, b := range t.branches {
		c.branches = append(c.branches, clone(b, m))
	}
	if t.target != nil {
		c.target = clone(t.target, m)
	}
	return &c
}

// all lists every type reachable from t once, with whether it sits
// directly in a union.
func all(t *gtype, inUnion bool, seen map[*gtype]bool, out *[]*gtype, unionMember map[*gtype]bool) {
	if seen[t] || t.kind == "ref" {
		return
	}
	seen[t] = true
	unionMember[t] = inUnion
	*out = append(*out, t)
	for _, f := range t.fields {
		all(f.typ, false, seen, out, unionMember)
	}
	if t.items != nil {
		all(t.items, false, seen, out, unionMember)
	}
	for _, b := range t.branches {
		all(b, true, seen, out, unionMember)
	}
}

func (g *gen) mutate(root *gtype) *gtype {
	rev := clone(root, map[*gtype]*gtype{})
	for n := 1 + g.rng.Intn(3); n > 0; n-- {
		var types []*gtype
		member := map[*gtype]bool{}
		all(rev, false, map[*gtype]bool{}, &types, member)
		t := types[g.rng.Intn(len(types))]
		switch t.kind {
		case "record":
			switch g.rng.Intn(6) {
			case 0:
				t.fields = append(t.fields, g.field(g.name("n"), 2, nil))
			case 1:
				if len(t.fields) > 0 {
					i := g.rng.Intn(len(t.fields))
					t.fields = append(t.fields[:i], t.fields[i+1:]...)
				}
			case 2:
				if len(t.fields) > 0 {
					f := t.fields[g.rng.Intn(len(t.fields))]
					if g.rng.Intn(2) == 0 {
						f.aliases = append(f.aliases, f.name)
					}
					f.name = g.name("r")
				}
			case 3:
				g.rng.Shuffle(len(t.fields), func(i, j int) { t.fields[i], t.fields[j] = t.fields[j], t.fields[i] })
			case 4:
				if len(t.fields) > 0 {
					f := t.fields[g.rng.Intn(len(t.fields))]
					if f.def == "" {
						f.def = defaultFor(f.typ)
					} else {
						f.def = ""
					}
				}
			case 5:
				if g.rng.Intn(2) == 0 {
					t.aliases = append(t.aliases, t.name)
				}
				t.name = g.name("R")
			}
		case "enum":
			switch g.rng.Intn(4) {
			case 0:
				t.symbols = append(t.symbols, g.name("S"))
			case 1:
				if len(t.symbols) > 1 {
					t.symbols = t.symbols[1:]
					if t.enumDef != "" {
						t.enumDef = t.symbols[0]
					}
				}
			case 2:
				if t.enumDef == "" {
					t.enumDef = t.symbols[len(t.symbols)-1]
				} else {
					t.enumDef = ""
				}
			case 3:
				t.name = g.name("E")
			}
		case "fixed":
			t.size++
		case "union":
			switch g.rng.Intn(3) {
			case 0:
				if len(t.branches) > 1 {
					i := g.rng.Intn(len(t.branches))
					t.branches = append(t.branches[:i], t.branches[i+1:]...)
				}
			case 1:
				b := &gtype{kind: gPrims[g.rng.Intn(len(gPrims))]}
				for _, x := range t.branches {
					if x.kind == b.kind {
						b = nil
						break
					}
				}
				if b != nil {
					t.branches = append(t.branches, b)
				}
			case 2:
				g.rng.Shuffle(len(t.branches), func(i, j int) { t.branches[i], t.branches[j] = t.branches[j], t.branches[i] })
			}
		case "array", "map":
			if !member[t] && g.rng.Intn(2) == 0 { // in a union it could collide with a sibling
				t.kind = map[string]string{"array": "map", "map": "array"}[t.kind]
			}
		default: // a primitive: retype it, or make it nullable
			if !member[t] && g.rng.Intn(3) == 0 && t.kind != "null" {
				inner := *t
				*t = gtype{kind: "union", branches: []*gtype{{kind: "null"}, &inner}}
			} else {
				k := gPrims[1+g.rng.Intn(len(gPrims)-1)]
				if member[t] {
					continue // may collide with a sibling branch
				}
				t.kind = k
			}
		}
	}
	return rev
}

func TestEffectMatchesResolutionChecker(t *testing.T) {
	t.Parallel()
	g := &gen{rng: rand.New(rand.NewSource(20240611))}
	runs := 20000
	if testing.Short() {
		runs = 2000
	}
	mismatches := 0
	for i := 0; i < runs; i++ {
		base := &gtype{kind: "record", name: g.name("Root")}
		for j, n := 0, 1+g.rng.Intn(4); j < n; j++ {
			base.fields = append(base.fields, g.field(fmt.Sprintf("f%d", j), 0, []*gtype{base}))
		}
		rev := g.mutate(base)
		bText, rText := renderType(base), renderType(rev)
		b, r := parseNode(t, "base.json", bText), parseNode(t, "revision.json", rText)
		res := Compare(b, r, schema.Options{})
		bu, ru := parseSchema(b), parseSchema(r)
		if bu.t.deref().kind == kInvalid || ru.t.deref().kind == kInvalid {
			continue
		}
		ch := newChecker()
		want := effectOf(ch.canRead(ru.t, bu.t), ch.canRead(bu.t, ru.t))
		got := schema.None
		for _, d := range res.Deltas {
			if d.Effect == schema.Unknown {
				got = schema.Unknown
				break
			}
			got = schema.Combine(got, d.Effect)
		}
		if got != want {
			mismatches++
			if mismatches <= 5 {
				t.Errorf("effect %s, checker says %s\nbase: %s\nrev:  %s", got, want, bText, rText)
				for _, d := range res.Deltas {
					t.Logf("  %s %s %s: %s", d.Rule, d.Path, d.Effect, d.Reason)
				}
			}
		}
	}
	if mismatches > 0 {
		t.Errorf("%d of %d random pairs disagree with the checker", mismatches, runs)
	}
}
