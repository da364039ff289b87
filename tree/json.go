package tree

import (
	"fmt"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/eventdiff/eventdiff/limits"
)

// parseJSON is the fast path for JSON input: a single pass that builds the
// node tree with positions directly, without the YAML machinery. It reads
// JSON exactly as encoding/json does (the same values, the same texts
// accepted and refused: a fuzz test holds it to that), at about twice the
// speed of building the tree from encoding/json's tokens, which also lack
// positions. Strings without escapes are slices of the text.
func parseJSON(f *File, text string, m *meter) (*Node, []Warning, error) {
	p := &jsonParser{file: f, text: text, line: 1, m: m}
	p.skipSpace()
	root, err := p.value(nil, 0, 0)
	if err != nil {
		return nil, nil, err
	}
	p.skipSpace()
	if p.pos < len(p.text) {
		return nil, nil, p.errorf("invalid JSON: unexpected %q after the top-level value", p.text[p.pos])
	}
	return root, p.warns, nil
}

type jsonParser struct {
	nodes     nodeArena
	st        stacks
	file      *File
	text      string
	pos       int
	line      int
	lineStart int
	m         *meter
	warns     []Warning
}

func (p *jsonParser) col() int { return p.pos - p.lineStart + 1 }

func (p *jsonParser) errorf(format string, args ...any) error {
	return &Error{File: p.file.Name, Line: p.line, Col: p.col(), Msg: fmt.Sprintf(format, args...)}
}

func (p *jsonParser) skipSpace() {
	for p.pos < len(p.text) {
		switch p.text[p.pos] {
		case ' ', '\t', '\r':
			p.pos++
		case '\n':
			p.pos++
			p.line++
			p.lineStart = p.pos
		default:
			return
		}
	}
}

func (p *jsonParser) newNode(kind Kind, parent *Node, index int) (*Node, error) {
	if err := p.m.node(p.line, p.col()); err != nil {
		return nil, err
	}
	n := p.nodes.alloc()
	*n = Node{Kind: kind, Parent: parent, Index: int32(index), File: p.file, Line: int32(p.line), Col: int32(p.col())}
	return n, nil
}

func (p *jsonParser) value(parent *Node, index, depth int) (*Node, error) {
	if p.m.lim.MaxDepth > 0 && depth > p.m.lim.MaxDepth {
		return nil, limitAt(p.file.Name, p.line, p.col(), limits.Depth, "nesting is deeper than the limit of %d", p.m.lim.MaxDepth)
	}
	if p.pos >= len(p.text) {
		return nil, p.errorf("invalid JSON: unexpected end of input")
	}
	switch c := p.text[p.pos]; {
	case c == '{':
		return p.object(parent, index, depth)
	case c == '[':
		return p.array(parent, index, depth)
	case c == '"':
		n, err := p.newNode(String, parent, index)
		if err != nil {
			return nil, err
		}
		n.Value, err = p.str()
		return n, err
	case c == 't':
		return p.literal("true", Bool, parent, index)
	case c == 'f':
		return p.literal("false", Bool, parent, index)
	case c == 'n':
		n, err := p.literal("null", Null, parent, index)
		if n != nil {
			n.Value = ""
		}
		return n, err
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number(parent, index)
	default:
		return nil, p.errorf("invalid JSON: unexpected %q", c)
	}
}

func (p *jsonParser) literal(word string, kind Kind, parent *Node, index int) (*Node, error) {
	if len(p.text)-p.pos < len(word) || p.text[p.pos:p.pos+len(word)] != word {
		return nil, p.errorf("invalid JSON: unexpected %q", p.text[p.pos])
	}
	n, err := p.newNode(kind, parent, index)
	if err != nil {
		return nil, err
	}
	n.Value = word
	p.pos += len(word)
	return n, nil
}

// number reads -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?.
func (p *jsonParser) number(parent *Node, index int) (*Node, error) {
	n, err := p.newNode(Number, parent, index)
	if err != nil {
		return nil, err
	}
	start := p.pos
	if p.text[p.pos] == '-' {
		p.pos++
	}
	digits := func() int {
		s := p.pos
		for p.pos < len(p.text) && p.text[p.pos] >= '0' && p.text[p.pos] <= '9' {
			p.pos++
		}
		return p.pos - s
	}
	first := p.pos
	if d := digits(); d == 0 || d > 1 && p.text[first] == '0' {
		return nil, p.errorf("invalid JSON: malformed number")
	}
	if p.pos < len(p.text) && p.text[p.pos] == '.' {
		p.pos++
		if digits() == 0 {
			return nil, p.errorf("invalid JSON: malformed number")
		}
	}
	if p.pos < len(p.text) && (p.text[p.pos] == 'e' || p.text[p.pos] == 'E') {
		p.pos++
		if p.pos < len(p.text) && (p.text[p.pos] == '+' || p.text[p.pos] == '-') {
			p.pos++
		}
		if digits() == 0 {
			return nil, p.errorf("invalid JSON: malformed number")
		}
	}
	n.Value = p.text[start:p.pos]
	if err := p.m.scalar(len(n.Value), int(n.Line), int(n.Col)); err != nil {
		return nil, err
	}
	return n, nil
}

