package schema

import (
	"regexp"
	"sort"
	"testing"
)

func TestCatalogueShape(t *testing.T) {
	if !sort.SliceIsSorted(Rules, func(i, j int) bool { return Rules[i].ID < Rules[j].ID }) {
		t.Error("Rules is not sorted by ID")
	}
	id := regexp.MustCompile(`^schema-[a-z0-9]+(-[a-z0-9]+)*$`)
	row := regexp.MustCompile(`^JS-\d\d$`)
	seen := map[string]bool{}
	for _, r := range Rules {
		if seen[r.ID] {
			t.Errorf("%s listed twice", r.ID)
		}
		seen[r.ID] = true
		if !id.MatchString(r.ID) {
			t.Errorf("%q is not a kebab-case schema- id", r.ID)
		}
		if !row.MatchString(r.Row) {
			t.Errorf("%s: row %q", r.ID, r.Row)
		}
		if r.Description == "" {
			t.Errorf("%s has no description", r.ID)
		}
		if got, ok := RuleByID(r.ID); !ok || got != r {
			t.Errorf("RuleByID(%s) = %v, %v", r.ID, got, ok)
		}
	}
	if _, ok := RuleByID("schema-no-such-rule"); ok {
		t.Error("RuleByID found a rule that does not exist")
	}
}

func TestEffectAlgebraOfBits(t *testing.T) {
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
