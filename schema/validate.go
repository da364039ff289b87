package schema

import (
	"math"
	"math/big"
	"net/mail"
	"net/netip"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/eventdiff/eventdiff/tree"
)

// validator is a small draft-07 validator used to confirm witnesses. It
// never claims what it cannot check: an uncompilable pattern, an asserted
// format it does not know, or an exhausted budget make the answer unknown.
type validator struct {
	opts    Options
	re      *regexCache
	nums    map[*tree.Node]*big.Rat // parsed numeric keywords, shared
	fails   []*tree.Node            // keyword nodes that rejected the value
	steps   int
	unknown bool
}

const validatorSteps = 20000

// Validate reports whether value is accepted by schema (draft-07, as read
// by this package), and whether the answer is certain.
func Validate(schema *tree.Node, value any, opts Options) (valid, certain bool) {
	v := &validator{opts: opts, re: &regexCache{}}
	ok := v.valid(schema, value, 0)
	return ok, !v.unknown
}

// num reads a numeric keyword, parsing each node once.
func (v *validator) num(n *tree.Node, key string) (*big.Rat, *tree.Node) {
	node := n.Get(key)
	if node == nil {
		return nil, nil
	}
	if r, ok := v.nums[node]; ok {
		return r, node
	}
	r, _ := number(n, key)
	if v.nums == nil {
		v.nums = map[*tree.Node]*big.Rat{}
	}
	v.nums[node] = r
	return r, node
}

func (v *validator) fail(n *tree.Node) bool {
	v.fails = append(v.fails, n)
	return false
}

// valid reports whether val is accepted by schema n, recording the
// keyword nodes that reject it.
func (v *validator) valid(n *tree.Node, val any, depth int) bool {
	v.steps++
	if v.steps > validatorSteps || depth > 200 {
		v.unknown = true
		return true
	}
	n = n.Deref()
	if n == nil {
		return true
	}
	switch n.Kind {
	case tree.Bool:
		if n.Value == "false" {
			return v.fail(n)
		}
		return true
	case tree.Map:
	default:
		return true // not a schema: constrains nothing
	}
	ok := v.typeAndValue(n, val)
	switch x := val.(type) {
	case float64:
		ok = v.number(n, x) && ok
	case string:
		ok = v.str(n, x) && ok
	case map[string]any:
		ok = v.object(n, x, depth) && ok
	case []any:
		ok = v.array(n, x, depth) && ok
	}
	ok = v.combinators(n, val, depth) && ok
	return v.conditional(n, val, depth) && ok
}

// typeAndValue checks the keywords every instance meets: type, const and
// enum.
func (v *validator) typeAndValue(n *tree.Node, val any) bool {
	ok := true
	if t := n.Get("type"); t != nil {
		m, set := declaredTypes(n)
		if set {
			if v.opts.OpenAPI && n.Get("nullable").IsTrue() {
				m |= tNull
			}
			if instanceType(val)&m == 0 {
				ok = v.fail(t)
			}
		}
	}
	if c := n.Get("const"); c != nil && !jsonEqual(c.Interface(), val) {
		ok = v.fail(c)
	}
	if e := n.Get("enum"); e != nil && e.Kind == tree.Seq {
		found := false
		for _, it := range e.Items {
			if jsonEqual(it.Interface(), val) {
				found = true
				break
			}
		}
		if !found {
			ok = v.fail(e)
		}
	}
	return ok
}

// combinators checks allOf, anyOf, oneOf and not. A combinator that
// accepts val drops the failures its branches recorded.
func (v *validator) combinators(n *tree.Node, val any, depth int) bool {
	ok := true
	if l := seqItems(n, "allOf"); l != nil {
		for _, m := range l {
			if !v.valid(m, val, depth+1) {
				ok = false
			}
		}
	}
	if l := seqItems(n, "anyOf"); l != nil {
		mark := len(v.fails)
		any := false
		for _, m := range l {
			if v.valid(m, val, depth+1) {
				any = true
				break
			}
		}
		if any {
			v.fails = v.fails[:mark]
		} else {
			ok = v.fail(n.Get("anyOf"))
		}
	}
	if l := seqItems(n, "oneOf"); l != nil {
		mark := len(v.fails)
		count := 0
		for _, m := range l {
			if v.valid(m, val, depth+1) {
				count++
			}
		}
		if count == 1 {
			v.fails = v.fails[:mark]
		} else {
			ok = v.fail(n.Get("oneOf"))
		}
	}
	if nt := n.Get("not"); nt != nil {
		mark := len(v.fails)
		inner := v.valid(nt, val, depth+1)
		v.fails = v.fails[:mark]
		if inner {
			ok = v.fail(nt)
		}
	}
	return ok
}

// conditional checks if/then/else: the branch the condition selects must
// accept val; the condition's own failures are dropped.
func (v *validator) conditional(n *tree.Node, val any, depth int) bool {
	cond := n.Get("if")
	if cond == nil {
		return true
	}
	mark := len(v.fails)
	matched := v.valid(cond, val, depth+1)
	v.fails = v.fails[:mark]
	branch := n.Get("else")
	if matched {
		branch = n.Get("then")
	}
	return branch == nil || v.valid(branch, val, depth+1)
}

