package report_test

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/eventdiff/eventdiff/check"
	"github.com/eventdiff/eventdiff/internal/golden"
	"github.com/eventdiff/eventdiff/pkg/eventdiff"
	"github.com/eventdiff/eventdiff/report"
	"github.com/eventdiff/eventdiff/spec"
)

func loadDoc(t *testing.T, path string) *spec.Document {
	t.Helper()
	doc, err := eventdiff.NewSession(eventdiff.Options{}).Load(context.Background(), eventdiff.File(path))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// checkReport checks a capture given as text against the documents.
func checkReport(t *testing.T, base, rev *spec.Document, capture string, opts check.Options) *check.Report {
	t.Helper()
	r, err := check.NewChecker(base, rev, opts).Run(context.Background(), &check.JSONLines{R: strings.NewReader(capture), Label: "capture.jsonl"})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// The README's example of eventdiff check in every format it has, with
// one and two documents and with the example values shown.
func TestCheckReportGolden(t *testing.T) {
	base, rev := loadDoc(t, "../testdata/check/base.yaml"), loadDoc(t, "../testdata/check/revision.yaml")
	capture, err := os.ReadFile("../testdata/check/messages.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		rev  *spec.Document
		opts check.Options
	}{
		{"two", rev, check.Options{}},
		{"one", nil, check.Options{}},
		{"values", rev, check.Options{ShowValues: true}},
	} {
		r := checkReport(t, base, c.rev, string(capture), c.opts)
		for _, f := range report.FormatsOf(report.CheckOutput) {
			t.Run(c.name+"/"+f.Name, func(t *testing.T) {
				var out bytes.Buffer
				if err := f.Check(&out, r, report.Options{Version: "test"}); err != nil {
					t.Fatal(err)
				}
				checkPrintable(t, out.Bytes())
				if f.Name == "markdown" && bytes.Count(out.Bytes(), []byte("<details>")) != bytes.Count(out.Bytes(), []byte("</details>")) {
					t.Error("unbalanced <details>")
				}
				golden.Check(t, "../testdata/reports/golden/check/"+c.name+"."+ext(f.Name), out.Bytes())
			})
		}
	}
}

// What a capture says reaches no reader raw, in any format: addresses,
// reasons and values are escaped (JSON keeps them exact, escaped as JSON).
func TestCheckReportsEscapeTheCapture(t *testing.T) {
	base := loadDoc(t, "../testdata/check/base.yaml")
	capture := strings.Join([]string{
		`{"topic":"evil\u001b[2J\nline","payload":{}}`,
		`{"topic":"orders/eu/placed","payload":"\u0000\u00ff binary"}`,
		`{"topic":"orders/eu/placed","payload":{"orderId":"x\u202e|<b>*","total":-1}}`,
	}, "\n")
	r := checkReport(t, base, nil, capture, check.Options{ShowValues: true})
	for _, f := range report.FormatsOf(report.CheckOutput) {
		var out bytes.Buffer
		if err := f.Check(&out, r, report.Options{}); err != nil {
			t.Fatal(err)
		}
		checkPrintable(t, out.Bytes())
		if f.Name == "json" {
			continue
		}
		for _, want := range []string{`evil\x1b[2J\nline`, "payload is binary (10 bytes), not JSON", `\u202e`} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("%s: missing %q in:\n%s", f.Name, want, out.String())
			}
		}
		if f.Name == "markdown" && strings.Contains(out.String(), "<b>") && !strings.Contains(out.String(), "`") {
			t.Errorf("markdown lets HTML through:\n%s", out.String())
		}
	}
}
