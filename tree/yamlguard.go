package tree

import (
	"fmt"

	"github.com/eventdiff/eventdiff/limits"
	"github.com/goccy/go-yaml/token"
)

// The YAML parser (goccy/go-yaml) does work that grows faster than its
// input in three shapes, each cheap to write:
//
//   - every key of a block mapping copies the entries after it, so a
//     mapping of n keys costs n² (100,000 keys in 1 MB of text: 38 GB
//     allocated, over a minute);
//   - every map entry and list item gets a path string made of all the
//     keys above it, so deep nesting or long keys over many descendants
//     cost depth × size (100,000 nested "- " in 200 kB: 15 GB, minutes);
//   - block nesting is only measured after that parse.
//
// guardYAML walks the token stream once, before the parser sees it,
// tracking the block and flow structure the parser will build, and
// refuses documents whose nesting exceeds the depth limit or whose cost in
// either shape exceeds a budget far above what any real document needs.
const (
	// maxWideMapCost bounds the sum, over block mappings, of the square of
	// their key counts: one mapping of 10,500 keys (a schema with 10,000
	// properties still reads, at about 450 MB allocated), or 110 of 1,000.
	maxWideMapCost = 110_000_000
	// minPathBudget bounds the bytes of path the parser builds for a small
	// file; larger files get 16 bytes per byte of input.
	minPathBudget = 64 << 20
)

type guardFrame struct {
	col    int   // column of a block collection's entries; -1 for flow
	seq    bool  // a sequence (its entries are "- " or flow items)
	path   int64 // length of the parser's path to this collection
	keyLen int64 // length of the current entry's key, for its children's path
	keys   int64 // entries so far
	line   int   // where it starts, for messages
	colAt  int
}

// guardYAML refuses, before parsing, a token stream that nests deeper than
// the limit or would cost the parser more than the budgets above.
func guardYAML(name string, tokens token.Tokens, size int, lim limits.Limits) error {
	g := &yamlGuard{name: name, tokens: tokens, lim: lim, pathBudget: max(int64(minPathBudget), int64(size)*16)}
	for i, tk := range tokens {
		if err := g.token(i, tk); err != nil {
			return err
		}
	}
	return nil
}

// yamlGuard carries guardYAML's walk: the collections open at the current
// token and the costs counted so far.
type yamlGuard struct {
	name       string
	tokens     token.Tokens
	lim        limits.Limits
	pathBudget int64
	stack      []guardFrame
	wide       int64 // sum over block mappings of their key counts squared
	paths      int64 // bytes of path the parser will build
	flow       int   // depth of flow collections
}

// token advances the walk by one token, dispatching on the context it
// appears in.
func (g *yamlGuard) token(i int, tk *token.Token) error {
	switch tk.Type {
	case token.CommentType, token.AnchorType, token.TagType, token.DirectiveType:
		return nil
	case token.DocumentHeaderType, token.DocumentEndType:
		g.stack, g.flow = g.stack[:0], 0
		return nil
	case token.SequenceStartType, token.MappingStartType:
		return g.openFlow(tk)
	case token.SequenceEndType, token.MappingEndType:
		g.closeFlow()
		return nil
	}
	if g.flow > 0 {
		return g.flowToken(i, tk)
	}
	return g.blockToken(i, tk)
}

// openFlow opens a flow collection ("[" or "{"), itself an item when it
// sits in a flow sequence.
func (g *yamlGuard) openFlow(tk *token.Token) error {
	if g.flow > 0 && len(g.stack) > 0 && g.stack[len(g.stack)-1].seq {
		if err := g.entry(0, tk); err != nil {
			return err
		}
	}
	g.flow++
	return g.push(guardFrame{col: -1, seq: tk.Type == token.SequenceStartType, path: g.childPath(), line: tk.Position.Line, colAt: tk.Position.Column}, tk)
}

// closeFlow closes the innermost flow collection and the block
// collections opened inside it.
func (g *yamlGuard) closeFlow() {
	for len(g.stack) > 0 {
		top := g.stack[len(g.stack)-1]
		g.stack = g.stack[:len(g.stack)-1]
		if top.col < 0 {
			break
		}
	}
	if g.flow > 0 {
		g.flow--
	}
}

