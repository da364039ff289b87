package diff

import (
	"strconv"
	"strings"

	"github.com/eventdiff/eventdiff/spec"
	"github.com/eventdiff/eventdiff/tree"
)

// Places name where a change is in the document model in words that
// survive what does not change the contract: the main file's name, the
// revision it was read from, and the order of lists. A place is the file
// (relative to the main file's directory; "" for the main file), "#", and
// the JSON pointer with every list position replaced by the identity of
// the item there, when it has one:
//
//	#/components/messages/orderSent/payload/required/customerId
//	common/schemas.yaml#/User/properties/plan/enum/pro
//
// Fingerprints and ignores use places; reports keep printing real
// pointers, which tools can follow.

// identify sets the places of every change.
func identify(changes []Change, base, rev *spec.Document) {
	b, r := newPlacer(base), newPlacer(rev)
	for i := range changes {
		c := &changes[i]
		c.BasePlace, c.RevisionPlace = b.place(c.Base), r.place(c.Revision)
	}
}

// placer finds the nodes of one document's locations.
type placer struct {
	files map[string]*tree.File // by display name
	main  string                // the main file's root-relative path
	// ids counts the identities of each list met, so naming many items of
	// one long list costs one pass over it, not one per item.
	ids map[*tree.Node]map[string]int
}

func newPlacer(d *spec.Document) *placer {
	p := &placer{files: make(map[string]*tree.File, len(d.Files)), ids: map[*tree.Node]map[string]int{}}
	for _, f := range d.Files {
		p.files[f.Name] = f
	}
	if d.Root != nil && d.Root.File != nil {
		p.main = d.Root.File.Path
	}
	return p
}

// place is the identity place of a location ("" for none). A location
// whose node cannot be found again keeps its pointer as it is.
func (p *placer) place(l *tree.Location) string {
	if l == nil {
		return ""
	}
	f := p.files[l.File]
	if f == nil {
		return l.Pointer
	}
	file := relativeTo(p.main, f.Path)
	n := nodeAt(f.Root, strings.TrimPrefix(l.Pointer, "#"))
	if n == nil {
		return file + l.Pointer
	}
	return file + "#" + p.identityPointer(n)
}

// relativeTo names file as a path from the directory of main: "" for main
// itself, a URL as it is.
func relativeTo(main, file string) string {
	if file == main || file == "" {
		return ""
	}
	if strings.Contains(file, "://") {
		return file
	}
	dir := main[:strings.LastIndexByte(main, '/')+1]
	up := ""
	for !strings.HasPrefix(file, dir) {
		i := strings.LastIndexByte(strings.TrimSuffix(dir, "/"), '/')
		dir = dir[:i+1]
		up += "../"
	}
	return up + strings.TrimPrefix(file, dir)
}

// nodeAt follows a JSON pointer from root; nil when it leads nowhere.
func nodeAt(root *tree.Node, pointer string) *tree.Node {
	n := root
	if pointer == "" {
		return n
	}
	for _, seg := range strings.Split(strings.TrimPrefix(pointer, "/"), "/") {
		switch {
		case n == nil:
			return nil
		case n.Kind == tree.Seq:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(n.Items) {
				return nil
			}
			n = n.Items[i]
		default:
			n = n.Get(tree.UnescapePointer(seg))
		}
	}
	return n
}

// identityPointer is the node's JSON pointer with list positions
// replaced by the identity of the item (see itemIdentity) where it has one.
func (p *placer) identityPointer(n *tree.Node) string {
	var parts []string
	for c := n; c != nil && c.Parent != nil; c = c.Parent {
		parent := c.Parent
		switch parent.Kind {
		case tree.Map:
			parts = append(parts, tree.EscapePointer(parent.Fields[c.Index].Key))
		case tree.Seq:
			id, ok := p.itemIdentity(parent, int(c.Index))
			if !ok {
				id = strconv.Itoa(int(c.Index))
			}
			parts = append(parts, tree.EscapePointer(id))
		}
	}
	var b strings.Builder
	for i := len(parts) - 1; i >= 0; i-- {
		b.WriteByte('/')
		b.WriteString(parts[i])
	}
	return b.String()
}

// itemIdentity names the item at position i of a list by what it is
// rather than where it is: a scalar by its value (required names, enum
// values, types), a reference by its target, a tag or parameter by its
// name, a message by its id, a security requirement by its scheme. Only a
// name no other item of the list shares is an identity; an item with
// none keeps its position.
func (p *placer) itemIdentity(list *tree.Node, i int) (string, bool) {
	id := identityOf(list.Items[i])
	if id == "" || len(id) > maxIdentity {
		return "", false
	}
	counts, ok := p.ids[list]
	if !ok {
		counts = make(map[string]int, len(list.Items))
		for _, it := range list.Items {
			counts[identityOf(it)]++
		}
		p.ids[list] = counts
	}
	return id, counts[id] == 1
}

// maxIdentity bounds the identity that stands for a list position: a
// longer value (an enum of whole paragraphs) keeps its position, so that
// places, ignore files and fingerprints stay small whatever the input.
const maxIdentity = 200

// identityOf is one item's identity, "" when it has none.
func identityOf(n *tree.Node) string {
	switch n.Kind {
	case tree.String, tree.Number, tree.Bool:
		return n.Value
	case tree.Map:
		if ref := n.Ref(); ref != "" {
			return ref
		}
		for _, k := range []string{"messageId", "name"} {
			if s := n.Str(k); s != "" {
				return s
			}
		}
		if len(n.Fields) == 1 && n.Fields[0].Value.Kind == tree.Seq { // a security requirement: {scheme: [scopes]}
			return n.Fields[0].Key
		}
	}
	return ""
}
