package rules

import (
	"fmt"
	"math"
	"strings"

	"github.com/Masterminds/semver/v3"

	"github.com/eventdiff/eventdiff/spec"
)

// BumpInfo is the suggested version bump and how it compares with the
// versions the two documents declare.
type BumpInfo struct {
	Suggested  Bump   `json:"suggested"`
	Current    string `json:"current,omitempty"`    // base info.version
	Declared   string `json:"declared,omitempty"`   // revision info.version
	Next       string `json:"next,omitempty"`       // current with the suggested bump applied
	DeclaredOK *bool  `json:"declaredOk,omitempty"` // whether declared is at least next; unset unless both are semver
	PreOne     bool   `json:"-"`                    // the current version is 0.x, so bumps shift down
}

// suggestBump takes the largest bump of all findings and compares the
// result with the versions the documents declare.
func suggestBump(findings []Finding, base, revision *spec.Document) BumpInfo {
	b := BumpInfo{Suggested: None}
	if base.Info != nil {
		b.Current = base.Info.Version
	}
	if revision.Info != nil {
		b.Declared = revision.Info.Version
	}
	cur, err := ParseVersion(b.Current)
	if err != nil {
		b.Suggested, _, _ = RequiredBump(findings, nil)
		return b
	}
	b.Suggested, _, b.PreOne = RequiredBump(findings, cur)
	next, err := Increment(cur, b.Suggested)
	if err != nil {
		return b
	}
	b.Next = next.String()
	if strings.HasPrefix(strings.TrimSpace(b.Current), "v") {
		b.Next = "v" + b.Next
	}
	if dec, err := ParseVersion(b.Declared); err == nil {
		ok := !dec.LessThan(&next)
		b.DeclaredOK = &ok
	}
	return b
}

// RequiredBump is the largest bump of the findings that count (accepted
// ones do not) and whether any of them is breaking. Before 1.0.0 semver
// allows breaking changes in a minor release, so when current is 0.x every
// bump shifts down one step (preOne).
func RequiredBump(findings []Finding, current *semver.Version) (b Bump, breaking, preOne bool) {
	b = None
	for _, f := range findings {
		if !f.Counts() {
			continue
		}
		if f.Bump.Rank() > b.Rank() {
			b = f.Bump
		}
		breaking = breaking || f.Level == Breaking
	}
	if current != nil && current.Major() == 0 {
		preOne = true
		switch b {
		case Major:
			b = Minor
		case Minor:
			b = Patch
		}
	}
	return b, breaking, preOne
}

// Increment applies a bump. A pre-release of a version is released by a
// patch bump (2.0.0-rc.1 → 2.0.0), as semver's precedence says; a number
// already at its largest cannot grow.
func Increment(v *semver.Version, b Bump) (semver.Version, error) {
	full := func(n uint64) error {
		if n == math.MaxUint64 {
			return fmt.Errorf("%s cannot be bumped: the number is at its largest", v)
		}
		return nil
	}
	switch b {
	case Major:
		if err := full(v.Major()); err != nil {
			return *v, err
		}
		return v.IncMajor(), nil
	case Minor:
		if err := full(v.Minor()); err != nil {
			return *v, err
		}
		return v.IncMinor(), nil
	case Patch:
		if err := full(v.Patch()); err != nil && v.Prerelease() == "" {
			return *v, err
		}
		return v.IncPatch(), nil
	}
	return *v, nil
}

// ParseVersion reads a strict semantic version, with an optional v prefix.
func ParseVersion(s string) (*semver.Version, error) {
	return semver.StrictNewVersion(strings.TrimPrefix(strings.TrimSpace(s), "v"))
}
