package tree

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/eventdiff/eventdiff/limits"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/token"
)

// errFallback means the token stream holds something the fast builder
// does not handle; the caller then uses goccy's full parser, which handles
// everything and reports errors precisely.
var errFallback = errors.New("fast YAML path does not apply")

// tokenBuilder builds the node tree straight from goccy's token stream,
// skipping goccy's AST: on real documents that halves parsing time and
// memory. It covers block and flow collections, every scalar style,
// anchors, aliases, `<<` merges and the !!str tag, and gives up (falling
// back to the full parser) on anything else or anything irregular, so its
// output always equals the full parser's (a fuzz test holds it to that).
type tokenBuilder struct {
	nodes  nodeArena
	conv   *yamlConverter
	toks   token.Tokens
	pos    int
	inFlow int // depth of flow collections around the current token
}

func buildFromTokens(c *yamlConverter, toks token.Tokens) (root *Node, err error) {
	b := &tokenBuilder{conv: c, toks: toks}
	b.skipComments()
	if t := b.peek(); t != nil && t.Type == token.DocumentHeaderType {
		b.pos++
		if nx := b.peek(); nx != nil && nx.Position.Line == t.Position.Line && nx.Type != token.CommentType {
			return nil, errFallback // content on the `---` line
		}
	}
	b.skipComments()
	if b.peek() == nil {
		return nil, errFallback
	}
	root, err = b.value(nil, 0, -1, 0)
	if err != nil {
		return nil, err
	}
	b.skipComments()
	t := b.peek()
	if t != nil && t.Type == token.DocumentEndType {
		b.pos++
		b.skipComments()
		t = b.peek()
	}
	switch {
	case t == nil:
	case t.Type == token.DocumentHeaderType:
		b.pos++
		b.skipComments()
		if b.peek() != nil {
			return nil, errFallback // further documents: the parser reads (and checks) them all
		}
	default:
		return nil, errFallback // trailing content: let the parser explain it
	}
	return root, nil
}

func (b *tokenBuilder) peek() *token.Token {
	if b.pos < len(b.toks) {
		return b.toks[b.pos]
	}
	return nil
}

func (b *tokenBuilder) next() *token.Token {
	t := b.peek()
	if t != nil {
		b.pos++
	}
	return t
}

func (b *tokenBuilder) skipComments() {
	for b.pos < len(b.toks) && b.toks[b.pos].Type == token.CommentType {
		b.pos++
	}
}

func isScalar(t *token.Token) bool {
	switch t.Type {
	case token.StringType, token.SingleQuoteType, token.DoubleQuoteType, token.IntegerType,
		token.BinaryIntegerType, token.OctetIntegerType, token.HexIntegerType, token.FloatType,
		token.BoolType, token.NullType, token.InfinityType, token.NanType:
		return true
	}
	return false
}

func (b *tokenBuilder) newNode(kind Kind, t *token.Token, parent *Node, index int) *Node {
	n := b.nodes.alloc()
	*n = Node{Kind: kind, Parent: parent, Index: int32(index), File: b.conv.file,
		Line: int32(t.Position.Line), Col: int32(t.Position.Column)}
	return n
}

func (b *tokenBuilder) limitErr(t *token.Token) error {
	return limitAt(b.conv.file.Name, t.Position.Line, t.Position.Column, limits.Depth, "nesting is deeper than the limit of %d", b.conv.lim.MaxDepth)
}

// value reads one node. parentCol is the column of the enclosing block
// collection (block content must be indented past it); keyLine is the line
// of the key whose value this is, or -1.
func (b *tokenBuilder) value(parent *Node, index, parentCol, depth int) (*Node, error) {
	return b.valueOnLine(parent, index, parentCol, -1, depth)
}

