package diff

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/eventdiff/eventdiff/limits"
)

// A comparison finds at most MaxChanges changes; past it, the error names
// the limit and where in the revision the change past it was found, both
// for changes found element by element and inside one schema.
func TestMaxChanges(t *testing.T) {
	const head = "asyncapi: 3.0.0\ninfo: {title: t, version: 1.0.0}\n"
	channels := func(n int) string {
		var b strings.Builder
		b.WriteString(head + "channels:\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "  c%d: {address: c%d}\n", i, i)
		}
		return b.String()
	}
	payload := func(n int, typ string) string {
		var b strings.Builder
		b.WriteString(head + "channels:\n  c:\n    address: c\n    messages:\n      m:\n        payload:\n          properties:\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "            p%d: {type: %s}\n", i, typ)
		}
		return b.String() + "operations:\n  o: {action: send, channel: {$ref: '#/channels/c'}}\n"
	}
	tests := []struct {
		name           string
		base, revision string
		changes        int    // how many there are
		max            int    // a limit they pass
		at             string // where the error says it was passed
	}{
		{"channels added", head, channels(10), 10, 9, "revision.yaml:13:"},
		// One past the limit: the change past it.
		{"properties that change type", payload(10, "string"), payload(10, "integer"), 10, 9, "revision.yaml:19:24:"},
		// Far past it: the schema, whose changes are not explained.
		{"properties that change type, far past", payload(10, "string"), payload(10, "integer"), 10, 3, "revision.yaml:8:9:"},
	}
	lim := limits.Default
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, rev := loadNamed(t, "base.yaml", tt.base, lim), loadNamed(t, "revision.yaml", tt.revision, lim)
			for _, max := range []int{0, tt.changes, tt.changes + 1} {
				got, err := Compare(base, rev, Options{MaxChanges: max})
				if err != nil || len(got) != tt.changes {
					t.Errorf("MaxChanges %d: %d changes, error %v; want %d and no error", max, len(got), err, tt.changes)
				}
			}
			got, err := Compare(base, rev, Options{MaxChanges: tt.max})
			var le *limits.Error
			if !errors.As(err, &le) || le.Limit != limits.Changes || got != nil {
				t.Fatalf("MaxChanges %d: %d changes, error %v; want a limit error", tt.max, len(got), err)
			}
			want := fmt.Sprintf("comparing with base.yaml finds more than %d changes", tt.max)
			if !strings.HasPrefix(err.Error(), tt.at) || !strings.HasSuffix(err.Error(), want) {
				t.Errorf("error %q; want it to start with %q and end with %q", err, tt.at, want)
			}
		})
	}
}
