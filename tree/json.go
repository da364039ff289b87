package tree

import (
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/eventdiff/eventdiff/limits"
)

// parseJSON is the fast path for JSON input: a single pass that builds the
// node tree with positions directly, without the YAML machinery.
func parseJSON(f *File, data []byte, lim limits.Limits) (*Node, []Warning, error) {
	p := &jsonParser{file: f, data: data, line: 1, lineStart: 0, lim: lim}
	p.skipSpace()
	if p.pos < len(data) && data[p.pos] == 0xEF { // UTF-8 byte order mark
		p.pos += 3
		p.lineStart = p.pos
	}
	p.skipSpace()
	root, err := p.value(nil, 0, 0)
	if err != nil {
		return nil, nil, err
	}
	p.skipSpace()
	if p.pos < len(data) {
		return nil, nil, p.errorf("invalid JSON: unexpected %q after the top-level value", p.data[p.pos])
	}
	return root, p.warns, nil
}

type jsonParser struct {
	nodes     nodeArena
	file      *File
	data      []byte
	pos       int
	line      int
	lineStart int
	lim       limits.Limits
	warns     []Warning
}

func (p *jsonParser) errorf(format string, args ...any) error {
	return &Error{File: p.file.Name, Line: p.line, Col: p.pos - p.lineStart + 1, Msg: fmt.Sprintf(format, args...)}
}

func (p *jsonParser) skipSpace() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
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

func (p *jsonParser) newNode(kind Kind, parent *Node, index int) *Node {
	n := p.nodes.alloc()
	*n = Node{Kind: kind, Parent: parent, Index: int32(index), File: p.file,
		Line: int32(p.line), Col: int32(p.pos - p.lineStart + 1)}
	return n
}

func (p *jsonParser) value(parent *Node, index, depth int) (*Node, error) {
	if p.lim.MaxDepth > 0 && depth > p.lim.MaxDepth {
		return nil, limitAt(p.file.Name, p.line, p.pos-p.lineStart+1, limits.Depth, "nesting is deeper than the limit of %d", p.lim.MaxDepth)
	}
	if p.pos >= len(p.data) {
		return nil, p.errorf("invalid JSON: unexpected end of input")
	}
	switch c := p.data[p.pos]; {
	case c == '{':
		return p.object(parent, index, depth)
	case c == '[':
		return p.array(parent, index, depth)
	case c == '"':
		n := p.newNode(String, parent, index)
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		n.Value = s
		return n, nil
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
	if len(p.data)-p.pos < len(word) || string(p.data[p.pos:p.pos+len(word)]) != word {
		return nil, p.errorf("invalid JSON: unexpected %q", p.data[p.pos])
	}
	n := p.newNode(kind, parent, index)
	n.Value = word
	p.pos += len(word)
	return n, nil
}

func (p *jsonParser) number(parent *Node, index int) (*Node, error) {
	n := p.newNode(Number, parent, index)
	start := p.pos
	if p.data[p.pos] == '-' {
		p.pos++
	}
	digits := func() int {
		s := p.pos
		for p.pos < len(p.data) && p.data[p.pos] >= '0' && p.data[p.pos] <= '9' {
			p.pos++
		}
		return p.pos - s
	}
	if digits() == 0 {
		return nil, p.errorf("invalid JSON: malformed number")
	}
	if p.pos < len(p.data) && p.data[p.pos] == '.' {
		p.pos++
		if digits() == 0 {
			return nil, p.errorf("invalid JSON: malformed number")
		}
	}
	if p.pos < len(p.data) && (p.data[p.pos] == 'e' || p.data[p.pos] == 'E') {
		p.pos++
		if p.pos < len(p.data) && (p.data[p.pos] == '+' || p.data[p.pos] == '-') {
			p.pos++
		}
		if digits() == 0 {
			return nil, p.errorf("invalid JSON: malformed number")
		}
	}
	n.Value = string(p.data[start:p.pos])
	return n, nil
}

func (p *jsonParser) str() (string, error) {
	p.pos++ // opening quote
	start := p.pos
	// Fast path: no escapes.
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		if c == '"' {
			s := string(p.data[start:p.pos])
			p.pos++
			return s, nil
		}
		if c == '\\' || c < 0x20 {
			break
		}
		p.pos++
	}
	buf := append([]byte(nil), p.data[start:p.pos]...)
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		switch {
		case c == '"':
			p.pos++
			return string(buf), nil
		case c == '\n':
			return "", p.errorf("invalid JSON: line break inside a string")
		case c < 0x20:
			return "", p.errorf("invalid JSON: control character inside a string")
		case c == '\\':
			if p.pos+1 >= len(p.data) {
				return "", p.errorf("invalid JSON: unterminated string")
			}
			e := p.data[p.pos+1]
			p.pos += 2
			switch e {
			case '"', '\\', '/':
				buf = append(buf, e)
			case 'b':
				buf = append(buf, '\b')
			case 'f':
				buf = append(buf, '\f')
			case 'n':
				buf = append(buf, '\n')
			case 'r':
				buf = append(buf, '\r')
			case 't':
				buf = append(buf, '\t')
			case 'u':
				r, err := p.hex4()
				if err != nil {
					return "", err
				}
				if utf16.IsSurrogate(r) {
					r2 := rune(utf8.RuneError)
					if p.pos+1 < len(p.data) && p.data[p.pos] == '\\' && p.data[p.pos+1] == 'u' {
						p.pos += 2
						lo, err := p.hex4()
						if err != nil {
							return "", err
						}
						r2 = lo
					}
					r = utf16.DecodeRune(r, r2)
				}
				buf = utf8.AppendRune(buf, r)
			default:
				return "", p.errorf("invalid JSON: unknown escape \\%c", e)
			}
		default:
			buf = append(buf, c)
			p.pos++
		}
	}
	return "", p.errorf("invalid JSON: unterminated string")
}

