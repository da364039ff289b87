package schema_test

import (
	"testing"

	"github.com/eventdiff/eventdiff/internal/expected"
	"github.com/eventdiff/eventdiff/schema"
)

// TestRuleFixturesExpected checks (and with -update writes) the expected
// findings of the fixture folders this package generates, right after
// their documents: one `go test ./... -update` run is enough for a new
// rule, whatever order the packages run in. It is not parallel, so its
// writes under -update end before TestRuleFixtures' (parallel) start.
func TestRuleFixturesExpected(t *testing.T) {
	expected.CheckDirs(t, schema.FixtureDirs(t))
}
