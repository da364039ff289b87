package spec

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eventdiff/eventdiff/source"
	"github.com/eventdiff/eventdiff/tree"
)

// writeTree writes files (slash paths) under a new temp dir.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func load(t *testing.T, file, refRoot string, opts Options) (*Document, error) {
	t.Helper()
	if refRoot == "" {
		refRoot = filepath.Dir(file)
	}
	fs, err := source.NewDirFS(refRoot, 0)
	if err != nil {
		t.Fatal(err)
	}
	rel, err := filepath.Rel(refRoot, file)
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasPrefix(rel, "..") {
		return nil, &tree.Error{File: file, Msg: "the document is not inside --ref-root"}
	}
	abs, _ := filepath.Abs(refRoot)
	return Load(Input{FS: fs, Main: filepath.ToSlash(rel), Display: filepath.ToSlash(refRoot), Dir: abs}, opts)
}

const header3 = "asyncapi: 3.0.0\ninfo: {title: t, version: 1.0.0}\n"

func TestRelativeRefsAcrossFilesKeepTheirOwnPositions(t *testing.T) {
	t.Parallel()
	dir := writeTree(t, map[string]string{
		"api/asyncapi.yaml": header3 + `channels:
  c:
    address: a
    messages:
      m:
        $ref: '../common/messages.yaml#/Order'
`,
		"common/messages.yaml":      "Order:\n  payload:\n    $ref: './schemas/order.json'\n",
		"common/schemas/order.json": "{\n  \"type\": \"object\",\n  \"properties\": {\"id\": {\"type\": \"string\"}}\n}\n",
	})
	d, err := load(t, filepath.Join(dir, "api/asyncapi.yaml"), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	m := d.Channels[0].Messages[0]
	p := m.Payload.Node.Deref()
	if p.Get("type").Value != "object" {
		t.Fatalf("payload not resolved: %v", p.Interface())
	}
	loc := p.Get("properties").Loc()
	if !strings.HasSuffix(loc.File, "common/schemas/order.json") || loc.Line != 3 {
		t.Errorf("location %+v", loc)
	}
	if m.ComponentKey != "Order" {
		t.Errorf("component key %q", m.ComponentKey)
	}
	if len(d.Files) != 3 {
		t.Errorf("files read: %d", len(d.Files))
	}
}

func TestRecursiveSchemasAreNormal(t *testing.T) {
	t.Parallel()
	dir := writeTree(t, map[string]string{"a.yaml": header3 + `components:
  schemas:
    Node:
      type: object
      properties:
        children:
          type: array
          items:
            $ref: '#/components/schemas/Node'
`})
	d, err := load(t, filepath.Join(dir, "a.yaml"), "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	node := d.Root.Get("components").Get("schemas").Get("Node")
	items := node.Get("properties").Get("children").Get("items")
	if items.Deref() != node {
		t.Error("the recursive reference should point back at Node")
	}
}

func TestReferenceErrors(t *testing.T) {
	t.Parallel()
	abs, _ := filepath.Abs("/etc/passwd")
	tests := []struct {
		name  string
		files map[string]string
		opts  Options
		want  string
	}{
		{"missing file", map[string]string{"a.yaml": header3 + "components:\n  schemas:\n    X:\n      $ref: './nope.yaml'\n"},
			Options{}, "nope.yaml does not exist"},
		{"missing pointer", map[string]string{"a.yaml": header3 + "components:\n  schemas:\n    X:\n      $ref: '#/components/schemas/Y'\n"},
			Options{}, "nothing at /components/schemas/Y"},
		{"only itself", map[string]string{"a.yaml": header3 + "components:\n  schemas:\n    X:\n      $ref: '#/components/schemas/X'\n"},
			Options{}, "refers only to itself"},
		{"cycle of references", map[string]string{"a.yaml": header3 + "components:\n  schemas:\n    X:\n      $ref: '#/components/schemas/Y'\n    Y:\n      $ref: '#/components/schemas/X'\n"},
			Options{}, "refers only to itself"},
		{"absolute path outside", map[string]string{"a.yaml": header3 + "components:\n  schemas:\n    X:\n      $ref: '" + abs + "'\n"},
			Options{}, "leaves the tree references may read"},
		{"dot-dot past the root", map[string]string{"sub/a.yaml": header3 + "components:\n  schemas:\n    X:\n      $ref: '../../x.yaml'\n"},
			Options{}, "leaves the tree references may read"},
		{"a pointer through a remote reference", map[string]string{"a.yaml": header3 + "components:\n  schemas:\n    X:\n      $ref: '#/components/schemas/Y/properties/id'\n    Y:\n      $ref: 'https://example.com/y.json'\n"},
			Options{}, `goes through the remote reference "https://example.com/y.json", which is not followed`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeTree(t, tt.files)
			main := filepath.Join(dir, "a.yaml")
			if _, err := os.Stat(main); err != nil {
				main = filepath.Join(dir, "sub/a.yaml")
			}
			_, err := load(t, main, "", tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "root:") {
				t.Errorf("the outside file's content leaked: %v", err)
			}
			if e, ok := err.(*tree.Error); !ok || e.Line == 0 {
				t.Errorf("want an error with a line, got %#v", err)
			}
		})
	}
}

func TestSymlinkOutOfTheTreeIsRefused(t *testing.T) {
	t.Parallel()
	outside := writeTree(t, map[string]string{"secret.yaml": "password: hunter2\n"})
	dir := writeTree(t, map[string]string{"a.yaml": header3 + "components:\n  schemas:\n    X:\n      $ref: './link.yaml'\n"})
	if err := os.Symlink(filepath.Join(outside, "secret.yaml"), filepath.Join(dir, "link.yaml")); err != nil {
		t.Skip(err)
	}
	_, err := load(t, filepath.Join(dir, "a.yaml"), "", Options{})
	if err == nil || !strings.Contains(err.Error(), "leaves the tree references may read") || strings.Contains(err.Error(), "hunter2") {
		t.Fatalf("got %v", err)
	}
}

func TestRefRootWidensTheTree(t *testing.T) {
	t.Parallel()
	dir := writeTree(t, map[string]string{
		"api/a.yaml":    header3 + "components:\n  schemas:\n    X:\n      $ref: '../shared/x.yaml'\n",
		"shared/x.yaml": "type: string\n",
	})
	if _, err := load(t, filepath.Join(dir, "api/a.yaml"), "", Options{}); err == nil {
		t.Fatal("without --ref-root the ref leaves the tree references may read")
	}
	if _, err := load(t, filepath.Join(dir, "api/a.yaml"), dir, Options{}); err != nil {
		t.Fatalf("with --ref-root: %v", err)
	}
}

// Not followed (the default), a remote reference stays as written, what
// refers to it locally leads to it, and the document lists it once.
func TestRemoteRefsLeftAsWritten(t *testing.T) {
	dir := writeTree(t, map[string]string{"a.yaml": header3 + `components:
  schemas:
    X:
      $ref: '#/components/schemas/Y'
    Y:
      $ref: 'https://example.com/y.json'
    Z:
      type: object
      properties:
        y:
          $ref: 'https://example.com/y.json#/properties/id'
`})
	d, err := load(t, filepath.Join(dir, "a.yaml"), "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	schemas := d.Root.Get("components").Get("schemas")
	x, y := schemas.Get("X"), schemas.Get("Y")
	if x.Deref() != y || y.Target != nil || y.RemoteRef() != "https://example.com/y.json" {
		t.Errorf("X leads to %v, Y's target %v", x.Deref().Interface(), y.Target)
	}
	var urls []string
	for _, n := range d.RemoteRefs {
		urls = append(urls, n.RemoteRef())
	}
	if strings.Join(urls, " ") != "https://example.com/y.json https://example.com/y.json#/properties/id" {
		t.Errorf("RemoteRefs: %v", urls)
	}
}

func TestRemoteRefsWhenAllowed(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/order.json" {
			w.Write([]byte(`{"type": "object", "properties": {"id": {"$ref": "id.json"}}}`))
			return
		}
		if r.URL.Path == "/id.json" {
			w.Write([]byte(`{"type": "string"}`))
			return
		}
		http.NotFound(w, r)
	}))
	defer srv.Close()
	dir := writeTree(t, map[string]string{"a.yaml": header3 + "components:\n  schemas:\n    X:\n      $ref: '" + srv.URL + "/order.json'\n"})
	d, err := load(t, filepath.Join(dir, "a.yaml"), "", Options{AllowRemoteRefs: true, HTTPClient: srv.Client()})
	if err != nil {
		t.Fatal(err)
	}
	x := d.Root.Get("components").Get("schemas").Get("X").Deref()
	if got := x.Get("properties").Get("id").Deref().Str("type"); got != "string" {
		t.Errorf("relative ref inside a remote document: %q", got)
	}
}

func TestLenientReferences(t *testing.T) {
	t.Parallel()
	dir := writeTree(t, map[string]string{"a.yaml": header3 + `info:
  title: t
  version: 1.0.0
  description:
    $ref: './intro.md'
components:
  messages:
    a/b:
      payload: {type: string}
  schemas:
    X:
      $ref: '#/components/messages/a/b/payload'
`})
	d, err := load(t, filepath.Join(dir, "a.yaml"), "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, w := range d.Warnings {
		msgs = append(msgs, w.Msg)
	}
	all := strings.Join(msgs, "\n")
	if !strings.Contains(all, "not allowed by the spec") || !strings.Contains(all, "unescaped /") {
		t.Errorf("warnings: %s", all)
	}
}
