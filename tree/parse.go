package tree

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"github.com/eventdiff/eventdiff/limits"
)

// Error is a problem with an input, named by file and (where known) line.
// Its message is one line.
type Error struct {
	File string
	Line int
	Col  int
	Msg  string
	Err  error // the cause, when it has a type of its own (a *limits.Error, say)
}

func (e *Error) Error() string {
	msg := e.Msg
	if msg == "" && e.Err != nil {
		msg = e.Err.Error()
	}
	var s string
	switch {
	case e.File == "":
		s = msg
	case e.Line > 0:
		s = fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, msg)
	default:
		s = fmt.Sprintf("%s: %s", e.File, msg)
	}
	// File names and pointers come from the input and may hold line
	// breaks or be megabytes long; the message stays one readable line.
	return clipQuoted(lineBreaks.Replace(s))
}

func (e *Error) Unwrap() error { return e.Err }

// limitAt is the error for a limit reached at a place in a file.
func limitAt(file string, line, col int, limit limits.Name, format string, args ...any) *Error {
	return &Error{File: file, Line: line, Col: col, Err: limits.Exceeded(limit, format, args...)}
}

var lineBreaks = strings.NewReplacer("\n", `\n`, "\r", `\r`)

var quoted = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// clipQuoted shortens long quoted names in a message (a key or $ref from
// the input can be megabytes long).
func clipQuoted(msg string) string {
	if len(msg) < 500 {
		return msg
	}
	return quoted.ReplaceAllStringFunc(msg, func(q string) string {
		if len(q) <= 300 {
			return q
		}
		cut := 200
		for cut > 0 && !utf8.RuneStart(q[cut]) {
			cut--
		}
		return q[:cut] + "…\""
	})
}

// ErrorAt is the error for a problem found at a node.
func ErrorAt(n *Node, format string, args ...any) *Error {
	e := &Error{Msg: fmt.Sprintf(format, args...)}
	if n != nil {
		e.Line, e.Col = int(n.Line), int(n.Col)
		if n.File != nil {
			e.File = n.File.Name
		}
	}
	return e
}

// Parse reads one YAML or JSON file into a node tree. Text that starts with
// `{` or `[` is tried as JSON first, which is several times faster than YAML.
func Parse(name string, data []byte, lim limits.Limits) (*File, []Warning, error) {
	if lim.MaxFileSize > 0 && int64(len(data)) > lim.MaxFileSize {
		return nil, nil, limitAt(name, 0, 0, limits.FileSize, "file is %d bytes, more than the limit of %d", len(data), lim.MaxFileSize)
	}
	f := &File{Name: name}
	trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")
	if len(bytes.TrimSpace(trimmed)) == 0 {
		return nil, nil, &Error{File: name, Msg: "file is empty"}
	}
	if trimmed[0] == '{' || trimmed[0] == '[' {
		root, warns, err := parseJSON(f, data, lim)
		if err == nil {
			f.Root, f.JSON = root, true
			return f, warns, nil
		}
		if strings.HasSuffix(strings.ToLower(name), ".json") {
			return nil, nil, err
		}
		// Not strict JSON: YAML flow syntax may still read it.
	}
	root, warns, err := parseYAML(f, data, lim, tokensFirst)
	if err != nil {
		return nil, nil, err
	}
	f.Root = root
	return f, warns, nil
}

