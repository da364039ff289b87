package spec

import (
	"strings"
	"testing"
)

// Found by FuzzLoad: two 3.x channel ids that refer to one definition
// listed the same channel twice in the model.
func TestChannelWithTwoIDsIsListedOnce(t *testing.T) {
	doc := []byte(header3 + "channels:\n  a: {$ref: '#/components/channels/x'}\n  b: {$ref: '#/components/channels/x'}\n" +
		"  c: &c {address: c}\n  d: *c\noperations:\n  o: {action: send, channel: {$ref: '#/channels/b'}}\n" +
		"components:\n  channels:\n    x: {address: x, messages: {m: {payload: {type: string}}}}\n")
	d, err := loadFuzzed("asyncapi.yaml", doc, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Channels) != 2 {
		t.Fatalf("%d channels, want x and c once each", len(d.Channels))
	}
}

// Found by FuzzLoad: an error naming a pointer or file written with a
// line break ran over two lines.
func TestErrorsStayOneLine(t *testing.T) {
	for _, doc := range []string{
		header3 + "components: {schemas: {a: {$ref: \"#/nothing\\nhere\"}}}\n",
		header3 + "components: {schemas: {a: {$ref: \"#/\\r\\r\"}}}\n",
		header3 + "components: {schemas: {a: {$ref: \"missing\\n.yaml\"}}}\n",
	} {
		_, err := loadFuzzed("asyncapi.yaml", []byte(doc), nil)
		if err == nil || strings.ContainsAny(err.Error(), "\r\n") {
			t.Errorf("%q", err)
		}
	}
}
