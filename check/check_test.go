package check

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	_ "github.com/eventdiff/eventdiff/internal/golden"
	"github.com/eventdiff/eventdiff/spec"
)

// run checks a capture given as text against the documents.
func run(t *testing.T, base, rev *spec.Document, capture string, opts Options) *Report {
	t.Helper()
	r, err := NewChecker(base, rev, opts).Run(context.Background(), &JSONLines{R: strings.NewReader(capture), Label: "capture.jsonl"})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// The counts of the example, asserted one by one: the README's claims.
func TestExampleCounts(t *testing.T) {
	base, rev := loadExample(t)
	capture, _ := os.ReadFile("../testdata/check/messages.jsonl")
	r := run(t, base, rev, string(capture), Options{})
	if r.Seen != 11 || r.Unmatched != 1 || r.Malformed != 1 {
		t.Fatalf("seen %d, unmatched %d, malformed %d", r.Seen, r.Unmatched, r.Malformed)
	}
	placed := r.Channels["orders/{region}/placed"]
	got := fmt.Sprint(placed.Seen, placed.ValidBase, placed.InvalidBase, *placed.ValidRevision, *placed.RejectedByRevision)
	if got != "9 7 2 4 3" {
		t.Fatalf("placed: seen, validBase, invalidBase, validRevision, rejectedByRevision = %s", got)
	}
	rej := placed.Rejected
	if len(rej) != 1 || rej[0].Keyword != "required" || strings.Join(rej[0].Missing, ",") != "currency" || rej[0].Count != 3 {
		t.Fatalf("rejections: %+v", rej)
	}
	var lines []int64
	for _, e := range rej[0].Examples {
		lines = append(lines, e.Seq)
	}
	if fmt.Sprint(lines) != "[2 4 11]" {
		t.Errorf("example lines %v", lines)
	}
	if !r.Fails(FailRejected) || !r.Fails(FailInvalid) || r.Fails(FailNone) {
		t.Error("fail-on")
	}
}

// A message accepted by both fails nothing; drift without a revision
// fails rejected and invalid alike.
func TestFailOn(t *testing.T) {
	base, rev := loadExample(t)
	good := `{"topic":"orders/eu/placed","payload":{"orderId":"1","total":1,"currency":"EUR"}}` + "\n"
	bad := `{"topic":"orders/eu/placed","payload":{"orderId":"1","total":-1}}` + "\n"
	unmatched := `{"topic":"nowhere","payload":{}}` + "\n"
	cases := []struct {
		name              string
		rev               *spec.Document
		capture           string
		rejected, invalid bool
	}{
		{"all good", rev, good, false, false},
		{"unmatched only", rev, unmatched, false, false},
		{"drift", rev, bad, false, true},
		{"one document, drift", nil, bad, true, true},
		{"one document, good", nil, good + unmatched, false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := run(t, base, c.rev, c.capture, Options{})
			if r.Fails(FailRejected) != c.rejected || r.Fails(FailInvalid) != c.invalid {
				t.Errorf("rejected %v, invalid %v; want %v, %v", r.Fails(FailRejected), r.Fails(FailInvalid), c.rejected, c.invalid)
			}
		})
	}
}

func TestSplitAddressAndMatch(t *testing.T) {
	cases := []struct {
		address, topic string
		values         []string // nil: no match
	}{
		{"orders/{region}/placed", "orders/eu/placed", []string{"eu"}},
		{"orders/{region}/placed", "orders/eu/west/placed", nil},
		{"orders/{region}/placed", "orders//placed", nil},
		{"orders.{region}.{kind}", "orders.eu.created", []string{"eu", "created"}},
		{"{a}-{b}", "x-y-z", []string{"x", "y-z"}},
		{"a+b.{x}", "a+b.1", []string{"1"}},
		{"a+b.{x}", "aab.1", nil},
	}
	for _, c := range cases {
		parts, _ := splitAddress(c.address)
		sub := templateRegexp(parts).FindStringSubmatch(c.topic)
		var got []string
		if sub != nil {
			got = sub[1:]
		}
		if fmt.Sprint(got) != fmt.Sprint(c.values) || (got == nil) != (c.values == nil) {
			t.Errorf("%s ~ %s: %q, want %q", c.address, c.topic, got, c.values)
		}
	}
}

