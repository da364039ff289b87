package rules

import (
	"github.com/eventdiff/eventdiff/rules/catalogue"
	"github.com/eventdiff/eventdiff/schema"
)

// The catalogue's types, under the names the rest of eventdiff uses.
type (
	Level  = catalogue.Level
	Bump   = catalogue.Bump
	Levels = catalogue.Levels
	Rule   = catalogue.Rule
)

// The levels, most serious first; Off switches a rule off.
const (
	Breaking = catalogue.Breaking
	Warning  = catalogue.Warning
	Info     = catalogue.Info
	Off      = catalogue.Off
)

// ParseLevel reads a level name.
func ParseLevel(s string) (Level, bool) {
	switch Level(s) {
	case Breaking, Warning, Info, Off:
		return Level(s), true
	}
	return "", false
}

// The bumps, largest first.
const (
	Major = catalogue.Major
	Minor = catalogue.Minor
	Patch = catalogue.Patch
	None  = catalogue.None
)

// Direction is how the element a change touches travels, seen from the
// application: what it sends, receives, both, or not known.
type Direction string

// The directions.
const (
	Sends    Direction = "send"
	Receives Direction = "receive"
	Both     Direction = "both"
	Unknown  Direction = "none"
)

// levelFor picks the level of a direction.
func levelFor(ls Levels, d Direction) Level {
	switch d {
	case Sends:
		return ls.Send
	case Receives:
		return ls.Receive
	case Both:
		return ls.Both
	}
	return ls.Unknown
}

// Changelog groups of the Keep a Changelog format a rule reports under.
const (
	Added      = catalogue.Added
	Changed    = catalogue.Changed
	Deprecated = catalogue.Deprecated
	Removed    = catalogue.Removed
)

// NewKindPrinciple is the one judgement of every change that lets a new
// kind of value travel: an enum (or const) value, a oneOf or anyOf branch
// of a payload, a message on an operation or channel.
const NewKindPrinciple = "A new kind of value (an enum value, a oneOf or anyOf branch of a payload, a message on an operation) is judged by what a consumer that switches over the kinds it knows meets: breaking when the application sends it, since such consumers meet a kind they cannot handle; safe when the application receives it, since the application now understands more (info, unless the same change also rejects old values); a warning when no operation says which way it travels."

// EquivalentPrinciple is the judgement of a schema written differently
// that accepts exactly the same values.
const EquivalentPrinciple = "A schema rewritten into an equivalent form (the same accepted values: a type implied by an enum, an allOf of open objects merged, integer as number with multipleOf 1, minimum 1 as exclusiveMinimum 0 on integers) is no change to the contract: at most an info finding with a patch bump, whatever rule names the keyword."

// Principles are the judgements that hold across rules, printed at the
// top of the rule reference.
var Principles = []string{NewKindPrinciple, EquivalentPrinciple}

// effectLevel is the level of an effect on accepted values for a direction:
// senders may only narrow (old consumers must accept every new message),
// receivers may only widen (old producers must still be accepted).
func effectLevel(e schema.Effect, d Direction) Level {
	switch e {
	case schema.None:
		return Info
	case schema.Incomparable:
		return Breaking
	case schema.Unknown:
		return Warning
	case schema.Wider:
		return levelFor(catalogue.ByDirection(Breaking, Info, Warning), d)
	case schema.Narrower:
		return levelFor(catalogue.ByDirection(Info, Breaking, Warning), d)
	}
	return Warning
}

// parameterLevel is effectLevel for channel parameter values: a wider
// parameter publishes to new concrete addresses, a warning for senders;
// a narrower one leaves producers on removed values unheard.
func parameterLevel(e schema.Effect, d Direction) Level {
	switch e {
	case schema.Wider:
		return levelFor(catalogue.ByDirection(Warning, Info, Warning), d)
	case schema.Narrower:
		return levelFor(catalogue.ByDirection(Info, Breaking, Warning), d)
	}
	return effectLevel(e, d)
}
