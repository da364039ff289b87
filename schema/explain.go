package schema

import (
	"math/big"
	"strings"

	"github.com/eventdiff/eventdiff/tree"
)

// Explained is the outcome of validating one real value: whether the
// schema accepts it, whether that answer is certain, and when it does not,
// the keywords that reject it.
type Explained struct {
	Valid   bool
	Certain bool
	// Failures are the keyword nodes that reject the value, deepest first
	// in the order the validator met them: a `required` list, a `type`, a
	// `maximum`, an `anyOf` none of whose branches matched (its branches'
	// own failures are then left out), a `false` schema. Empty when valid.
	Failures []*tree.Node
}

// explainSteps is the validator budget for one real message. Witnesses are
// small, so Validate stops early; a captured message may be large, and its
// cost is already bounded by its size (the reader's line limit), so a
// budget that only a pathological schema reaches keeps the answer exact for
// any message of realistic size.
const explainSteps = 2_000_000

// maxFailures bounds the failures kept for one value: a report shows a few.
const maxFailures = 8

// Explain validates value against schema with the same draft-07 reading
// as Validate, and says which keywords reject it. Unlike Validate, which
// confirms small witnesses, it is meant for real messages: its step budget
// is larger (see explainSteps). To validate many values, an Explainer
// keeps compiled patterns between them.
func Explain(schema *tree.Node, value any, opts Options) Explained {
	return NewExplainer().Explain(schema, value, opts)
}

// An Explainer validates many values against the same schemas: it
// compiles each pattern and parses each numeric keyword once, which is
// most of the cost of validating a message otherwise. It is not safe for
// concurrent use; give each goroutine its own. What it keeps is bounded by
// the schemas, not by the values.
type Explainer struct {
	re   regexCache
	nums map[*tree.Node]*big.Rat
}

// NewExplainer returns an Explainer with empty caches.
func NewExplainer() *Explainer { return &Explainer{} }

// Explain is the package's Explain, with the Explainer's caches.
func (e *Explainer) Explain(schema *tree.Node, value any, opts Options) Explained {
	// The validator stops when steps passes validatorSteps; starting below
	// zero gives it explainSteps in all without changing its code.
	v := &validator{opts: opts, re: &e.re, nums: e.nums, steps: validatorSteps - explainSteps}
	ok := v.valid(schema, value, 0)
	e.nums = v.nums
	out := Explained{Valid: ok, Certain: !v.unknown}
	if !ok {
		out.Failures = outermostFailures(v.fails)
	}
	return out
}

// outermostFailures drops the failures of the branches of a combinator
// that failed as a whole (they are recorded just before it, and only the
// combinator says why the value is rejected), and repeats.
func outermostFailures(fails []*tree.Node) []*tree.Node {
	var out []*tree.Node
	for _, f := range fails {
		switch FailureKeyword(f) {
		case "anyOf", "oneOf", "contains", "not":
			at := f.Pointer() + "/"
			for len(out) > 0 {
				last := out[len(out)-1]
				if last.File != f.File || !strings.HasPrefix(last.Pointer(), at) {
					break
				}
				out = out[:len(out)-1]
			}
		}
		dup := false
		for _, o := range out {
			dup = dup || o == f
		}
		if !dup && len(out) < maxFailures {
			out = append(out, f)
		}
	}
	return out
}

// FailureKeyword names the keyword a failure node stands for: its key in
// the schema object (`required`, `maximum`, `anyOf`), `false` for a false
// boolean schema, or the keyword a dependency entry sits under.
func FailureKeyword(n *tree.Node) string {
	if n == nil {
		return ""
	}
	parentKey := ""
	if n.Parent != nil {
		parentKey = n.Parent.Key()
	}
	switch {
	case parentKey == "dependencies" || parentKey == "dependentRequired" || parentKey == "dependentSchemas":
		return parentKey
	case n.Kind == tree.Bool && n.Value == "false" && n.Key() != "additionalProperties" && n.Key() != "additionalItems":
		return "false"
	case n.Key() != "":
		return n.Key()
	}
	return "false"
}

// MissingRequired names the properties a `required` failure (a node of
// Explained.Failures) found missing: it finds the object of value that the
// schema holding the keyword was applied to, following the schema from
// root through references, properties, items and combinators, and lists
// the required names that object lacks. Nil when it cannot be found.
func MissingRequired(root *tree.Node, value any, required *tree.Node) []string {
	if required == nil || required.Parent == nil {
		return nil
	}
	names := required.Strings()
	missing := func(v any) []string {
		obj, _ := v.(map[string]any)
		var out []string
		for _, name := range names {
			if _, has := obj[name]; obj != nil && !has {
				out = append(out, name)
			}
		}
		return out
	}
	budget := explainSteps
	found := locate(root, value, required.Parent, func(v any) bool { return len(missing(v)) > 0 }, &budget, 0)
	return missing(found)
}

// locate returns a part of value that target (a schema object) applies to
// when s applies to value and that wanted accepts, or nil. The first such
// place wins.
func locate(s *tree.Node, value any, target *tree.Node, wanted func(any) bool, budget *int, depth int) any {
	*budget--
	s = s.Deref()
	if s == nil || *budget < 0 || depth > 200 || s.Kind != tree.Map {
		return nil
	}
	if s == target && wanted(value) {
		return value
	}
	try := func(sub *tree.Node, v any) any {
		if sub == nil {
			return nil
		}
		return locate(sub, v, target, wanted, budget, depth+1)
	}
	for _, k := range []string{"allOf", "anyOf", "oneOf"} {
		for _, m := range seqItems(s, k) {
			if found := try(m, value); found != nil {
				return found
			}
		}
	}
	for _, k := range []string{"then", "else"} {
		if found := try(s.Get(k), value); found != nil {
			return found
		}
	}
	switch x := value.(type) {
	case map[string]any:
		for _, f := range fields(s, "properties") {
			if v, has := x[f.Key]; has {
				if found := try(f.Value, v); found != nil {
					return found
				}
			}
		}
		for _, v := range x {
			if found := try(s.Get("additionalProperties"), v); found != nil {
				return found
			}
		}
	case []any:
		for _, v := range x {
			if found := try(s.Get("items"), v); found != nil {
				return found
			}
		}
	}
	return nil
}
