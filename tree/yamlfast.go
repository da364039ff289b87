package tree

import (
	"errors"

	"github.com/eventdiff/eventdiff/limits"
)

// errFallback means the text holds something the token builder does not
// read; the caller then uses goccy's full parser, which reads everything
// and reports errors precisely.
var errFallback = errors.New("fast YAML path does not apply")

// tokenBuilder builds the node tree straight from the scanner's tokens,
// as they come: no token list and no syntax tree are ever held, so reading
// costs the nodes it makes and little more. It covers block and flow
// collections, every scalar style, anchors, aliases, `<<` merges and the
// !!str tag, and gives up (falling back to the full parser) on anything
// else or anything irregular, so its output always equals the full
// parser's (a fuzz test holds it to that).
type tokenBuilder struct {
	nodes   nodeArena
	st      stacks
	s       *yamlScanner
	file    *File
	m       *meter
	anchors map[string]*Node
	warns   []Warning
	inFlow  int // depth of flow collections around the current token
	fellAt  int // the line where the builder gave up, for messages
}

// build reads the whole text.
func (b *tokenBuilder) build() (*Node, error) {
	root, err := b.document()
	if err == nil && b.s.err != nil {
		err = b.s.err // the builder stopped where the scanner gave up
	}
	if err == errFallback && b.fellAt == 0 {
		b.fellAt = b.s.line
	}
	if err != nil {
		return nil, err
	}
	return root, nil
}

func (b *tokenBuilder) document() (*Node, error) {
	if t := b.peek(); t.kind == tDocStart {
		b.advance()
		if nx := b.peek(); nx.kind != tEnd && nx.line == t.line {
			return nil, b.fallback() // content on the `---` line
		}
	}
	if b.peek().kind == tEnd {
		return nil, b.fallback()
	}
	root, err := b.value(nil, 0, -1, 0)
	if err != nil {
		return nil, err
	}
	t := b.peek()
	if t.kind == tDocEnd {
		b.advance()
		t = b.peek()
	}
	switch t.kind {
	case tEnd:
	case tDocStart:
		b.advance()
		if b.peek().kind != tEnd {
			return nil, b.fallback() // further documents: the parser reads (and checks) them all
		}
	default:
		return nil, b.fallback() // trailing content: let the parser explain it
	}
	return root, nil
}

func (b *tokenBuilder) peek() *ytoken { return b.s.peek() }
func (b *tokenBuilder) advance()      { b.s.advance() }

// next returns the current token and moves past it.
func (b *tokenBuilder) next() ytoken {
	t := *b.s.peek()
	b.s.advance()
	return t
}

// fallback gives up, remembering where.
func (b *tokenBuilder) fallback() error {
	if b.fellAt == 0 {
		b.fellAt = b.s.line
	}
	return errFallback
}

func (b *tokenBuilder) newNode(kind Kind, t *ytoken, parent *Node, index int) (*Node, error) {
	return b.nodeAt(kind, parent, index, t.line, t.col)
}

func (b *tokenBuilder) nodeAt(kind Kind, parent *Node, index, line, col int) (*Node, error) {
	if err := b.m.node(line, col); err != nil {
		return nil, err
	}
	n := b.nodes.alloc()
	*n = Node{Kind: kind, Parent: parent, Index: int32(index), File: b.file, Line: int32(line), Col: int32(col)}
	return n, nil
}

func (b *tokenBuilder) depthErr(line, col int) error {
	return limitAt(b.file.Name, line, col, limits.Depth, "nesting is deeper than the limit of %d", b.m.lim.MaxDepth)
}

func (b *tokenBuilder) tooDeep(depth int) bool {
	return b.m.lim.MaxDepth > 0 && depth > b.m.lim.MaxDepth
}

// value reads one node. parentCol is the column of the enclosing block
// collection (block content must be indented past it).
func (b *tokenBuilder) value(parent *Node, index, parentCol, depth int) (*Node, error) {
	return b.valueOnLine(parent, index, parentCol, -1, depth)
}