func instanceType(val any) typeMask {
	switch x := val.(type) {
	case nil:
		return tNull
	case bool:
		return tBool
	case string:
		return tStr
	case map[string]any:
		return tObj
	case []any:
		return tArr
	case float64:
		if x == math.Trunc(x) && !math.IsInf(x, 0) {
			return tInt
		}
		return tFrac
	}
	return 0
}

func (v *validator) number(n *tree.Node, x float64) bool {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		v.unknown = true
		return true
	}
	// The shortest decimal that reads back as x, so 0.01 is 1/100 as in
	// the JSON text, not the binary fraction nearest to it.
	xr, ok0 := new(big.Rat).SetString(strconv.FormatFloat(x, 'g', -1, 64))
	if !ok0 {
		xr = new(big.Rat).SetFloat64(x)
	}
	ok := true
	for _, upper := range []bool{false, true} {
		if upper && n.Get("maximum") == nil && n.Get("exclusiveMaximum") == nil ||
			!upper && n.Get("minimum") == nil && n.Get("exclusiveMinimum") == nil {
			continue
		}
		bd := readBound(n, upper)
		if !bd.valid {
			continue
		}
		c := xr.Cmp(bd.v)
		if upper && (c > 0 || (c == 0 && bd.excl)) || !upper && (c < 0 || (c == 0 && bd.excl)) {
			ok = v.fail(bd.node)
		}
	}
	if m, node := v.num(n, "multipleOf"); m != nil && m.Sign() > 0 {
		if !new(big.Rat).Quo(xr, m).IsInt() {
			ok = v.fail(node)
		}
	}
	if f := n.Get("format"); f != nil && v.opts.AssertFormat {
		switch f.Text() {
		case "int32":
			if x != math.Trunc(x) || x < math.MinInt32 || x > math.MaxInt32 {
				ok = v.fail(f)
			}
		case "int64":
			if x != math.Trunc(x) || x < -9.223372036854775808e18 || x >= 9.223372036854775808e18 {
				ok = v.fail(f)
			}
		case "float":
			if math.Abs(x) > math.MaxFloat32 {
				ok = v.fail(f)
			}
		case "double":
		default:
			if knownFormats[f.Text()] {
				break // a string format: numbers pass
			}
			v.unknown = true
		}
	}
	return ok
}

func (v *validator) str(n *tree.Node, s string) bool {
	ok := true
	if n.Get("minLength") != nil || n.Get("maxLength") != nil {
		l := big.NewRat(int64(utf8.RuneCountInString(s)), 1)
		if m, node := v.num(n, "minLength"); m != nil && l.Cmp(m) < 0 {
			ok = v.fail(node)
		}
		if m, node := v.num(n, "maxLength"); m != nil && l.Cmp(m) > 0 {
			ok = v.fail(node)
		}
	}
	if p := n.Get("pattern"); p != nil && p.Kind == tree.String {
		re := v.re.get(p.Value)
		switch {
		case re == nil:
			v.unknown = true
		case !re.MatchString(s):
			ok = v.fail(p)
		}
	}
	if f := n.Get("format"); f != nil && v.opts.AssertFormat {
		switch res := checkFormat(f.Text(), s); res {
		case 0:
			ok = v.fail(f)
		case 2:
			v.unknown = true
		}
	}
	return ok
}

var (
	uuidRe     = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	hostnameRe = regexp.MustCompile(`^(?i:[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.(?i:[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?))*\.?$`)
	timeRe     = regexp.MustCompile(`^\d{2}:\d{2}:\d{2}(\.\d+)?([zZ]|[+-]\d{2}:\d{2})$`)
)

// checkFormat returns 1 valid, 0 invalid, 2 cannot tell.
func checkFormat(f, s string) int {
	b := func(ok bool) int {
		if ok {
			return 1
		}
		return 0
	}
	switch f {
	case "date":
		_, err := time.Parse("2006-01-02", s)
		return b(err == nil)
	case "date-time":
		_, err := time.Parse(time.RFC3339Nano, strings.Replace(strings.Replace(s, "t", "T", 1), "z", "Z", 1))
		return b(err == nil && strings.ContainsAny(s, "tT"))
	case "time":
		return b(timeRe.MatchString(s))
	case "email":
		a, err := mail.ParseAddress(s)
		return b(err == nil && a.Address == s)
	case "ipv4":
		a, err := netip.ParseAddr(s)
		return b(err == nil && a.Is4())
	case "ipv6":
		a, err := netip.ParseAddr(s)
		return b(err == nil && a.Is6() && a.Zone() == "")
	case "uuid":
		return b(uuidRe.MatchString(s))
	case "hostname":
		return b(len(s) <= 253 && hostnameRe.MatchString(s))
	case "int32", "int64", "float", "double":
		return 1 // numeric formats do not apply to strings
	}
	return 2
}

