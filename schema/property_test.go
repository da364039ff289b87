package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/eventdiff/eventdiff/spec"
)

// The property test checks the engine's verdicts against an independent
// validator: mutate seed schemas at random, and for every pair the engine
// calls wider, narrower or none, validate many values against both sides
// with santhosh-tekuri/jsonschema. A value that contradicts the verdict
// (valid in base, rejected by revision, when the engine said "wider") is a
// bug. Every reported witness must also behave as claimed.
//
// EVENTDIFF_PROPERTY_PAIRS raises the number of pairs (default 400);
// EVENTDIFF_PROPERTY_SEED changes the seed.

var propertySeeds = []string{
	`{"type":"object","required":["id","status"],"properties":{"id":{"type":"string","minLength":1,"maxLength":8},"status":{"type":"string","enum":["new","paid","shipped"]},"qty":{"type":"integer","minimum":1,"maximum":10},"price":{"type":"number","exclusiveMinimum":0,"multipleOf":0.5},"tags":{"type":"array","items":{"type":"string"},"maxItems":3,"uniqueItems":true},"note":{"type":["string","null"]}}}`,
	`{"type":"object","additionalProperties":false,"required":["a"],"properties":{"a":{"type":"integer"},"b":{"type":"boolean"}}}`,
	`{"type":"object","properties":{"a":{"type":"string"}},"additionalProperties":{"type":"integer","maximum":5},"patternProperties":{"^x_":{"type":"boolean"}}}`,
	`{"oneOf":[{"type":"object","required":["kind"],"properties":{"kind":{"const":"a"},"v":{"type":"integer"}}},{"type":"object","required":["kind"],"properties":{"kind":{"const":"b"},"w":{"type":"string"}}}]}`,
	`{"anyOf":[{"type":"string","maxLength":3},{"type":"integer","minimum":0},{"type":"null"}]}`,
	`{"type":"array","items":[{"type":"string"},{"type":"integer"}],"additionalItems":false,"minItems":1}`,
	`{"type":"integer","minimum":0,"exclusiveMaximum":10}`,
	`{"type":"object","properties":{"inner":{"type":"object","required":["x"],"properties":{"x":{"type":"number"},"y":{"enum":[1,2,3]}}},"list":{"type":"array","items":{"type":"object","properties":{"k":{"type":"string","pattern":"^[a-c]+$"}}}}}}`,
	`{"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"string"}},"not":{"required":["b"],"properties":{"b":{"const":"x"}}},"if":{"required":["a"]},"then":{"required":["b"]}}`,
	`{"type":"object","properties":{"a":{},"b":{},"c":{}},"dependencies":{"a":["b"]},"minProperties":1,"maxProperties":3}`,
	`{"allOf":[{"type":"object","required":["a"]},{"properties":{"a":{"type":"string"},"b":{"type":"integer"}}}]}`,
	`{"definitions":{"node":{"type":"object","properties":{"v":{"type":"integer","maximum":5},"kids":{"type":"array","items":{"$ref":"#/definitions/node"}}}}},"$ref":"#/definitions/node"}`,
	`{"type":["string","integer"],"maxLength":4,"maximum":7,"format":"date"}`,
	`{"type":"object","properties":{"when":{"type":"string","format":"date-time"},"mail":{"type":"string","format":"email"},"n":{"type":"integer","format":"int32"}}}`,
}

var (
	propNames   = []string{"a", "b", "c", "id", "kind", "x_a", "zz", "note", "v"}
	propStrings = []string{"", "a", "b", "abc", "x", "new", "paid", "2024-01-01", "2024-01-01T10:00:00Z", "a@b.co", "abcdefghij", "ccc", "Z9"}
	propTypes   = []string{"string", "integer", "number", "boolean", "null", "object", "array"}
	propFormats = []string{"date", "date-time", "email", "ipv4", "uuid", "int32", "int64"}
)

func cloneJSON(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = cloneJSON(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = cloneJSON(e)
		}
		return out
	}
	return v
}