// The most specific channel wins: a literal address over a template, the
// template with more literal text over one with less.
func TestMatchSpecificity(t *testing.T) {
	doc := loadString(t, `asyncapi: 3.0.0
info: {title: t, version: 1.0.0}
channels:
  any: {address: '{a}/{b}', messages: {M: {payload: {const: any}}}}
  ordersAny: {address: 'orders/{b}', messages: {M: {payload: {const: orders}}}}
  ordersNew: {address: 'orders/new', messages: {M: {payload: {const: new}}}}
  byID: {address: 'x/{b}', messages: {M: {payload: {const: id}}}}
`)
	capture := `{"topic":"orders/new","payload":"\"new\""}
{"topic":"orders/old","payload":"\"orders\""}
{"topic":"users/1","payload":"\"any\""}
{"channel":"byID","payload":"\"id\""}
`
	r := run(t, doc, nil, capture, Options{})
	for label, want := range map[string]int64{"orders/new": 1, "orders/{b}": 1, "{a}/{b}": 1, "x/{b}": 1} {
		if c := r.Channels[label]; c.Seen != want || c.ValidBase != want {
			t.Errorf("%s: seen %d, valid %d; want %d", label, c.Seen, c.ValidBase, want)
		}
	}
}

func loadString(t *testing.T, src string) *spec.Document {
	t.Helper()
	p := t.TempDir() + "/doc.yaml"
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return load(t, p)
}

// Several candidate messages: the one that validates takes the message.
// None validates: the closest candidate's reasons are given.
func TestMessageSelection(t *testing.T) {
	doc := loadString(t, `asyncapi: 2.6.0
info: {title: t, version: 1.0.0}
channels:
  events:
    subscribe:
      message:
        oneOf:
          - name: Created
            payload: {type: object, required: [created], properties: {created: {type: string}}}
          - name: Deleted
            payload: {type: object, required: [deleted, reason], properties: {deleted: {type: string}}}
`)
	r := run(t, doc, nil, `{"topic":"events","payload":{"created":"x"}}
{"topic":"events","payload":{"deleted":"x","reason":"y"}}
{"topic":"events","payload":{"deleted":"x"}}
`, Options{})
	c := r.Channels["events"]
	if c.Direction != "send" || c.Seen != 3 || c.ValidBase != 2 || c.InvalidBase != 1 {
		t.Fatalf("%+v", c)
	}
	if c.Messages["Created"].ValidBase != 1 || c.Messages["Deleted"].ValidBase != 1 || c.Messages["Deleted"].InvalidBase != 1 {
		t.Fatalf("per message: %+v %+v", c.Messages["Created"], c.Messages["Deleted"])
	}
	if len(c.Invalid) != 1 || c.Invalid[0].Message != "Deleted" || strings.Join(c.Invalid[0].Missing, ",") != "reason" {
		t.Fatalf("the closest candidate (Deleted, one keyword off) should explain: %+v", c.Invalid)
	}
}

// Headers are checked when the message carries them, as an object or
// kcat's flat list; parameters against their 3.x enum.
func TestHeadersAndParameters(t *testing.T) {
	doc := loadString(t, `asyncapi: 3.0.0
info: {title: t, version: 1.0.0}
channels:
  c:
    address: 'tenants/{tenant}/events'
    parameters: {tenant: {enum: [acme, globex]}}
    messages:
      M:
        headers: {type: object, required: [trace-id], properties: {trace-id: {type: string, minLength: 4}}}
        payload: {type: object}
`)
	r := run(t, doc, nil, `{"topic":"tenants/acme/events","payload":{},"headers":{"trace-id":"abcd"}}
{"topic":"tenants/acme/events","payload":{},"headers":["trace-id","ab"]}
{"topic":"tenants/acme/events","payload":{}}
{"topic":"tenants/initech/events","payload":{},"headers":{"trace-id":"abcd"}}
{"topic":"tenants/acme/events","payload":{},"headers":[]}
`, Options{})
	c := r.Channels["tenants/{tenant}/events"]
	if c.Seen != 5 || c.ValidBase != 2 || c.InvalidBase != 3 {
		t.Fatalf("%+v", c)
	}
	var kws []string
	for _, x := range c.Invalid {
		kws = append(kws, x.Keyword+strings.Join(x.Missing, ","))
	}
	if got := strings.Join(kws, " "); got != "minLength requiredtrace-id enum" {
		t.Errorf("reasons: %s", got)
	}
}

