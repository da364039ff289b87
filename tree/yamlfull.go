package tree

import (
	"errors"
	"fmt"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"github.com/eventdiff/eventdiff/limits"
)

// fullParserShare is the share of --max-file-size that goccy's full parser
// may read. It costs up to 300 bytes of memory per byte of text (a list of
// one-character items) and reads a few megabytes a second, so it reads only
// what the token builder leaves to it (a construct the builder does not
// handle), in files of a sixty-fourth of the largest file allowed: 1 MB by
// default. Raising the file limit raises this one.
const fullParserShare = 64

// parseYAML reads YAML with the token builder, and with goccy's full
// parser when the builder gives up.
func (p *Parser) parseYAML(f *File, text string, m *meter) (*Node, []Warning, error) {
	if !p.fullOnly {
		nodes, aliasNodes, aliasBytes := p.nodes, p.aliasNodes, p.aliasBytes
		b := &tokenBuilder{s: newYAMLScanner(text), file: f, m: m, anchors: map[string]*Node{}}
		root, err := b.build()
		if err != errFallback {
			return root, b.warns, err
		}
		// The full parser counts again from where this file started.
		p.nodes, p.aliasNodes, p.aliasBytes = nodes, aliasNodes, aliasBytes
		m.sizes = nil
		if max := p.lim.MaxFileSize / fullParserShare; max > 0 && int64(len(text)) > max {
			return nil, nil, limitAt(f.Name, b.fellAt, 1, limits.FileSize,
				"this line needs the full YAML parser, which reads files of at most %d bytes, and this one has %d; write the document as JSON, or avoid what the line uses (a tag, an explicit key, a second document, a tab, …)",
				max, len(text))
		}
	}
	return parseYAMLFull(f, text, m)
}

