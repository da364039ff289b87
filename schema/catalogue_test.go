package schema

import (
	"regexp"
	"strings"
	"testing"

	"github.com/eventdiff/eventdiff/rules/catalogue"
)

// declaredRules are the catalogue's rules of this engine, sorted by id.
func declaredRules() []*catalogue.Rule {
	var out []*catalogue.Rule
	for _, r := range catalogue.All() {
		if strings.HasPrefix(r.ID, "schema-") {
			out = append(out, r)
		}
	}
	return out
}

func TestCatalogueShape(t *testing.T) {
	t.Parallel()
	id := regexp.MustCompile(`^schema-[a-z0-9]+(-[a-z0-9]+)*$`)
	row := regexp.MustCompile(`^JS-\d\d$`)
	rules := declaredRules()
	if len(rules) == 0 {
		t.Fatal("the catalogue declares no JSON Schema rule")
	}
	for _, r := range rules {
		if !id.MatchString(r.ID) {
			t.Errorf("%q is not a kebab-case schema- id", r.ID)
		}
		if !row.MatchString(r.Row) {
			t.Errorf("%s: row %q", r.ID, r.Row)
		}
		if !r.ByEffect || r.Object != "schema" {
			t.Errorf("%s: a schema rule is judged by effect", r.ID)
		}
	}
}

func TestEffectAlgebraOfBits(t *testing.T) {
	t.Parallel()
	all := []Effect{None, Wider, Narrower, Incomparable, Unknown}
	for _, e := range all {
		if got := bitsOf(e).effect(); got != e {
			t.Errorf("round trip %v → %v", e, got)
		}
		if got := bitsOf(e).invert().effect(); got != e.Invert() {
			t.Errorf("invert %v → %v, want %v", e, got, e.Invert())
		}
		for _, f := range all {
			// Joining facts agrees with Combine wherever Combine is
			// associative (it is not for unknown with wider+narrower).
			if got := (bitsOf(e) | bitsOf(f)).effect(); got != Combine(e, f) {
				t.Errorf("%v | %v = %v, Combine says %v", e, f, got, Combine(e, f))
			}
		}
	}
	if p := polSame.then(trInvert).then(trInvert); p != polSame {
		t.Errorf("double inversion gives %v", p)
	}
	if got := (polSame | polInv).apply(Wider); got != Incomparable {
		t.Errorf("a change reached both ways is %v", got)
	}
	if got := polSame.then(trUnknown).apply(Narrower); got != Unknown {
		t.Errorf("under an overlapping oneOf: %v", got)
	}
}