// valueOnLine reads one node; keyLine is the line of the key whose value
// this is, or -1.
func (b *tokenBuilder) valueOnLine(parent *Node, index, parentCol, keyLine, depth int) (*Node, error) {
	t := b.peek()
	if b.tooDeep(depth) {
		if t.kind == tEnd || t.kind == tFail {
			return nil, b.fallback()
		}
		return nil, b.depthErr(t.line, t.col)
	}
	anchor, tag, propLine, propCol, ok := b.properties()
	if t = b.peek(); !ok || t.kind == tEnd || t.kind == tFail || b.inFlow == 0 && propCol >= 0 && propCol <= parentCol {
		return nil, b.fallback()
	}
	if b.inFlow > 0 {
		if t.kind == tEntry || t.kind == tScalar && b.followedByColon() {
			return nil, b.fallback() // block content or `a: b` pairs inside [] or {}
		}
	} else if t.col <= parentCol && !(t.kind == tEntry && keyLine >= 0 && t.col == parentCol) {
		return nil, b.fallback() // not indented under its parent
	}
	var n *Node
	var err error
	switch t.kind {
	case tMapStart:
		n, err = b.flowMap(parent, index, depth)
	case tSeqStart:
		n, err = b.flowSeq(parent, index, depth)
	case tEntry:
		if t.line == keyLine || t.line == propLine || t.col <= parentCol && !(keyLine >= 0 && t.col == parentCol) {
			return nil, b.fallback() // a block sequence cannot start on its key's line
		}
		n, err = b.blockSeq(parent, index, t.col, depth)
	case tAlias:
		if anchor != "" || tag != "" {
			return nil, b.fallback()
		}
		return b.alias()
	case tScalar:
		if b.followedByColon() {
			switch {
			case t.line == propLine:
				return nil, b.fallback() // `&a key: v` anchors the key, not the mapping
			case keyLine >= 0 && t.line == keyLine:
				return nil, b.fallback() // `a: b: c` is not YAML
			case t.col <= parentCol:
				return nil, b.fallback()
			}
			n, err = b.blockMap(parent, index, t.col, depth)
			break
		}
		if t.style == mergeStyle {
			return nil, b.fallback()
		}
		n, err = b.scalar(parent, index, tag != "")
	default:
		return nil, b.fallback()
	}
	if err != nil {
		return nil, err
	}
	if anchor != "" {
		b.anchors[anchor] = n
	}
	return n, nil
}

// properties reads a node's anchor and tag, if it has them, the line they
// are on and the least column they start at (-1 without). Only the !!str
// tag is read here.
func (b *tokenBuilder) properties() (anchor, tag string, line, col int, ok bool) {
	line, col = -1, -1
	for t := b.peek(); t.kind == tAnchor || t.kind == tTag; t = b.peek() {
		line = t.line
		if col < 0 || t.col < col {
			col = t.col
		}
		if t.kind == tTag {
			if tag != "" {
				return "", "", 0, 0, false
			}
			tag = t.value
		} else {
			if anchor != "" {
				return "", "", 0, 0, false
			}
			anchor = t.value
		}
		b.advance()
	}
	return anchor, tag, line, col, tag == "" || tag == "!!str" || tag == "!str"
}

// alias reads `*name`: the anchored node itself, shared.
func (b *tokenBuilder) alias() (*Node, error) {
	t := b.next()
	target, ok := b.anchors[t.value]
	if !ok {
		return nil, b.fallback() // the parser reports the undefined alias
	}
	if b.followedByColonAt(0, t.line) {
		return nil, b.fallback() // an alias used as a key
	}
	if err := b.m.alias(target, t.line, t.col); err != nil {
		return nil, err
	}
	return target, nil
}

// followedByColon reports whether the token after the current one is the
// `:` that makes it a mapping key, on the same line.
func (b *tokenBuilder) followedByColon() bool {
	return b.followedByColonAt(1, b.peek().line)
}

