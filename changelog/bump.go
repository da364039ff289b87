package changelog

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/Masterminds/semver/v3"

	"eventdiff/rules"
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

// required is the largest bump of the findings that count (accepted ones
// do not) and whether any of them is breaking. Before 1.0.0, semver allows
// breaking changes in a minor release, so the bump shifts down one step,
// as rules does for info.version.
func required(res *rules.Result, since *semver.Version) (b rules.Bump, breaking bool, preOne bool) {
	b = rules.None
	if res != nil {
		for _, f := range res.Findings {
			if !f.Counts() {
				continue
			}
			if f.Bump.Rank() > b.Rank() {
				b = f.Bump
			}
			breaking = breaking || f.Level == rules.Breaking
		}
	}
	if since != nil && since.Major() == 0 {
		preOne = true
		switch b {
		case rules.Major:
			b = rules.Minor
		case rules.Minor:
			b = rules.Patch
		}
	}
	return b, breaking, preOne
}

// increment applies a bump. A pre-release of the current version is
// released by a patch bump (2.0.0-rc.1 → 2.0.0), as semver's precedence says.
func increment(v *semver.Version, b rules.Bump) (semver.Version, error) {
	overflow := func(n uint64) error {
		if n == math.MaxUint64 {
			return fmt.Errorf("%s cannot be bumped: the number is at its largest", v)
		}
		return nil
	}
	switch b {
	case rules.Major:
		if err := overflow(v.Major()); err != nil {
			return *v, err
		}
		return v.IncMajor(), nil
	case rules.Minor:
		if err := overflow(v.Minor()); err != nil {
			return *v, err
		}
		return v.IncMinor(), nil
	case rules.Patch:
		if err := overflow(v.Patch()); err != nil && v.Prerelease() == "" {
			return *v, err
		}
		return v.IncPatch(), nil
	}
	next := *v
	return next, nil
}

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
	c.Required, c.Breaking, c.PreOne = required(changes, since.v)
	next, err := increment(since.v, c.Required)
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
	v, err := parseVersion(current)
	if err != nil {
		return "", "", fmt.Errorf("%q is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.4.0)", current)
	}
	b, _, _ := required(res, v)
	next, err := increment(v, b)
	if err != nil {
		return "", "", err
	}
	s := next.String()
	if strings.HasPrefix(current, "v") {
		s = "v" + s
	}
	return s, b, nil
}
