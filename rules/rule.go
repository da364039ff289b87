// Package rules holds the rule catalogue and turns diff changes into
// findings: a level (breaking, warning, info) decided by the direction the
// element travels, the semver bump it implies, and who it breaks. It
// prints nothing.
package rules

import (
	"github.com/eventdiff/eventdiff/schema"
)

// Level is how serious a finding is.
type Level string

// The levels, most serious first; Off switches a rule off.
const (
	Breaking Level = "breaking"
	Warning  Level = "warning"
	Info     Level = "info"
	Off      Level = "off"
)

// Rank orders levels: breaking 3, warning 2, info 1, off 0.
func (l Level) Rank() int {
	switch l {
	case Breaking:
		return 3
	case Warning:
		return 2
	case Info:
		return 1
	}
	return 0
}

// ParseLevel reads a level name.
func ParseLevel(s string) (Level, bool) {
	switch Level(s) {
	case Breaking, Warning, Info, Off:
		return Level(s), true
	}
	return "", false
}

// Bump is a semantic-version increment.
type Bump string

// The bumps, largest first.
const (
	Major Bump = "major"
	Minor Bump = "minor"
	Patch Bump = "patch"
	None  Bump = "none"
)

func (b Bump) rank() int {
	switch b {
	case Major:
		return 3
	case Minor:
		return 2
	case Patch:
		return 1
	}
	return 0
}

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

// Levels gives a rule's level for each direction.
type Levels struct {
	Send, Receive, Both, Unknown Level
}

func fixed(l Level) Levels { return Levels{l, l, l, l} }

// byDirection builds Levels where "both" is the more serious of the two.
func byDirection(send, receive, unknown Level) Levels {
	both := send
	if receive.Rank() > both.Rank() {
		both = receive
	}
	return Levels{Send: send, Receive: receive, Both: both, Unknown: unknown}
}

func (ls Levels) forDirection(d Direction) Level {
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
	Added      = "added"
	Changed    = "changed"
	Deprecated = "deprecated"
	Removed    = "removed"
)

// Rule is one entry of the catalogue.
type Rule struct {
	ID          string `json:"id"`
	Object      string `json:"object"` // document, server, security, channel, operation, message, schema, binding
	Description string `json:"description"`
	// Levels are the default level by direction. For rules judged by
	// effect, they are derived from Effect (or the change's own effect).
	Levels Levels `json:"-"`
	// ByEffect rules take their level from the effect on accepted values
	// and the direction: wider breaks what is sent, narrower what is received.
	ByEffect bool          `json:"-"`
	Effect   schema.Effect `json:"-"` // the effect of a non-schema rule judged by effect
	// Bump is what the change implies at its default level. A breaking
	// finding always implies major; one judged below breaking at most minor.
	Bump      Bump   `json:"bump"`
	Changelog string `json:"changelog"`
}

// Directional reports whether the rule's level depends on direction.
func (r *Rule) Directional() bool {
	l := r.Levels
	return r.ByEffect || l.Send != l.Receive || l.Send != l.Unknown || l.Both != l.Send
}

// DefaultLevel describes the default level for people: one level, or the
// level per direction.
func (r *Rule) DefaultLevel() string {
	if r.ByEffect {
		return "by effect and direction"
	}
	if !r.Directional() {
		return string(r.Levels.Send)
	}
	return "send: " + string(r.Levels.Send) + ", receive: " + string(r.Levels.Receive) + ", unknown: " + string(r.Levels.Unknown)
}

// NewKindPrinciple is the one judgement of every change that lets a new
// kind of value travel: an enum (or const) value, a oneOf or anyOf branch
// of a payload, a message on an operation or channel.
const NewKindPrinciple = "A new kind of value (an enum value, a oneOf or anyOf branch of a payload, a message on an operation) is judged by what a consumer that switches over the kinds it knows meets: breaking when the application sends it, since such consumers meet a kind they cannot handle; safe when the application receives it, since the application now understands more (info, unless the same change also rejects old values); a warning when no operation says which way it travels."

// Principles are the judgements that hold across rules, printed at the
// top of the rule reference.
var Principles = []string{NewKindPrinciple}

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
		return byDirection(Breaking, Info, Warning).forDirection(d)
	case schema.Narrower:
		return byDirection(Info, Breaking, Warning).forDirection(d)
	}
	return Warning
}

// parameterLevel is effectLevel for channel parameter values: a wider
// parameter publishes to new concrete addresses, a warning for senders;
// a narrower one leaves producers on removed values unheard.
func parameterLevel(e schema.Effect, d Direction) Level {
	switch e {
	case schema.Wider:
		return byDirection(Warning, Info, Warning).forDirection(d)
	case schema.Narrower:
		return byDirection(Info, Breaking, Warning).forDirection(d)
	}
	return effectLevel(e, d)
}
