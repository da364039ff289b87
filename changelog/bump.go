package changelog

import (
	"errors"
	"fmt"
	"strings"

	"github.com/Masterminds/semver/v3"

	"github.com/eventdiff/eventdiff/rules"
)

// Check is how a release's version compares with what its changes need.
// The bump is measured from the previous stable release, so that a final
// release is judged by everything since the last one, its pre-releases
// included, and pre-releases of one version may change among themselves.
type Check struct {
	Since    string     // the version measured from ("" when there is none: nothing is judged)
	SinceTag string     // its tag
	Required rules.Bump // what the changes since then need; below 1.0.0 shifted down one step
	Breaking bool       // the changes since then include breaking ones
	Declared rules.Bump // the step from Since to this version (a pre-release: to the version it precedes); "" for Unreleased
	Next     string     // Since with Required applied: the lowest version the changes allow
	OK       *bool      // whether this version is at least Next; nil for Unreleased and when nothing is judged
	PreOne   bool       // Since is below 1.0.0, so every bump shifts down one step
}

// Exact reports whether the declared bump is exactly the required one.
func (c *Check) Exact() bool { return c.OK != nil && *c.OK && c.Declared == c.Required }

// core is a version without pre-release and build metadata: what a
// pre-release precedes.
func core(v *semver.Version) *semver.Version {
	return semver.New(v.Major(), v.Minor(), v.Patch(), "", "")
}

// declared is the step from one version to another: the first number
// that grew.
func declared(from, to *semver.Version) rules.Bump {
	t := core(to)
	switch {
	case t.Major() != from.Major():
		return rules.Major
	case t.Minor() != from.Minor():
		return rules.Minor
	case t.Patch() != from.Patch():
		return rules.Patch
	}
	return rules.None
}

// judge fills a release's Check: since is the previous stable release
// (nil when there is none), changes the findings since then, to the
// release's own version (nil for Unreleased).
func judge(since *release, changes *rules.Result, to *semver.Version) Check {
	if since == nil {
		return Check{}
	}
	c := Check{Since: since.Version(), SinceTag: since.Name}
	c.Required, c.Breaking, c.PreOne = rules.RequiredBump(findingsOf(changes), since.v)
	next, err := rules.Increment(since.v, c.Required)
	if err != nil {
		return Check{}
	}
	c.Next = next.String()
	if to != nil {
		c.Declared = declared(since.v, to)
		ok := !core(to).LessThan(&next)
		c.OK = &ok
	}
	return c
}

// ErrNoVersion says that there is no current version to bump.
var ErrNoVersion = errors.New("no current version")

// NextVersion is current with the bump that the findings of res need
// (shifted down one step below 1.0.0), keeping a v prefix if current has
// one; for eventdiff bump. current must be a semantic version.
func NextVersion(current string, res *rules.Result) (string, rules.Bump, error) {
	current = strings.TrimSpace(current)
	if current == "" {
		return "", "", ErrNoVersion
	}
	v, err := rules.ParseVersion(current)
	if err != nil {
		return "", "", fmt.Errorf("%q is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.4.0)", current)
	}
	b, _, _ := rules.RequiredBump(findingsOf(res), v)
	next, err := rules.Increment(v, b)
	if err != nil {
		return "", "", err
	}
	s := next.String()
	if strings.HasPrefix(current, "v") {
		s = "v" + s
	}
	return s, b, nil
}

func findingsOf(res *rules.Result) []rules.Finding {
	if res == nil {
		return nil
	}
	return res.Findings
}
