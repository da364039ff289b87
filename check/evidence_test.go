package check

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eventdiff/eventdiff/pkg/eventdiff"
)

// evidenceOf diffs two documents and counts each finding's evidence in a
// capture; it returns "rule: R of S on CHANNEL" per breaking or warning
// finding ("rule: unmeasured" for one messages cannot show).
func evidenceOf(t *testing.T, basePath, revPath, capture string) []string {
	t.Helper()
	res, err := eventdiff.Compare(context.Background(), eventdiff.File(basePath), eventdiff.File(revPath), eventdiff.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tr, err := Evidence(context.Background(), &JSONLines{R: strings.NewReader(capture), Label: "c.jsonl"}, Options{}, res)
	if err != nil || len(tr) != 1 {
		t.Fatal(err)
	}
	var out []string
	for _, e := range tr[0].Findings {
		s := fmt.Sprintf("%s: %d of %d on %s", res.Findings[e.Finding].Rule.ID, e.Rejects, e.Seen, e.Channel)
		if !e.Measured {
			s = res.Findings[e.Finding].Rule.ID + ": unmeasured"
		}
		out = append(out, s)
	}
	return out
}

func TestEvidenceOfTheExample(t *testing.T) {
	capture, _ := os.ReadFile("../testdata/check/messages.jsonl")
	got := evidenceOf(t, "../testdata/check/base.yaml", "../testdata/check/revision.yaml", string(capture))
	want := "schema-required-added: 3 of 9 on orders/{region}/placed"
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
		"schema-enum-value-added: 1 of 2 on status",
		// The channel is gone: every message on it has nowhere to go.
		"channel-removed: 1 of 1 on legacy",
		// Received, narrower, but no message seen comes near the new bound.
		"schema-maximum-decreased: 0 of 1 on quiet",
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
	if !strings.Contains(got, ": 1 of 2 on regions/{r}") {
		t.Fatalf("got %s", got)
	}
}

// One read of a capture serves several checkers: each reports exactly what
// it would have reported alone, whatever the others' documents.
func TestRunAllIsEachRunAlone(t *testing.T) {
	base, rev := loadExample(t)
	other := loadString(t, `asyncapi: 3.0.0
info: {title: refunds, version: 1.0.0}
channels:
  refunded: {address: 'orders/{region}/refunded', messages: {R: {payload: {type: object, required: [orderId]}}}}
operations:
  sendRefund: {action: send, channel: {$ref: '#/channels/refunded'}}
`)
	capture, err := os.ReadFile("../testdata/check/messages.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	checkers := func() []*Checker {
		return []*Checker{NewChecker(base, rev, Options{Workers: 2}), NewChecker(other, nil, Options{Workers: 2}), NewChecker(base, nil, Options{Workers: 2})}
	}
	together, err := RunAll(context.Background(), checkers(), &JSONLines{R: bytes.NewReader(capture), Label: "c.jsonl"})
	if err != nil || len(together) != 3 {
		t.Fatalf("%d reports, %v", len(together), err)
	}
	for i, c := range checkers() {
		alone, err := c.Run(context.Background(), &JSONLines{R: bytes.NewReader(capture), Label: "c.jsonl"})
		if err != nil {
			t.Fatal(err)
		}
		a, _ := json.Marshal(alone)
		b, _ := json.Marshal(together[i])
		if !bytes.Equal(a, b) {
			t.Errorf("checker %d alone:\n%s\ntogether:\n%s", i, a, b)
		}
	}
	// The refunds document has the one address the orders documents lack.
	if together[0].Unmatched != 1 || together[1].Unmatched != 10 || together[1].Channels["orders/{region}/refunded"].Seen != 1 {
		t.Errorf("unmatched: orders %d, refunds %d", together[0].Unmatched, together[1].Unmatched)
	}
}

// Several comparisons, one capture: each finding is counted on its own
// comparison's channels, and found again by its fingerprint.
func TestEvidenceOfSeveralComparisons(t *testing.T) {
	compare := func(base, rev string) *eventdiff.Result {
		res, err := eventdiff.Compare(context.Background(), eventdiff.File(base), eventdiff.File(rev), eventdiff.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	dir := t.TempDir()
	doc := func(name, required string) string {
		p := filepath.Join(dir, name)
		src := `asyncapi: 3.0.0
info: {title: refunds, version: 1.0.0}
channels:
  refunded: {address: 'orders/{region}/refunded', messages: {R: {payload: {type: object, required: [` + required + `]}}}}
operations:
  receiveRefund: {action: receive, channel: {$ref: '#/channels/refunded'}}
`
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	orders := compare("../testdata/check/base.yaml", "../testdata/check/revision.yaml")
	refunds := compare(doc("base.yaml", "orderId"), doc("rev.yaml", "orderId, reason"))
	capture, _ := os.ReadFile("../testdata/check/messages.jsonl")
	tr, err := Evidence(context.Background(), &JSONLines{R: bytes.NewReader(capture), Label: "c.jsonl"}, Options{}, orders, refunds)
	if err != nil || len(tr) != 2 {
		t.Fatalf("%d, %v", len(tr), err)
	}
	for k, want := range []struct {
		rule          string
		rejects, seen int64
		unmatched     int64
	}{{"schema-required-added", 3, 9, 1}, {"schema-required-added", 1, 1, 10}} {
		res := []*eventdiff.Result{orders, refunds}[k]
		if len(tr[k].Findings) != 1 {
			t.Fatalf("comparison %d: %d findings with evidence", k, len(tr[k].Findings))
		}
		f := &res.Findings[tr[k].Findings[0].Finding]
		e, ok := tr[k].Of(f)
		if !ok || f.Rule.ID != want.rule || e.Rejects != want.rejects || e.Seen != want.seen || tr[k].Report.Unmatched != want.unmatched {
			t.Errorf("comparison %d: %s %+v (found %v), unmatched %d; want %+v", k, f.Rule.ID, e, ok, tr[k].Report.Unmatched, want)
		}
	}
	for i := range orders.Findings {
		if _, ok := tr[0].Of(&orders.Findings[i]); ok != (orders.Findings[i].Level != "info") {
			t.Errorf("finding %s has evidence: %v", orders.Findings[i].Rule.ID, ok)
		}
	}
}

// A changed address breaks what still travels on the old one; a message a
// document cannot judge is undecided, not unaffected.
func TestEvidenceOfAnAddressAndOfUndecided(t *testing.T) {
	dir := t.TempDir()
	doc := func(name, address, contentType string) string {
		p := filepath.Join(dir, name)
		src := `asyncapi: 3.0.0
info: {title: t, version: 1.0.0}
channels:
  c: {address: '` + address + `', messages: {M: {contentType: ` + contentType + `, payload: {type: object}}}}
operations:
  receive: {action: receive, channel: {$ref: '#/channels/c'}}
`
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	capture := `{"topic":"orders/created","payload":{}}
{"topic":"orders/created","payload":{}}
{"topic":"orders/made","payload":{}}
`
	got := strings.Join(evidenceOf(t, doc("a.yaml", "orders/created", "application/json"), doc("b.yaml", "orders/made", "application/json"), capture), "\n")
	if !strings.Contains(got, "channel-address-changed: 2 of 2 on orders/created") {
		t.Errorf("address: %s", got)
	}
	res, err := eventdiff.Compare(context.Background(), eventdiff.File(doc("c.yaml", "orders/created", "application/json")),
		eventdiff.File(doc("d.yaml", "orders/created", "application/x-unknown")), eventdiff.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tr, err := Evidence(context.Background(), &JSONLines{R: strings.NewReader(capture), Label: "c"}, Options{}, res)
	if err != nil || len(tr[0].Findings) != 1 {
		t.Fatalf("%v, %+v", err, tr)
	}
	if e := tr[0].Findings[0]; e.Rejects != 0 || e.Seen != 2 || e.Undecided != 2 {
		t.Errorf("content type: %+v", e)
	}
}
