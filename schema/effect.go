package schema

import "github.com/eventdiff/eventdiff/tree"

// Effect is what a change does to the set of accepted values.
type Effect uint8

// The effects a schema change can have on the accepted values.
const (
	None         Effect = iota // the same values are accepted
	Wider                      // the new schema accepts more
	Narrower                   // the new schema accepts fewer
	Incomparable               // some old values are rejected and some new ones were not allowed
	Unknown                    // cannot be decided (regex containment, oneOf overlap, ...)
)

func (e Effect) String() string {
	switch e {
	case None:
		return "none"
	case Wider:
		return "wider"
	case Narrower:
		return "narrower"
	case Incomparable:
		return "incomparable"
	case Unknown:
		return "unknown"
	}
	return "invalid"
}

// Combine joins the effects of sibling changes: none is neutral, equal
// effects stay, wider with narrower is incomparable, incomparable absorbs
// everything, and unknown absorbs everything but incomparable.
func Combine(a, b Effect) Effect {
	switch {
	case a == b:
		return a
	case a == None:
		return b
	case b == None:
		return a
	case a == Incomparable || b == Incomparable:
		return Incomparable
	case a == Unknown || b == Unknown:
		return Unknown
	default: // wider with narrower
		return Incomparable
	}
}

// CombineAll joins the effects of sibling changes whatever their order.
// Folding with Combine is not: once an unknown effect meets both a wider
// and a narrower one, (unknown+wider)+narrower is unknown while
// unknown+(wider+narrower) is incomparable. A wider and a narrower change
// make the whole incomparable whatever else is unknown.
func CombineAll(effects ...Effect) Effect {
	var wider, narrower, unknown bool
	for _, e := range effects {
		switch e {
		case Wider:
			wider = true
		case Narrower:
			narrower = true
		case Incomparable:
			wider, narrower = true, true
		case Unknown:
			unknown = true
		}
	}
	switch {
	case wider && narrower:
		return Incomparable
	case unknown:
		return Unknown
	case wider:
		return Wider
	case narrower:
		return Narrower
	}
	return None
}

// Invert swaps wider and narrower (for `not`, and for comparing in the
// other direction).
func (e Effect) Invert() Effect {
	switch e {
	case Wider:
		return Narrower
	case Narrower:
		return Wider
	}
	return e
}

// Options choose the semantics of a comparison.
type Options struct {
	// Strict compares validation-exactly. By default (pragmatic) adding or
	// removing an optional property of an open object has no effect, and
	// the strict effect is kept in Delta.StrictEffect.
	Strict bool
	// AssertFormat makes `format` a constraint instead of an annotation.
	AssertFormat bool
	// OpenAPI says the schemas are in the OpenAPI 3.0 dialect, where
	// `nullable` is a keyword.
	OpenAPI bool
	// Examples of whole values (message payload or headers examples) from
	// each side, tried first as witnesses.
	BaseExamples, RevisionExamples []any
	// MaxDeltas bounds the deltas of one comparison (0: no bound). Past
	// it, Compare returns no deltas and sets Result.TooMany before it
	// spends a witness search on each.
	MaxDeltas int
}

// Delta is one keyword-level difference between two schemas.
type Delta struct {
	Rule string // the id of a rule declared in package catalogue, e.g. "schema-property-removed"
	// Path is the keyword path from the compared root, as a JSON pointer
	// ("/properties/status/enum"), through references as if inlined.
	Path string
	// Base and Revision are the nodes where the difference is written in
	// each document; when one side lacks the keyword, the closest node
	// that exists there (its parent schema). Never both nil.
	Base, Revision *tree.Node
	// BaseRefs and RevisionRefs are the `$ref` strings followed from the
	// compared root to reach the difference, in order.
	BaseRefs, RevisionRefs []string
	Old, New               any // the values before and after, as plain JSON values (nil when absent)
	// Effect is the effect under the chosen Options; StrictEffect is the
	// validation-exact effect (the same unless a pragmatic policy applied).
	Effect       Effect
	StrictEffect Effect
	// CautionSend and CautionReceive ask for at least a warning when the
	// message is sent (or received) even though the effect is safe for
	// that direction, e.g. format int32 → int64 for typed consumers.
	CautionSend, CautionReceive bool
	// NewKind marks a change that admits a kind of value the old schema
	// did not list (an enum value, a oneOf or anyOf branch): a consumer that
	// switches over the kinds it knows meets one it does not, so the change
	// breaks consumers of what the application sends whatever else it does.
	NewKind bool
	// Equivalent marks a rewrite that accepts exactly the same values
	// (a bound in its other form, a schema wrapped in an allOf): it changes
	// how the contract is written, not what it accepts.
	Equivalent bool
	Reason     string   // the effect in plain words
	Hint       string   // how to make the change compatible, when there is an obvious way
	Witness    *Witness // a value that proves the effect, when one was found
}

// Witness is a concrete value accepted by one side's schema and rejected
// by the other's.
type Witness struct {
	Value   any
	ValidIn string // "base" or "revision"
	Source  string // "example" or "generated"
}

// Result is the outcome of comparing two schemas.
type Result struct {
	Deltas  []Delta
	Effect  Effect // all deltas combined
	TooMany bool   // more deltas than Options.MaxDeltas: none are returned
}
