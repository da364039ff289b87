package tree

import (
	"strings"
	"unicode/utf8"
)

// yamlScanner splits YAML text into tokens, one at a time, for the token
// builder. It replaces goccy's lexer on the fast path: that lexer turns the
// whole file into runes and then into tokens of some 200 bytes each before
// anything is built, about 30 bytes of memory per byte of input, and it
// reads a few megabytes a second. This scanner reads the text in place,
// keeps two tokens of lookahead, and makes a string only where a scalar's
// value differs from its text.
//
// It reads the YAML that documents are written in, and gives up
// (errFallback) on anything else, so that goccy's parser reads it instead.
// Where it does not give up, its tokens are goccy's, positions included,
// quirks included (a test holds it to that on every real document): the
// builder's tree must equal the full parser's, and reports keep their
// columns. In particular, like goccy:
//
//   - a plain scalar ended by a line break is placed as many columns to the
//     right of its first character as it has trailing spaces on its line;
//   - whether the next line continues a plain scalar, and where a block
//     scalar ends, is decided against the column of the last key or `-`
//     (goccy's lastDelimColumn), not by the indentation of the collection;
//   - in a flow mapping, a `:` followed by anything but `/` separates a key
//     unless the token before is itself a `:`.
type yamlScanner struct {
	src       string
	pos       int // offset of the next byte to read
	line      int // line of pos, from 1
	lineStart int // offset of the first byte of the line
	colPos    int // a position on the current line whose column is known
	colVal    int // its column, counted in characters from 1
	lineShift int // columns goccy loses on the current line (after a tag)

	flow      []byte // the open flow collections: '[' or '{'
	flowMaps  int    // how many of them are mappings
	lastDelim int    // goccy's lastDelimColumn: the column of the last key or `-`
	last      tokKind
	lastStyle byte // the style of the last token when it is a scalar
	lastCol   int

	queue [2]ytoken // lookahead
	head  int
	n     int
	err   error // errFallback once the text holds something the scanner does not read
}

type tokKind uint8

const (
	tEnd      tokKind = iota // end of the text
	tFail                    // the scanner gave up; every later token is tFail too
	tDocStart                // ---
	tDocEnd                  // ...
	tEntry                   // "- " of a block sequence
	tColon                   // ":" after a key
	tSeqStart                // [
	tSeqEnd                  // ]
	tMapStart                // {
	tMapEnd                  // }
	tComma                   // ,
	tAnchor                  // &name (value: name)
	tAlias                   // *name (value: name)
	tTag                     // !tag (value: the tag with its !)
	tScalar                  // a scalar of any style
	tComment                 // only recorded as the last token: never returned
)

// Scalar styles.
const (
	plainStyle   byte = 0
	singleStyle  byte = '\''
	doubleStyle  byte = '"'
	literalStyle byte = '|'
	foldedStyle  byte = '>'
	mergeStyle   byte = '<' // a plain `<<` written as a mapping key
)

// ytoken is one token. Line and column are goccy's: from 1, the column in
// characters; a block scalar is placed at its `|` or `>`.
type ytoken struct {
	kind  tokKind
	style byte
	line  int
	col   int
	value string
}

func newYAMLScanner(src string) *yamlScanner {
	s := &yamlScanner{src: src, line: 1, colVal: 1}
	if !utf8.ValidString(src) || strings.IndexByte(src, 0) >= 0 {
		s.err = errFallback // goccy reads invalid bytes as U+FFFD, and NUL as the end
	}
	return s
}

// peek returns the current token.
func (s *yamlScanner) peek() *ytoken { return s.peekAt(0) }

// peekAt returns the token i places after the current one (i < 2).
func (s *yamlScanner) peekAt(i int) *ytoken {
	for s.n <= i {
		s.queue[(s.head+s.n)%len(s.queue)] = s.scan()
		s.n++
	}
	return &s.queue[(s.head+i)%len(s.queue)]
}