// schemaSpots lists the schema objects inside a schema (including itself).
func schemaSpots(s any, out *[]map[string]any) {
	m, ok := s.(map[string]any)
	if !ok {
		return
	}
	*out = append(*out, m)
	for _, k := range []string{"properties", "patternProperties", "definitions", "dependencies"} {
		if mm, ok := m[k].(map[string]any); ok {
			keys := sortedKeys(mm)
			for _, kk := range keys {
				schemaSpots(mm[kk], out)
			}
		}
	}
	for _, k := range []string{"items", "additionalProperties", "additionalItems", "not", "if", "then", "else", "contains", "propertyNames"} {
		switch x := m[k].(type) {
		case map[string]any:
			schemaSpots(x, out)
		case []any:
			for _, e := range x {
				schemaSpots(e, out)
			}
		}
	}
	for _, k := range []string{"allOf", "anyOf", "oneOf"} {
		if l, ok := m[k].([]any); ok {
			for _, e := range l {
				schemaSpots(e, out)
			}
		}
	}
}

func pick[T any](r *rand.Rand, l []T) T { return l[r.IntN(len(l))] }

func randomLeafSchema(r *rand.Rand) map[string]any {
	switch r.IntN(6) {
	case 0:
		return map[string]any{"type": pick(r, propTypes)}
	case 1:
		return map[string]any{"type": "string", "maxLength": float64(r.IntN(5))}
	case 2:
		return map[string]any{"type": "integer", "minimum": float64(r.IntN(5) - 2)}
	case 3:
		return map[string]any{"enum": []any{pick(r, propStrings), float64(r.IntN(3))}}
	case 4:
		return map[string]any{}
	}
	return map[string]any{"type": []any{"string", "null"}}
}

