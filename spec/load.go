package spec

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/eventdiff/eventdiff/limits"
	"github.com/eventdiff/eventdiff/source"
	"github.com/eventdiff/eventdiff/tree"
)

// Options control loading.
type Options struct {
	Limits limits.Limits
	// AllowRemoteRefs follows http(s) references, through Remote (or, when
	// it is nil, a fetcher of their own with HTTPClient and the default
	// remote limits). Otherwise they are left as written and listed in
	// Document.RemoteRefs.
	AllowRemoteRefs bool
	Remote          *source.Remote
	HTTPClient      *http.Client
	Perspective     Perspective     // reading of 2.x verbs; Application when empty
	Context         context.Context // cancels remote fetches; nil for none
	// reorder, when set (by tests, through ShuffledKeys), reorders the keys
	// of every map of every file read, to prove results do not depend on
	// key order.
	reorder func(*tree.Node)
}

// Load reads, resolves and normalises one document.
func Load(in Input, opts Options) (*Document, error) {
	r := newResolver(in, opts)
	display := in.DisplayName(in.Main)
	main, err := r.readMain(display)
	if err != nil {
		return nil, err
	}
	root := main.Root
	verNode, major, minor, err := asyncAPIVersion(display, root)
	if err != nil {
		return nil, err
	}
	if err := r.resolveAll(root); err != nil {
		return nil, err
	}
	d := &Document{Name: display, Version: verNode.Value, Major: major, Minor: minor, Root: root}
	r.build(d, opts.Perspective)
	return d, nil
}

// newResolver sets up the reading of in as opts say.
func newResolver(in Input, opts Options) *resolver {
	lim := opts.Limits
	if lim == (limits.Limits{}) {
		lim = limits.Default
	}
	r := &resolver{reorder: opts.reorder, in: in, lim: lim, parser: tree.NewParser(lim), ctx: opts.Context, files: map[string]*tree.File{}, resolving: map[*tree.Node]bool{}}
	if r.ctx == nil {
		r.ctx = context.Background()
	}
	if opts.AllowRemoteRefs {
		r.remote = opts.Remote
		if r.remote == nil {
			r.remote = source.NewRemote(opts.HTTPClient, limits.DefaultRemote)
		}
	}
	return r
}

// readMain parses the main file: the input's bytes when it has them, else
// the file it names.
func (r *resolver) readMain(display string) (*tree.File, error) {
	in := r.in
	if in.Data != nil {
		// The tree keeps the text it was parsed from, and these bytes
		// are the caller's.
		f, warns, err := r.parser.Parse(display, bytes.Clone(in.Data))
		if err != nil {
			return nil, err
		}
		if r.reorder != nil {
			r.reorder(f.Root)
		}
		f.Path, f.Rev = in.Main, in.Rev
		r.files[in.Main] = f
		r.warns = append(r.warns, warns...)
		r.total = int64(len(in.Data))
		return f, nil
	}
	f, err := r.readFile(in.Main, display)
	if err != nil {
		if e, ok := err.(*tree.Error); ok {
			return nil, e
		}
		return nil, &tree.Error{File: display, Err: err}
	}
	return f, nil
}

// asyncAPIVersion checks that root is an AsyncAPI document of a supported
// version, and returns its `asyncapi` field and version.
func asyncAPIVersion(display string, root *tree.Node) (verNode *tree.Node, major, minor int, err error) {
	if root.Kind != tree.Map {
		return nil, 0, 0, &tree.Error{File: display, Line: int(root.Line), Msg: "not an AsyncAPI document: the top level is not a mapping", Err: ErrNotAsyncAPI}
	}
	verNode = root.Get("asyncapi")
	if verNode == nil {
		if root.Has("openapi") || root.Has("swagger") {
			return nil, 0, 0, &tree.Error{File: display, Msg: "not an AsyncAPI document: this is an OpenAPI document", Err: ErrNotAsyncAPI}
		}
		return nil, 0, 0, &tree.Error{File: display, Msg: "not an AsyncAPI document: no `asyncapi` field", Err: ErrNotAsyncAPI}
	}
	major, minor, err = parseVersion(verNode.Value)
	if err != nil {
		return nil, 0, 0, &tree.Error{File: display, Line: int(verNode.Line), Col: int(verNode.Col), Msg: err.Error(), Err: ErrNotAsyncAPI}
	}
	return verNode, major, minor, nil
}

// build fills d, whose tree is resolved, with its model (read from the
// point of view p for 2.x), the files read and what was found on the way.
func (r *resolver) build(d *Document, p Perspective) {
	b := &builder{doc: d, msgs: map[*tree.Node]*Message{}, chans: map[*tree.Node]*Channel{}}
	if d.Major == 2 {
		d.Perspective = p
		if d.Perspective == "" {
			d.Perspective = Application
		}
		b.build2()
	} else {
		b.build3()
	}
	b.findUnused()
	canonicalOrder(d)
	names := make([]string, 0, len(r.files))
	for k := range r.files {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		d.Files = append(d.Files, r.files[k])
	}
	d.Warnings = append(r.warns, b.warns...)
	d.RemoteRefs = r.unfollowed
	sort.SliceStable(d.RemoteRefs, func(i, j int) bool { return beforeInFile(d.RemoteRefs[i], d.RemoteRefs[j]) })
}