func (b *tokenBuilder) valueOnLine(parent *Node, index, parentCol, keyLine, depth int) (*Node, error) {
	if b.conv.lim.MaxDepth > 0 && depth > b.conv.lim.MaxDepth {
		if t := b.peek(); t != nil {
			return nil, b.limitErr(t)
		}
		return nil, errFallback
	}
	b.skipComments()
	t := b.peek()
	if t == nil {
		return nil, errFallback
	}
	// Node properties: an anchor and/or a tag.
	anchor, tag, propLine := "", "", -1
	for t != nil && (t.Type == token.AnchorType || t.Type == token.TagType) {
		propLine = t.Position.Line
		b.pos++
		if t.Type == token.TagType {
			if tag != "" {
				return nil, errFallback
			}
			tag = t.Value
		} else {
			name := b.next()
			if name == nil || name.Type != token.StringType || anchor != "" ||
				name.Position.Line != t.Position.Line || name.Position.Column != t.Position.Column+1 {
				return nil, errFallback
			}
			anchor = name.Value
		}
		b.skipComments()
		t = b.peek()
	}
	if tag != "" && tag != "!!str" && tag != "!str" {
		return nil, errFallback
	}
	if t == nil {
		return nil, errFallback
	}
	if b.inFlow > 0 {
		if t.Type == token.SequenceEntryType || isScalar(t) && b.followedByColon() {
			return nil, errFallback // block content or `a: b` pairs inside [] or {}
		}
	} else if t.Position.Column <= parentCol && !(t.Type == token.SequenceEntryType && keyLine >= 0 && t.Position.Column == parentCol) {
		return nil, errFallback // not indented under its parent
	}
	var n *Node
	var err error
	switch {
	case t.Type == token.MappingStartType:
		n, err = b.flowMap(parent, index, depth)
	case t.Type == token.SequenceStartType:
		n, err = b.flowSeq(parent, index, depth)
	case t.Type == token.SequenceEntryType:
		if t.Position.Line == keyLine || t.Position.Line == propLine || t.Position.Column <= parentCol && !(keyLine >= 0 && t.Position.Column == parentCol) {
			return nil, errFallback // a block sequence cannot start on its key's line
		}
		n, err = b.blockSeq(parent, index, t.Position.Column, depth)
	case t.Type == token.AliasType:
		if anchor != "" || tag != "" {
			return nil, errFallback
		}
		b.pos++
		name := b.next()
		if name == nil || name.Type != token.StringType {
			return nil, errFallback
		}
		target, ok := b.conv.anchors[name.Value]
		if !ok {
			return nil, errFallback // the parser reports the undefined alias
		}
		if b.followedByColon() {
			return nil, errFallback // an alias used as a key
		}
		b.conv.expanded += b.conv.size(target)
		if b.conv.lim.MaxAliasNodes > 0 && b.conv.expanded > b.conv.lim.MaxAliasNodes {
			return nil, limitAt(b.conv.file.Name, t.Position.Line, t.Position.Column, limits.AliasNodes, "YAML aliases expand to more than %d nodes", b.conv.lim.MaxAliasNodes)
		}
		return target, nil
	case t.Type == token.LiteralType || t.Type == token.FoldedType:
		b.pos++
		body := b.next()
		if body == nil || body.Type != token.StringType {
			return nil, errFallback
		}
		n = b.newNode(String, t, parent, index)
		n.Value = body.Value
	case isScalar(t) || t.Type == token.MergeKeyType:
		if b.followedByColon() {
			if t.Position.Line == propLine {
				return nil, errFallback // `&a key: v` anchors the key, not the mapping
			}
			if keyLine >= 0 && t.Position.Line == keyLine {
				return nil, errFallback // `a: b: c` is not YAML
			}
			if t.Position.Column <= parentCol {
				return nil, errFallback
			}
			n, err = b.blockMap(parent, index, t.Position.Column, depth)
			break
		}
		if t.Type == token.MergeKeyType {
			return nil, errFallback
		}
		b.pos++
		n, err = b.scalar(t, parent, index)
	default:
		return nil, errFallback
	}
	if err != nil {
		return nil, err
	}
	if tag != "" && n.Kind != Map && n.Kind != Seq {
		if n.Kind == Null {
			n.Value = ""
		}
		n.Kind = String
	}
	if anchor != "" {
		b.conv.anchors[anchor] = n
	}
	return n, nil
}

// followedByColon reports whether the token after the current one is the
// `:` that makes it a mapping key, on the same line.
func (b *tokenBuilder) followedByColon() bool {
	if b.pos+1 >= len(b.toks) {
		return false
	}
	t, nx := b.toks[b.pos], b.toks[b.pos+1]
	return nx.Type == token.MappingValueType && nx.Position.Line == t.Position.Line
}