// mutate applies one random edit to a random schema object of s.
func mutate(r *rand.Rand, s any) {
	var spots []map[string]any
	schemaSpots(s, &spots)
	if len(spots) == 0 {
		return
	}
	m := pick(r, spots)
	props, _ := m["properties"].(map[string]any)
	switch r.IntN(29) {
	case 0: // add a property
		if props == nil {
			props = map[string]any{}
			m["properties"] = props
		}
		props[pick(r, propNames)] = randomLeafSchema(r)
	case 1: // remove a property
		if len(props) > 0 {
			delete(props, pick(r, sortedKeys(props)))
		}
	case 2: // toggle a required name
		req, _ := m["required"].([]any)
		name := pick(r, propNames)
		var out []any
		found := false
		for _, x := range req {
			if x == name {
				found = true
			} else {
				out = append(out, x)
			}
		}
		if !found {
			out = append(out, name)
		}
		if len(out) == 0 {
			delete(m, "required")
		} else {
			m["required"] = out
		}
	case 3: // enum value added or removed
		e, _ := m["enum"].([]any)
		if len(e) > 1 && r.IntN(2) == 0 {
			i := r.IntN(len(e))
			m["enum"] = append(append([]any{}, e[:i]...), e[i+1:]...)
		} else {
			m["enum"] = append(append([]any{}, e...), pick(r, propStrings))
		}
	case 4, 5: // numeric bound moved, added or removed
		k := pick(r, []string{"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"})
		if r.IntN(4) == 0 {
			delete(m, k)
		} else {
			m[k] = float64(r.IntN(21)-10) / pick(r, []float64{1, 1, 2})
		}
	case 6: // count bound
		k := pick(r, []string{"minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"})
		if r.IntN(4) == 0 {
			delete(m, k)
		} else {
			m[k] = float64(r.IntN(5))
		}
	case 7, 8: // type changed
		switch r.IntN(4) {
		case 0:
			delete(m, "type")
		case 1:
			m["type"] = []any{pick(r, propTypes), pick(r, propTypes)}
		default:
			m["type"] = pick(r, propTypes)
		}
	case 9: // additionalProperties
		switch r.IntN(4) {
		case 0:
			delete(m, "additionalProperties")
		case 1:
			m["additionalProperties"] = false
		case 2:
			m["additionalProperties"] = true
		default:
			m["additionalProperties"] = randomLeafSchema(r)
		}
	case 10:
		if _, ok := m["uniqueItems"]; ok {
			delete(m, "uniqueItems")
		} else {
			m["uniqueItems"] = true
		}
	case 11: // combinator branch added or removed
		k := pick(r, []string{"anyOf", "oneOf", "allOf"})
		l, _ := m[k].([]any)
		if len(l) > 1 && r.IntN(2) == 0 {
			i := r.IntN(len(l))
			m[k] = append(append([]any{}, l[:i]...), l[i+1:]...)
		} else {
			m[k] = append(append([]any{}, l...), randomLeafSchema(r))
		}
	case 12: // multipleOf
		if r.IntN(3) == 0 {
			delete(m, "multipleOf")
		} else {
			m["multipleOf"] = pick(r, []float64{0.5, 1, 2, 3, 4})
		}
	case 13: // pattern
		if r.IntN(3) == 0 {
			delete(m, "pattern")
		} else {
			m["pattern"] = pick(r, []string{"^[a-c]+$", "[a-c]+", "^a", "b$", ".*", "^[0-9]"})
		}
	case 14: // const
		if r.IntN(2) == 0 {
			delete(m, "const")
		} else {
			m["const"] = pick(r, propStrings)
		}
	case 15: // not
		if _, ok := m["not"]; ok {
			delete(m, "not")
		} else {
			m["not"] = randomLeafSchema(r)
		}
	case 16: // wrap the schema in a one-member combinator
		inner := cloneJSON(m).(map[string]any)
		for k := range m {
			delete(m, k)
		}
		m[pick(r, []string{"allOf", "anyOf", "oneOf"})] = []any{inner}
	case 17: // items
		switch r.IntN(3) {
		case 0:
			delete(m, "items")
		case 1:
			m["items"] = randomLeafSchema(r)
		default:
			m["items"] = []any{randomLeafSchema(r), randomLeafSchema(r)}
		}
	case 18: // patternProperties
		pp, _ := m["patternProperties"].(map[string]any)
		if pp == nil {
			pp = map[string]any{}
		}
		key := pick(r, []string{"^x_", "^z", "b"})
		if _, ok := pp[key]; ok {
			delete(pp, key)
		} else {
			pp[key] = randomLeafSchema(r)
		}
		m["patternProperties"] = pp
	case 19: // dependencies
		d, _ := m["dependencies"].(map[string]any)
		if d == nil {
			d = map[string]any{}
		}
		key := pick(r, propNames)
		if r.IntN(2) == 0 {
			d[key] = []any{pick(r, propNames)}
		} else {
			delete(d, key)
		}
		m["dependencies"] = d
	case 20: // format
		if r.IntN(3) == 0 {
			delete(m, "format")
		} else {
			m["format"] = pick(r, propFormats)
		}
	case 21: // additionalItems
		switch r.IntN(3) {
		case 0:
			delete(m, "additionalItems")
		case 1:
			m["additionalItems"] = false
		default:
			m["additionalItems"] = randomLeafSchema(r)
		}
	case 22: // contains
		if _, ok := m["contains"]; ok {
			delete(m, "contains")
		} else {
			m["contains"] = randomLeafSchema(r)
		}
	case 24: // lift into a combinator with another branch: T → anyOf [T, leaf]
		inner := cloneJSON(m).(map[string]any)
		for k := range m {
			delete(m, k)
		}
		m[pick(r, []string{"allOf", "anyOf", "oneOf"})] = []any{inner, randomLeafSchema(r)}
	case 25: // lift into allOf with a keyword beside it
		inner := cloneJSON(m).(map[string]any)
		for k := range m {
			delete(m, k)
		}
		m["allOf"] = []any{inner}
		for k, v := range randomLeafSchema(r) {
			m[k] = v
		}
	case 26: // split an object into an allOf of two (an equivalent rewrite)
		if len(props) < 2 {
			return
		}
		keys := sortedKeys(props)
		first := cloneJSON(m).(map[string]any)
		second := map[string]any{"properties": map[string]any{}}
		for _, k := range keys[:len(keys)/2] {
			second["properties"].(map[string]any)[k] = props[k]
			delete(first["properties"].(map[string]any), k)
		}
		for k := range m {
			delete(m, k)
		}
		m["allOf"] = []any{first, second}
	case 27: // say the type the values already have
		if e, ok := m["enum"].([]any); ok && len(e) > 0 {
			if _, isStr := e[0].(string); isStr {
				m["type"] = "string"
			}
		} else if m["type"] == "integer" {
			m["type"], m["multipleOf"] = "number", 1.0
		}
	case 28: // move a property between allOf members
		if l, ok := m["allOf"].([]any); ok && len(l) >= 2 {
			from, _ := l[0].(map[string]any)
			to, _ := l[1].(map[string]any)
			fp, _ := from["properties"].(map[string]any)
			if from == nil || to == nil || len(fp) == 0 {
				return
			}
			k := sortedKeys(fp)[0]
			tp, _ := to["properties"].(map[string]any)
			if tp == nil {
				tp = map[string]any{}
				to["properties"] = tp
			}
			tp[k] = fp[k]
			delete(fp, k)
		}
	case 23: // switch a combinator kind
		for _, k := range []string{"anyOf", "oneOf", "allOf"} {
			if l, ok := m[k]; ok {
				delete(m, k)
				m[pick(r, []string{"anyOf", "oneOf", "allOf"})] = l
				break
			}
		}
	}
}

