package tree

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
	"unsafe"

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

// utf8BOM is the byte-order mark some editors write at the start of a
// UTF-8 file. It is no part of the document, in YAML or in JSON.
const utf8BOM = "\ufeff"

// A Parser reads the files of one document. It keeps the counts that the
// limits bound over a whole document (nodes, alias expansion), so that a
// document cannot pass a limit by spreading itself over many files.
type Parser struct {
	lim        limits.Limits
	nodes      int
	aliasNodes int
	aliasBytes int64
	fullOnly   bool // tests: read YAML with goccy's parser only
}

// NewParser returns a parser for the files of one document.
func NewParser(lim limits.Limits) *Parser { return &Parser{lim: lim} }

// Parse reads one YAML or JSON file into a node tree with a parser of its
// own: the file is a document by itself. Like Parser.Parse, it keeps data.
func Parse(name string, data []byte, lim limits.Limits) (*File, []Warning, error) {
	return NewParser(lim).Parse(name, data)
}

// Parse reads one YAML or JSON file of the document into a node tree. Text
// that starts with `{` or `[` is tried as JSON first, which is several
// times faster than YAML.
//
// The tree's strings are slices of data, which is not copied: the caller
// gives data up and must not change it afterwards.
func (p *Parser) Parse(name string, data []byte) (*File, []Warning, error) {
	lim := p.lim
	if lim.MaxFileSize > 0 && int64(len(data)) > lim.MaxFileSize {
		return nil, nil, limitAt(name, 0, 0, limits.FileSize, "file is %d bytes, more than the limit of %d", len(data), lim.MaxFileSize)
	}
	text := strings.TrimPrefix(unsafe.String(unsafe.SliceData(data), len(data)), utf8BOM)
	f := &File{Name: name}
	trimmed := strings.TrimLeft(text, " \t\r\n")
	if len(trimmed) == 0 {
		return nil, nil, &Error{File: name, Msg: "file is empty"}
	}
	m := &meter{file: name, lim: lim, doc: p}
	if trimmed[0] == '{' || trimmed[0] == '[' {
		nodes := p.nodes
		root, warns, err := parseJSON(f, text, m)
		if err == nil {
			f.Root, f.JSON = root, true
			return f, warns, nil
		}
		if strings.HasSuffix(strings.ToLower(name), ".json") || reachedLimit(err) {
			return nil, nil, err
		}
		// Not strict JSON: YAML flow syntax may still read it.
		p.nodes = nodes
	}
	root, warns, err := p.parseYAML(f, text, m)
	if err != nil {
		return nil, nil, err
	}
	f.Root = root
	return f, warns, nil
}

// reachedLimit reports whether err is a limit reached.
func reachedLimit(err error) bool {
	var le *limits.Error
	return errors.As(err, &le)
}
