package rules

import (
	"strings"

	"github.com/Masterminds/semver/v3"

	"eventdiff/spec"
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

// suggestBump takes the largest bump of all findings. Before 1.0.0, semver
// allows breaking changes in a minor release, so every bump shifts down.
func suggestBump(findings []Finding, base, revision *spec.Document) BumpInfo {
	b := BumpInfo{Suggested: None}
	for _, f := range findings {
		if f.Counts() && f.Bump.rank() > b.Suggested.rank() {
			b.Suggested = f.Bump
		}
	}
	if base.Info != nil {
		b.Current = base.Info.Version
	}
	if revision.Info != nil {
		b.Declared = revision.Info.Version
	}
	cur, err := parseSemver(b.Current)
	if err != nil {
		return b
	}
	if cur.Major() == 0 {
		b.PreOne = true
		switch b.Suggested {
		case Major:
			b.Suggested = Minor
		case Minor:
			b.Suggested = Patch
		}
	}
	next := *cur
	switch b.Suggested {
	case Major:
		next = cur.IncMajor()
	case Minor:
		next = cur.IncMinor()
	case Patch:
		next = cur.IncPatch()
	}
	b.Next = next.String()
	if strings.HasPrefix(b.Current, "v") {
		b.Next = "v" + b.Next
	}
	if dec, err := parseSemver(b.Declared); err == nil {
		ok := !dec.LessThan(&next)
		b.DeclaredOK = &ok
	}
	return b
}

// parseSemver reads a strict semantic version, with an optional v prefix.
func parseSemver(s string) (*semver.Version, error) {
	return semver.StrictNewVersion(strings.TrimPrefix(strings.TrimSpace(s), "v"))
}

// Rank orders bumps: major 3, minor 2, patch 1, none 0.
func (b Bump) Rank() int { return b.rank() }