// valueGen makes values from a schema, usually valid, sometimes not.
type valueGen struct {
	r    *rand.Rand
	root map[string]any
}

func (g *valueGen) resolve(s any) any {
	for i := 0; i < 8; i++ {
		m, ok := s.(map[string]any)
		if !ok {
			return s
		}
		ref, ok := m["$ref"].(string)
		if !ok || !strings.HasPrefix(ref, "#/definitions/") {
			return s
		}
		defs, _ := g.root["definitions"].(map[string]any)
		s = defs[strings.TrimPrefix(ref, "#/definitions/")]
	}
	return s
}

func (g *valueGen) palette() any {
	switch g.r.IntN(8) {
	case 0:
		return nil
	case 1:
		return g.r.IntN(2) == 0
	case 2:
		return float64(g.r.IntN(21) - 10)
	case 3:
		return float64(g.r.IntN(21)-10) + 0.5
	case 4:
		return map[string]any{}
	case 5:
		return []any{}
	}
	return pick(g.r, propStrings)
}

func num(v any) (float64, bool) {
	f, ok := v.(float64)
	return f, ok
}

func (g *valueGen) gen(s any, depth int) any {
	s = g.resolve(s)
	m, ok := s.(map[string]any)
	if !ok || depth > 5 || g.r.IntN(12) == 0 {
		if b, isBool := s.(bool); isBool && !b {
			return g.palette()
		}
		if ok && depth <= 5 {
			// fall through with a small chance of a random value
		} else {
			return g.palette()
		}
	}
	if c, ok := m["const"]; ok && g.r.IntN(4) != 0 {
		return cloneJSON(c)
	}
	if e, ok := m["enum"].([]any); ok && len(e) > 0 && g.r.IntN(4) != 0 {
		return cloneJSON(pick(g.r, e))
	}
	for _, k := range []string{"anyOf", "oneOf"} {
		if l, ok := m[k].([]any); ok && len(l) > 0 && g.r.IntN(3) != 0 {
			v := g.gen(pick(g.r, l), depth+1)
			if obj, ok := v.(map[string]any); ok {
				if own, ok := g.genType(m, "object", depth).(map[string]any); ok {
					for k, x := range obj {
						own[k] = x
					}
					return own
				}
			}
			return v
		}
	}
	if l, ok := m["allOf"].([]any); ok && len(l) > 0 {
		out := map[string]any{}
		for _, e := range l {
			if obj, ok := g.gen(e, depth+1).(map[string]any); ok {
				for k, x := range obj {
					out[k] = x
				}
			}
		}
		if g.r.IntN(2) == 0 {
			return out
		}
	}
	var types []string
	switch t := m["type"].(type) {
	case string:
		types = []string{t}
	case []any:
		for _, x := range t {
			if s, ok := x.(string); ok {
				types = append(types, s)
			}
		}
	}
	if len(types) == 0 || g.r.IntN(10) == 0 {
		types = propTypes
	}
	return g.genType(m, pick(g.r, types), depth)
}