// flowToken counts a token inside flow collections, where brackets give
// the structure: keys of maps and scalar items of sequences.
func (g *yamlGuard) flowToken(i int, tk *token.Token) error {
	if len(g.stack) == 0 {
		return nil
	}
	top := &g.stack[len(g.stack)-1]
	switch {
	case !top.seq && g.isKey(i):
		return g.entry(int64(len(tk.Value)), tk)
	case top.seq && tk.Type != token.CollectEntryType && tk.Type != token.MappingValueType:
		return g.entry(0, tk)
	}
	return nil
}

// blockToken counts a token in block context, where columns give the
// structure: a "- " or a key closes the collections indented deeper and
// opens one at its column if none is open there.
func (g *yamlGuard) blockToken(i int, tk *token.Token) error {
	seq := tk.Type == token.SequenceEntryType
	key := tk.Type == token.MappingKeyType || (!seq && g.isKey(i))
	if !seq && !key {
		return nil
	}
	col := tk.Position.Column
	for len(g.stack) > 0 {
		top := g.stack[len(g.stack)-1]
		if top.col > col || (top.col == col && top.seq && key) {
			g.stack = g.stack[:len(g.stack)-1]
			continue
		}
		break
	}
	if len(g.stack) == 0 || g.stack[len(g.stack)-1].col != col || g.stack[len(g.stack)-1].seq != seq {
		if err := g.push(guardFrame{col: col, seq: seq, path: g.childPath(), line: tk.Position.Line, colAt: tk.Position.Column}, tk); err != nil {
			return err
		}
	}
	return g.entry(int64(len(tk.Value)), tk)
}

// childPath is the length of the parser's path to a collection opened now.
func (g *yamlGuard) childPath() int64 {
	if len(g.stack) == 0 {
		return 1 // "$"
	}
	top := &g.stack[len(g.stack)-1]
	return top.path + top.keyLen + 1
}

// push opens a collection, refusing nesting deeper than the limit.
func (g *yamlGuard) push(f guardFrame, tk *token.Token) error {
	g.stack = append(g.stack, f)
	if g.lim.MaxDepth > 0 && len(g.stack) > g.lim.MaxDepth+1 {
		return limitAt(g.name, tk.Position.Line, tk.Position.Column, limits.Depth, "nesting is deeper than the limit of %d", g.lim.MaxDepth)
	}
	return nil
}

// entry counts one more entry of the top collection: a key of keyLen
// bytes, or a list item, refusing it when a cost exceeds its budget.
func (g *yamlGuard) entry(keyLen int64, tk *token.Token) error {
	top := &g.stack[len(g.stack)-1]
	top.keys++
	if top.seq {
		keyLen = 2 // "[" index "]"
		for n := top.keys; n > 0; n /= 10 {
			keyLen++
		}
	} else if top.col >= 0 {
		g.wide += 2*top.keys - 1 // (n+1)² - n²
		if g.wide > maxWideMapCost {
			return &Error{File: g.name, Line: top.line, Col: top.colAt, Msg: fmt.Sprintf("the YAML is too costly to read: this mapping (%d keys so far), with the others, holds more keys side by side than the YAML parser handles safely; write the document as JSON, which has no such limit", top.keys)}
		}
	}
	top.keyLen = keyLen + 1
	g.paths += top.path + top.keyLen
	if g.paths > g.pathBudget {
		return &Error{File: g.name, Line: tk.Position.Line, Col: tk.Position.Column, Msg: "the YAML is too costly to read: its keys are too long above too many values for the YAML parser to handle safely; write the document as JSON, which has no such limit"}
	}
	return nil
}

// isKey reports whether token i is a mapping key: the next token that is
// not a comment, anchor or tag is ":".
func (g *yamlGuard) isKey(i int) bool {
	for j := i + 1; j < len(g.tokens); j++ {
		switch g.tokens[j].Type {
		case token.CommentType, token.AnchorType, token.TagType:
			continue
		case token.MappingValueType:
			return true
		}
		return false
	}
	return false
}