func (v *validator) object(n *tree.Node, obj map[string]any, depth int) bool {
	ok := true
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	props := n.Get("properties")
	if props != nil && props.Kind != tree.Map {
		props = nil
	}
	pats := fields(n, "patternProperties")
	addl := n.Get("additionalProperties")
	for _, k := range keys {
		val := obj[k]
		matched := false
		if ps := props.Get(k); ps != nil {
			matched = true
			if !v.valid(ps, val, depth+1) {
				ok = false
			}
		}
		for _, f := range pats {
			re := v.re.get(f.Key)
			if re == nil {
				v.unknown = true
				continue
			}
			if re.MatchString(k) {
				matched = true
				if !v.valid(f.Value, val, depth+1) {
					ok = false
				}
			}
		}
		if !matched && addl != nil && !v.valid(addl, val, depth+1) {
			ok = false
		}
		if pn := n.Get("propertyNames"); pn != nil && !v.valid(pn, k, depth+1) {
			ok = false
		}
	}
	if req := n.Get("required"); req != nil {
		for _, name := range req.Strings() {
			if _, has := obj[name]; !has {
				ok = v.fail(req)
				break
			}
		}
	}
	if n.Get("minProperties") != nil || n.Get("maxProperties") != nil {
		cnt := big.NewRat(int64(len(obj)), 1)
		if m, node := v.num(n, "minProperties"); m != nil && cnt.Cmp(m) < 0 {
			ok = v.fail(node)
		}
		if m, node := v.num(n, "maxProperties"); m != nil && cnt.Cmp(m) > 0 {
			ok = v.fail(node)
		}
	}
	for _, key := range []string{"dependencies", "dependentRequired", "dependentSchemas"} {
		for _, f := range fields(n, key) {
			if _, has := obj[f.Key]; !has {
				continue
			}
			dep := f.Value.Deref()
			if dep != nil && dep.Kind == tree.Seq {
				for _, name := range dep.Strings() {
					if _, has := obj[name]; !has {
						ok = v.fail(f.Value)
						break
					}
				}
			} else if !v.valid(f.Value, obj, depth+1) {
				ok = false
			}
		}
	}
	return ok
}

func (v *validator) array(n *tree.Node, arr []any, depth int) bool {
	ok := true
	it := n.Get("items")
	switch {
	case it == nil:
	case it.Kind == tree.Seq:
		addl := n.Get("additionalItems")
		for i, x := range arr {
			s := addl
			if i < len(it.Items) {
				s = it.Items[i]
			}
			if s != nil && !v.valid(s, x, depth+1) {
				ok = false
			}
		}
	default:
		for _, x := range arr {
			if !v.valid(it, x, depth+1) {
				ok = false
			}
		}
	}
	if n.Get("minItems") != nil || n.Get("maxItems") != nil {
		cnt := big.NewRat(int64(len(arr)), 1)
		if m, node := v.num(n, "minItems"); m != nil && cnt.Cmp(m) < 0 {
			ok = v.fail(node)
		}
		if m, node := v.num(n, "maxItems"); m != nil && cnt.Cmp(m) > 0 {
			ok = v.fail(node)
		}
	}
	if u := n.Get("uniqueItems"); u.IsTrue() {
		seen := map[string]bool{}
		for _, x := range arr {
			k := canonicalAny(x)
			if seen[k] {
				ok = v.fail(u)
				break
			}
			seen[k] = true
		}
	}
	if c := n.Get("contains"); c != nil {
		mark := len(v.fails)
		found := false
		for _, x := range arr {
			if v.valid(c, x, depth+1) {
				found = true
				break
			}
		}
		if found {
			v.fails = v.fails[:mark]
		} else {
			ok = v.fail(c)
		}
	}
	return ok
}

// jsonEqual compares JSON values, numbers by value.
func jsonEqual(a, b any) bool { return canonicalAny(a) == canonicalAny(b) }

func canonicalAny(v any) string {
	var sb strings.Builder
	writeAny(&sb, v, 0)
	return sb.String()
}

func writeAny(sb *strings.Builder, v any, depth int) {
	if depth > 64 {
		sb.WriteString("null")
		return
	}
	switch x := v.(type) {
	case nil:
		sb.WriteString("null")
	case bool:
		sb.WriteString(strconv.FormatBool(x))
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			sb.WriteString("NaN")
			return
		}
		sb.WriteString(ratString(new(big.Rat).SetFloat64(x)))
	case string:
		sb.WriteString(strconv.Quote(x))
	case []any:
		sb.WriteByte('[')
		for i, it := range x {
			if i > 0 {
				sb.WriteByte(',')
			}
			writeAny(sb, it, depth+1)
		}
		sb.WriteByte(']')
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		sb.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				sb.WriteByte(',')
			}
			sb.WriteString(strconv.Quote(k))
			sb.WriteByte(':')
			writeAny(sb, x[k], depth+1)
		}
		sb.WriteByte('}')
	default:
		sb.WriteString("?")
	}
}