// advance moves past the current token.
func (s *yamlScanner) advance() {
	s.peek()
	if s.queue[s.head].kind == tEnd || s.queue[s.head].kind == tFail {
		return
	}
	s.head = (s.head + 1) % len(s.queue)
	s.n--
}

// fail gives up on the text.
func (s *yamlScanner) fail() ytoken {
	s.err = errFallback
	return ytoken{kind: tFail}
}

// column returns the column of pos, a position on the current line at or
// after every position asked before on it.
func (s *yamlScanner) column(pos int) int {
	if s.colPos < s.lineStart || pos < s.colPos {
		s.colPos, s.colVal = s.lineStart, 1
	}
	for i := s.colPos; i < pos; i++ {
		if s.src[i] < 0x80 || s.src[i] >= 0xC0 {
			s.colVal++
		}
	}
	s.colPos = pos
	return s.colVal - s.lineShift
}

// at returns the byte at i, or 0 past the end.
func (s *yamlScanner) at(i int) byte {
	if i < len(s.src) {
		return s.src[i]
	}
	return 0
}

// lineBreakAt returns the length of the line break at i (1 for \n, 2 for
// \r\n), 0 when there is none, and -1 for a lone \r (which goccy reads its
// own way).
func (s *yamlScanner) lineBreakAt(i int) int {
	switch s.at(i) {
	case '\n':
		return 1
	case '\r':
		if s.at(i+1) == '\n' {
			return 2
		}
		return -1
	}
	return 0
}

// blankAt reports whether i ends a token in block context: a space, a line
// break or the end of the text.
func (s *yamlScanner) blankAt(i int) bool {
	c := s.at(i)
	return i >= len(s.src) || c == ' ' || c == '\n' || c == '\r'
}

// newline moves past a line break of n bytes.
func (s *yamlScanner) newline(n int) {
	s.pos += n
	s.line++
	s.lineStart = s.pos
	s.lineShift = 0
}

func (s *yamlScanner) emit(kind tokKind, line, col int, value string) ytoken {
	s.last = kind
	return ytoken{kind: kind, line: line, col: col, value: value}
}

func (s *yamlScanner) emitScalar(style byte, line, col int, value string) ytoken {
	s.last, s.lastStyle, s.lastCol = tScalar, style, col
	return ytoken{kind: tScalar, style: style, line: line, col: col, value: value}
}

// scan reads the next token.
func (s *yamlScanner) scan() ytoken {
	if s.err != nil {
		return ytoken{kind: tFail}
	}
	for {
		if s.pos >= len(s.src) {
			if len(s.flow) > 0 {
				return s.fail() // unterminated: the parser says where
			}
			return ytoken{kind: tEnd}
		}
		switch c := s.src[s.pos]; c {
		case ' ':
			s.pos++
			continue
		case '\n', '\r':
			n := s.lineBreakAt(s.pos)
			if n < 0 {
				return s.fail()
			}
			s.newline(n)
			continue
		case '#':
			s.skipComment()
			continue
		case '\t':
			return s.fail()
		}
		break
	}
	line, col := s.line, s.column(s.pos)
	c := s.src[s.pos]
	if col == 1 {
		if t, ok := s.documentMarker(line); ok {
			return t
		}
	}
	if len(s.flow) > 0 {
		if t, ok := s.flowIndicator(c, line, col); ok {
			return t
		}
	} else if t, ok := s.blockIndicator(c, line, col); ok {
		return t
	}
	switch c {
	case '[', '{':
		s.flow = append(s.flow, c)
		if c == '{' {
			s.flowMaps++
			s.pos++
			return s.emit(tMapStart, line, col, "")
		}
		s.pos++
		return s.emit(tSeqStart, line, col, "")
	case '&', '*':
		return s.anchorOrAlias(c, line, col)
	case '!':
		return s.tag(line, col)
	case '|', '>':
		if len(s.flow) > 0 {
			return s.fail()
		}
		return s.blockScalar(c, line, col)
	case '\'', '"':
		return s.quoted(c, line, col)
	case '%', '@', '`', '?', ':', ']', '}', ',':
		return s.fail() // directives, reserved characters, odd plain starts
	case '<':
		if t, ok := s.mergeKey(line, col); ok {
			return t
		}
	}
	return s.plain(line, col)
}

