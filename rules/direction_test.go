package rules

import (
	"testing"

	"github.com/eventdiff/eventdiff/diff"
	"github.com/eventdiff/eventdiff/schema"
	"github.com/eventdiff/eventdiff/spec"
)

func TestDirectionOf(t *testing.T) {
	t.Parallel()
	send := diff.OpRef{ID: "s", Action: spec.Send}
	recv := diff.OpRef{ID: "r", Action: spec.Receive}
	for _, tt := range []struct {
		name   string
		change diff.Change
		want   Direction
	}{
		{"sent", diff.Change{Operations: []diff.OpRef{send}}, Sends},
		{"received", diff.Change{Operations: []diff.OpRef{recv}}, Receives},
		{"both ways", diff.Change{Operations: []diff.OpRef{send, recv}}, Both},
		{"no operation", diff.Change{}, Unknown},
		{"message declares full", diff.Change{Operations: []diff.OpRef{send}, Compat: "full"}, Both},
		{"message declares backward", diff.Change{Operations: []diff.OpRef{send}, Compat: "backward"}, Receives},
		{"operation declares forward", diff.Change{Operations: []diff.OpRef{{ID: "r", Action: spec.Receive, Compat: "forward"}}}, Sends},
		{"unknown declaration is ignored", diff.Change{Operations: []diff.OpRef{recv}, Compat: "sideways"}, Receives},
	} {
		if got := DirectionOf(tt.change); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestEffectLevels(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		e    schema.Effect
		d    Direction
		want Level
	}{
		{schema.Wider, Sends, Breaking}, {schema.Wider, Receives, Info}, {schema.Wider, Both, Breaking}, {schema.Wider, Unknown, Warning},
		{schema.Narrower, Sends, Info}, {schema.Narrower, Receives, Breaking}, {schema.Narrower, Unknown, Warning},
		{schema.Incomparable, Unknown, Breaking}, {schema.Unknown, Sends, Warning}, {schema.None, Both, Info},
	} {
		if got := effectLevel(tt.e, tt.d); got != tt.want {
			t.Errorf("%s/%s: %s, want %s", tt.e, tt.d, got, tt.want)
		}
	}
}

func TestCautionAndStrictNote(t *testing.T) {
	t.Parallel()
	base, rev := testDocs()
	delta := &schema.Delta{Rule: "schema-format-changed", Effect: schema.None, StrictEffect: schema.None, CautionSend: true}
	c := diff.Change{Kind: "schema-format-changed", Schema: delta, Operations: []diff.OpRef{{ID: "s", Action: spec.Send}}}
	res := Classify([]diff.Change{c}, base, rev, nil)
	if res.Findings[0].Level != Warning {
		t.Errorf("a caution for senders should warn: %s", res.Findings[0].Level)
	}
	c.Operations[0].Action = spec.Receive
	if res := Classify([]diff.Change{c}, base, rev, nil); res.Findings[0].Level != Info {
		t.Errorf("no caution for receivers: %s", res.Findings[0].Level)
	}
	pragmatic := &schema.Delta{Rule: "schema-property-added", Effect: schema.None, StrictEffect: schema.Narrower}
	c = diff.Change{Kind: "schema-property-added", Schema: pragmatic, Operations: []diff.OpRef{{ID: "r", Action: spec.Receive}}}
	f := Classify([]diff.Change{c}, base, rev, nil).Findings[0]
	if f.Level != Info || f.Note == "" {
		t.Errorf("pragmatic: level %s, note %q", f.Level, f.Note)
	}
}

// A change inside a component nothing uses is info: nobody depends on it yet.
func TestUnreferencedComponentsAreInfo(t *testing.T) {
	t.Parallel()
	base, rev := testDocs()
	delta := &schema.Delta{Rule: "schema-type-changed", Effect: schema.Incomparable, StrictEffect: schema.Incomparable}
	c := diff.Change{Kind: "schema-type-changed", Schema: delta, Unreferenced: true}
	f := Classify([]diff.Change{c}, base, rev, nil).Findings[0]
	if f.Level != Info || f.Note != "breaking if something used it; no operation does" {
		t.Errorf("level %s note %q", f.Level, f.Note)
	}
	c.Unreferenced = false
	if f := Classify([]diff.Change{c}, base, rev, nil).Findings[0]; f.Level != Breaking {
		t.Errorf("a used schema: %s", f.Level)
	}
}

// An equivalent rewrite (a bound in its other form) accepts the same
// values: a patch, not the minor its rule implies for a real change.
func TestEquivalentRewriteIsAPatch(t *testing.T) {
	base, rev := testDocs()
	delta := &schema.Delta{Rule: "schema-bound-exclusivity-changed", Effect: schema.None, StrictEffect: schema.None, Equivalent: true}
	c := diff.Change{Kind: "schema-bound-exclusivity-changed", Schema: delta, Operations: []diff.OpRef{{ID: "s", Action: spec.Send}}}
	if f := Classify([]diff.Change{c}, base, rev, nil).Findings[0]; f.Level != Info || f.Bump != Patch {
		t.Errorf("equivalent rewrite: %s, bump %s", f.Level, f.Bump)
	}
	delta.Equivalent, delta.Effect, delta.StrictEffect = false, schema.Narrower, schema.Narrower
	if f := Classify([]diff.Change{c}, base, rev, nil).Findings[0]; f.Bump != Minor {
		t.Errorf("a real narrowing sent: bump %s, want minor", f.Bump)
	}
}

// Formats that share no value ask for a warning both ways, also when no
// operation says which way the message travels.
func TestCautionBothWaysWithoutDirection(t *testing.T) {
	base, rev := testDocs()
	delta := &schema.Delta{Rule: "schema-format-changed", Effect: schema.None, StrictEffect: schema.None, CautionSend: true, CautionReceive: true}
	c := diff.Change{Kind: "schema-format-changed", Schema: delta}
	if f := Classify([]diff.Change{c}, base, rev, nil).Findings[0]; f.Level != Warning {
		t.Errorf("no direction: %s", f.Level)
	}
	delta.CautionReceive = false
	if f := Classify([]diff.Change{c}, base, rev, nil).Findings[0]; f.Level != Info {
		t.Errorf("a one-way caution without direction: %s", f.Level)
	}
}

func TestHandshakeTravelsTowardsTheApplication(t *testing.T) {
	c := diff.Change{Subject: diff.SubjectHandshake, Operations: []diff.OpRef{{ID: "s", Action: spec.Send}}}
	if got := DirectionOf(c); got != Receives {
		t.Errorf("a WebSocket handshake: %s", got)
	}
}
