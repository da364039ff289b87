package rules_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eventdiff/eventdiff/pkg/eventdiff"
	"github.com/eventdiff/eventdiff/rules"
)

// compareTexts compares two documents and returns the findings.
func compareTexts(t *testing.T, base, revision string) []rules.Finding {
	t.Helper()
	dir := t.TempDir()
	for name, text := range map[string]string{"base.yaml": base, "revision.yaml": revision} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := eventdiff.Compare(context.Background(), eventdiff.File(filepath.Join(dir, "base.yaml")), eventdiff.File(filepath.Join(dir, "revision.yaml")), eventdiff.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res.Findings
}

// One cause, one finding: an edit in a place many elements share is
// reported once, listing every message and operation it reaches, in
// words that name them all.
func TestOneCauseOneFinding(t *testing.T) {
	shared := `asyncapi: 2.6.0
info: {title: t, version: 1.0.0}
defaultContentType: application/json
channels:
  a:
    subscribe: {operationId: sendA, message: {$ref: '#/components/messages/A'}}
  b:
    publish: {operationId: receiveB, message: {$ref: '#/components/messages/B'}}
  c:
    subscribe: {operationId: sendC, message: {$ref: '#/components/messages/C'}}
components:
  messages:
    A: {traits: [{$ref: '#/components/messageTraits/kafka'}], payload: {$ref: '#/components/schemas/Money'}}
    B: {traits: [{$ref: '#/components/messageTraits/kafka'}], payload: {$ref: '#/components/schemas/Money'}}
    C: {payload: {type: string}}
  messageTraits:
    kafka: {bindings: {kafka: {key: {type: string}}}}
  schemas:
    Money: {type: object, properties: {currency: {type: string, enum: [EUR, USD]}}}
`
	for _, tc := range []struct {
		name, from, to string
		rule, level    string
		messages       string
		text           string
	}{
		{"a shared schema", "enum: [EUR, USD]", "enum: [EUR, USD, GBP]",
			"schema-enum-value-added", "breaking", "A B", "payload of messages A and B: enum value"},
		{"a shared trait", "key: {type: string}", "key: {type: integer}",
			"schema-type-changed", "breaking", "A B", "Kafka key of messages A and B:"},
		{"the default content type", "defaultContentType: application/json\n", "",
			"default-content-type-removed", "warning", "A B C", "the content type of messages A, B and C is unknown now"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := compareTexts(t, shared, strings.Replace(shared, tc.from, tc.to, 1))
			var found []rules.Finding
			for _, f := range fs {
				if f.Rule.ID == tc.rule {
					found = append(found, f)
				}
			}
			if len(found) != 1 || len(fs) != 1 {
				var ids []string
				for _, f := range fs {
					ids = append(ids, f.Rule.ID+": "+f.Text)
				}
				t.Fatalf("want one %s finding and nothing else, got:\n%s", tc.rule, strings.Join(ids, "\n"))
			}
			f := found[0]
			var ops []string
			for _, o := range f.Operations {
				ops = append(ops, o.ID)
			}
			if string(f.Level) != tc.level || strings.Join(f.Messages, " ") != tc.messages || !strings.Contains(f.Text, tc.text) {
				t.Errorf("%s %v %q (operations %v)", f.Level, f.Messages, f.Text, ops)
			}
			if len(ops) != len(f.Messages) {
				t.Errorf("every operation that reaches it: %v", ops)
			}
		})
	}
}

// A content type set by a trait many messages share is one finding too.
func TestTraitContentTypeIsOneFinding(t *testing.T) {
	doc := `asyncapi: 2.6.0
info: {title: t, version: 1.0.0}
channels:
  a:
    subscribe: {operationId: sendA, message: {$ref: '#/components/messages/A'}}
  b:
    publish: {operationId: receiveB, message: {$ref: '#/components/messages/B'}}
components:
  messages:
    A: {traits: [{$ref: '#/components/messageTraits/common'}], payload: {type: string}}
    B: {traits: [{$ref: '#/components/messageTraits/common'}], payload: {type: string}}
  messageTraits:
    common: {contentType: application/json}
`
	fs := compareTexts(t, doc, strings.Replace(doc, "application/json", "application/avro", 1))
	if len(fs) != 1 || fs[0].Rule.ID != "message-content-type-changed" || strings.Join(fs[0].Messages, " ") != "A B" ||
		!strings.HasPrefix(fs[0].Text, "content type of messages A and B changed") || fs[0].Breaks != "consumers and producers" {
		for _, f := range fs {
			t.Errorf("%s %s %v %q", f.Level, f.Rule.ID, f.Messages, f.Text)
		}
	}
}
