package spec

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/eventdiff/eventdiff/limits"
	"github.com/eventdiff/eventdiff/source"
	"github.com/eventdiff/eventdiff/tree"
)

// resolver reads the files of one document and links every Reference
// Object to its target.
type resolver struct {
	reorder    func(*tree.Node) // Options.reorder
	in         Input
	lim        limits.Limits
	parser     *tree.Parser // one for all files: nodes and aliases are counted over the document
	ctx        context.Context
	remote     *source.Remote        // nil: remote references are not followed
	files      map[string]*tree.File // by root-relative name or URL
	total      int64
	warns      []tree.Warning
	resolving  map[*tree.Node]bool
	hops       map[*tree.Node]int // references followed from a resolved reference to its target
	unfollowed []*tree.Node       // remote references left as written, when they are not followed
	seenRemote map[*tree.Node]bool
}

// dataKeywords hold values, not document structure: a `$ref` below them
// is data and is not followed (an example payload may well contain one).
var dataKeywords = map[string]bool{"examples": true, "example": true, "enum": true, "const": true, "default": true}

// textKeywords take a string; the spec allows no Reference Object there,
// so a `$ref` is kept as written with a warning.
var textKeywords = map[string]bool{"description": true, "summary": true, "title": true}

// nameMaps are maps whose keys are names chosen by the author, so a key
// such as "default" or "description" below them is a name, not a keyword.
var nameMaps = map[string]bool{
	"properties": true, "patternProperties": true, "definitions": true, "$defs": true,
	"dependentSchemas": true, "dependencies": true, "schemas": true, "messages": true,
	"channels": true, "operations": true, "parameters": true, "servers": true,
	"serverVariables": true, "variables": true, "securitySchemes": true,
	"correlationIds": true, "operationTraits": true, "messageTraits": true,
	"serverBindings": true, "channelBindings": true, "operationBindings": true,
	"messageBindings": true, "replies": true, "replyAddresses": true, "externalDocs": true,
	"tags": true,
}

func (r *resolver) readFile(name, display string) (*tree.File, error) {
	if f, ok := r.files[name]; ok {
		return f, nil
	}
	if r.lim.MaxFiles > 0 && len(r.files) >= r.lim.MaxFiles {
		return nil, limits.Exceeded(limits.Files, "more than %d files referenced", r.lim.MaxFiles)
	}
	var data []byte
	var err error
	if tree.IsRemoteRef(name) {
		data, err = r.remote.Fetch(r.ctx, name)
	} else {
		data, err = r.in.FS.ReadFile(name)
	}
	if err != nil {
		return nil, err
	}
	r.total += int64(len(data))
	if r.lim.MaxTotalSize > 0 && r.total > r.lim.MaxTotalSize {
		return nil, limits.Exceeded(limits.TotalSize, "the document and its references exceed %d bytes together", r.lim.MaxTotalSize)
	}
	f, warns, err := r.parser.Parse(display, data)
	if err != nil {
		return nil, err
	}
	if r.reorder != nil {
		r.reorder(f.Root)
	}
	f.Path = name
	f.Rev = r.in.Rev
	r.warns = append(r.warns, warns...)
	r.files[name] = f
	return f, nil
}

// leftAsWritten reports whether n is a remote reference that is not
// followed, and notes it. Such a reference stays in the tree as written
// (its Target nil): the model and the comparison take it for what it
// names, compared by URL.
func (r *resolver) leftAsWritten(n *tree.Node) bool {
	if r.remote != nil || n.RemoteRef() == "" {
		return false
	}
	if !r.seenRemote[n] {
		if r.seenRemote == nil {
			r.seenRemote = map[*tree.Node]bool{}
		}
		r.seenRemote[n] = true
		r.unfollowed = append(r.unfollowed, n)
	}
	return true
}

// resolveAll walks every node reachable from root, linking references.
func (r *resolver) resolveAll(root *tree.Node) error {
	stack := []*tree.Node{root}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.HasMark(markWalked) {
			continue
		}
		n.SetMark(markWalked)
		switch n.Kind {
		case tree.Map:
			if ref := n.Get("$ref"); ref != nil && ref.Kind == tree.String {
				if textKeywords[n.Key()] && !nameMaps[n.Parent.Key()] {
					r.warns = append(r.warns, tree.Warning{File: fileName(n), Line: int(n.Line), Msg: fmt.Sprintf("$ref %q in %s is not allowed by the spec; compared as written", ref.Value, n.Key())})
					continue
				}
				t, err := r.target(n)
				if err != nil {
					return err
				}
				stack = append(stack, t)
				continue // siblings of $ref are ignored by the spec
			}
			skipData := !nameMaps[n.Key()]
			for _, f := range n.Fields {
				if skipData && (dataKeywords[f.Key] || strings.HasPrefix(f.Key, "x-")) {
					continue
				}
				stack = append(stack, f.Value)
			}
		case tree.Seq:
			stack = append(stack, n.Items...)
		}
	}
	return nil
}