func (s *yamlScanner) skipComment() {
	for s.pos < len(s.src) && s.src[s.pos] != '\n' && s.src[s.pos] != '\r' {
		s.pos++
	}
	s.last = tComment
	if s.lineBreakAt(s.pos) == 2 {
		s.line++ // goccy counts the \r and the \n after a comment as two line breaks
	}
}

// documentMarker reads `---` or `...` at the start of a line.
func (s *yamlScanner) documentMarker(line int) (ytoken, bool) {
	rest := s.src[s.pos:]
	switch {
	case strings.HasPrefix(rest, "---") && s.at(s.pos+3) != '-' && (s.blankAt(s.pos+3) || s.at(s.pos+3) == '\t'):
		if len(s.flow) > 0 {
			return s.fail(), true
		}
		s.pos += 3
		s.lastDelim = 0
		return s.emit(tDocStart, line, 1, ""), true
	case strings.HasPrefix(rest, "...") && s.at(s.pos+3) != '.':
		if len(s.flow) > 0 {
			return s.fail(), true
		}
		s.pos += 3
		return s.emit(tDocEnd, line, 1, ""), true
	}
	return ytoken{}, false
}

// blockIndicator reads `- ` and `: ` outside flow collections.
func (s *yamlScanner) blockIndicator(c byte, line, col int) (ytoken, bool) {
	if (c != '-' && c != ':' && c != '?') || !s.blankAt(s.pos+1) {
		return ytoken{}, false
	}
	switch c {
	case '-':
		s.pos++
		s.lastDelim = col
		return s.emit(tEntry, line, col, ""), true
	case ':':
		return s.colon(line, col), true
	}
	return s.fail(), true // `? ` explicit keys
}

// flowIndicator reads `,`, `]`, `}` and `:` inside flow collections.
func (s *yamlScanner) flowIndicator(c byte, line, col int) (ytoken, bool) {
	top := s.flow[len(s.flow)-1]
	switch c {
	case ',':
		s.pos++
		return s.emit(tComma, line, col, ""), true
	case ']', '}':
		if (c == ']') != (top == '[') {
			return s.fail(), true
		}
		s.flow = s.flow[:len(s.flow)-1]
		s.pos++
		if c == '}' {
			s.flowMaps--
			return s.emit(tMapEnd, line, col, ""), true
		}
		return s.emit(tSeqEnd, line, col, ""), true
	case ':':
		if s.flowColon(s.pos) {
			return s.colon(line, col), true
		}
		return s.fail(), true
	case '-', '?':
		if s.blankAt(s.pos + 1) {
			return s.fail(), true // block entries or explicit keys inside [] or {}
		}
	}
	return ytoken{}, false
}

// flowColon reports whether the `:` at i separates a key inside a flow
// collection, the way goccy decides it.
func (s *yamlScanner) flowColon(i int) bool {
	if s.blankAt(i + 1) {
		return true
	}
	return s.flowMaps > 0 && s.at(i+1) != '/' && s.last != tColon
}

// colon emits a `:` at pos. A scalar just before it is the key, whose
// column is goccy's lastDelimColumn from here on.
func (s *yamlScanner) colon(line, col int) ytoken {
	if s.last == tScalar && s.lastStyle != literalStyle && s.lastStyle != foldedStyle {
		s.lastDelim = s.lastCol
	}
	s.pos++
	return s.emit(tColon, line, col, "")
}

// mergeKey reads `<<` followed by `:` as a merge key, as goccy does.
func (s *yamlScanner) mergeKey(line, col int) (ytoken, bool) {
	if !strings.HasPrefix(s.src[s.pos:], "<<") || s.at(s.pos+2) == '<' {
		return ytoken{}, false
	}
	i := s.pos + 2
	for s.at(i) == ' ' {
		i++
	}
	if s.at(i) != ':' || i+1 >= len(s.src) || !s.blankAt(i+1) {
		return ytoken{}, false
	}
	if len(s.flow) > 0 {
		return s.fail(), true
	}
	s.pos += 2
	s.lastDelim = col
	return s.emitScalar(mergeStyle, line, col, "<<"), true
}

