package avro

import (
	"fmt"
	"math/big"
	"strings"

	"github.com/eventdiff/eventdiff/tree"
)

// kind is the sort of an Avro schema.
type kind uint8

const (
	kInvalid kind = iota // could not be parsed; see avroType.problem
	kNull
	kBoolean
	kInt
	kLong
	kFloat
	kDouble
	kBytes
	kString
	kRecord
	kEnum
	kFixed
	kArray
	kMap
	kUnion
	kRef // a reference by name; target is set when the name is defined
)

var kindNames = [...]string{
	kInvalid: "invalid", kNull: "null", kBoolean: "boolean", kInt: "int", kLong: "long",
	kFloat: "float", kDouble: "double", kBytes: "bytes", kString: "string", kRecord: "record",
	kEnum: "enum", kFixed: "fixed", kArray: "array", kMap: "map", kUnion: "union", kRef: "reference",
}

func (k kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

var primitives = map[string]kind{
	"null": kNull, "boolean": kBoolean, "int": kInt, "long": kLong, "float": kFloat,
	"double": kDouble, "bytes": kBytes, "string": kString,
}

func (k kind) named() bool { return k == kRecord || k == kEnum || k == kFixed }

func (k kind) primitive() bool { return k >= kNull && k <= kString }

// avroType is one parsed Avro schema. Named types are parsed once and
// shared by every use, so the graph may contain cycles (through kRef).
type avroType struct {
	kind kind
	node *tree.Node // the definition as written (nil for a primitive written as a bare name: see use.at)

	// named types
	name, space, full  string // short name, namespace, full name
	aliases            []string
	nameNode, nsNode   *tree.Node
	aliasesNode, doc   *tree.Node
	fields             []*avroField
	fieldsNode         *tree.Node
	symbols            []string
	symbolNodes        []*tree.Node
	symbolsNode        *tree.Node
	enumDefault        *tree.Node // the enum's own `default` symbol
	size               int64
	sizeNode           *tree.Node
	items              use // array items or map values
	branches           []use
	logical            string // logicalType as written ("" when absent)
	logicalOK          bool   // logical is a known logical type valid on this type
	logicalNode        *tree.Node
	precision, scale   int64
	precNode, scaleNde *tree.Node
	props              []tree.Field // custom properties, in document order

	target  *avroType // kRef: the named type it names, when defined
	problem string    // kInvalid: why
}

// use is one place where a type is used: the type, the node that names or
// defines it there, and the `$ref`s followed to reach that node.
type use struct {
	t    *avroType
	at   *tree.Node
	refs []string
}

// avroField is one field of a record.
type avroField struct {
	name        string
	node        *tree.Node
	typ         use
	def         *tree.Node // nil when the field has no default
	aliases     []string
	aliasesNode *tree.Node
	doc         *tree.Node
	order       string // ascending when absent
	orderNode   *tree.Node
	props       []tree.Field
	index       int
}

// deref follows a reference by name to its definition. Unresolved
// references are returned as they are.
func (t *avroType) deref() *avroType {
	for i := 0; t != nil && t.kind == kRef && t.target != nil && i < 8; i++ {
		t = t.target
	}
	return t
}

// label names a type for people: its full name, or its kind. Unnamed
// containers are spelled out a few levels deep only, since a graph shared
// through `$ref` can be exponentially larger unfolded.
func (t *avroType) label() string { return t.labelDepth(0) }

func (t *avroType) labelDepth(depth int) string {
	t = t.deref()
	switch {
	case t == nil:
		return "nothing"
	case t.kind.named() || t.kind == kRef:
		return t.full
	case depth >= 3 && (t.kind == kArray || t.kind == kMap || t.kind == kUnion):
		return t.kind.String() + " of …"
	case t.kind == kArray:
		return "array of " + t.items.t.labelDepth(depth+1)
	case t.kind == kMap:
		return "map of " + t.items.t.labelDepth(depth+1)
	case t.kind == kUnion:
		parts := make([]string, 0, len(t.branches))
		for i, b := range t.branches {
			if i == 8 {
				parts = append(parts, fmt.Sprintf("… %d more", len(t.branches)-i))
				break
			}
			parts = append(parts, b.t.labelDepth(depth+1))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	if t.logical != "" && t.logicalOK {
		return t.kind.String() + " (" + t.logical + ")"
	}
	return t.kind.String()
}

// Parsing limits: untrusted input may not make the parser recurse or work
// without bound, whatever the shape of the node graph.
const (
	maxDepth = 2000
	maxTypes = 1_000_000
)

// parser reads one Avro schema graph.
type parser struct {
	names    map[string]*avroType // defined named types by full name
	refs     []*avroType          // references by name, resolved at the end
	memo     map[memoKey]*avroType
	visiting map[*tree.Node]bool // nodes on the current path, to stop `$ref` cycles
	count    int
}

type memoKey struct {
	n  *tree.Node
	ns string
}

// parseSchema parses the Avro schema written at n.
func parseSchema(n *tree.Node) use {
	p := &parser{names: map[string]*avroType{}, memo: map[memoKey]*avroType{}, visiting: map[*tree.Node]bool{}}
	u := p.parse(n, "", 0)
	for _, r := range p.refs {
		r.target = p.lookup(r.full, r.space)
		if r.target != nil {
			r.full = r.target.full
		}
	}
	return u
}

// lookup finds a named type the way Avro does: the name in the enclosing
// namespace first, then as written (a full name, or the null namespace).
func (p *parser) lookup(name, space string) *avroType {
	if !strings.Contains(name, ".") && space != "" {
		if t, ok := p.names[space+"."+name]; ok {
			return t
		}
	}
	return p.names[name]
}

func invalid(n *tree.Node, format string, args ...any) *avroType {
	return &avroType{kind: kInvalid, node: n, problem: fmt.Sprintf(format, args...)}
}

// deref follows `$ref`s from n, collecting their texts.
func derefNode(n *tree.Node) (*tree.Node, []string) {
	var refs []string
	for i := 0; n != nil && n.Target != nil && i < 64; i++ {
		refs = append(refs, n.Ref())
		n = n.Target
	}
	return n, refs
}

func (p *parser) parse(raw *tree.Node, space string, depth int) use {
	n, refs := derefNode(raw)
	u := use{at: n, refs: refs}
	u.t = p.parseNode(n, space, depth)
	return u
}

func (p *parser) parseNode(n *tree.Node, space string, depth int) *avroType {
	if n == nil {
		return invalid(n, "no schema")
	}
	if depth > maxDepth {
		return invalid(n, "the schema nests deeper than %d levels", maxDepth)
	}
	p.count++
	if p.count > maxTypes {
		return invalid(n, "the schema has more than %d types", maxTypes)
	}
	if n.Target != nil || n.Ref() != "" {
		return invalid(n, "unresolved $ref %q", n.Ref())
	}
	switch n.Kind {
	case tree.Null:
		// YAML authors write `- null` unquoted in unions; it means "null".
		return bare[kNull]
	case tree.String:
		return p.parseName(n, n.Value, space)
	case tree.Seq:
		return p.memoized(n, space, depth, p.parseUnion)
	case tree.Map:
		return p.memoized(n, space, depth, p.parseMap)
	}
	return invalid(n, "a %s is not an Avro schema", n.Kind)
}

// memoized parses complex nodes once per enclosing namespace, so a graph
// that shares nodes (YAML aliases, repeated `$ref`s) costs its size, not
// the size of its unfolding, and `$ref` cycles end.
func (p *parser) memoized(n *tree.Node, space string, depth int, f func(*tree.Node, string, int) *avroType) *avroType {
	key := memoKey{n, space}
	if t, ok := p.memo[key]; ok {
		return t
	}
	if p.visiting[n] {
		return invalid(n, "the schema contains itself through $ref (use a named type to recurse)")
	}
	p.visiting[n] = true
	t := f(n, space, depth)
	delete(p.visiting, n)
	p.memo[key] = t
	return t
}

// bare holds one immutable type per primitive kind, shared by every
// primitive written as a bare name ("string"): such a use carries nothing
// but its kind, and its place is in the use. Never modify these.
var bare = func() map[kind]*avroType {
	m := map[kind]*avroType{}
	for _, k := range primitives {
		m[k] = &avroType{kind: k}
	}
	return m
}()

// parseName reads a type name: a primitive or a reference to a named type.
func (p *parser) parseName(n *tree.Node, name, space string) *avroType {
	if k, ok := primitives[name]; ok {
		return bare[k]
	}
	if name == "" || strings.ContainsAny(name, " \t\n\"{}[]") {
		return invalid(n, "%q is not an Avro type name", name)
	}
	r := &avroType{kind: kRef, node: n, full: name, space: space}
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		r.name = name[i+1:]
	} else {
		r.name = name
	}
	p.refs = append(p.refs, r)
	return r
}

func (p *parser) parseUnion(n *tree.Node, space string, depth int) *avroType {
	t := &avroType{kind: kUnion, node: n}
	seen := map[string]bool{}
	for _, it := range n.Items {
		b := p.parse(it, space, depth+1)
		if bt := b.t.deref(); bt.kind == kUnion {
			b.t = invalid(b.at, "a union may not contain a union directly")
		}
		// A union may hold each unnamed type once (names tell named ones apart).
		if k := branchKey(b.t); k != "" && b.t.kind != kInvalid && b.t.kind != kRef {
			if seen[k] {
				b.t = invalid(b.at, "the union holds %s twice", k)
			}
			seen[k] = true
		}
		t.branches = append(t.branches, b)
	}
	if len(t.branches) == 0 {
		return invalid(n, "an empty union accepts no value")
	}
	return t
}

// Keys each kind of complex schema understands; the rest are custom
// properties (AV-26).
var (
	commonKeys = map[string]bool{"type": true, "logicalType": true, "precision": true, "scale": true, "doc": true}
	recordKeys = map[string]bool{"name": true, "namespace": true, "aliases": true, "fields": true}
	enumKeys   = map[string]bool{"name": true, "namespace": true, "aliases": true, "symbols": true, "default": true}
	fixedKeys  = map[string]bool{"name": true, "namespace": true, "aliases": true, "size": true}
	arrayKeys  = map[string]bool{"items": true, "default": true}
	mapKeys    = map[string]bool{"values": true, "default": true}
	fieldKeys  = map[string]bool{"name": true, "type": true, "default": true, "doc": true, "order": true, "aliases": true}
)

func customProps(n *tree.Node, own map[string]bool) []tree.Field {
	var out []tree.Field
	for _, f := range n.Fields {
		if !commonKeys[f.Key] && !own[f.Key] && f.Key != "$ref" {
			out = append(out, f)
		}
	}
	return out
}

func (p *parser) parseMap(n *tree.Node, space string, depth int) *avroType {
	typ, _ := derefNode(n.Get("type"))
	if typ == nil {
		// An AsyncAPI 3 Multi Format Schema Object reached through `$ref`
		// (components.schemas entries often are): the Avro is its schema.
		if inner := n.Get("schema"); inner != nil && n.Get("schemaFormat") != nil {
			if !IsAvro(n.Str("schemaFormat")) {
				return invalid(n, "the referenced schema is in %s, not Avro", n.Str("schemaFormat"))
			}
			return p.parse(inner, space, depth+1).t
		}
		return invalid(n, "the schema has no `type`")
	}
	var t *avroType
	switch {
	case typ.Kind == tree.Map || typ.Kind == tree.Seq:
		// {"type": {...}} is not Avro, but it is written; read the inner schema.
		return p.parse(n.Get("type"), space, depth+1).t
	case typ.Kind == tree.Null:
		t = &avroType{kind: kNull, node: n}
	case typ.Kind != tree.String:
		return invalid(n, "`type` must be a type name, not a %s", typ.Kind)
	case typ.Value == "record" || typ.Value == "error":
		t = p.parseRecord(n, space, depth)
	case typ.Value == "enum":
		t = p.parseEnum(n, space)
	case typ.Value == "fixed":
		t = p.parseFixed(n, space)
	case typ.Value == "array":
		t = &avroType{kind: kArray, node: n}
		if n.Get("items") == nil {
			return invalid(n, "an array has no `items`")
		}
		t.items = p.parse(n.Get("items"), space, depth+1)
		t.props = customProps(n, arrayKeys)
	case typ.Value == "map":
		t = &avroType{kind: kMap, node: n}
		if n.Get("values") == nil {
			return invalid(n, "a map has no `values`")
		}
		t.items = p.parse(n.Get("values"), space, depth+1)
		t.props = customProps(n, mapKeys)
	default:
		if k, ok := primitives[typ.Value]; ok {
			t = &avroType{kind: k, node: n, props: customProps(n, nil)}
		} else {
			// {"type": "com.example.Name"}: a reference with properties.
			return p.parseName(typ, typ.Value, space)
		}
	}
	if t.kind == kInvalid {
		return t
	}
	if t.doc == nil {
		t.doc = n.Get("doc")
	}
	p.parseLogical(t, n)
	return t
}

// defineName sets the full name of a named type and registers it.
func (p *parser) defineName(t *avroType, n *tree.Node, space string) *avroType {
	t.nameNode = n.Get("name")
	name := t.nameNode.Text()
	if name == "" {
		return invalid(n, "a %s has no `name`", t.kind)
	}
	t.nsNode = n.Get("namespace")
	if t.nsNode != nil {
		space = t.nsNode.Text() // an explicit "" or null is the null namespace
	}
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		space, name = name[:i], name[i+1:]
	}
	t.name, t.space = name, space
	t.full = qualify(name, space)
	t.aliasesNode = n.Get("aliases")
	for _, a := range t.aliasesNode.Strings() {
		if !strings.Contains(a, ".") {
			a = qualify(a, space)
		}
		t.aliases = append(t.aliases, a)
	}
	if prev, ok := p.names[t.full]; ok && prev != t {
		if tree.Equal(prev.node, n) {
			return prev
		}
		return invalid(n, "the named type %s is defined twice", t.full)
	}
	p.names[t.full] = t
	return nil
}

func qualify(name, space string) string {
	if space == "" {
		return name
	}
	return space + "." + name
}

func (p *parser) parseRecord(n *tree.Node, space string, depth int) *avroType {
	t := &avroType{kind: kRecord, node: n}
	if other := p.defineName(t, n, space); other != nil {
		return other
	}
	t.props = customProps(n, recordKeys)
	fields, _ := derefNode(n.Get("fields"))
	if fields == nil || fields.Kind != tree.Seq {
		// Keep the name registered so references still resolve, but say why
		// the fields cannot be compared.
		t.kind = kInvalid
		t.problem = fmt.Sprintf("record %s has no `fields` list", t.full)
		return t
	}
	t.fieldsNode = fields
	seen := map[string]bool{}
	for i, raw := range fields.Items {
		fn, refs := derefNode(raw)
		f := &avroField{node: fn, index: i, order: "ascending"}
		if fn == nil || fn.Kind != tree.Map {
			f.name = fmt.Sprintf("#%d", i)
			f.node = raw
			f.typ = use{t: invalid(raw, "field %d is not a mapping", i), at: raw, refs: refs}
			t.fields = append(t.fields, f)
			continue
		}
		f.name = fn.Str("name")
		if f.name == "" {
			f.name = fmt.Sprintf("#%d", i)
			f.typ = use{t: invalid(fn, "field %d has no `name`", i), at: fn}
		} else if seen[f.name] {
			f.name = fmt.Sprintf("%s#%d", f.name, i)
			f.typ = use{t: invalid(fn, "field %s is declared twice", fn.Str("name")), at: fn}
		} else if fn.Get("type") == nil {
			f.typ = use{t: invalid(fn, "field %s has no `type`", f.name), at: fn}
		} else {
			f.typ = p.parse(fn.Get("type"), t.space, depth+1)
		}
		seen[f.name] = true
		f.def = fn.Get("default")
		f.doc = fn.Get("doc")
		f.aliasesNode = fn.Get("aliases")
		f.aliases = f.aliasesNode.Strings()
		if o := fn.Get("order"); o != nil {
			f.orderNode = o
			f.order = o.Text()
		}
		f.props = customProps(fn, fieldKeys)
		t.fields = append(t.fields, f)
	}
	return t
}

func (p *parser) parseEnum(n *tree.Node, space string) *avroType {
	t := &avroType{kind: kEnum, node: n}
	if other := p.defineName(t, n, space); other != nil {
		return other
	}
	t.props = customProps(n, enumKeys)
	syms, _ := derefNode(n.Get("symbols"))
	if syms == nil || syms.Kind != tree.Seq {
		t.kind = kInvalid
		t.problem = fmt.Sprintf("enum %s has no `symbols` list", t.full)
		return t
	}
	t.symbolsNode = syms
	seen := map[string]bool{}
	for _, s := range syms.Items {
		if s.Kind != tree.String || seen[s.Value] {
			continue
		}
		seen[s.Value] = true
		t.symbols = append(t.symbols, s.Value)
		t.symbolNodes = append(t.symbolNodes, s)
	}
	t.enumDefault = n.Get("default")
	return t
}

func (p *parser) parseFixed(n *tree.Node, space string) *avroType {
	t := &avroType{kind: kFixed, node: n}
	if other := p.defineName(t, n, space); other != nil {
		return other
	}
	t.props = customProps(n, fixedKeys)
	t.sizeNode = n.Get("size")
	size, ok := intValue(t.sizeNode)
	if !ok || size < 0 {
		t.kind = kInvalid
		t.problem = fmt.Sprintf("fixed %s needs a non-negative integer `size`", t.full)
		return t
	}
	t.size = size
	return t
}

// intValue reads an integer node (a YAML author may quote it).
func intValue(n *tree.Node) (int64, bool) {
	if n == nil || (n.Kind != tree.Number && n.Kind != tree.String) {
		return 0, false
	}
	r, ok := new(big.Rat).SetString(strings.TrimSpace(n.Value))
	if !ok || !r.IsInt() || !r.Num().IsInt64() {
		return 0, false
	}
	return r.Num().Int64(), true
}

// parseLogical reads logicalType and checks it is valid on the type: the
// spec says an invalid logical type is ignored and the underlying type
// used, so logicalOK is false for it.
func (p *parser) parseLogical(t *avroType, n *tree.Node) {
	t.logicalNode = n.Get("logicalType")
	if t.logicalNode == nil {
		return
	}
	t.logical = t.logicalNode.Text()
	switch t.logical {
	case "decimal":
		t.precNode, t.scaleNde = n.Get("precision"), n.Get("scale")
		prec, ok := intValue(t.precNode)
		scale := int64(0)
		if t.scaleNde != nil {
			var ok2 bool
			scale, ok2 = intValue(t.scaleNde)
			ok = ok && ok2
		}
		t.precision, t.scale = prec, scale
		t.logicalOK = ok && prec > 0 && scale >= 0 && scale <= prec &&
			(t.kind == kBytes || (t.kind == kFixed && prec <= maxDecimalDigits(t.size)))
	case "big-decimal":
		t.logicalOK = t.kind == kBytes
	case "uuid":
		t.logicalOK = t.kind == kString || (t.kind == kFixed && t.size == 16)
	case "date", "time-millis":
		t.logicalOK = t.kind == kInt
	case "time-micros", "timestamp-millis", "timestamp-micros", "timestamp-nanos",
		"local-timestamp-millis", "local-timestamp-micros", "local-timestamp-nanos":
		t.logicalOK = t.kind == kLong
	case "duration":
		t.logicalOK = t.kind == kFixed && t.size == 12
	}
}

// maxDecimalDigits is the largest precision a fixed of size bytes can hold:
// floor(log10(2^(8*size-1) - 1)).
func maxDecimalDigits(size int64) int64 {
	if size <= 0 {
		return 0
	}
	if size > 1024 {
		return 1 << 20 // large enough; avoids big arithmetic on hostile sizes
	}
	v := new(big.Int).Lsh(big.NewInt(1), uint(8*size-1))
	v.Sub(v, big.NewInt(1))
	return int64(len(v.String()) - 1)
}

// branchKey identifies a union branch: unions hold each unnamed type once,
// and named types by name.
func branchKey(t *avroType) string {
	t = t.deref()
	switch {
	case t == nil:
		return ""
	case t.kind.named() || t.kind == kRef:
		return t.full
	case t.kind == kInvalid:
		return ""
	}
	return t.kind.String()
}
