package eventdiff_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/eventdiff/eventdiff/pkg/eventdiff"
)

// TestNumbersSpelledDifferentlyAreEqual: a number is a number however it
// is written. In YAML, plain scalars resolve by the YAML 1.2 core schema on
// every parse path, so `1e3` is 1000 and `1e-2` is 0.01, as they are in
// JSON; rewriting one spelling as the other changes nothing. A real change
// written in exponent form is still seen.
func TestNumbersSpelledDifferentlyAreEqual(t *testing.T) {
	doc := func(format string, multipleOf, maximum, minimum string) []byte {
		if format == "json" {
			return fmt.Appendf(nil, `{"asyncapi":"3.0.0","info":{"title":"t","version":"1.0.0"},
"channels":{"c":{"address":"c","messages":{"m":{"payload":{"type":"number","multipleOf":%s,"maximum":%s,"minimum":%s}}}}},
"operations":{"o":{"action":"send","channel":{"$ref":"#/channels/c"}}}}`, multipleOf, maximum, minimum)
		}
		return fmt.Appendf(nil, `asyncapi: 3.0.0
info: {title: t, version: 1.0.0}
channels:
  c:
    address: c
    messages:
      m:
        payload:
          type: number
          multipleOf: %s
          maximum: %s
          minimum: %s
operations:
  o:
    action: send
    channel: {$ref: '#/channels/c'}
`, multipleOf, maximum, minimum)
	}
	for _, tc := range []struct {
		name        string
		base, rev   [3]string // multipleOf, maximum, minimum
		wantChanges int
	}{
		{"exponents for decimals", [3]string{"0.01", "1000", "-0.5"}, [3]string{"1e-2", "1e3", "-5e-1"}, 0},
		{"exponents back", [3]string{"1E-2", "1.0e+3", "-5E-1"}, [3]string{"0.01", "1000.0", "-0.5"}, 0},
		{"a real change in exponent form", [3]string{"0.01", "1000", "0"}, [3]string{"1e-2", "1e4", "0"}, 1},
	} {
		for _, format := range []string{"yaml", "json"} {
			t.Run(tc.name+"/"+format, func(t *testing.T) {
				t.Parallel()
				base := eventdiff.Bytes("base."+format, doc(format, tc.base[0], tc.base[1], tc.base[2]))
				rev := eventdiff.Bytes("revision."+format, doc(format, tc.rev[0], tc.rev[1], tc.rev[2]))
				res, err := eventdiff.Compare(context.Background(), base, rev, eventdiff.Options{})
				if err != nil {
					t.Fatal(err)
				}
				if len(res.Findings) != tc.wantChanges {
					for _, f := range res.Findings {
						t.Logf("%s %s: %s", f.Level, f.Rule.ID, f.Text)
					}
					t.Fatalf("%d findings, want %d", len(res.Findings), tc.wantChanges)
				}
			})
		}
	}
}