// anchorOrAlias reads `&name` or `*name`.
func (s *yamlScanner) anchorOrAlias(c byte, line, col int) ytoken {
	i := s.pos + 1
	for i < len(s.src) && isAnchorChar(s.src[i]) {
		i++
	}
	end, first := s.at(i), s.at(s.pos+1)
	if i == s.pos+1 || first == '-' || first == '.' ||
		!(s.blankAt(i) || len(s.flow) > 0 && (end == ',' || end == ']' || end == '}')) {
		return s.fail() // goccy may read the name's first character as an indicator
	}
	name := s.src[s.pos+1 : i]
	s.pos = i
	if c == '&' {
		return s.emit(tAnchor, line, col, name)
	}
	return s.emit(tAlias, line, col, name)
}

func isAnchorChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.'
}

// tag reads `!tag`, which ends at a space or a line break.
func (s *yamlScanner) tag(line, col int) ytoken {
	i := s.pos + 1
	for i < len(s.src) && s.src[i] != ' ' && s.src[i] != '\n' && s.src[i] != '\r' {
		switch s.src[i] {
		case ',', '{', '}', '\t':
			return s.fail() // goccy misplaces what follows, or refuses it
		}
		i++
	}
	if i >= len(s.src) {
		return s.fail() // goccy drops a tag at the end of the text
	}
	value := s.src[s.pos:i]
	s.pos = i
	if s.src[i] == ' ' {
		// goccy steps over the space after a tag without counting its
		// column: what follows on the line is placed one to the left.
		s.pos++
		s.lineShift++
	}
	return s.emit(tTag, line, col, value)
}

// plainEnd says why a plain scalar's line ended.
type plainEnd uint8

const (
	endToken plainEnd = iota // a `:`, a comment, a flow indicator: the scalar ends here
	endLine                  // a line break: the next line may continue it
	endText                  // the end of the text
)

// plainLine reads the rest of a plain scalar's line from s.pos: it returns
// the end of its text (trailing spaces excluded) and stops at what ends it.
func (s *yamlScanner) plainLine() (end int, why plainEnd, ok bool) {
	end = s.pos
	flow := len(s.flow) > 0
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		switch c {
		case '\n', '\r':
			return end, endLine, true
		case ' ':
			s.pos++
			continue
		case '\t':
			return 0, 0, false
		case '#':
			if s.src[s.pos-1] == ' ' {
				return end, endToken, true
			}
		case ':':
			if flow && s.flowColon(s.pos) || !flow && s.blankAt(s.pos+1) {
				return end, endToken, true
			}
		case '<':
			if s.at(s.pos+1) == '<' {
				return 0, 0, false // goccy may read a merge key inside the scalar
			}
		case ',', ']', '}':
			if flow {
				return end, endToken, true
			}
		case '[', '{':
			if flow {
				return 0, 0, false
			}
		}
		s.pos++
		end = s.pos
	}
	return end, endText, true
}

// plain reads a plain scalar, with the lines that continue it.
func (s *yamlScanner) plain(line, col int) ytoken {
	start := s.pos
	end, why, ok := s.plainLine()
	if !ok {
		return s.fail()
	}
	value := s.src[start:end]
	if why != endLine {
		return s.emitScalar(plainStyle, line, col, value)
	}
	// goccy places a scalar ended by a line break by its trimmed length
	// counted back from the line break.
	col += s.pos - end
	if len(s.flow) > 0 {
		if !s.nextLineClosesFlow() {
			return s.fail() // a plain scalar over several lines inside [] or {}
		}
		return s.emitScalar(plainStyle, line, col, value)
	}
	var b strings.Builder
	for {
		next, breaks, ok := s.continuation()
		if !ok {
			return s.fail()
		}
		if next < 0 {
			break
		}
		if b.Len() == 0 {
			b.WriteString(value)
		}
		if breaks == 0 {
			b.WriteByte(' ')
		}
		for i := 0; i < breaks; i++ {
			b.WriteByte('\n')
		}
		for s.pos < next {
			n := s.lineBreakAt(s.pos)
			if n <= 0 {
				s.pos++
				continue
			}
			s.newline(n)
		}
		s.pos = next
		from := s.pos
		end, why, ok := s.plainLine()
		if !ok || why == endToken {
			return s.fail() // a key or a comment on a continuation line
		}
		b.WriteString(s.src[from:end])
		if why == endText {
			break
		}
	}
	if b.Len() > 0 {
		value = b.String()
	}
	return s.emitScalar(plainStyle, line, col, value)
}