func (g *valueGen) genType(m map[string]any, t string, depth int) any {
	r := g.r
	switch t {
	case "null":
		return nil
	case "boolean":
		return r.IntN(2) == 0
	case "integer", "number":
		var cands []float64
		for _, k := range []string{"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"} {
			if f, ok := num(m[k]); ok {
				cands = append(cands, f, f-1, f+1, f-0.5, f+0.5)
			}
		}
		if f, ok := num(m["multipleOf"]); ok {
			cands = append(cands, f, 2*f, 3*f, f/2)
		}
		cands = append(cands, float64(r.IntN(41)-20), float64(r.IntN(41)-20)/2, 0)
		x := pick(r, cands)
		if t == "integer" && r.IntN(4) != 0 {
			x = float64(int(x))
		}
		return x
	case "string":
		if r.IntN(3) == 0 {
			n := r.IntN(7)
			for _, k := range []string{"minLength", "maxLength"} {
				if f, ok := num(m[k]); ok && r.IntN(2) == 0 {
					n = int(f) + r.IntN(3) - 1
				}
			}
			if n < 0 {
				n = 0
			}
			return strings.Repeat(pick(r, []string{"a", "b", "c", "1"}), n)
		}
		return pick(r, propStrings)
	case "array":
		n := r.IntN(4)
		out := make([]any, 0, n)
		for i := 0; i < n; i++ {
			var s any = map[string]any{}
			switch it := m["items"].(type) {
			case []any:
				if i < len(it) {
					s = it[i]
				} else if a, ok := m["additionalItems"]; ok {
					s = a
				}
			case map[string]any, bool:
				s = it
			}
			out = append(out, g.gen(s, depth+1))
		}
		if r.IntN(5) == 0 && len(out) > 0 {
			out = append(out, cloneJSON(out[0]))
		}
		return out
	case "object":
		out := map[string]any{}
		props, _ := m["properties"].(map[string]any)
		req, _ := m["required"].([]any)
		for _, x := range req {
			if name, ok := x.(string); ok && r.IntN(10) != 0 {
				var s any = map[string]any{}
				if p, ok := props[name]; ok {
					s = p
				}
				out[name] = g.gen(s, depth+1)
			}
		}
		for _, name := range sortedKeys(props) {
			if r.IntN(2) == 0 {
				out[name] = g.gen(props[name], depth+1)
			}
		}
		if r.IntN(4) == 0 {
			name := pick(r, propNames)
			var s any = map[string]any{}
			if a, ok := m["additionalProperties"]; ok {
				s = a
			}
			out[name] = g.gen(s, depth+1)
		}
		return out
	}
	return nil
}

// mutateValue changes one spot of a value.
func (g *valueGen) mutateValue(v any, depth int) any {
	r := g.r
	switch x := v.(type) {
	case map[string]any:
		out := cloneJSON(x).(map[string]any)
		keys := sortedKeys(out)
		switch {
		case len(keys) > 0 && r.IntN(3) == 0:
			delete(out, pick(r, keys))
		case len(keys) > 0 && r.IntN(2) == 0 && depth < 4:
			k := pick(r, keys)
			out[k] = g.mutateValue(out[k], depth+1)
		default:
			out[pick(r, propNames)] = g.palette()
		}
		return out
	case []any:
		out := cloneJSON(x).([]any)
		switch {
		case len(out) > 0 && r.IntN(3) == 0:
			return out[:len(out)-1]
		case len(out) > 0 && r.IntN(2) == 0 && depth < 4:
			i := r.IntN(len(out))
			out[i] = g.mutateValue(out[i], depth+1)
			return out
		}
		return append(out, g.palette())
	case float64:
		return x + pick(r, []float64{-1, 1, 0.5, -0.5, 10})
	case string:
		if r.IntN(2) == 0 && len(x) > 0 {
			return x[:len(x)-1]
		}
		return x + pick(r, []string{"a", "1", "Z"})
	}
	return g.palette()
}

