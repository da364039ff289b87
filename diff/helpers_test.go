package diff

import (
	"strings"
	"testing"

	_ "github.com/eventdiff/eventdiff/internal/golden"
	"github.com/eventdiff/eventdiff/spec"
)

func TestCanonicalAddress(t *testing.T) {
	t.Parallel()
	for a, want := range map[string]string{
		"user/{id}/signedup":       "user/{}/signedup",
		"user/{userId}/signedup":   "user/{}/signedup",
		"{tenant}.orders.{region}": "{}.orders.{}",
		"plain/topic":              "plain/topic",
	} {
		if got := canonicalAddress(a); got != want {
			t.Errorf("%s: %s", a, got)
		}
	}
}

func TestNormalizeContentType(t *testing.T) {
	t.Parallel()
	same := [][2]string{
		{"application/json", "application/json; charset=utf-8"},
		{"Application/JSON", "application/json"},
		{"text/plain; format=a; charset=UTF-8", "text/plain;charset=utf-8;format=a"},
	}
	for _, p := range same {
		if normalizeContentType(p[0]) != normalizeContentType(p[1]) {
			t.Errorf("%q and %q should be the same", p[0], p[1])
		}
	}
	differ := [][2]string{{"application/json", "application/avro"}, {"text/plain; charset=latin1", "text/plain"}, {"", "application/json"}}
	for _, p := range differ {
		if normalizeContentType(p[0]) == normalizeContentType(p[1]) {
			t.Errorf("%q and %q should differ", p[0], p[1])
		}
	}
}

func TestSameFormatSpelling(t *testing.T) {
	t.Parallel()
	if !sameFormatSpelling("application/vnd.aai.asyncapi;version=2.6.0", "application/vnd.aai.asyncapi+json;version=3.0.0") {
		t.Error("the AsyncAPI version and the encoding suffix are not semantic")
	}
	if sameFormatSpelling("application/schema+json;version=draft-07", "application/vnd.aai.asyncapi;version=3.0.0") {
		t.Error("draft-07 and AsyncAPI schema are written differently")
	}
}

func TestProtocolGenerationChanged(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		proto, a, b string
		want        bool
	}{
		{"mqtt", "3.1.1", "5", true}, {"mqtt", "3.1.1", "3.1", false}, {"amqp", "0.9.1", "1.0.0", true},
		{"kafka", "2.8", "3.6", false}, {"mqtt", "", "5", false},
	} {
		if got := protocolGenerationChanged(tt.proto, tt.a, tt.b); got != tt.want {
			t.Errorf("%s %s→%s: %v", tt.proto, tt.a, tt.b, got)
		}
	}
}

func TestSetDiff(t *testing.T) {
	t.Parallel()
	a, b := setDiff([]string{"x", "y", "y", "z"}, []string{"z", "w"})
	if strings.Join(a, ",") != "x,y" || strings.Join(b, ",") != "w" {
		t.Errorf("%v %v", a, b)
	}
}

func msg(id, key, comp, name, payload string) *spec.Message {
	m := &spec.Message{ID: id, ChannelKey: key, ComponentKey: comp, Name: name}
	if payload != "" {
		root, err := spec.ParseResolved("p.yaml", []byte(payload))
		if err != nil {
			panic(err)
		}
		m.Payload = &spec.Schema{Format: spec.FormatJSONSchema, Node: root}
	}
	return m
}

func TestPairMessages(t *testing.T) {
	t.Parallel()
	// A 2.x messageId meets the 3.x channel key the converter made of it.
	a1, b1 := msg("UserSignedUp", "", "", "", ""), msg("", "UserSignedUp", "", "", "")
	// Same component under another key: the name is shared.
	a2, b2 := msg("", "", "Order", "order", ""), msg("", "orderPlaced", "", "order", "")
	// Nothing in common but an identical payload.
	a3, b3 := msg("", "", "", "", "{type: object, properties: {x: {type: string}}}"), msg("", "", "", "", "{properties: {x: {type: string}}, type: object}")
	gone, fresh := msg("Gone", "", "", "", ""), msg("Fresh", "", "", "", "")
	pairs, removed, added := pairMessages([]*spec.Message{a1, a2, a3, gone}, []*spec.Message{fresh, b3, b2, b1}, false)
	want := map[*spec.Message]*spec.Message{a1: b1, a2: b2, a3: b3}
	if len(pairs) != 3 {
		t.Fatalf("%d pairs", len(pairs))
	}
	for _, p := range pairs {
		if want[p[0]] != p[1] {
			t.Errorf("%s paired with %s", p[0].Label(), p[1].Label())
		}
	}
	if len(removed) != 1 || removed[0] != gone || len(added) != 1 || added[0] != fresh {
		t.Errorf("removed %v added %v", removed, added)
	}
	// The last message left on each side of an operation is the same slot.
	pairs, removed, added = pairMessages([]*spec.Message{gone}, []*spec.Message{fresh}, true)
	if len(pairs) != 1 || removed != nil || added != nil {
		t.Errorf("lone messages should pair: %v %v %v", pairs, removed, added)
	}
	if pairs, _, _ = pairMessages([]*spec.Message{gone}, []*spec.Message{fresh}, false); len(pairs) != 0 {
		t.Error("without lone pairing nothing matches")
	}
}