// flowDepth returns the deepest nesting of flow brackets in YAML text. The
// YAML parser slows down quadratically on deep flow nesting, so this cheap
// scan runs first. Brackets inside scalars are counted too, which can only
// overestimate, and real documents stay far below the limit either way.
func flowDepth(text string) int {
	depth, max := 0, 0
	for _, c := range []byte(text) {
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

// parseYAMLFull reads YAML with goccy's lexer and parser.
func parseYAMLFull(f *File, text string, m *meter) (*Node, []Warning, error) {
	lim := m.lim
	if lim.MaxDepth > 0 && flowDepth(text) > lim.MaxDepth {
		return nil, nil, limitAt(f.Name, 0, 0, limits.Depth, "nesting is deeper than the limit of %d", lim.MaxDepth)
	}
	toks := lexer.Tokenize(text)
	// The full parser is superlinear in some shapes; guard it.
	if err := guardYAML(f.Name, toks, len(text), lim); err != nil {
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
	c := &yamlConverter{file: f, m: m, anchors: map[string]*Node{}}
	root, err := c.convert(astFile.Docs[0].Body, nil, 0, 0)
	if err != nil {
		return nil, nil, err
	}
	return root, append(warns, c.warns...), nil
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

// yamlConverter turns goccy's syntax tree into nodes.
type yamlConverter struct {
	st      stacks
	file    *File
	m       *meter
	anchors map[string]*Node
	warns   []Warning
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

func (c *yamlConverter) node(kind Kind, src ast.Node, parent *Node, index int) (*Node, error) {
	n := &Node{Kind: kind, Parent: parent, Index: int32(index), File: c.file}
	if src != nil {
		if tk := src.GetToken(); tk != nil && tk.Position != nil {
			n.Line, n.Col = int32(tk.Position.Line), int32(tk.Position.Column)
		}
	}
	if err := c.m.node(int(n.Line), int(n.Col)); err != nil {
		return nil, err
	}
	return n, nil
}

// scalar converts a scalar: a plain one by the YAML 1.2 core schema
// (whatever type goccy gave it), a quoted one as the string it is. With
// asString (a !!str tag), a plain one is the string it is written as.
func (c *yamlConverter) scalar(src ast.Node, parent *Node, index int, asString bool) (*Node, error) {
	tk := src.GetToken()
	text, quoted := "", false
	switch v := src.(type) {
	case *ast.StringNode:
		text = v.Value
		quoted = tk != nil && (tk.Type == token.SingleQuoteType || tk.Type == token.DoubleQuoteType)
	case *ast.LiteralNode:
		if v.Value != nil {
			text = v.Value.Value
		}
		quoted = true
	default:
		if tk != nil {
			text = tk.Value
		}
	}
	kind, value := String, text
	if !quoted && !asString {
		kind, value = resolvePlain(text)
	}
	n, err := c.node(kind, src, parent, index)
	if err != nil {
		return nil, err
	}
	if err := c.m.scalar(len(text), int(n.Line), int(n.Col)); err != nil {
		return nil, err
	}
	n.Value = value
	return n, nil
}

func (c *yamlConverter) convert(src ast.Node, parent *Node, index, depth int) (*Node, error) {
	if c.m.lim.MaxDepth > 0 && depth > c.m.lim.MaxDepth {
		return nil, c.limitErr(src, limits.Depth, "nesting is deeper than the limit of %d", c.m.lim.MaxDepth)
	}
	switch v := src.(type) {
	case nil:
		return c.node(Null, nil, parent, index)
	case *ast.NullNode:
		return c.node(Null, v, parent, index)
	case *ast.BoolNode, *ast.IntegerNode, *ast.FloatNode, *ast.InfinityNode, *ast.NanNode,
		*ast.StringNode, *ast.LiteralNode:
		return c.scalar(v, parent, index, false)
	case *ast.TagNode:
		return c.tagged(v, parent, index, depth)
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
		return c.alias(v)
	case *ast.MappingValueNode:
		return c.mapping(v, []*ast.MappingValueNode{v}, parent, index, depth)
	case *ast.MappingNode:
		return c.mapping(v, v.Values, parent, index, depth)
	case *ast.SequenceNode:
		n, err := c.node(Seq, v, parent, index)
		if err != nil {
			return nil, err
		}
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
		return c.node(Null, nil, parent, index)
	}
	return nil, c.errAt(src, "unsupported YAML construct %s", src.Type())
}

func (c *yamlConverter) pos(n ast.Node) (int32, int32) {
	if tk := n.GetToken(); tk != nil && tk.Position != nil {
		return int32(tk.Position.Line), int32(tk.Position.Column)
	}
	return 0, 0
}

// isScalar reports whether n is a scalar of goccy's syntax tree.
func isScalar(n ast.Node) bool {
	switch n.(type) {
	case *ast.NullNode, *ast.BoolNode, *ast.IntegerNode, *ast.FloatNode, *ast.InfinityNode, *ast.NanNode,
		*ast.StringNode, *ast.LiteralNode:
		return true
	}
	return false
}

// tagged converts a node with a tag: !!str makes a scalar the string it is
// written as; other tags are not read.
func (c *yamlConverter) tagged(v *ast.TagNode, parent *Node, index, depth int) (*Node, error) {
	str := v.Start != nil && (v.Start.Value == "!!str" || v.Start.Value == "!str")
	if str {
		inner, anchor := v.Value, ""
		if a, ok := inner.(*ast.AnchorNode); ok && a.Name != nil {
			inner, anchor = a.Value, a.Name.GetToken().Value
		}
		if isScalar(inner) {
			n, err := c.scalar(inner, parent, index, true)
			if err == nil && anchor != "" {
				c.anchors[anchor] = n
			}
			return n, err
		}
	}
	n, err := c.convert(v.Value, parent, index, depth)
	if err != nil {
		return nil, err
	}
	if str && n.Kind != Map && n.Kind != Seq {
		if n.Kind == Null {
			n.Value = ""
		}
		n.Kind = String
	}
	return n, nil
}

// alias converts `*name`: the anchored node itself, shared, so expansion
// costs no memory; the meter counts what it would cost to walk.
func (c *yamlConverter) alias(v *ast.AliasNode) (*Node, error) {
	name := ""
	if v.Value != nil {
		name = v.Value.GetToken().Value
	}
	target, ok := c.anchors[name]
	if !ok {
		return nil, c.errAt(v, "invalid YAML: alias *%s names no anchor defined before it", name)
	}
	line, col := c.pos(v)
	if err := c.m.alias(target, int(line), int(col)); err != nil {
		return nil, err
	}
	return target, nil
}

// mapping converts a mapping of the given entries.
func (c *yamlConverter) mapping(src ast.Node, entries []*ast.MappingValueNode, parent *Node, index, depth int) (*Node, error) {
	n, err := c.node(Map, src, parent, index)
	if err != nil {
		return nil, err
	}
	if len(entries) > 0 && entries[0].Key != nil {
		n.Line, n.Col = c.pos(entries[0].Key)
	}
	m := c.st.openMap(n)
	for _, mv := range entries {
		if err := c.addPair(m, mv, depth); err != nil {
			return nil, err
		}
	}
	c.st.closeMap(m)
	return n, nil
}

// addPair adds one key/value entry, handling `<<` merge keys and duplicates.
func (c *yamlConverter) addPair(m *openMap, mv *ast.MappingValueNode, depth int) error {
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
	line, col := c.pos(mv.Key)
	if err := c.m.scalar(len(key), int(line), int(col)); err != nil {
		return err
	}
	val, err := c.convert(mv.Value, m.n, c.st.fieldCount(m), depth+1)
	if err != nil {
		return err
	}
	if mv.Value == nil && val.Parent == m.n {
		val.Line, val.Col = line, col
	}
	c.st.put(m, key, val, line, col, &c.warns)
	return nil
}

// merge applies a YAML `<<` merge key: fields of the merged maps that the
// map does not set itself are added.
func (c *yamlConverter) merge(m *openMap, src ast.Node, depth int) error {
	val, err := c.convert(src, m.n, c.st.fieldCount(m), depth+1)
	if err != nil {
		return err
	}
	if !c.st.merge(m, val) {
		return c.errAt(src, "invalid YAML: << must merge a mapping")
	}
	return nil
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