// scalar converts a scalar token the way the full parser does.
func (b *tokenBuilder) scalar(t *token.Token, parent *Node, index int) (*Node, error) {
	switch t.Type {
	case token.StringType, token.SingleQuoteType, token.DoubleQuoteType:
		n := b.newNode(String, t, parent, index)
		n.Value = t.Value
		return n, nil
	case token.NullType:
		return b.newNode(Null, t, parent, index), nil
	case token.BoolType:
		v, err := strconv.ParseBool(strings.ToLower(t.Value))
		if err != nil {
			return nil, errFallback
		}
		n := b.newNode(Bool, t, parent, index)
		n.Value = strconv.FormatBool(v)
		return n, nil
	case token.IntegerType:
		if !plainDecimal(t.Value) {
			return nil, errFallback // signs, leading zeros, underscores: the parser decides
		}
		i, err := strconv.ParseInt(t.Value, 10, 64)
		if err != nil {
			return nil, errFallback
		}
		n := b.newNode(Number, t, parent, index)
		n.Value = strconv.FormatInt(i, 10)
		return n, nil
	case token.FloatType:
		v, err := strconv.ParseFloat(t.Value, 64)
		if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
			return nil, errFallback
		}
		n := b.newNode(Number, t, parent, index)
		n.Value = t.Value
		return n, nil
	}
	return nil, errFallback
}

// key reads a mapping key token.
func (b *tokenBuilder) key(t *token.Token) (string, bool) {
	switch t.Type {
	case token.StringType, token.SingleQuoteType, token.DoubleQuoteType, token.IntegerType, token.FloatType, token.BoolType:
		return t.Value, true
	case token.NullType:
		return "null", t.Value == "null"
	}
	return "", false
}

// blockMap reads a block mapping whose keys sit at column col.
func (b *tokenBuilder) blockMap(parent *Node, index, col, depth int) (*Node, error) {
	first := b.peek()
	m := b.newNode(Map, first, parent, index)
	for {
		b.skipComments()
		t := b.peek()
		if t == nil || t.Position.Column < col || t.Type == token.DocumentHeaderType || t.Type == token.DocumentEndType {
			break
		}
		if t.Position.Column != col {
			return nil, errFallback
		}
		merge := t.Type == token.MergeKeyType
		key, ok := "", merge
		if !merge {
			key, ok = b.key(t)
		}
		if !ok || !b.followedByColon() {
			return nil, errFallback
		}
		colon := b.toks[b.pos+1]
		b.pos += 2
		line := t.Position.Line
		b.skipComments()
		var val *Node
		var err error
		nx := b.peek()
		switch {
		case nx == nil || nx.Type == token.DocumentHeaderType || nx.Type == token.DocumentEndType ||
			(nx.Position.Line != line && nx.Position.Column <= col && !(nx.Type == token.SequenceEntryType && nx.Position.Column == col)):
			// No value: null, placed just after the colon as the parser does.
			if b.conv.lim.MaxDepth > 0 && depth+1 > b.conv.lim.MaxDepth {
				return nil, b.limitErr(colon)
			}
			val = &Node{Kind: Null, Parent: m, Index: int32(len(m.Fields)), File: b.conv.file,
				Line: int32(colon.Position.Line), Col: int32(colon.Position.Column + 1)}
		default:
			val, err = b.valueOnLine(m, len(m.Fields), col, line, depth+1)
			if err != nil {
				return nil, err
			}
		}
		if merge {
			if !mergeInto(m, val) {
				return nil, errFallback
			}
			continue
		}
		b.addField(m, key, val, t)
	}
	m.BuildIndex()
	return m, nil
}

// addField adds an entry the way the full path does.
func (b *tokenBuilder) addField(m *Node, key string, val *Node, keyTok *token.Token) {
	putField(m, key, val, int32(keyTok.Position.Line), int32(keyTok.Position.Column), &b.conv.warns)
}

// blockSeq reads a block sequence whose dashes sit at column col.
func (b *tokenBuilder) blockSeq(parent *Node, index, col, depth int) (*Node, error) {
	s := b.newNode(Seq, b.peek(), parent, index)
	for {
		b.skipComments()
		t := b.peek()
		if t == nil || t.Type != token.SequenceEntryType || t.Position.Column != col {
			if t != nil && t.Position.Column > col && t.Type != token.DocumentHeaderType && t.Type != token.DocumentEndType {
				return nil, errFallback
			}
			break
		}
		b.pos++
		b.skipComments()
		nx := b.peek()
		if nx == nil || (nx.Position.Line != t.Position.Line && nx.Position.Column <= col) ||
			nx.Type == token.DocumentHeaderType || nx.Type == token.DocumentEndType {
			return nil, errFallback // an empty entry: the parser's reading of what follows decides
		}
		item, err := b.value(s, len(s.Items), col, depth+1)
		if err != nil {
			return nil, err
		}
		s.Items = append(s.Items, item)
	}
	return s, nil
}