// continuation looks at the lines after a plain scalar's line (s.pos is at
// its line break): the start of the next line that continues the scalar,
// or next < 0 when the scalar ends there; and the line feeds that join
// them (0 for a space). ok is false for lines goccy reads its own way.
//
// goccy folds as the spec does, one line feed per empty line, except that
// a line of spaces first drops the line feeds before it.
func (s *yamlScanner) continuation() (next, breaks int, ok bool) {
	i := s.pos
	for {
		n := s.lineBreakAt(i)
		if n < 0 {
			return 0, 0, false
		}
		if n == 0 {
			return -1, 0, true // the end of the text
		}
		i += n
		indent := 0
		for s.at(i+indent) == ' ' {
			indent++
		}
		j := i + indent
		switch s.at(j) {
		case '\n', '\r':
			if indent > 0 {
				breaks = 0
			}
			breaks++
			i = j
			continue
		case '\t':
			return 0, 0, false
		case 0:
			if j >= len(s.src) {
				return -1, 0, true
			}
		}
		col := indent + 1
		if s.at(j) == '#' || s.lastDelim != 0 && col <= s.lastDelim {
			return -1, 0, true
		}
		if col == 1 || strings.IndexByte("-?:,[]{}#&*!|>'\"%@`", s.at(j)) >= 0 {
			return 0, 0, false
		}
		return j, breaks, true
	}
}

// nextLineClosesFlow reports whether the next line that is not blank starts
// with `,`, `]` or `}`: then a plain scalar inside a flow collection ends
// at its line break.
func (s *yamlScanner) nextLineClosesFlow() bool {
	for i := s.pos; i < len(s.src); i++ {
		switch s.src[i] {
		case ' ', '\n':
			continue
		case ',', ']', '}':
			return true
		}
		return false
	}
	return false
}

// quotedBreak handles a line break inside a quoted scalar the way goccy
// does: the spaces before it are dropped, a first break is a space and
// each further one a line feed, and the next line's indentation is
// skipped. It returns false for what goccy reads its own way.
func (s *yamlScanner) quotedBreak(b []byte, firstLineChar *bool) ([]byte, bool) {
	if s.lineBreakAt(s.pos) != 1 {
		return b, false
	}
	for len(b) > 0 && b[len(b)-1] == ' ' {
		b = b[:len(b)-1]
	}
	if *firstLineChar {
		b = append(b, '\n')
	} else {
		b = append(b, ' ')
	}
	*firstLineChar = true
	s.newline(1)
	if s.atDocumentSeparator() {
		return b, false
	}
	return b, true
}

// atDocumentSeparator reports whether the line at pos starts with `---` or
// `...` as goccy recognises them inside a quoted scalar.
func (s *yamlScanner) atDocumentSeparator() bool {
	rest := s.src[s.pos:]
	if len(rest) > 4 {
		rest = rest[:4]
	}
	rest = strings.TrimRight(rest, " \t\r\n")
	return rest == "---" || rest == "..."
}

