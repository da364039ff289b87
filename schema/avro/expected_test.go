package avro_test

import (
	"testing"

	"github.com/eventdiff/eventdiff/internal/expected"
	"github.com/eventdiff/eventdiff/schema/avro"
)

// TestRuleFixturesExpected checks (and with -update writes) the expected
// findings of the fixture folders this package generates, right after
// their documents: one `go test ./... -update` run is enough for a new
// rule, whatever order the packages run in.
func TestRuleFixturesExpected(t *testing.T) {
	expected.CheckDirs(t, avro.FixtureDirs(t))
}