type oracle struct {
	sch *jsonschema.Schema
}

func compileOracle(t *testing.T, doc string, assertFormat bool) *oracle {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft7)
	// AsyncAPI's numeric data formats, which plain JSON Schema validators
	// do not know: whole numbers in the signed 32/64-bit range.
	for name, lim := range map[string]float64{"int32": 1 << 31, "int64": 1 << 63} {
		lim := lim
		c.RegisterFormat(&jsonschema.Format{Name: name, Validate: func(v any) error {
			n, ok := v.(json.Number)
			if !ok {
				return nil
			}
			f, err := n.Float64()
			if err != nil || f != math.Trunc(f) || f < -lim || f >= lim {
				return fmt.Errorf("not an %s", name)
			}
			return nil
		}})
	}
	v, err := jsonschema.UnmarshalJSON(strings.NewReader(doc))
	if err != nil {
		t.Fatalf("oracle unmarshal: %v", err)
	}
	if !assertFormat {
		// Draft-07 asserts formats by default in this validator; the engine
		// treats them as annotations unless asked.
		stripFormats(v)
	}
	if err := c.AddResource("mem://schema.json", v); err != nil {
		t.Fatalf("oracle resource: %v", err)
	}
	s, err := c.Compile("mem://schema.json")
	if err != nil {
		return nil // an invalid schema (e.g. an odd mutation): skip the pair
	}
	return &oracle{sch: s}
}

func stripFormats(v any) {
	switch x := v.(type) {
	case map[string]any:
		if _, ok := x["format"].(string); ok {
			delete(x, "format")
		}
		for _, e := range x {
			stripFormats(e)
		}
	case []any:
		for _, e := range x {
			stripFormats(e)
		}
	}
}

func (o *oracle) valid(t *testing.T, v any) bool {
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("marshal %v: %v", v, err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("unmarshal %s: %v", data, err)
	}
	return o.sch.Validate(inst) == nil
}

func envInt(name string, def int) int {
	if s := os.Getenv(name); s != "" {
		if n, err := strconv.Atoi(s); err == nil {
			return n
		}
	}
	return def
}