func fileName(n *tree.Node) string {
	if n.File == nil {
		return ""
	}
	return n.File.Name
}

// target resolves the reference n (once) and returns its final target,
// which is never itself a reference.
func (r *resolver) target(n *tree.Node) (*tree.Node, error) {
	if n.Target != nil {
		return n.Deref(), nil
	}
	if r.leftAsWritten(n) {
		return n, nil
	}
	if r.resolving[n] {
		return nil, tree.ErrorAt(n, "$ref %q refers only to itself through a cycle of references", n.Ref())
	}
	// Every reference still being resolved is a hop of the chain that led
	// here: refuse before following a chain past the limit.
	if r.lim.MaxRefHops > 0 && len(r.resolving) >= r.lim.MaxRefHops {
		return nil, limitAt(n, "", limits.RefHops, "$ref %q goes through more than %d references", n.Ref(), r.lim.MaxRefHops)
	}
	r.resolving[n] = true
	defer delete(r.resolving, n)

	t, err := r.lookup(n)
	if err != nil {
		return nil, err
	}
	if t == n {
		return nil, tree.ErrorAt(n, "$ref %q refers only to itself", n.Ref())
	}
	// A chain is as long when its tail was resolved earlier: count the
	// tail's hops too, so the limit does not depend on document order.
	hops := 1
	if t.Kind == tree.Map && t.Get("$ref") != nil && t.Get("$ref").Kind == tree.String {
		next, err := r.target(t)
		if err != nil {
			return nil, err
		}
		hops += r.hops[t]
		t = next
	}
	if r.lim.MaxRefHops > 0 && hops > r.lim.MaxRefHops {
		return nil, limitAt(n, "", limits.RefHops, "$ref %q goes through more than %d references", n.Ref(), r.lim.MaxRefHops)
	}
	if r.hops == nil {
		r.hops = map[*tree.Node]int{}
	}
	r.hops[n] = hops
	n.Target = t
	return t, nil
}

// lookup finds the node a reference names, without following it further.
func (r *resolver) lookup(n *tree.Node) (*tree.Node, error) {
	raw := n.Ref()
	file := n.File
	refPath, frag, _ := strings.Cut(raw, "#")
	if refPath != "" {
		name, display, err := r.refFile(file, refPath)
		if err != nil {
			return nil, errAt(n, err, "$ref %q: %v", raw, err)
		}
		file, err = r.readFile(name, display)
		if err != nil {
			var pe *tree.Error
			if errors.As(err, &pe) {
				return nil, pe
			}
			if tree.IsRemoteRef(name) {
				// Whatever went wrong (offline, a refused redirect, a limit),
				// the reference it happened to is what the user needs.
				return nil, errAt(n, fmt.Errorf("%w: %w", ErrRemoteRefFailed, err), "$ref %q: %v", raw, err)
			}
			if errors.Is(err, fs.ErrNotExist) {
				return nil, errAt(n, ErrRefNotFound, "$ref %q: file %s does not exist", raw, display)
			}
			if errors.Is(err, source.ErrOutsideTree) {
				return nil, errAt(n, ErrRefOutsideTree, "$ref %q: leaves the tree references may read", raw)
			}
			var le *limits.Error
			if errors.As(err, &le) {
				return nil, &tree.Error{File: fileName(n), Line: int(n.Line), Col: int(n.Col), Err: le}
			}
			return nil, errAt(n, err, "$ref %q: cannot read %s: %v", raw, display, err)
		}
	}
	frag, err := url.PathUnescape(frag)
	if err != nil {
		return nil, tree.ErrorAt(n, "$ref %q: malformed fragment", raw)
	}
	if frag != "" && !strings.HasPrefix(frag, "/") {
		return nil, tree.ErrorAt(n, "$ref %q: the fragment must be a JSON pointer starting with /", raw)
	}
	t, loose, err := r.walkPointer(file.Root, frag)
	if err != nil {
		return nil, errAt(n, err, "$ref %q: %v", raw, err)
	}
	if loose {
		r.warns = append(r.warns, tree.Warning{File: fileName(n), Line: int(n.Line), Msg: fmt.Sprintf("$ref %q has an unescaped / in a key (write it as ~1)", raw)})
	}
	return t, nil
}

