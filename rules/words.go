package rules

import (
	"strings"

	"github.com/eventdiff/eventdiff/diff"
	"github.com/eventdiff/eventdiff/schema"
)

// The words of a finding follow its verdict. Engines state facts (what is
// accepted or rejected now); who a change breaks, how surely, why it is
// only a warning and what would make it compatible are decided here, once,
// from the same direction, effect and level that set the finding's level:
// a finding that breaks nobody never says it breaks anyone, and a hint
// about keeping something appears only where keeping it matters.

// verdict is what judging a change learnt beyond its level, for its words.
type verdict struct {
	schema      bool          // judged by the effect on accepted values
	effect      schema.Effect // that effect (refined by a witness)
	directional bool          // the rule's level depends on direction
	cautioned   bool          // raised to a warning by an engine's caution
	natural     Level         // the level before the config or an unused component changed it
}

// refinedEffect is a schema change's effect, sharpened by its witness
// where the engine could not decide: a value accepted now and rejected
// before proves the set grew (wider, or both ways); one accepted before
// and rejected now proves it shrank. When the proven half is the half
// that breaks the message's direction, the change breaks whatever the
// other half is, so it is as bad as incomparable.
func refinedEffect(d *schema.Delta, dir Direction) schema.Effect {
	if d.Effect != schema.Unknown || d.Witness == nil {
		return d.Effect
	}
	grew := d.Witness.ValidIn == "revision"
	switch {
	case grew && (dir == Sends || dir == Both), !grew && (dir == Receives || dir == Both):
		return schema.Incomparable
	}
	return schema.Unknown
}

// words sets the finding's Breaks, Consequence and Hint from its verdict.
func (f *Finding) words(v verdict) {
	if f.Level != Breaking && f.Level != Warning {
		return
	}
	f.Breaks = who(f.Direction, v.directional)
	if v.schema && !v.cautioned && f.Direction == Both {
		f.Breaks = whoBothWays(v.effect)
	}
	if f.Subject == diff.SubjectHandshake && f.Breaks != "" {
		// A handshake's query and headers are sent by whoever opens the
		// connection, whichever way the channel's messages travel.
		f.Breaks = "clients that open the connection"
	}
	if v.natural.Rank() < f.Level.Rank() {
		// The config made it more serious than its rule: who it hurts is
		// the config's call, not something eventdiff can say.
		f.Breaks = ""
		f.Consequence = string(f.Level) + " by the config (rules: " + f.Rule.ID + ")"
		return
	}
	if f.Breaks == "" {
		return
	}
	verb := "breaks "
	if f.Level == Warning {
		verb = "may break "
	}
	f.Consequence = verb + f.Breaks
	if why := f.reason(v); why != "" {
		f.Consequence += ": " + why
	}
	if d := f.Schema; d != nil && v.schema && !v.cautioned && effectLevel(v.effect, f.Direction).Rank() >= Warning.Rank() {
		f.Hint = d.Hint
	}
}

// who names whom a serious finding hurts. Without a direction, a
// direction-dependent finding may hurt either side.
func who(d Direction, directional bool) string {
	switch d {
	case Sends:
		return "consumers"
	case Receives:
		return "producers"
	case Both:
		return "consumers and producers"
	}
	if directional {
		return "consumers or producers"
	}
	return ""
}

// whoBothWays names whom a schema change to a message that travels both
// ways hurts: a wider schema only its consumers, a narrower one only its
// producers.
func whoBothWays(e schema.Effect) string {
	switch e {
	case schema.Wider:
		return "consumers"
	case schema.Narrower:
		return "producers"
	}
	return "consumers and producers"
}

// reason says how a finding hurts whom it names, and for a warning why it
// is not called breaking.
func (f *Finding) reason(v verdict) string {
	if f.Direction == Unknown && v.directional && f.Level == Warning {
		return "no operation says which way the message travels"
	}
	if !v.schema && f.Level == Warning && v.natural == Warning {
		return ruleWhy(f.Rule)
	}
	if !v.schema || v.cautioned {
		return ""
	}
	if v.effect == schema.Unknown {
		return unknownReason(f)
	}
	var parts []string
	switch {
	case f.Schema.NewKind && (f.Direction == Sends || f.Direction == Both):
		// See NewKindPrinciple: what a consumer meets, not only what a
		// validator would say.
		parts = append(parts, "any that switch over the known values meet a new one")
	case (v.effect == schema.Wider || v.effect == schema.Incomparable) && f.Direction != Receives:
		parts = append(parts, "the old schema rejects some messages that may be sent now")
	}
	if (v.effect == schema.Narrower || v.effect == schema.Incomparable) && f.Direction != Sends {
		parts = append(parts, "some messages valid under the old schema are rejected now")
	}
	if f.Direction == Unknown {
		parts = append(parts, "no operation says which way the message travels")
	}
	return strings.Join(parts, "; ")
}

// ruleWhy is what a rule declared a warning says may happen: its
// description after the first colon or semicolon ("keys map to other
// partitions, ordering per key restarts"), "" when it says nothing more.
func ruleWhy(r *Rule) string {
	i := strings.IndexAny(r.Description, ":;")
	if i < 0 {
		return ""
	}
	return strings.TrimSuffix(strings.TrimSpace(r.Description[i+1:]), ".")
}

// unknownReason is why an undecided schema change is a warning, and what
// its witness, if any, shows.
func unknownReason(f *Finding) string {
	why := "whether the accepted values grew or shrank cannot be decided"
	w := f.Schema.Witness
	switch {
	case w == nil:
		return why
	case w.ValidIn == "revision":
		return why + "; the example shows only that some are accepted now that were not"
	}
	return why + "; the example shows only that some are rejected now that were not"
}