// flowDepth returns the deepest nesting of flow brackets in YAML text. The
// YAML parser slows down quadratically on deep flow nesting, so this cheap
// scan runs first. Brackets inside scalars are counted too, which can only
// overestimate, and real documents stay far below the limit either way.
func flowDepth(data []byte) int {
	depth, max := 0, 0
	for _, c := range data {
		switch c {
		case '[', '{':
			depth++
			if depth > max {
				max = depth
			}
		case ']', '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return max
}

func parseYAML(f *File, data []byte, lim limits.Limits, builder yamlBuilder) (*Node, []Warning, error) {
	if lim.MaxDepth > 0 && flowDepth(data) > lim.MaxDepth {
		return nil, nil, limitAt(f.Name, 0, 0, limits.Depth, "nesting is deeper than the limit of %d", lim.MaxDepth)
	}
	toks := lexer.Tokenize(string(data))
	c := &yamlConverter{file: f, lim: lim, anchors: map[string]*Node{}, sizes: map[*Node]int{}}
	if builder == tokensFirst && !hasInvalidToken(toks) {
		root, err := buildFromTokens(c, toks)
		if err == nil {
			return root, c.warns, nil
		}
		if err != errFallback {
			return nil, nil, err
		}
		c = &yamlConverter{file: f, lim: lim, anchors: map[string]*Node{}, sizes: map[*Node]int{}}
	}
	// The full parser is superlinear in some shapes; guard it.
	if err := guardYAML(f.Name, toks, len(data), lim); err != nil {
		return nil, nil, err
	}
	astFile, err := parser.Parse(toks, 0, parser.AllowDuplicateMapKey())
	if err != nil {
		return nil, nil, yamlError(f.Name, err)
	}
	if len(astFile.Docs) == 0 || astFile.Docs[0].Body == nil {
		return nil, nil, &Error{File: f.Name, Msg: "file holds no YAML document"}
	}
	var warns []Warning
	if len(astFile.Docs) > 1 {
		for _, d := range astFile.Docs[1:] {
			if d.Body != nil {
				warns = append(warns, Warning{File: f.Name, Line: d.Body.GetToken().Position.Line, Msg: "file holds more than one YAML document; only the first is read"})
				break
			}
		}
	}
	root, err := c.convert(astFile.Docs[0].Body, nil, 0, 0)
	if err != nil {
		return nil, nil, err
	}
	return root, append(warns, c.warns...), nil
}

// yamlBuilder chooses how YAML tokens become nodes.
type yamlBuilder int

const (
	// tokensFirst builds nodes straight from the tokens when it can,
	// falling back to the full parser: what Parse uses.
	tokensFirst yamlBuilder = iota
	// fullParser always goes through goccy's parser; tests compare the two.
	fullParser
)

func hasInvalidToken(toks token.Tokens) bool {
	for _, t := range toks {
		if t.Type == token.InvalidType || t.Type == token.UnknownType || t.Type == token.DirectiveType {
			return true
		}
	}
	return false
}

// yamlError turns a goccy error into a one-line Error with a position.
func yamlError(name string, err error) error {
	var se *yaml.SyntaxError
	if errors.As(err, &se) && se.Token != nil && se.Token.Position != nil {
		return &Error{File: name, Line: se.Token.Position.Line, Col: se.Token.Position.Column, Msg: "invalid YAML: " + se.Message}
	}
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return &Error{File: name, Msg: "invalid YAML: " + msg}
}

type yamlConverter struct {
	file     *File
	lim      limits.Limits
	anchors  map[string]*Node
	sizes    map[*Node]int
	expanded int
	warns    []Warning
}

func (c *yamlConverter) limitErr(n ast.Node, limit limits.Name, format string, args ...any) error {
	e := c.errAt(n, format, args...)
	e.Err, e.Msg = limits.Exceeded(limit, "%s", e.Msg), ""
	return e
}

func (c *yamlConverter) errAt(n ast.Node, format string, args ...any) *Error {
	e := &Error{File: c.file.Name, Msg: fmt.Sprintf(format, args...)}
	if tk := n.GetToken(); tk != nil && tk.Position != nil {
		e.Line, e.Col = tk.Position.Line, tk.Position.Column
	}
	return e
}

func (c *yamlConverter) node(kind Kind, src ast.Node, parent *Node, index int) *Node {
	n := &Node{Kind: kind, Parent: parent, Index: int32(index), File: c.file}
	if tk := src.GetToken(); tk != nil && tk.Position != nil {
		n.Line, n.Col = int32(tk.Position.Line), int32(tk.Position.Column)
	}
	return n
}

func (c *yamlConverter) convert(src ast.Node, parent *Node, index, depth int) (*Node, error) {
	if c.lim.MaxDepth > 0 && depth > c.lim.MaxDepth {
		return nil, c.limitErr(src, limits.Depth, "nesting is deeper than the limit of %d", c.lim.MaxDepth)
	}
	switch v := src.(type) {
	case nil:
		return &Node{Kind: Null, Parent: parent, Index: int32(index), File: c.file}, nil
	case *ast.NullNode:
		return c.node(Null, v, parent, index), nil
	case *ast.BoolNode:
		n := c.node(Bool, v, parent, index)
		n.Value = strconv.FormatBool(v.Value)
		return n, nil
	case *ast.IntegerNode:
		n := c.node(Number, v, parent, index)
		switch x := v.Value.(type) {
		case int64:
			n.Value = strconv.FormatInt(x, 10)
		case uint64:
			n.Value = strconv.FormatUint(x, 10)
		default:
			n.Value = v.Token.Value
		}
		return n, nil
	case *ast.FloatNode:
		n := c.node(Number, v, parent, index)
		if math.IsInf(v.Value, 0) || math.IsNaN(v.Value) {
			n.Kind, n.Value = String, v.Token.Value
			return n, nil
		}
		n.Value = v.Token.Value
		if _, err := strconv.ParseFloat(n.Value, 64); err != nil {
			n.Value = strconv.FormatFloat(v.Value, 'g', -1, 64)
		}
		return n, nil
	case *ast.InfinityNode, *ast.NanNode:
		n := c.node(String, v, parent, index)
		n.Value = v.GetToken().Value
		return n, nil
	case *ast.StringNode:
		n := c.node(String, v, parent, index)
		n.Value = v.Value
		return n, nil
	case *ast.LiteralNode:
		n := c.node(String, v, parent, index)
		if v.Value != nil {
			n.Value = v.Value.Value
		}
		return n, nil
	case *ast.TagNode:
		n, err := c.convert(v.Value, parent, index, depth)
		if err != nil {
			return nil, err
		}
		if v.Start != nil && (v.Start.Value == "!!str" || v.Start.Value == "!str") && n.Kind != Map && n.Kind != Seq {
			if n.Kind == Null {
				n.Value = ""
			}
			n.Kind = String
		}
		return n, nil
	case *ast.AnchorNode:
		n, err := c.convert(v.Value, parent, index, depth)
		if err != nil {
			return nil, err
		}
		if v.Name != nil {
			c.anchors[v.Name.GetToken().Value] = n
		}
		return n, nil
	case *ast.AliasNode:
		name := ""
		if v.Value != nil {
			name = v.Value.GetToken().Value
		}
		target, ok := c.anchors[name]
		if !ok {
			return nil, c.errAt(v, "invalid YAML: alias *%s names no anchor defined before it", name)
		}
		c.expanded += c.size(target)
		if c.lim.MaxAliasNodes > 0 && c.expanded > c.lim.MaxAliasNodes {
			return nil, c.limitErr(v, limits.AliasNodes, "YAML aliases expand to more than %d nodes", c.lim.MaxAliasNodes)
		}
		// The alias shares the anchored node: no copy, so expansion costs no memory.
		return target, nil
	case *ast.MappingValueNode:
		n := c.node(Map, v, parent, index)
		if v.Key != nil {
			n.Line, n.Col = c.pos(v.Key)
		}
		if err := c.addPair(n, v, depth); err != nil {
			return nil, err
		}
		n.BuildIndex()
		return n, nil
	case *ast.MappingNode:
		n := c.node(Map, v, parent, index)
		if len(v.Values) > 0 {
			n.Line, n.Col = c.pos(v.Values[0].Key)
		}
		n.Fields = make([]Field, 0, len(v.Values))
		for _, mv := range v.Values {
			if err := c.addPair(n, mv, depth); err != nil {
				return nil, err
			}
		}
		n.BuildIndex()
		return n, nil
	case *ast.SequenceNode:
		n := c.node(Seq, v, parent, index)
		n.Items = make([]*Node, 0, len(v.Values))
		for i, item := range v.Values {
			child, err := c.convert(item, n, i, depth+1)
			if err != nil {
				return nil, err
			}
			n.Items = append(n.Items, child)
		}
		return n, nil
	case *ast.DocumentNode:
		return c.convert(v.Body, parent, index, depth)
	case *ast.CommentGroupNode, *ast.CommentNode:
		return &Node{Kind: Null, Parent: parent, Index: int32(index), File: c.file}, nil
	}
	return nil, c.errAt(src, "unsupported YAML construct %s", src.Type())
}

func (c *yamlConverter) pos(n ast.Node) (int32, int32) {
	if tk := n.GetToken(); tk != nil && tk.Position != nil {
		return int32(tk.Position.Line), int32(tk.Position.Column)
	}
	return 0, 0
}

// addPair adds one key/value entry, handling `<<` merge keys and duplicates.
func (c *yamlConverter) addPair(m *Node, mv *ast.MappingValueNode, depth int) error {
	if mv.Key == nil {
		return c.errAt(mv, "invalid YAML: mapping entry without a key")
	}
	if mv.Key.IsMergeKey() {
		return c.merge(m, mv.Value, depth)
	}
	key, err := c.keyText(mv.Key)
	if err != nil {
		return err
	}
	val, err := c.convert(mv.Value, m, len(m.Fields), depth+1)
	if err != nil {
		return err
	}
	line, col := c.pos(mv.Key)
	if mv.Value == nil && val.Parent == m {
		val.Line, val.Col = line, col
	}
	putField(m, key, val, line, col, &c.warns)
	return nil
}

// merge applies a YAML `<<` merge key: fields of the merged maps that the
// map does not set itself are added.
func (c *yamlConverter) merge(m *Node, src ast.Node, depth int) error {
	val, err := c.convert(src, m, len(m.Fields), depth+1)
	if err != nil {
		return err
	}
	if !mergeInto(m, val) {
		return c.errAt(src, "invalid YAML: << must merge a mapping")
	}
	return nil
}

// mergeInto adds to m the fields of the map (or list of maps) val that m
// does not set itself; it reports false when val is not made of maps.
func mergeInto(m, val *Node) bool {
	maps := []*Node{val}
	if val.Kind == Seq {
		maps = val.Items
	}
	for _, mm := range maps {
		if mm.Kind != Map {
			return false
		}
	}
	for _, mm := range maps {
		for _, f := range mm.Fields {
			if m.fieldIndex(f.Key) < 0 {
				m.appendField(f)
			}
		}
	}
	return true
}

// putField adds an entry to a map being built: a collection is shown at
// its key, and a duplicate key warns and keeps the last value.
func putField(m *Node, key string, val *Node, keyLine, keyCol int32, warns *[]Warning) {
	if val.Parent == m && (val.Kind == Map || val.Kind == Seq) {
		val.Line, val.Col = keyLine, keyCol
	}
	if i := m.fieldIndex(key); i >= 0 {
		*warns = append(*warns, Warning{File: m.File.Name, Line: int(keyLine), Msg: fmt.Sprintf("duplicate key %q; the last value is used", key)})
		if val.Parent == m {
			val.Index = int32(i)
		}
		m.Fields[i].Value = val
		return
	}
	m.appendField(Field{Key: key, Value: val})
}

func (c *yamlConverter) keyText(k ast.MapKeyNode) (string, error) {
	switch v := k.(type) {
	case *ast.StringNode:
		return v.Value, nil
	case *ast.MappingKeyNode:
		if sk, ok := v.Value.(ast.MapKeyNode); ok {
			return c.keyText(sk)
		}
		return "", c.errAt(k, "invalid YAML: complex mapping keys are not supported")
	case *ast.TagNode:
		if sk, ok := v.Value.(ast.MapKeyNode); ok {
			return c.keyText(sk)
		}
	case *ast.NullNode:
		return "null", nil
	case *ast.AliasNode:
		n, err := c.convert(v, nil, 0, 0)
		if err != nil {
			return "", err
		}
		if n.Kind != Map && n.Kind != Seq {
			return n.Value, nil
		}
	case ast.ScalarNode:
		return v.GetToken().Value, nil
	}
	return "", c.errAt(k, "invalid YAML: mapping keys must be scalars")
}

// size counts the nodes under n (with repetition through shared nodes), capped.
func (c *yamlConverter) size(n *Node) int {
	if s, ok := c.sizes[n]; ok {
		return s
	}
	s := 1
	for _, f := range n.Fields {
		s += c.size(f.Value)
	}
	for _, it := range n.Items {
		s += c.size(it)
	}
	if s > math.MaxInt32 {
		s = math.MaxInt32
	}
	c.sizes[n] = s
	return s
}