// quoted reads a 'single-quoted' or "double-quoted" scalar (q is the
// quote), with the escapes of its style.
func (s *yamlScanner) quoted(q byte, line, col int) ytoken {
	s.pos++
	start := s.pos
	var b []byte // nil while the value is the text itself
	decode := func() {
		if b == nil {
			b = append(make([]byte, 0, s.pos-start+16), s.src[start:s.pos]...)
		}
	}
	firstLineChar := false
	for s.pos < len(s.src) {
		c, ok := s.src[s.pos], true
		switch {
		case c == '\'' && q == '\'' && s.at(s.pos+1) == '\'':
			decode()
			b = append(b, '\'')
			s.pos += 2 // goccy leaves firstLineChar as it is: spaces after '' may still be dropped
		case c == q:
			value := s.src[start:s.pos]
			if b != nil {
				value = string(b)
			}
			s.pos++
			return s.emitScalar(q, line, col, value)
		case c == '\\' && q == '"':
			decode()
			b, ok = s.escape(b, &firstLineChar)
		case c == '\n' || c == '\r':
			decode()
			b, ok = s.quotedBreak(b, &firstLineChar)
		case c == '\t' && firstLineChar:
			return s.fail() // goccy refuses or skips it by a column of its own
		case c == '\t' && q == '"':
			decode()
			b, ok = s.quotedTab(b)
		case c == ' ' && firstLineChar:
			s.pos++
		default:
			if b != nil {
				b = append(b, c)
			}
			s.pos++
			firstLineChar = false
		}
		if !ok {
			return s.fail()
		}
	}
	return s.fail() // unterminated
}

// quotedTab reads a tab inside a double-quoted scalar as goccy does: kept
// right before the closing quote, dropped with the blanks after it at the
// end of a line. Anywhere else goccy keeps it but steps one character too
// far, and skips the character after the scalar: ok is false.
func (s *yamlScanner) quotedTab(b []byte) ([]byte, bool) {
	i := s.pos + 1
	for i < len(s.src) && (s.src[i] == ' ' || s.src[i] == '\t') {
		i++
	}
	if i >= len(s.src) || s.src[i] == '\n' || s.src[i] == '\r' {
		s.pos = i // trailing blanks: the line break that follows drops them
		return b, true
	}
	if s.src[s.pos+1] != '"' {
		return b, false
	}
	s.pos++
	return append(b, '\t'), true
}

// escapes are the one-character escapes of double-quoted scalars.
var escapes = map[byte]rune{
	'0': 0, 'a': 7, 'b': 8, 't': 9, 'n': 10, 'v': 11, 'f': 12, 'r': 13, 'e': 0x1B,
	' ': ' ', '"': '"', '/': '/', '\\': '\\', 'N': 0x85, '_': 0xA0, 'L': 0x2028, 'P': 0x2029,
}

// escape decodes the escape at pos (a backslash) into b.
func (s *yamlScanner) escape(b []byte, firstLineChar *bool) ([]byte, bool) {
	*firstLineChar = false
	e := s.at(s.pos + 1)
	if r, ok := escapes[e]; ok && s.pos+1 < len(s.src) {
		s.pos += 2
		return utf8.AppendRune(b, r), true
	}
	switch e {
	case '\n':
		// An escaped line break joins the lines: the next line's
		// indentation is skipped.
		s.pos++
		s.newline(1)
		*firstLineChar = true
		return b, true
	case 'x', 'u', 'U':
		n := map[byte]int{'x': 2, 'u': 4, 'U': 8}[e]
		r, ok := hexRune(s.src, s.pos+2, n)
		if !ok {
			return b, false
		}
		s.pos += 2 + n
		if r >= 0xD800 && r <= 0xDBFF && e == 'u' {
			if s.at(s.pos) != '\\' || s.at(s.pos+1) != 'u' {
				return b, false
			}
			lo, ok := hexRune(s.src, s.pos+2, 4)
			if !ok || lo < 0xDC00 || lo > 0xDFFF {
				return b, false
			}
			s.pos += 6
			r = (r-0xD800)*0x400 + (lo - 0xDC00) + 0x10000
		}
		if !utf8.ValidRune(r) {
			return b, false // goccy writes U+FFFD
		}
		return utf8.AppendRune(b, r), true
	}
	return b, false // unknown escapes, and those goccy reads its own way
}