// flowMap reads `{a: 1, b: [2]}`.
func (b *tokenBuilder) flowMap(parent *Node, index, depth int) (*Node, error) {
	b.inFlow++
	defer func() { b.inFlow-- }()
	start := b.next()
	m := b.newNode(Map, start, parent, index)
	for {
		b.skipComments()
		t := b.peek()
		if t == nil {
			return nil, errFallback
		}
		if t.Type == token.MappingEndType {
			b.pos++
			break
		}
		if len(m.Fields) == 0 {
			m.Line, m.Col = int32(t.Position.Line), int32(t.Position.Column)
		}
		key, ok := b.key(t)
		if !ok {
			return nil, errFallback
		}
		b.pos++
		b.skipComments()
		var val *Node
		if c := b.peek(); c != nil && c.Type == token.MappingValueType && c.Position.Line == t.Position.Line {
			b.pos++
			b.skipComments()
			if nx := b.peek(); nx != nil && (nx.Type == token.CollectEntryType || nx.Type == token.MappingEndType) {
				if b.conv.lim.MaxDepth > 0 && depth+1 > b.conv.lim.MaxDepth {
					return nil, b.limitErr(c)
				}
				val = &Node{Kind: Null, Parent: m, Index: int32(len(m.Fields)), File: b.conv.file, Line: int32(c.Position.Line), Col: int32(c.Position.Column)}
			} else {
				var err error
				if val, err = b.flowValue(m, len(m.Fields), depth+1); err != nil {
					return nil, err
				}
			}
		} else {
			return nil, errFallback // `{a, b}`: keys without values
		}
		b.addField(m, key, val, t)
		b.skipComments()
		switch sep := b.next(); {
		case sep == nil:
			return nil, errFallback
		case sep.Type == token.CollectEntryType:
		case sep.Type == token.MappingEndType:
			m.BuildIndex()
			return m, nil
		default:
			return nil, errFallback
		}
	}
	m.BuildIndex()
	return m, nil
}

// flowSeq reads `[1, b, {c: 2}]`.
func (b *tokenBuilder) flowSeq(parent *Node, index, depth int) (*Node, error) {
	b.inFlow++
	defer func() { b.inFlow-- }()
	start := b.next()
	s := b.newNode(Seq, start, parent, index)
	for {
		b.skipComments()
		t := b.peek()
		if t == nil {
			return nil, errFallback
		}
		if t.Type == token.SequenceEndType {
			b.pos++
			return s, nil
		}
		item, err := b.flowValue(s, len(s.Items), depth+1)
		if err != nil {
			return nil, err
		}
		s.Items = append(s.Items, item)
		b.skipComments()
		switch sep := b.next(); {
		case sep == nil:
			return nil, errFallback
		case sep.Type == token.CollectEntryType:
		case sep.Type == token.SequenceEndType:
			return s, nil
		default:
			return nil, errFallback
		}
	}
}

// flowValue reads a value inside a flow collection: a scalar, an alias
// or a nested flow collection (a single-pair map such as `[a: 1]` and
// block content fall back).
func (b *tokenBuilder) flowValue(parent *Node, index, depth int) (*Node, error) {
	t := b.peek()
	if t == nil {
		return nil, errFallback
	}
	if b.conv.lim.MaxDepth > 0 && depth > b.conv.lim.MaxDepth {
		return nil, b.limitErr(t)
	}
	switch {
	case t.Type == token.MappingStartType:
		return b.flowMap(parent, index, depth)
	case t.Type == token.SequenceStartType:
		return b.flowSeq(parent, index, depth)
	case t.Type == token.AliasType || t.Type == token.AnchorType || t.Type == token.TagType:
		return b.valueOnLine(parent, index, -1, -1, depth)
	case isScalar(t):
		if b.followedByColon() {
			return nil, errFallback
		}
		b.pos++
		return b.scalar(t, parent, index)
	}
	return nil, errFallback
}

// plainDecimal matches -?(0|[1-9][0-9]*).
func plainDecimal(s string) bool {
	s = strings.TrimPrefix(s, "-")
	if s == "" || (len(s) > 1 && s[0] == '0') {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

type tokensT = token.Tokens

var lexTokenize = lexer.Tokenize