func (b *tokenBuilder) followedByColonAt(i, line int) bool {
	nx := b.s.peekAt(i)
	return nx.kind == tColon && nx.line == line
}

// scalar converts a scalar token: a plain one by the YAML 1.2 core schema
// (unless asString: a !!str tag), any other as the string it is.
func (b *tokenBuilder) scalar(parent *Node, index int, asString bool) (*Node, error) {
	t := b.next()
	if err := b.m.scalar(len(t.value), t.line, t.col); err != nil {
		return nil, err
	}
	kind, value := String, t.value
	if t.style == plainStyle && !asString {
		kind, value = resolvePlain(t.value)
	}
	n, err := b.newNode(kind, &t, parent, index)
	if err != nil {
		return nil, err
	}
	n.Value = value
	return n, nil
}

// key reads a mapping key token: its text as written, or "null" for the
// plain spellings of null, as the full parser has it.
func (b *tokenBuilder) key(t *ytoken) (string, error) {
	if t.kind != tScalar || t.style == literalStyle || t.style == foldedStyle || t.style == mergeStyle {
		return "", b.fallback()
	}
	if err := b.m.scalar(len(t.value), t.line, t.col); err != nil {
		return "", err
	}
	if t.style == plainStyle {
		if kind, _ := resolvePlain(t.value); kind == Null {
			if t.value == "" {
				return "", b.fallback()
			}
			return "null", nil
		}
	}
	return t.value, nil
}

// implicitNull is the value of a key written without one.
func (b *tokenBuilder) implicitNull(m *openMap, line, col, depth int) (*Node, error) {
	if b.tooDeep(depth) {
		return nil, b.depthErr(line, col)
	}
	return b.nodeAt(Null, m.n, b.fieldIndex(m), line, col)
}

// fieldIndex is the index the next field of m will have.
func (b *tokenBuilder) fieldIndex(m *openMap) int { return b.st.fieldCount(m) }

// blockMap reads a block mapping whose keys sit at column col.
func (b *tokenBuilder) blockMap(parent *Node, index, col, depth int) (*Node, error) {
	n, err := b.newNode(Map, b.peek(), parent, index)
	if err != nil {
		return nil, err
	}
	m := b.st.openMap(n)
	for {
		t := b.peek()
		if t.kind == tEnd || t.kind == tFail || t.col < col || t.kind == tDocStart || t.kind == tDocEnd {
			break
		}
		if t.col != col || t.kind != tScalar || !b.followedByColon() {
			return nil, b.fallback()
		}
		k := *t
		merge := k.style == mergeStyle
		var key string
		if !merge {
			if key, err = b.key(&k); err != nil {
				return nil, err
			}
		}
		b.advance()
		colon := b.next()
		var val *Node
		nx := b.peek()
		switch {
		case nx.kind == tEnd || nx.kind == tDocStart || nx.kind == tDocEnd ||
			(nx.line != k.line && nx.col <= col && !(nx.kind == tEntry && nx.col == col)):
			// No value: null, placed just after the colon as the parser does.
			val, err = b.implicitNull(m, colon.line, colon.col+1, depth+1)
		default:
			val, err = b.valueOnLine(n, b.fieldIndex(m), col, k.line, depth+1)
		}
		if err != nil {
			return nil, err
		}
		if merge {
			if !b.st.merge(m, val) {
				return nil, b.fallback()
			}
			continue
		}
		b.st.put(m, key, val, int32(k.line), int32(k.col), &b.warns)
	}
	b.st.closeMap(m)
	return n, nil
}

