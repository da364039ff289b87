package avro_test

import (
	"path/filepath"
	"testing"

	"github.com/eventdiff/eventdiff/internal/expected"
	"github.com/eventdiff/eventdiff/schema/avro"
)

// TestRuleFixturesExpected checks (and with -update writes) the expected
// findings of the fixture folders this package generates, right after
// their documents: one `go test ./... -update` run is enough for a new
// rule, whatever order the packages run in.
func TestRuleFixturesExpected(t *testing.T) {
	for _, dir := range avro.FixtureDirs(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			expected.Check(t, dir)
		})
	}
}