func TestPropertyVerdictsAgreeWithAValidator(t *testing.T) {
	t.Parallel()
	pairs := envInt("EVENTDIFF_PROPERTY_PAIRS", 400)
	seed := uint64(envInt("EVENTDIFF_PROPERTY_SEED", 20261126))
	r := rand.New(rand.NewPCG(seed, 7))
	stats := map[Effect]int{}
	witnesses := 0
	for i := 0; i < pairs; i++ {
		var base any
		if err := json.Unmarshal([]byte(propertySeeds[i%len(propertySeeds)]), &base); err != nil {
			t.Fatal(err)
		}
		// Mutate the base a little too, so bases vary.
		if r.IntN(2) == 0 {
			mutate(r, base)
		}
		rev := cloneJSON(base)
		for n := 1 + r.IntN(3); n > 0; n-- {
			mutate(r, rev)
		}
		bj, _ := json.Marshal(base)
		rj, _ := json.Marshal(rev)
		opts := Options{Strict: true, AssertFormat: i%3 == 0}
		ob, or := compileOracle(t, string(bj), opts.AssertFormat), compileOracle(t, string(rj), opts.AssertFormat)
		if ob == nil || or == nil {
			continue
		}
		bn, err := spec.ParseResolved("base.json", bj)
		if err != nil {
			continue
		}
		rn, err := spec.ParseResolved("revision.json", rj)
		if err != nil {
			continue
		}
		res := compareNodes(t, bn, rn, opts)
		stats[res.Effect]++
		// The pragmatic policy may only soften its own rules, and the
		// strict effects it keeps must add up to the strict verdict.
		prag := opts
		prag.Strict = false
		pres := compareNodes(t, bn, rn, prag)
		strictOf := None
		for _, d := range pres.Deltas {
			strictOf = Combine(strictOf, d.StrictEffect)
			if d.Effect != d.StrictEffect && d.Rule != "schema-property-added" && d.Rule != "schema-property-removed" && d.Rule != "schema-property-renamed" && d.Rule != "schema-all-of-member-added" {
				t.Errorf("pair %d: pragmatic policy changed %s (%v, strict %v)", i, d.Rule, d.Effect, d.StrictEffect)
			}
		}
		if strictOf != res.Effect && res.Effect != Incomparable && strictOf != Incomparable {
			t.Errorf("pair %d: strict effects of the pragmatic run combine to %v, strict run says %v\n base %s\n rev %s\n%s\n%s", i, strictOf, res.Effect, bj, rj, describe(pres), describe(res))
		}
		fail := func(format string, args ...any) {
			t.Helper()
			t.Errorf("pair %d\n base     %s\n revision %s\n%s\n"+format, append([]any{i, bj, rj, describe(res)}, args...)...)
		}
		for _, d := range res.Deltas {
			if d.Witness == nil {
				continue
			}
			witnesses++
			vb, vr := ob.valid(t, d.Witness.Value), or.valid(t, d.Witness.Value)
			wj, _ := json.Marshal(d.Witness.Value)
			if (d.Witness.ValidIn == "base" && (!vb || vr)) || (d.Witness.ValidIn == "revision" && (!vr || vb)) {
				fail("%s: witness %s (valid in %s) is valid in base=%v, revision=%v", d.Rule, wj, d.Witness.ValidIn, vb, vr)
			}
		}
		if res.Effect != None && res.Effect != Wider && res.Effect != Narrower {
			continue
		}
		var baseRoot, revRoot map[string]any
		baseRoot, _ = base.(map[string]any)
		revRoot, _ = rev.(map[string]any)
		var values []any
		for _, g := range []*valueGen{{r: r, root: baseRoot}, {r: r, root: revRoot}} {
			var src any = baseRoot
			if g.root == nil {
				continue
			}
			src = g.root
			for k := 0; k < 30; k++ {
				v := g.gen(src, 0)
				values = append(values, v, g.mutateValue(v, 0))
			}
		}
		for _, v := range values {
			vb, vr := ob.valid(t, v), or.valid(t, v)
			bad := false
			switch res.Effect {
			case None:
				bad = vb != vr
			case Wider:
				bad = vb && !vr
			case Narrower:
				bad = vr && !vb
			}
			if bad {
				vj, _ := json.Marshal(v)
				fail("verdict %v contradicted by %s: valid in base=%v, revision=%v", res.Effect, vj, vb, vr)
				break
			}
		}
	}
	var keys []string
	for e, n := range stats {
		keys = append(keys, fmt.Sprintf("%v=%d", e, n))
	}
	sort.Strings(keys)
	t.Logf("%d pairs: %s; %d witnesses checked", pairs, strings.Join(keys, " "), witnesses)
}

