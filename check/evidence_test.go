package check

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/eventdiff/eventdiff/pkg/eventdiff"
)

// evidenceOf diffs two documents and counts each finding's evidence in a
// capture; it returns "rule: text" per breaking or warning finding.
func evidenceOf(t *testing.T, basePath, revPath, capture string) []string {
	t.Helper()
	res, err := eventdiff.Compare(context.Background(), eventdiff.File(basePath), eventdiff.File(revPath), eventdiff.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ev, r, err := Evidence(context.Background(), res, &JSONLines{R: strings.NewReader(capture), Label: "c.jsonl"}, Options{})
	if err != nil || r == nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ev {
		out = append(out, res.Findings[e.Finding].Rule.ID+": "+e.Text())
	}
	return out
}

func TestEvidenceOfTheExample(t *testing.T) {
	capture, _ := os.ReadFile("../testdata/check/messages.jsonl")
	got := evidenceOf(t, "../testdata/check/base.yaml", "../testdata/check/revision.yaml", string(capture))
	want := "schema-required-added: rejects 3 of 9 messages seen on orders/{region}/placed"
	if strings.Join(got, "\n") != want {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
}

func TestEvidenceByKindOfChange(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) string {
		p := dir + "/" + name
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	base := write("base.yaml", `asyncapi: 3.0.0
info: {title: t, version: 1.0.0}
channels:
  status: {address: status, messages: {S: {payload: {type: object, properties: {state: {enum: [on, off]}}}}}}
  legacy: {address: legacy, messages: {L: {payload: {type: object}}}}
  quiet: {address: quiet, messages: {Q: {payload: {type: object, properties: {n: {type: integer}}}}}}
operations:
  sendStatus: {action: send, channel: {$ref: '#/channels/status'}}
  sendLegacy: {action: send, channel: {$ref: '#/channels/legacy'}}
  receiveQuiet: {action: receive, channel: {$ref: '#/channels/quiet'}}
`)
	rev := write("rev.yaml", `asyncapi: 3.0.0
info: {title: t, version: 2.0.0}
channels:
  status: {address: status, messages: {S: {payload: {type: object, properties: {state: {enum: [on, off, standby]}}}}}}
  quiet: {address: quiet, messages: {Q: {payload: {type: object, properties: {n: {type: integer, maximum: 10}}}}}}
operations:
  sendStatus: {action: send, channel: {$ref: '#/channels/status'}}
  receiveQuiet: {action: receive, channel: {$ref: '#/channels/quiet'}}
`)
	capture := `{"topic":"status","payload":{"state":"standby"}}
{"topic":"status","payload":{"state":"on"}}
{"topic":"legacy","payload":{}}
{"topic":"quiet","payload":{"n":3}}
`
	got := strings.Join(evidenceOf(t, base, rev, capture), "\n")
	for _, want := range []string{
		// Sent, wider: old consumers would reject what the new schema lets through.
		"schema-enum-value-added: rejects 1 of 2 messages seen on status",
		// The channel is gone: every message on it has nowhere to go.
		"channel-removed: rejects 1 of 1 message seen on legacy",
		// Received, narrower, but no message seen comes near the new bound.
		"schema-maximum-decreased: no message seen was affected (1 message seen on quiet)",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}

// A parameter's enum narrowed: the messages on the values it dropped.
func TestEvidenceOfAParameter(t *testing.T) {
	dir := t.TempDir()
	doc := func(values string) string {
		return `asyncapi: 3.0.0
info: {title: t, version: 1.0.0}
channels:
  c:
    address: 'regions/{r}'
    parameters: {r: {enum: [` + values + `]}}
    messages: {M: {payload: {type: object}}}
operations:
  receive: {action: receive, channel: {$ref: '#/channels/c'}}
`
	}
	base, rev := dir+"/b.yaml", dir+"/r.yaml"
	os.WriteFile(base, []byte(doc("eu, us, asia")), 0o644)
	os.WriteFile(rev, []byte(doc("eu, us")), 0o644)
	got := strings.Join(evidenceOf(t, base, rev, `{"topic":"regions/asia","payload":{}}
{"topic":"regions/eu","payload":{}}
`), "\n")
	if !strings.Contains(got, ": rejects 1 of 2 messages seen on regions/{r}") {
		t.Fatalf("got %s", got)
	}
}
