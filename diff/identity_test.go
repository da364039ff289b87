package diff

import (
	"strings"
	"testing"

	"github.com/eventdiff/eventdiff/spec"
	"github.com/eventdiff/eventdiff/tree"
)

func TestRelativeTo(t *testing.T) {
	for _, tc := range []struct{ main, file, want string }{
		{"api/asyncapi.yaml", "api/asyncapi.yaml", ""},
		{"api/asyncapi.yaml", "api/channels.yaml", "channels.yaml"},
		{"api/v1/asyncapi.yaml", "common/messages.yaml", "../../common/messages.yaml"},
		{"asyncapi.yaml", "schemas/user.json", "schemas/user.json"},
		{"api/asyncapi.yaml", "https://example.com/s.json", "https://example.com/s.json"},
	} {
		if got := relativeTo(tc.main, tc.file); got != tc.want {
			t.Errorf("relativeTo(%q, %q) = %q, want %q", tc.main, tc.file, got, tc.want)
		}
	}
}

// List items are named by what they are, when that names one item.
func TestIdentityPointer(t *testing.T) {
	root, err := spec.ParseResolved("doc.yaml", []byte(`required: [a, "x/y", "`+strings.Repeat("long", 60)+`"]
enum: [1, 1, 2]
security: [{apiKey: []}, {oauth: [read]}]
messages: [{$ref: '#/components/messages/A'}, {name: plain}, {payload: {}}]
components: {messages: {A: {}}}
`))
	if err != nil {
		t.Fatal(err)
	}
	p := &placer{ids: map[*tree.Node]map[string]int{}}
	for ptr, want := range map[string]string{
		"/required/1":         "/required/x~1y",
		"/required/2":         "/required/2", // too long to stand for its position
		"/enum/0":             "/enum/0",     // not unique: the position stays
		"/enum/2":             "/enum/2",     // its value, which is its position too
		"/security/1/oauth/0": "/security/oauth/oauth/read",
		"/messages/0":         "/messages/#~1components~1messages~1A",
		"/messages/1":         "/messages/plain",
		"/messages/2/payload": "/messages/2/payload",
	} {
		if got := p.identityPointer(nodeAt(root, ptr)); got != want {
			t.Errorf("%s: %s, want %s", ptr, got, want)
		}
	}
}