func (p *jsonParser) hex4() (rune, error) {
	if len(p.data)-p.pos < 4 {
		return 0, p.errorf("invalid JSON: short \\u escape")
	}
	v, err := strconv.ParseUint(string(p.data[p.pos:p.pos+4]), 16, 32)
	if err != nil {
		return 0, p.errorf("invalid JSON: bad \\u escape")
	}
	p.pos += 4
	return rune(v), nil
}

func (p *jsonParser) object(parent *Node, index, depth int) (*Node, error) {
	n := p.newNode(Map, parent, index)
	p.pos++
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return n, nil
	}
	for {
		p.skipSpace()
		if p.pos >= len(p.data) || p.data[p.pos] != '"' {
			return nil, p.errorf("invalid JSON: expected a string key")
		}
		keyLine, keyCol := int32(p.line), int32(p.pos-p.lineStart+1)
		key, err := p.str()
		if err != nil {
			return nil, err
		}
		p.skipSpace()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return nil, p.errorf("invalid JSON: expected ':' after key %q", key)
		}
		p.pos++
		p.skipSpace()
		val, err := p.value(n, len(n.Fields), depth+1)
		if err != nil {
			return nil, err
		}
		if val.Kind == Map || val.Kind == Seq {
			val.Line, val.Col = keyLine, keyCol
		}
		if i := n.fieldIndex(key); i >= 0 {
			p.warns = append(p.warns, Warning{File: p.file.Name, Line: int(keyLine), Msg: fmt.Sprintf("duplicate key %q; the last value is used", key)})
			val.Index = int32(i)
			n.Fields[i].Value = val
		} else {
			n.appendField(Field{Key: key, Value: val})
		}
		p.skipSpace()
		if p.pos >= len(p.data) {
			return nil, p.errorf("invalid JSON: unterminated object")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case '}':
			p.pos++
			n.BuildIndex()
			return n, nil
		default:
			return nil, p.errorf("invalid JSON: expected ',' or '}'")
		}
	}
}

func (p *jsonParser) array(parent *Node, index, depth int) (*Node, error) {
	n := p.newNode(Seq, parent, index)
	p.pos++
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		return n, nil
	}
	for {
		p.skipSpace()
		val, err := p.value(n, len(n.Items), depth+1)
		if err != nil {
			return nil, err
		}
		n.Items = append(n.Items, val)
		p.skipSpace()
		if p.pos >= len(p.data) {
			return nil, p.errorf("invalid JSON: unterminated array")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case ']':
			p.pos++
			return n, nil
		default:
			return nil, p.errorf("invalid JSON: expected ',' or ']'")
		}
	}
}