// str reads a string, decoding it as encoding/json does: a surrogate that
// is not half of a pair, and a byte that is not UTF-8, become U+FFFD.
func (p *jsonParser) str() (string, error) {
	line, col := p.line, p.col()
	p.pos++ // opening quote
	start := p.pos
	// Fast path: no escapes, nothing to replace.
	for p.pos < len(p.text) {
		c := p.text[p.pos]
		if c == '"' {
			s := p.text[start:p.pos]
			p.pos++
			return s, p.m.scalar(len(s), line, col)
		}
		if c == '\\' || c < 0x20 || c >= utf8.RuneSelf {
			break
		}
		p.pos++
	}
	buf := []byte(p.text[start:p.pos])
	for p.pos < len(p.text) {
		c := p.text[p.pos]
		switch {
		case c == '"':
			p.pos++
			return string(buf), p.m.scalar(len(buf), line, col)
		case c == '\n':
			return "", p.errorf("invalid JSON: line break inside a string")
		case c < 0x20:
			return "", p.errorf("invalid JSON: control character inside a string")
		case c == '\\':
			var err error
			if buf, err = p.escape(buf); err != nil {
				return "", err
			}
		case c < utf8.RuneSelf:
			buf = append(buf, c)
			p.pos++
		default:
			r, size := utf8.DecodeRuneInString(p.text[p.pos:])
			buf = utf8.AppendRune(buf, r)
			p.pos += size
		}
	}
	return "", p.errorf("invalid JSON: unterminated string")
}

// escape decodes the escape at pos (a backslash) into buf.
func (p *jsonParser) escape(buf []byte) ([]byte, error) {
	if p.pos+1 >= len(p.text) {
		return nil, p.errorf("invalid JSON: unterminated string")
	}
	e := p.text[p.pos+1]
	p.pos += 2
	switch e {
	case '"', '\\', '/':
		return append(buf, e), nil
	case 'b':
		return append(buf, '\b'), nil
	case 'f':
		return append(buf, '\f'), nil
	case 'n':
		return append(buf, '\n'), nil
	case 'r':
		return append(buf, '\r'), nil
	case 't':
		return append(buf, '\t'), nil
	case 'u':
		r, ok := hexRune(p.text, p.pos, 4)
		if !ok {
			return nil, p.errorf("invalid JSON: bad \\u escape")
		}
		p.pos += 4
		if utf16.IsSurrogate(r) {
			// Half of a pair: the other half must follow, or both are
			// replaced, and what follows is read on its own.
			if lo, ok := hexRune(p.text, p.pos+2, 4); ok && p.text[p.pos] == '\\' && p.text[p.pos+1] == 'u' {
				if dec := utf16.DecodeRune(r, lo); dec != utf8.RuneError {
					p.pos += 6
					return utf8.AppendRune(buf, dec), nil
				}
			}
			r = utf8.RuneError
		}
		return utf8.AppendRune(buf, r), nil
	}
	return nil, p.errorf("invalid JSON: unknown escape \\%c", e)
}

func (p *jsonParser) object(parent *Node, index, depth int) (*Node, error) {
	n, err := p.newNode(Map, parent, index)
	if err != nil {
		return nil, err
	}
	p.pos++
	p.skipSpace()
	if p.pos < len(p.text) && p.text[p.pos] == '}' {
		p.pos++
		return n, nil
	}
	m := p.st.openMap(n)
	for {
		p.skipSpace()
		if p.pos >= len(p.text) || p.text[p.pos] != '"' {
			return nil, p.errorf("invalid JSON: expected a string key")
		}
		keyLine, keyCol := int32(p.line), int32(p.col())
		key, err := p.str()
		if err != nil {
			return nil, err
		}
		p.skipSpace()
		if p.pos >= len(p.text) || p.text[p.pos] != ':' {
			return nil, p.errorf("invalid JSON: expected ':' after key %q", key)
		}
		p.pos++
		p.skipSpace()
		val, err := p.value(n, p.st.fieldCount(m), depth+1)
		if err != nil {
			return nil, err
		}
		p.st.put(m, key, val, keyLine, keyCol, &p.warns)
		p.skipSpace()
		if p.pos >= len(p.text) {
			return nil, p.errorf("invalid JSON: unterminated object")
		}
		switch p.text[p.pos] {
		case ',':
			p.pos++
		case '}':
			p.pos++
			p.st.closeMap(m)
			return n, nil
		default:
			return nil, p.errorf("invalid JSON: expected ',' or '}'")
		}
	}
}

func (p *jsonParser) array(parent *Node, index, depth int) (*Node, error) {
	n, err := p.newNode(Seq, parent, index)
	if err != nil {
		return nil, err
	}
	p.pos++
	p.skipSpace()
	if p.pos < len(p.text) && p.text[p.pos] == ']' {
		p.pos++
		return n, nil
	}
	mark := p.st.openSeq()
	for {
		p.skipSpace()
		val, err := p.value(n, p.st.itemCount(mark), depth+1)
		if err != nil {
			return nil, err
		}
		p.st.addItem(val)
		p.skipSpace()
		if p.pos >= len(p.text) {
			return nil, p.errorf("invalid JSON: unterminated array")
		}
		switch p.text[p.pos] {
		case ',':
			p.pos++
		case ']':
			p.pos++
			p.st.closeSeq(n, mark)
			return n, nil
		default:
			return nil, p.errorf("invalid JSON: expected ',' or ']'")
		}
	}
}