// beforeInFile orders nodes by file, then position.
func beforeInFile(a, b *tree.Node) bool {
	if fa, fb := a.File.Path, b.File.Path; fa != fb {
		return fa < fb
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	return a.Col < b.Col
}

var versionRE = regexp.MustCompile(`^(\d+)\.(\d+)\.(\d+)(-[0-9A-Za-z.-]+)?$`)

// parseVersion accepts every supported AsyncAPI version; the patch digit
// and any pre-release suffix are ignored.
func parseVersion(v string) (major, minor int, err error) {
	m := versionRE.FindStringSubmatch(strings.TrimSpace(v))
	if m == nil {
		return 0, 0, fmt.Errorf("unsupported AsyncAPI version %q (supported: 2.0–2.6, 3.0, 3.1)", v)
	}
	major, _ = strconv.Atoi(m[1])
	minor, _ = strconv.Atoi(m[2])
	if (major == 2 && minor <= 6) || (major == 3 && minor <= 1) {
		return major, minor, nil
	}
	return 0, 0, fmt.Errorf("unsupported AsyncAPI version %q (supported: 2.0–2.6, 3.0, 3.1)", v)
}

// noFiles refuses every file: documents parsed from memory may only use
// references inside themselves.
type noFiles struct{}

func (noFiles) ReadFile(string) ([]byte, error) {
	return nil, fmt.Errorf("references to other files are not available here")
}

// ParseResolved parses one YAML or JSON text and resolves the references
// inside it (references to other files are errors). It is meant for schema
// snippets in tests and fuzzing; documents go through Load.
func ParseResolved(name string, data []byte) (*tree.Node, error) {
	r := &resolver{in: Input{FS: noFiles{}, Main: name}, lim: limits.Default, parser: tree.NewParser(limits.Default),
		files: map[string]*tree.File{}, resolving: map[*tree.Node]bool{}}
	f, warns, err := r.parser.Parse(name, data)
	if err != nil {
		return nil, err
	}
	_ = warns
	f.Path = name
	r.files[name] = f
	if err := r.resolveAll(f.Root); err != nil {
		return nil, err
	}
	return f.Root, nil
}

// canonicalOrder sorts what the document lists in maps, whose key order
// carries no meaning, so that results never depend on how a file happens
// to order its keys.
func canonicalOrder(d *Document) {
	sort.SliceStable(d.Servers, func(i, j int) bool { return d.Servers[i].Name < d.Servers[j].Name })
	for _, s := range d.Servers {
		sort.SliceStable(s.Variables, func(i, j int) bool { return s.Variables[i].Name < s.Variables[j].Name })
		sortSecurity(s.Security)
	}
	sort.SliceStable(d.Channels, func(i, j int) bool {
		a, b := d.Channels[i], d.Channels[j]
		if a.Address != b.Address {
			return a.Address < b.Address
		}
		return a.Key < b.Key
	})
	for _, c := range d.Channels {
		idx := make([]int, len(c.Messages))
		for i := range idx {
			idx[i] = i
		}
		sort.SliceStable(idx, func(i, j int) bool { return c.MessageKeys[idx[i]] < c.MessageKeys[idx[j]] })
		msgs, keys := make([]*Message, len(idx)), make([]string, len(idx))
		for i, k := range idx {
			msgs[i], keys[i] = c.Messages[k], c.MessageKeys[k]
		}
		c.Messages, c.MessageKeys = msgs, keys
	}
	sort.SliceStable(d.Operations, func(i, j int) bool { return d.Operations[i].Key < d.Operations[j].Key })
	for _, o := range d.Operations {
		sortSecurity(o.Security)
	}
	sort.SliceStable(d.Messages, func(i, j int) bool { return messageOrder(d.Messages[i], d.Messages[j]) })
	sort.SliceStable(d.UnusedMessages, func(i, j int) bool { return messageOrder(d.UnusedMessages[i], d.UnusedMessages[j]) })
	sort.SliceStable(d.UnusedSchemas, func(i, j int) bool { return d.UnusedSchemas[i].Name < d.UnusedSchemas[j].Name })
}

func messageOrder(a, b *Message) bool {
	if a.Label() != b.Label() {
		return a.Label() < b.Label()
	}
	return a.Def.Pointer() < b.Def.Pointer()
}

func sortSecurity(s *Security) {
	if s == nil {
		return
	}
	for _, alt := range s.Alternatives {
		sort.SliceStable(alt.Uses, func(i, j int) bool { return alt.Uses[i].Name < alt.Uses[j].Name })
	}
}
