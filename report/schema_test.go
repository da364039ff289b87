package report_test

import (
	"bytes"
	"path/filepath"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// reportSchemaPath is found before any test changes directory.
var reportSchemaPath, _ = filepath.Abs("../docs/report.schema.json")

var (
	reportSchemaOnce sync.Once
	reportSchema     *jsonschema.Schema
	reportSchemaErr  error
)

// validateReport validates a JSON report against docs/report.schema.json,
// the description tools are given of it.
func validateReport(out []byte) error {
	reportSchemaOnce.Do(func() {
		reportSchema, reportSchemaErr = jsonschema.NewCompiler().Compile(reportSchemaPath)
	})
	if reportSchemaErr != nil {
		return reportSchemaErr
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		return err
	}
	return reportSchema.Validate(v)
}

// checkReportSchema fails the test when a real report does not follow
// the schema: every field the report writes must be described there,
// with the values it takes.
func checkReportSchema(t *testing.T, out []byte) {
	t.Helper()
	if err := validateReport(out); err != nil {
		t.Errorf("the report does not follow docs/report.schema.json: %v", err)
	}
}

// The schema must reject what a report never is, or it checks nothing.
func TestReportSchemaRejects(t *testing.T) {
	const head = `{"schemaVersion":"1","base":{"source":"a","asyncapi":"3.0.0","version":""},"revision":{"source":"b","asyncapi":"3.0.0","version":""},"policy":{"strict":false,"assertFormat":false},"summary":{"breaking":0,"warning":0,"info":0,"accepted":0},`
	const change = `{"id":"channel-removed","level":"breaking","bump":"major","message":"m","direction":"send","operations":[],"base":null,"revision":null,"old":null,"new":null,"fingerprint":"0123456789abcdef"`
	for _, tc := range []struct {
		report string
		valid  bool
	}{
		{head + `"bump":{"suggested":"none"},"changes":[` + change + `}]}`, true},
		{head + `"bump":{"suggested":"none"},"changes":[` + change + `,"accepted":{"reason":"r","config":"c:1"}}]}`, true},
		{head + `"bump":{"suggested":"none"},"changes":[` + change + `,"elided":["new","message"]}]}`, true},
		{head + `"bump":{"suggested":"none"},"changes":[` + change + `,"elided":["everything"]}]}`, false},
		{`{}`, false},
		{head + `"bump":{"suggested":"huge"},"changes":[]}`, false},
		{head + `"bump":{"suggested":"none"},"changes":[],"surprise":1}`, false},
		{head + `"bump":{"suggested":"none"},"changes":[` + change + `,"level":"off"}]}`, false},
		{head + `"bump":{"suggested":"none"},"changes":[` + change + `,"fingerprint":"d3aad461"}]}`, false},
		{head + `"bump":{"suggested":"none"},"changes":[` + change + `,"accepted":{"reason":"","config":"c:1"}}]}`, false},
		{head + `"bump":{"suggested":"none"},"traffic":{"source":"c.jsonl","seqUnit":"line","seen":3,"unmatched":0,"malformed":1},"changes":[` + change +
			`,"traffic":{"measurable":true,"channel":"a","seen":3,"rejected":1,"undecided":0}}]}`, true},
		{head + `"bump":{"suggested":"none"},"changes":[` + change + `,"traffic":{"measurable":false}}]}`, true},
		{head + `"bump":{"suggested":"none"},"changes":[` + change + `,"traffic":{"measurable":true,"seen":3}}]}`, false},
		{head + `"bump":{"suggested":"none"},"changes":[` + change + `,"traffic":{"measurable":true,"seen":3,"rejected":-1,"undecided":0}}]}`, false},
		{head + `"bump":{"suggested":"none"},"traffic":{"source":"c.jsonl","seqUnit":"byte","seen":3,"unmatched":0,"malformed":1},"changes":[]}`, false},
	} {
		if err := validateReport([]byte(tc.report)); (err == nil) != tc.valid {
			t.Errorf("valid %v, got %v for\n%s", tc.valid, err, tc.report)
		}
	}
}