// Bad input is counted with its reason, never fatal.
func TestMalformedAndEscaping(t *testing.T) {
	base, _ := loadExample(t)
	long := `{"topic":"orders/eu/placed","payload":"` + strings.Repeat("a", 200) + `"}`
	capture := strings.Join([]string{
		`not json`,
		`[1,2]`,
		`{"payload":{}}`,
		`{"topic":"orders/eu/placed"}`,
		`{"topic":"orders/eu/placed","payload":{},"headers":["a"]}`,
		`{"topic":"orders/eu/placed","payloadBase64":"%%%"}`,
		long,
		"",
		`{"topic":"evil\u001b[2J\nline","payload":{}}`,
		`{"topic":"orders/eu/placed","payload":"\u0000\u00ff binary"}`,
	}, "\n")
	r, err := NewChecker(base, nil, Options{}).Run(context.Background(),
		&JSONLines{R: strings.NewReader(capture), Label: "capture.jsonl", MaxLine: 150})
	if err != nil {
		t.Fatal(err)
	}
	if r.Malformed != 7 || r.Seen != 2 || r.Unmatched != 1 {
		t.Fatalf("malformed %d, seen %d, unmatched %d", r.Malformed, r.Seen, r.Unmatched)
	}
	var reasons []string
	for _, p := range r.MalformedItems {
		reasons = append(reasons, p.Reason)
	}
	for _, want := range []string{"invalid JSON", "not a JSON object", "no `topic`"} {
		if !strings.Contains(strings.Join(reasons, "\n"), want) {
			t.Errorf("no malformed item says %q: %q", want, reasons)
		}
	}
	// The address is kept as it travelled: escaping is the reports' job.
	if len(r.UnmatchedTopics) != 1 || r.UnmatchedTopics[0].Topic != "evil\x1b[2J\nline" {
		t.Errorf("unmatched topics: %+v", r.UnmatchedTopics)
	}
	binary := false
	for _, x := range r.Channels["orders/{region}/placed"].Invalid {
		binary = binary || x.Reason == "payload is binary (10 bytes), not JSON"
	}
	if !binary {
		t.Errorf("the binary payload is not reported: %+v", r.Channels["orders/{region}/placed"].Invalid)
	}
}

// Workers change nothing: the same capture gives the same report with
// one worker and with many.
func TestDeterministicAcrossWorkers(t *testing.T) {
	base, rev := loadExample(t)
	p := writeBenchCapture(t, 2000)
	capture, _ := os.ReadFile(p)
	var outs []string
	for _, w := range []int{1, 2, 7} {
		r := run(t, base, rev, string(capture), Options{Workers: w, ShowValues: true})
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, string(b))
	}
	if outs[0] != outs[1] || outs[0] != outs[2] {
		t.Fatal("reports differ with the number of workers")
	}
}

// A capture that never ends (standard input nobody closes) stops at the
// duration, with what it read.
func TestCaptureBoundedByDuration(t *testing.T) {
	base, _ := loadExample(t)
	pr, pw := io.Pipe()
	defer pw.Close()
	go pw.Write([]byte(`{"topic":"orders/eu/placed","payload":{"orderId":"1","total":1}}` + "\n"))
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	r, err := NewChecker(base, nil, Options{}).Run(ctx, &JSONLines{R: pr, Label: "stdin"})
	if err != nil || r.Seen != 1 || time.Since(start) > 5*time.Second {
		t.Fatalf("%v, %+v after %v", err, r, time.Since(start))
	}
}

// A channel whose parameter was renamed is one channel in the report.
func TestRenamedParameterIsOneChannel(t *testing.T) {
	doc := func(param string) string {
		return `asyncapi: 3.0.0
info: {title: t, version: 1.0.0}
channels:
  u: {address: 'users/{` + param + `}', messages: {M: {payload: {type: object}}}}
`
	}
	r := run(t, loadString(t, doc("id")), loadString(t, doc("userId")), `{"topic":"users/7","payload":{}}`, Options{})
	if len(r.Channels) != 1 || r.Channels["users/{id}"] == nil || *r.Channels["users/{id}"].ValidRevision != 1 {
		t.Fatalf("%v", r.Channels)
	}
}
