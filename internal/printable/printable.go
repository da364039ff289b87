package printable

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// String returns s with every character that could control a terminal or
// reorder text replaced by a visible escape: \n, \r and \t as such, other
// characters below U+0080 as \xHH, the others as \uHHHH, and bytes that
// are not UTF-8 as \xHH. Everything else, backslashes included, is kept,
// so that ordinary text reads exactly as written.
func String(s string) string {
	i := unsafeIndex(s)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case !unsafe(r):
			b.WriteString(s[i : i+size])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x80:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
		i += size
	}
	return b.String()
}

// unsafeIndex is the index of the first character String changes, or -1.
func unsafeIndex(s string) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size <= 1) || unsafe(r) {
			return i
		}
		i += size
	}
	return -1
}

// unsafe reports whether a character is one String escapes.
func unsafe(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7f && r <= 0x9f: // C0, DEL, C1
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f: // Arabic letter mark, LRM, RLM
		return true
	case r >= 0x202a && r <= 0x202e: // LRE, RLE, PDF, LRO, RLO
		return true
	case r >= 0x2066 && r <= 0x2069: // LRI, RLI, FSI, PDI
		return true
	case r == 0x2028, r == 0x2029: // line and paragraph separators
		return true
	}
	return false
}

// Lines is a writer for text made of whole lines, one or more per Write,
// such as messages on stderr: what String escapes is escaped, except the
// newline that ends each Write. A line break inside a Write is a name's,
// not the message's, and is escaped too, so that a name can neither start
// a line of its own (a forged message, or a GitHub workflow command) nor
// move the cursor.
type Lines struct {
	W io.Writer
}

func (l Lines) Write(p []byte) (int, error) {
	s := string(p)
	end := ""
	if strings.HasSuffix(s, "\n") {
		s, end = s[:len(s)-1], "\n"
	}
	if _, err := io.WriteString(l.W, String(s)+end); err != nil {
		return 0, err
	}
	return len(p), nil
}

// JSON escapes, in JSON that encoding/json wrote, the characters it
// leaves as they are although String would escape them: DEL, the C1
// codes and the bidirectional controls become \uHHHH. The data does not
// change (a JSON reader decodes the same string); only what a person
// sees when the JSON reaches a terminal does. Outside strings JSON is
// ASCII, so no character needs to be told apart by where it is.
func JSON(data []byte) []byte {
	var out []byte
	last := 0
	for i := 0; i < len(data); {
		c := data[i]
		if c < 0x7f {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if unsafe(r) {
			if out == nil {
				out = make([]byte, 0, len(data)+16)
			}
			out = append(out, data[last:i]...)
			out = fmt.Appendf(out, `\u%04x`, r)
			last = i + size
		}
		i += size
	}
	if out == nil {
		return data
	}
	return append(out, data[last:]...)
}