// blockSeq reads a block sequence whose dashes sit at column col.
func (b *tokenBuilder) blockSeq(parent *Node, index, col, depth int) (*Node, error) {
	s, err := b.newNode(Seq, b.peek(), parent, index)
	if err != nil {
		return nil, err
	}
	mark := b.st.openSeq()
	for {
		t := b.peek()
		if t.kind != tEntry || t.col != col {
			if t.kind != tEnd && t.kind != tFail && t.col > col && t.kind != tDocStart && t.kind != tDocEnd {
				return nil, b.fallback()
			}
			break
		}
		dash := b.next()
		nx := b.peek()
		if nx.kind == tEnd || nx.kind == tFail || (nx.line != dash.line && nx.col <= col) ||
			nx.kind == tDocStart || nx.kind == tDocEnd {
			return nil, b.fallback() // an empty entry: the parser's reading of what follows decides
		}
		item, err := b.value(s, b.st.itemCount(mark), col, depth+1)
		if err != nil {
			return nil, err
		}
		b.st.addItem(item)
	}
	b.st.closeSeq(s, mark)
	return s, nil
}

// flowMap reads `{a: 1, b: [2]}`.
func (b *tokenBuilder) flowMap(parent *Node, index, depth int) (*Node, error) {
	b.inFlow++
	defer func() { b.inFlow-- }()
	start := b.next()
	n, err := b.newNode(Map, &start, parent, index)
	if err != nil {
		return nil, err
	}
	m := b.st.openMap(n)
	for {
		t := b.peek()
		if t.kind == tMapEnd {
			b.advance()
			break
		}
		if b.fieldIndex(m) == 0 {
			n.Line, n.Col = int32(t.line), int32(t.col)
		}
		k := *t
		key, err := b.key(&k)
		if err != nil {
			return nil, err
		}
		b.advance()
		c := b.peek()
		if c.kind != tColon || c.line != k.line {
			return nil, b.fallback() // `{a, b}`: keys without values
		}
		colon := b.next()
		var val *Node
		if nx := b.peek(); nx.kind == tComma || nx.kind == tMapEnd {
			val, err = b.implicitNull(m, colon.line, colon.col, depth+1)
		} else {
			val, err = b.flowValue(n, b.fieldIndex(m), depth+1)
		}
		if err != nil {
			return nil, err
		}
		b.st.put(m, key, val, int32(k.line), int32(k.col), &b.warns)
		switch sep := b.next(); sep.kind {
		case tComma:
		case tMapEnd:
			b.st.closeMap(m)
			return n, nil
		default:
			return nil, b.fallback()
		}
	}
	b.st.closeMap(m)
	return n, nil
}

// flowSeq reads `[1, b, {c: 2}]`.
func (b *tokenBuilder) flowSeq(parent *Node, index, depth int) (*Node, error) {
	b.inFlow++
	defer func() { b.inFlow-- }()
	start := b.next()
	s, err := b.newNode(Seq, &start, parent, index)
	if err != nil {
		return nil, err
	}
	mark := b.st.openSeq()
	for {
		if b.peek().kind == tSeqEnd {
			b.advance()
			b.st.closeSeq(s, mark)
			return s, nil
		}
		item, err := b.flowValue(s, b.st.itemCount(mark), depth+1)
		if err != nil {
			return nil, err
		}
		b.st.addItem(item)
		switch sep := b.next(); sep.kind {
		case tComma:
		case tSeqEnd:
			b.st.closeSeq(s, mark)
			return s, nil
		default:
			return nil, b.fallback()
		}
	}
}

// flowValue reads a value inside a flow collection: a scalar, an alias
// or a nested flow collection (a single-pair map such as `[a: 1]` and
// block content fall back).
func (b *tokenBuilder) flowValue(parent *Node, index, depth int) (*Node, error) {
	t := b.peek()
	if b.tooDeep(depth) {
		if t.kind == tEnd || t.kind == tFail {
			return nil, b.fallback()
		}
		return nil, b.depthErr(t.line, t.col)
	}
	switch t.kind {
	case tMapStart:
		return b.flowMap(parent, index, depth)
	case tSeqStart:
		return b.flowSeq(parent, index, depth)
	case tAlias, tAnchor, tTag:
		return b.valueOnLine(parent, index, -1, -1, depth)
	case tScalar:
		if b.followedByColon() || t.style == mergeStyle || t.style == literalStyle || t.style == foldedStyle {
			return nil, b.fallback()
		}
		return b.scalar(parent, index, false)
	}
	return nil, b.fallback()
}
