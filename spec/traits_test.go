package spec

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/eventdiff/eventdiff/tree"
)

// A 3.x object wins over its traits, and is where it is written: fields
// merged with a trait's (headers here) are located in the object's file,
// so a change to the message's own headers is not shown in the trait's.
func TestTraitMergeKeepsTheObjectsPlace(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"a.yaml": `asyncapi: 3.0.0
info: {title: t, version: 1.0.0}
channels:
  c: {address: c, messages: {m: {$ref: '#/components/messages/m'}}}
components:
  messages:
    m:
      traits:
        - $ref: 'traits.yaml#/common'
      headers:
        type: object
        properties: {x: {type: string}}
`,
		"traits.yaml": `common:
  headers:
    type: object
    properties: {traceId: {type: string}}
`})
	d, err := load(t, filepath.Join(dir, "a.yaml"), "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	m := d.Channels[0].Messages[0]
	for what, n := range map[string]*tree.Node{"message": m.Node, "headers": m.Headers.Node} {
		if l := n.Loc(); !strings.HasSuffix(l.File, "a.yaml") || !strings.HasPrefix(l.Pointer, "#/components/messages/m") {
			t.Errorf("%s located at %s %s, want the message in a.yaml", what, l.File, l.Pointer)
		}
	}
	if n := m.Headers.Node.Get("properties"); n.Get("x") == nil || n.Get("traceId") == nil {
		t.Errorf("headers not merged: %v", n.Interface())
	}
}