// hexRune reads n hexadecimal digits at i.
func hexRune(s string, i, n int) (rune, bool) {
	if i+n > len(s) {
		return 0, false
	}
	var r rune
	for _, c := range []byte(s[i : i+n]) {
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(d)
	}
	return r, true
}

// blockState is goccy's state while it reads the lines of a block scalar.
// Columns count from 1; 0 means not known yet.
type blockState struct {
	folded          bool
	chomp           byte // '-', '+' or 0
	start           int  // where the scalar's lines start in the text
	firstIndent     int  // the column of the first line's text: the scalar's indentation
	lineIndent      int  // the column of the current line's text
	prevIndent      int  // lineIndent of the line before (0 when it was blank)
	lastTextIndent  int  // lineIndent of the last line that was not blank
	spaceOnlyIndent int  // spaces on the blank lines before the first line of text
	foldedNewLine   bool
	buf             []byte
	notSpace        int // the length of buf without its trailing spaces
}

// blockScalar reads a literal (|) or folded (>) scalar: its header, then
// its lines, with goccy's rules for indentation, folding and chomping.
func (s *yamlScanner) blockScalar(c byte, line, col int) ytoken {
	chomp, ok := s.blockHeader(col)
	if !ok {
		return s.fail()
	}
	b := &blockState{folded: c == foldedStyle, chomp: chomp, start: s.pos}
	for s.pos < len(s.src) {
		sp := 0
		for s.at(s.pos+sp) == ' ' {
			sp++
		}
		k := s.pos + sp
		if k >= len(s.src) || s.src[k] == '\t' {
			return s.fail()
		}
		if n := s.lineBreakAt(k); n != 0 { // a blank line
			b.indentSpaces(sp)
			if !s.blockLineBreak(b, sp, k, n) {
				return s.fail()
			}
			continue
		}
		textCol := sp + 1
		if s.lastDelim >= textCol { // a line indented less ends the scalar
			if !s.blockEndsWell(b, k) {
				return s.fail()
			}
			break
		}
		e := k // a tab after the line's first character is text (at k, see above)
		for e < len(s.src) && s.src[e] != '\n' && s.src[e] != '\r' {
			e++
		}
		// goccy reads the last character of the text on its own: when it
		// is all of its line's text, the line is neither folded nor checked.
		last := e == len(s.src) && e == k+1
		if !b.text(sp, textCol, last) {
			return s.fail()
		}
		if b.firstIndent > 1 && !last {
			s.lastDelim = b.firstIndent - 1
		}
		for i := k; i < e; i++ {
			b.add(s.src[i], i == len(s.src)-1)
		}
		if e == len(s.src) {
			s.pos = e
			break
		}
		if !s.blockLineBreak(b, sp, e, s.lineBreakAt(e)) {
			return s.fail()
		}
	}
	return s.emitScalar(c, line, col, b.value())
}

// blockHeader reads the rest of a block scalar's header line after the
// `|` or `>` at pos: a chomping indicator, blanks, a comment. It refuses
// what goccy reads its own way (a header at column 1, an indentation
// indicator, text after the header, nothing after it).
func (s *yamlScanner) blockHeader(col int) (chomp byte, ok bool) {
	if col == 1 || s.lastDelim == 0 {
		return 0, false
	}
	i := s.pos + 1
	if ch := s.at(i); ch == '-' || ch == '+' {
		chomp, i = ch, i+1
	}
	j := i
	for s.at(j) == ' ' {
		j++
	}
	if s.at(j) == '#' && j > i {
		for j < len(s.src) && s.src[j] != '\n' && s.src[j] != '\r' {
			j++
		}
	}
	n := s.lineBreakAt(j)
	if n <= 0 || j+n >= len(s.src) {
		return 0, false
	}
	s.pos = j
	s.newline(n)
	return chomp, true
}

