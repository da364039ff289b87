package schema

import (
	"regexp"
	"testing"
)

func TestPatternSamplesMatch(t *testing.T) {
	t.Parallel()
	for _, p := range []string{
		`^[A-Z]{3}-[0-9]{4}$`, `^[a-z]+$`, `^(foo|bar)+baz?$`, `\d{2,4}`, `^urn:[a-z0-9][a-z0-9-]{0,31}:.+$`,
		`^$`, `x*`, `^[^\s]+@[^\s]+$`, `(?i)abc`, `^\w+(\.\w+)*$`,
	} {
		re := regexp.MustCompile(p)
		samples := patternSamples(p)
		if len(samples) == 0 {
			t.Errorf("%s: no samples", p)
		}
		for _, s := range samples {
			if !re.MatchString(s) {
				t.Errorf("%s: sample %q does not match", p, s)
			}
		}
	}
	if got := patternSamples(`(`); got != nil {
		t.Errorf("bad pattern gave %q", got)
	}
}

// Samples of each pattern prove a pattern change incomparable, with no
// examples given.
func TestPatternChangeProvedBySamples(t *testing.T) {
	t.Parallel()
	res := compareT(t, `{type: string, pattern: "^[A-Z]{3}-[0-9]{4}$"}`, `{type: string, pattern: "^[A-Z]{2}[0-9]{6}$"}`, Options{})
	if len(res.Deltas) != 1 || res.Deltas[0].Effect != Incomparable || res.Deltas[0].Witness == nil {
		t.Fatalf("%s", describe(res))
	}
	// Nested: /^[a-c]+$/ ⊂ /^[a-z]+$/ is not provable by rule, and a
	// witness only shows one direction: it stays unknown, with evidence.
	res = compareT(t, `{type: string, pattern: "^[a-z]+$"}`, `{type: string, pattern: "^[a-c]+$"}`, Options{})
	if res.Deltas[0].Effect != Unknown || res.Deltas[0].Witness == nil || res.Deltas[0].Witness.ValidIn != "base" {
		t.Fatalf("%s\n%+v", describe(res), res.Deltas[0].Witness)
	}
}

func TestTrivialPatterns(t *testing.T) {
	t.Parallel()
	for _, p := range []string{"", ".*", "^.*", ".*$", `[\s\S]*`, `^[\s\S]*$`} {
		if !trivialPattern(p) {
			t.Errorf("%q should be trivial", p)
		}
		if re := regexp.MustCompile(p); !re.MatchString("a\nb") || !re.MatchString("") {
			t.Errorf("%q listed as trivial but rejects a string", p)
		}
	}
	if trivialPattern("^.*$") || regexp.MustCompile("^.*$").MatchString("a\nb") {
		t.Error("^.*$ rejects line breaks, so it is not trivial")
	}
}