// equivalences are rewrites the engine calls "no change" by judging
// keywords together (issue 14): each pair must accept the same values.
var equivalences = [][2]string{
	{`{"enum":["a","b"]}`, `{"type":"string","enum":["a","b"]}`},
	{`{"type":"object","properties":{"s":{"enum":["new","paid"]}}}`, `{"type":"object","properties":{"s":{"type":"string","enum":["new","paid"]}}}`},
	{`{"type":"integer"}`, `{"type":"number","multipleOf":1}`},
	{`{"type":"number","multipleOf":2,"maximum":10}`, `{"type":"integer","multipleOf":2,"maximum":10}`},
	{`{"type":"integer","minimum":1}`, `{"type":"integer","exclusiveMinimum":0}`},
	{`{"type":"integer","maximum":9}`, `{"type":"number","multipleOf":1,"exclusiveMaximum":10}`},
	{`{"type":"object","required":["a"],"properties":{"a":{"type":"string"},"b":{"type":"integer"}}}`,
		`{"allOf":[{"type":"object","required":["a"],"properties":{"a":{"type":"string"}}},{"type":"object","properties":{"b":{"type":"integer"}}}]}`},
	{`{"allOf":[{"type":"object","properties":{"a":{"type":"string"}}},{"properties":{"b":{"type":"integer"},"c":{"type":"boolean"}},"required":["c"]}]}`,
		`{"allOf":[{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"integer"}}},{"properties":{"c":{"type":"boolean"}},"required":["c"]}]}`},
	{`{"anyOf":[{"oneOf":[{"type":"object","required":["snaktype","datavalue"],"properties":{"snaktype":{"const":"value"},"datavalue":{"type":"string"}}},{"type":"object","required":["snaktype","datavalue"],"properties":{"snaktype":{"const":"value"},"datavalue":{"type":"object"}}}]},{"type":"object","required":["snaktype"],"properties":{"snaktype":{"enum":["somevalue","novalue"]}}}]}`,
		`{"oneOf":[{"oneOf":[{"type":"object","required":["snaktype","datavalue"],"properties":{"snaktype":{"const":"value"},"datavalue":{"type":"string"}}},{"type":"object","required":["snaktype","datavalue"],"properties":{"snaktype":{"const":"value"},"datavalue":{"type":"object"}}}]},{"type":"object","required":["snaktype"],"properties":{"snaktype":{"enum":["somevalue","novalue"]}}}]}`},
	{`{"anyOf":[{"type":"object","required":["k"],"properties":{"k":{"const":"x"}}},{"type":"object","properties":{"k":{"not":{"const":"x"}}}}]}`,
		`{"oneOf":[{"type":"object","required":["k"],"properties":{"k":{"const":"x"}}},{"type":"object","properties":{"k":{"not":{"const":"x"}}}}]}`},
}

// TestEquivalencesAgreeWithAValidator checks each equivalence both ways:
// the engine finds no effect, and santhosh-tekuri/jsonschema accepts
// exactly the same sample values (generated from either side, mutated,
// and from a palette) with both schemas.
func TestEquivalencesAgreeWithAValidator(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 14))
	for i, eq := range equivalences {
		for _, sides := range [][2]string{{eq[0], eq[1]}, {eq[1], eq[0]}} {
			bn, err := spec.ParseResolved("base.json", []byte(sides[0]))
			if err != nil {
				t.Fatal(err)
			}
			rn, err := spec.ParseResolved("revision.json", []byte(sides[1]))
			if err != nil {
				t.Fatal(err)
			}
			if res := compareNodes(t, bn, rn, Options{Strict: true}); res.Effect != None {
				t.Errorf("equivalence %d: the engine says %v\n base %s\n rev  %s\n%s", i, res.Effect, sides[0], sides[1], describe(res))
			}
			ob, or := compileOracle(t, sides[0], false), compileOracle(t, sides[1], false)
			if ob == nil || or == nil {
				t.Fatalf("equivalence %d does not compile", i)
			}
			var values []any
			for _, s := range sides {
				var root map[string]any
				if err := json.Unmarshal([]byte(s), &root); err != nil {
					t.Fatal(err)
				}
				g := &valueGen{r: r, root: root}
				for k := 0; k < 200; k++ {
					v := g.gen(root, 0)
					values = append(values, v, g.mutateValue(v, 0), g.palette())
				}
			}
			valid := 0
			for _, v := range values {
				vb, vr := ob.valid(t, v), or.valid(t, v)
				if vb != vr {
					vj, _ := json.Marshal(v)
					t.Errorf("equivalence %d: %s is valid in base=%v, revision=%v\n base %s\n rev  %s", i, vj, vb, vr, sides[0], sides[1])
					break
				}
				if vb {
					valid++
				}
			}
			if valid == 0 {
				t.Errorf("equivalence %d: no sample value is valid, the check proves nothing", i)
			}
		}
	}
}
