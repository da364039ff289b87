package catalogue

import (
	"slices"
	"strings"
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

// Bump is a semantic-version increment.
type Bump string

// The bumps, largest first.
const (
	Major Bump = "major"
	Minor Bump = "minor"
	Patch Bump = "patch"
	None  Bump = "none"
)

// Rank orders bumps: major 3, minor 2, patch 1, none (or anything else) 0.
func (b Bump) Rank() int {
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

// Levels gives a rule's default level for each way the element it is
// about travels, seen from the application.
type Levels struct {
	Send, Receive, Both, Unknown Level
}

// fixed is the same level whichever way the element travels.
func fixed(l Level) Levels { return Levels{l, l, l, l} }

// ByDirection builds Levels where "both" is the more serious of send and
// receive.
func ByDirection(send, receive, unknown Level) Levels {
	both := send
	if receive.Rank() > both.Rank() {
		both = receive
	}
	return Levels{Send: send, Receive: receive, Both: both, Unknown: unknown}
}

// Changelog groups of the Keep a Changelog format a rule reports under.
const (
	Added      = "added"
	Changed    = "changed"
	Deprecated = "deprecated"
	Removed    = "removed"
)

// Rule is one declaration of the catalogue.
type Rule struct {
	ID          string `json:"id"`
	Object      string `json:"object"` // document, server, security, channel, operation, message, schema, binding
	Description string `json:"description"`
	// Levels are the default level by direction; unused for rules judged
	// by effect.
	Levels Levels `json:"-"`
	// ByEffect rules take their level from the effect the change has on
	// the accepted values and from the direction: wider breaks what is
	// sent, narrower what is received.
	ByEffect bool `json:"-"`
	// Bump is what the change implies at its default level. A breaking
	// finding always implies major; one judged below breaking at most minor.
	Bump      Bump   `json:"bump"`
	Changelog string `json:"changelog"`
	// Row is the keyword-table row a schema rule implements (JS-nn for
	// JSON Schema, AV-nn for Avro), or "": rules of one row handle one
	// keyword, and the engines' comments and fixture headers cite rows.
	Row string `json:"-"`
}

// Directional reports whether the rule's level depends on direction.
func (r *Rule) Directional() bool {
	l := r.Levels
	return r.ByEffect || l.Send != l.Receive || l.Send != l.Unknown || l.Both != l.Send
}

// BumpAt is the bump a finding of the rule implies at a level: a breaking
// finding always needs a major bump; one judged below breaking (by
// direction, effect or the config) at most a minor one; otherwise the
// declared bump.
func (r *Rule) BumpAt(l Level) Bump {
	switch {
	case l == Breaking:
		return Major
	case r.Bump == Major:
		return Minor
	}
	return r.Bump
}

// BumpRule describes BumpAt for people: one bump when every level the
// rule can reach implies the same, else the bump by level, e.g. "major
// if breaking, else minor" for a rule judged by effect.
func (r *Rule) BumpRule() string {
	below := r.BumpAt(Warning)
	if !r.ByEffect && r.Levels.Send == Breaking && !r.Directional() {
		return string(Major)
	}
	// Engine rules declared with a patch bump are annotations: they have
	// no effect on accepted values, so no direction makes them breaking.
	canBreak := r.ByEffect && r.Bump != Patch || r.Levels.Send == Breaking || r.Levels.Receive == Breaking || r.Levels.Unknown == Breaking
	if !canBreak || below == Major {
		return string(below)
	}
	return "major if breaking, else " + string(below)
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

// declared holds every rule in declaration order; byID indexes it once
// every declaration has run (package variables are initialised before
// init functions).
var (
	declared []*Rule
	byID     map[string]*Rule
)

func init() {
	byID = make(map[string]*Rule, len(declared))
	for _, r := range declared {
		if _, dup := byID[r.ID]; dup {
			panic("catalogue: rule " + r.ID + " declared twice")
		}
		byID[r.ID] = r
	}
}

// declare adds a rule of the document (outside payload and header
// schemas) with a default level by direction, and returns its id.
func declare(id, object string, levels Levels, bump Bump, group, description string) string {
	declared = append(declared, &Rule{ID: id, Object: object, Levels: levels, Bump: bump, Changelog: group, Description: description})
	return id
}

// byEffect adds a rule of a schema engine, judged by the effect the
// change has and the direction of the message, and returns its id.
func byEffect(id, row string, bump Bump, group, description string) string {
	declared = append(declared, &Rule{ID: id, Object: "schema", ByEffect: true, Row: row, Bump: bump, Changelog: group, Description: description})
	return id
}

// Lookup returns the rule declared with an id.
func Lookup(id string) (*Rule, bool) {
	r, ok := byID[id]
	return r, ok
}

// All returns every declared rule, sorted by id.
func All() []*Rule {
	out := slices.Clone(declared)
	slices.SortFunc(out, func(a, b *Rule) int { return strings.Compare(a.ID, b.ID) })
	return out
}