// blockLineBreak ends a line of a block scalar at the line break of n
// bytes at i; false for what goccy reads its own way.
func (s *yamlScanner) blockLineBreak(b *blockState, sp, i, n int) bool {
	if n <= 0 {
		return false
	}
	b.lineBreak(sp)
	s.pos = i
	s.newline(n)
	return !s.atDocumentSeparator()
}

// blockEndsWell reports whether a block scalar may end before the less
// indented line whose first character is at k: goccy refuses, or misreads
// what follows, in a few cases.
func (s *yamlScanner) blockEndsWell(b *blockState, k int) bool {
	if b.firstIndent == 0 && s.src[k] == '#' {
		return false // goccy's parser may refuse an empty scalar ended by a comment
	}
	v := b.value()
	if v != "" && strings.HasPrefix(s.src[b.start:k], string(b.buf)) {
		return false // goccy places the text at column 1 and refuses it
	}
	c := s.src[k]
	if v == "" && len(b.buf) > 0 && !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
		return false // goccy reads the next token as if text were pending
	}
	return true
}

// indentSpaces adds the spaces of a line's indentation that lie past the
// scalar's indentation: they are text.
func (b *blockState) indentSpaces(sp int) {
	if b.firstIndent == 0 || sp < b.firstIndent {
		return
	}
	if b.folded {
		b.foldedNewLine = false
	}
	for i := b.firstIndent; i <= sp; i++ {
		b.buf = append(b.buf, ' ')
	}
	b.notSpace = len(b.buf)
}

// text starts a line of text whose first character is at column textCol
// after sp spaces; false when goccy refuses the indentation. last says the
// character is the last of the text.
func (b *blockState) text(sp, textCol int, last bool) bool {
	b.indentSpaces(sp)
	if b.firstIndent == 0 {
		if b.spaceOnlyIndent > textCol && !last {
			return false
		}
		b.firstIndent = textCol
	}
	if b.lineIndent == 0 {
		b.lineIndent = textCol
	}
	if b.folded && b.foldedNewLine && !last {
		// A line break between two lines of the same indentation folds
		// into a space; an empty line between them stays a line feed.
		last, prev := byte(0), byte(0)
		if len(b.buf) > 0 {
			last = b.buf[len(b.buf)-1]
		}
		if len(b.buf) > 1 {
			prev = b.buf[len(b.buf)-2]
		}
		switch {
		case b.lineIndent == b.prevIndent:
			if last == '\n' {
				b.buf[len(b.buf)-1] = ' '
			}
		case b.prevIndent == 0 && b.lastTextIndent == textCol:
			if last == '\n' && prev == '\n' {
				b.buf = b.buf[:len(b.buf)-1]
				b.notSpace = len(b.buf)
			}
		}
		b.foldedNewLine = false
	}
	return true
}

// add adds one byte of a line's text. goccy counts a tab as text, except
// as the last character of the text.
func (b *blockState) add(c byte, last bool) {
	if c == ' ' && len(b.buf) == 0 {
		return
	}
	b.buf = append(b.buf, c)
	if c != ' ' && !(c == '\t' && last) {
		b.notSpace = len(b.buf)
	}
}

// lineBreak ends a line that had sp spaces of indentation.
func (b *blockState) lineBreak(sp int) {
	b.buf = append(b.buf, '\n')
	b.notSpace = len(b.buf)
	if b.firstIndent == 0 {
		b.spaceOnlyIndent = sp
	}
	b.prevIndent = b.lineIndent
	if b.lineIndent != 0 {
		b.lastTextIndent = b.lineIndent
	}
	b.foldedNewLine = true
	b.lineIndent = 0
}

// value applies the chomping indicator to the text read.
func (b *blockState) value() string {
	v := string(b.buf[:b.notSpace])
	switch b.chomp {
	case '-':
		v = strings.TrimRight(v, "\n")
		v = strings.TrimRight(v, " ")
	case 0:
		trimmed := strings.TrimRight(v, "\n")
		if len(v)-len(trimmed) > 1 {
			v = trimmed + "\n"
		}
	}
	if v == "\n" {
		v = ""
	}
	if b.chomp == '+' && v == "" {
		v = "\n"
	}
	return v
}