// walkPointer follows a JSON pointer from root, passing through any
// references met on the way. Generated documents sometimes leave a `/`
// inside a key unescaped; when a segment is missing, longer keys made by
// joining the following segments are tried, and loose reports that.
func (r *resolver) walkPointer(root *tree.Node, ptr string) (n *tree.Node, loose bool, err error) {
	cur := root
	if ptr == "" {
		return cur, false, nil
	}
	segs := strings.Split(ptr[1:], "/")
	for i := 0; i < len(segs); i++ {
		seg := tree.UnescapePointer(segs[i])
		if cur.Kind == tree.Map && cur.Get("$ref") != nil && cur.Get("$ref").Kind == tree.String {
			t, err := r.target(cur)
			if err != nil {
				return nil, false, err
			}
			cur = t
		}
		if u := cur.RemoteRef(); u != "" {
			return nil, false, because(ErrRemoteRefNotFollowed, "%s goes through the remote reference %q, which is not followed", ptr, u)
		}
		var next *tree.Node
		switch cur.Kind {
		case tree.Map:
			next = cur.Get(seg)
			for j := i + 1; next == nil && j < len(segs); j++ {
				seg += "/" + tree.UnescapePointer(segs[j])
				if next = cur.Get(seg); next != nil {
					i, loose = j, true
				}
			}
		case tree.Seq:
			if k, err := strconv.Atoi(seg); err == nil && k >= 0 && k < len(cur.Items) {
				next = cur.Items[k]
			}
		}
		if next == nil {
			return nil, false, because(ErrRefNotFound, "nothing at %s in %s", ptr, root.File.Name)
		}
		cur = next
	}
	return cur, loose, nil
}

// refFile turns the path part of a reference into a file name the
// FileSystem understands, refusing anything that leaves the root.
func (r *resolver) refFile(from *tree.File, ref string) (name, display string, err error) {
	if tree.IsRemoteRef(ref) {
		if r.remote == nil {
			return "", "", because(ErrRemoteRefNotFollowed, "remote references are not followed")
		}
		return ref, ref, nil
	}
	if tree.IsRemoteRef(from.Path) {
		base, err := url.Parse(from.Path)
		if err != nil {
			return "", "", err
		}
		rel, err := url.Parse(ref)
		if err != nil {
			return "", "", err
		}
		u := base.ResolveReference(rel).String()
		if r.remote == nil {
			return "", "", because(ErrRemoteRefNotFollowed, "remote references are not followed")
		}
		return u, u, nil
	}
	if strings.HasPrefix(ref, "file://") {
		ref = strings.TrimPrefix(ref, "file://")
	} else if i := strings.Index(ref, "://"); i > 0 && !strings.ContainsAny(ref[:i], "/.") {
		return "", "", fmt.Errorf("unsupported scheme %s", ref[:i])
	}
	if p, err := url.PathUnescape(ref); err == nil {
		ref = p
	}
	if path.IsAbs(ref) || filepath.IsAbs(ref) {
		if r.in.Dir == "" {
			return "", "", because(ErrRefOutsideTree, "leaves the tree references may read")
		}
		rel, err := filepath.Rel(r.in.Dir, filepath.Clean(ref))
		if err != nil {
			return "", "", because(ErrRefOutsideTree, "leaves the tree references may read")
		}
		name = filepath.ToSlash(rel)
	} else {
		name = path.Join(path.Dir(from.Path), ref)
	}
	name = path.Clean(name)
	if name == ".." || strings.HasPrefix(name, "../") || path.IsAbs(name) {
		return "", "", because(ErrRefOutsideTree, "leaves the tree references may read")
	}
	if len(name) > maxPathLen {
		return "", "", fmt.Errorf("the path it leads to is longer than %d bytes", maxPathLen)
	}
	return name, r.in.DisplayName(name), nil
}

// maxPathLen bounds the length of a referenced file's path, as operating
// systems do (PATH_MAX). Without it, a file that refers to itself through
// a relative path that grows ("a/x.yaml" read from inside a/) makes a new
// file name at every step, each longer than the last: quadratic work
// before --max-files stops it.
const maxPathLen = 4096
