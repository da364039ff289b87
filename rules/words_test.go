package rules

import (
	"testing"

	"github.com/eventdiff/eventdiff/diff"
	"github.com/eventdiff/eventdiff/rules/catalogue"
	"github.com/eventdiff/eventdiff/schema"
	"github.com/eventdiff/eventdiff/spec"
)

// The words of a finding come from its direction, effect and level.
func TestWordsFollowTheVerdict(t *testing.T) {
	send := []diff.OpRef{{ID: "s", Action: spec.Send}}
	recv := []diff.OpRef{{ID: "r", Action: spec.Receive}}
	both := append(append([]diff.OpRef{}, send...), recv...)
	delta := func(e schema.Effect, w *schema.Witness) *schema.Delta {
		return &schema.Delta{Rule: catalogue.SchemaPatternChanged, Effect: e, StrictEffect: e, Witness: w, Hint: "keep it"}
	}
	grew := &schema.Witness{ValidIn: "revision"}
	shrank := &schema.Witness{ValidIn: "base"}
	for _, tc := range []struct {
		name        string
		change      diff.Change
		overrides   map[string]Level
		level       Level
		consequence string
		hint        string
	}{
		{"wider, sent", diff.Change{Kind: catalogue.SchemaPatternChanged, Schema: delta(schema.Wider, nil), Operations: send},
			nil, Breaking, "breaks consumers: the old schema rejects some messages that may be sent now", "keep it"},
		{"wider, received", diff.Change{Kind: catalogue.SchemaPatternChanged, Schema: delta(schema.Wider, nil), Operations: recv},
			nil, Info, "", ""},
		{"wider, both ways: only consumers", diff.Change{Kind: catalogue.SchemaPatternChanged, Schema: delta(schema.Wider, nil), Operations: both},
			nil, Breaking, "breaks consumers: the old schema rejects some messages that may be sent now", "keep it"},
		{"narrower, received", diff.Change{Kind: catalogue.SchemaPatternChanged, Schema: delta(schema.Narrower, nil), Operations: recv},
			nil, Breaking, "breaks producers: some messages valid under the old schema are rejected now", "keep it"},
		{"unknown, an example that only widens, received", diff.Change{Kind: catalogue.SchemaPatternChanged, Schema: delta(schema.Unknown, grew), Operations: recv},
			nil, Warning, "may break producers: whether the accepted values grew or shrank cannot be decided; the example shows only that some are accepted now that were not", "keep it"},
		{"unknown, an example that proves the break, received", diff.Change{Kind: catalogue.SchemaPatternChanged, Schema: delta(schema.Unknown, shrank), Operations: recv},
			nil, Breaking, "breaks producers: some messages valid under the old schema are rejected now", "keep it"},
		{"wider, no operation", diff.Change{Kind: catalogue.SchemaPatternChanged, Schema: delta(schema.Wider, nil)},
			nil, Warning, "may break consumers or producers: no operation says which way the message travels", "keep it"},
		{"a declared warning says what may happen", diff.Change{Kind: catalogue.ChannelBindingKafkaPartitionsIncreased, Operations: send},
			nil, Warning, "may break consumers: keys map to other partitions, ordering per key restarts", ""},
		{"a removed channel breaks whoever used it", diff.Change{Kind: catalogue.ChannelRemoved, Operations: both},
			nil, Breaking, "breaks consumers and producers", ""},
		{"raised by the config", diff.Change{Kind: catalogue.SchemaPatternChanged, Schema: delta(schema.Wider, nil), Operations: recv},
			map[string]Level{catalogue.SchemaPatternChanged: Breaking}, Breaking, "breaking by the config (rules: schema-pattern-changed)", ""},
	} {
		cfg := &Config{Overrides: tc.overrides}
		f := judge(tc.change, cfg)
		if f.Level != tc.level || f.Consequence != tc.consequence || f.Hint != tc.hint {
			t.Errorf("%s: %s %q hint %q\nwant %s %q hint %q", tc.name, f.Level, f.Consequence, f.Hint, tc.level, tc.consequence, tc.hint)
		}
	}
}
