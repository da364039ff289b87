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

func guardYAML(name string, tokens token.Tokens, size int, lim limits.Limits) error {
	pathBudget := max(int64(minPathBudget), int64(size)*16)
	var stack []guardFrame
	var wide, paths int64
	flow := 0
	childPath := func() int64 {
		if len(stack) == 0 {
			return 1 // "$"
		}
		top := &stack[len(stack)-1]
		return top.path + top.keyLen + 1
	}
	push := func(f guardFrame, tk *token.Token) error {
		stack = append(stack, f)
		if lim.MaxDepth > 0 && len(stack) > lim.MaxDepth+1 {
			return limitAt(name, tk.Position.Line, tk.Position.Column, limits.Depth, "nesting is deeper than the limit of %d", lim.MaxDepth)
		}
		return nil
	}
	// entry counts one more entry of the top collection: a key of keyLen
	// bytes, or a list item.
	entry := func(keyLen int64, tk *token.Token) error {
		top := &stack[len(stack)-1]
		top.keys++
		if top.seq {
			keyLen = 2 // "[" index "]"
			for n := top.keys; n > 0; n /= 10 {
				keyLen++
			}
		} else if top.col >= 0 {
			wide += 2*top.keys - 1 // (n+1)² - n²
			if wide > maxWideMapCost {
				return &Error{File: name, Line: top.line, Col: top.colAt, Msg: fmt.Sprintf("the YAML is too costly to read: this mapping (%d keys so far), with the others, holds more keys side by side than the YAML parser handles safely; write the document as JSON, which has no such limit", top.keys)}
			}
		}
		top.keyLen = keyLen + 1
		paths += top.path + top.keyLen
		if paths > pathBudget {
			return &Error{File: name, Line: tk.Position.Line, Col: tk.Position.Column, Msg: "the YAML is too costly to read: its keys are too long above too many values for the YAML parser to handle safely; write the document as JSON, which has no such limit"}
		}
		return nil
	}
	isKey := func(i int) bool {
		for j := i + 1; j < len(tokens); j++ {
			switch tokens[j].Type {
			case token.CommentType, token.AnchorType, token.TagType:
				continue
			case token.MappingValueType:
				return true
			}
			return false
		}
		return false
	}
	for i, tk := range tokens {
		switch tk.Type {
		case token.CommentType, token.AnchorType, token.TagType, token.DirectiveType:
			continue
		case token.DocumentHeaderType, token.DocumentEndType:
			stack, flow = stack[:0], 0
			continue
		case token.SequenceStartType, token.MappingStartType:
			if flow > 0 && len(stack) > 0 && stack[len(stack)-1].seq {
				if err := entry(0, tk); err != nil {
					return err
				}
			}
			flow++
			if err := push(guardFrame{col: -1, seq: tk.Type == token.SequenceStartType, path: childPath(), line: tk.Position.Line, colAt: tk.Position.Column}, tk); err != nil {
				return err
			}
			continue
		case token.SequenceEndType, token.MappingEndType:
			for len(stack) > 0 {
				top := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if top.col < 0 {
					break
				}
			}
			if flow > 0 {
				flow--
			}
			continue
		}
		if flow > 0 {
			// In flow collections brackets give the structure: count keys
			// of maps and scalar items of sequences.
			if len(stack) == 0 {
				continue
			}
			top := &stack[len(stack)-1]
			switch {
			case !top.seq && isKey(i):
				if err := entry(int64(len(tk.Value)), tk); err != nil {
					return err
				}
			case top.seq && tk.Type != token.CollectEntryType && tk.Type != token.MappingValueType:
				if err := entry(0, tk); err != nil {
					return err
				}
			}
			continue
		}
		// In block context columns give the structure.
		seq := tk.Type == token.SequenceEntryType
		key := tk.Type == token.MappingKeyType || (!seq && isKey(i))
		if !seq && !key {
			continue
		}
		col := tk.Position.Column
		for len(stack) > 0 {
			top := stack[len(stack)-1]
			if top.col > col || (top.col == col && top.seq && key) {
				stack = stack[:len(stack)-1]
				continue
			}
			break
		}
		if len(stack) == 0 || stack[len(stack)-1].col != col || stack[len(stack)-1].seq != seq {
			if err := push(guardFrame{col: col, seq: seq, path: childPath(), line: tk.Position.Line, colAt: tk.Position.Column}, tk); err != nil {
				return err
			}
		}
		keyLen := int64(len(tk.Value))
		if err := entry(keyLen, tk); err != nil {
			return err
		}
	}
	return nil
}
