package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/eventdiff/eventdiff/changelog"
	"github.com/eventdiff/eventdiff/rules"
)

// ChangelogOptions tune the release changelog.
type ChangelogOptions struct {
	// RepoURL is the repository's web address (https://github.com/o/r):
	// with it, every section gets a compare link.
	RepoURL string
}

// The groups of a release section, in Keep a Changelog's order, with
// breaking changes first whatever their rule's group.
var changelogGroups = []struct{ key, title string }{
	{"breaking", "Breaking"},
	{rules.Added, "Added"},
	{rules.Changed, "Changed"},
	{rules.Deprecated, "Deprecated"},
	{rules.Removed, "Removed"},
}

// The markers around the generated part of the Unreleased section. What
// lies between them is replaced on every run; anything else in the
// section is the user's.
const (
	unreleasedBegin = "<!-- eventdiff:unreleased:begin (generated: replaced on every run of eventdiff changelog; notes written after the end marker are kept) -->"
	unreleasedEnd   = "<!-- eventdiff:unreleased:end -->"
)

// changelogSection is one rendered release.
type changelogSection struct {
	version    string // "" for Unreleased
	unreleased bool
	text       string // from the heading to the end of the body, ending with one newline
	block      string // Unreleased: the generated part, markers included
	link       string // the link reference definition ("" without a repository URL)
	linkLabel  string
}

// ChangelogHeader is the title and introduction of a new CHANGELOG.md.
func ChangelogHeader(h *changelog.History) string {
	return "# Changelog\n\n" +
		fmt.Sprintf("All notable changes to the AsyncAPI contract in %s are documented in this file.\n", CodeSpan(h.Path)) +
		"eventdiff writes it from the repository's release tags (`eventdiff changelog`). The format is based on\n" +
		"[Keep a Changelog](https://keepachangelog.com/en/1.1.0/), and versions follow\n" +
		"[Semantic Versioning](https://semver.org/spec/v2.0.0.html).\n"
}

// ChangelogMarkdown renders the whole history as a new CHANGELOG.md: the
// header, one section per release that has something to say (Unreleased
// first), and the compare links. It is exactly what UpdateChangelog
// writes into a file that has only the header.
func ChangelogMarkdown(w io.Writer, h *changelog.History, opts ChangelogOptions) error {
	out, _ := UpdateChangelog([]byte(ChangelogHeader(h)), h, opts)
	_, err := w.Write(out)
	return err
}

// changelogSections renders the releases that have a section, newest first.
func changelogSections(h *changelog.History, opts ChangelogOptions) []changelogSection {
	var out []changelogSection
	for _, r := range h.Releases {
		if !r.Listed() {
			continue
		}
		s := changelogSection{version: r.Version, unreleased: r.Unreleased}
		var parts []string
		if line := verdict(r); line != "" {
			parts = append(parts, line+"\n")
		}
		parts = append(parts, releaseBody(r)...)
		body := strings.Join(parts, "\n")
		if r.Unreleased {
			s.block = unreleasedBegin + "\n\n" + body + "\n" + unreleasedEnd + "\n"
			s.text = "## [Unreleased]\n\n" + s.block
			s.linkLabel = "Unreleased"
		} else {
			s.text = fmt.Sprintf("## [%s] - %s\n\n%s", r.Version, r.Date.Format("2006-01-02"), body)
			s.linkLabel = r.Version
		}
		s.link = compareLink(r, opts.RepoURL, s.linkLabel)
		out = append(out, s)
	}
	return out
}

// compareLink is the link reference definition of a section: the compare
// view of the release against the previous one, or the release's own page
// for the first.
func compareLink(r *changelog.Release, repoURL, label string) string {
	base := strings.TrimRight(repoURL, "/")
	if base == "" {
		return ""
	}
	to := r.Tag
	if r.Unreleased {
		to = r.Target
		if to == "" {
			to = "HEAD"
		}
	}
	switch {
	case r.Previous != "":
		return fmt.Sprintf("[%s]: %s/compare/%s...%s\n", label, base, r.Previous, to)
	case !r.Unreleased:
		return fmt.Sprintf("[%s]: %s/releases/tag/%s\n", label, base, r.Tag)
	}
	return ""
}

// placeTitle names a group of entries: a channel, the servers, the components.
func placeTitle(title string) string {
	if addr, ok := strings.CutPrefix(title, "channel "); ok {
		return "Channel " + CodeSpan(addr)
	}
	return strings.ToUpper(title[:1]) + title[1:]
}

// firstRelease describes what the first release of the contract holds.
func firstRelease(c *changelog.Contents) string {
	if c == nil {
		return "First release of the contract."
	}
	var parts []string
	for _, l := range []struct {
		names []string
		what  string
	}{{c.Channels, "channel"}, {c.Operations, "operation"}, {c.Messages, "message"}} {
		if len(l.names) == 0 {
			continue
		}
		shown := l.names
		more := 0
		if len(shown) > 10 {
			shown, more = shown[:10], len(shown)-10
		}
		quoted := make([]string, len(shown))
		for i, n := range shown {
			quoted[i] = CodeSpan(n)
		}
		list := strings.Join(quoted, ", ")
		if more > 0 {
			list += fmt.Sprintf(" and %d more", more)
		}
		parts = append(parts, fmt.Sprintf("%s (%s)", plural(len(l.names), l.what), list))
	}
	if len(parts) == 0 {
		return "First release of the contract."
	}
	return "First release of the contract: " + joinAnd(parts) + "."
}

func joinAnd(parts []string) string {
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// verdict says whether a release's version matched what its changes
// required, or for Unreleased what they will require.
func verdict(r *changelog.Release) string {
	c := &r.Check
	if r.Status == changelog.First || r.Status == changelog.Unreadable || c.Since == "" {
		return ""
	}
	since := ""
	if c.SinceTag != r.Previous {
		since = " since " + c.Since
	}
	var lines []string
	if r.Changes == nil || len(r.Changes.Findings) == 0 {
		prev := r.PreviousVersion
		if prev == "" {
			prev = r.Previous
		}
		lines = append(lines, fmt.Sprintf("No contract changes since %s.", prev))
		if since == "" && r.Unreleased {
			return lines[0]
		}
	}
	what := "changes"
	if c.Breaking {
		what = "breaking changes"
	}
	preOne := ""
	if c.PreOne && c.Breaking {
		preOne = " (below 1.0.0, breaking changes need a minor release)"
	}
	switch {
	case r.Unreleased:
		if c.Required == rules.None {
			lines = append(lines, fmt.Sprintf("The contract changes%s need no new version.", since))
		} else {
			lines = append(lines, fmt.Sprintf("The contract changes%s require a %s release: %s%s.", since, c.Required, c.Next, preOne))
		}
		if u := uncommittedLine(r); u != "" {
			lines = append(lines, u)
		}
	case c.OK != nil && !*c.OK:
		kind := fmt.Sprintf("a %s release", bumpName(c.Declared))
		if r.Prerelease {
			kind = "a pre-release of " + kind
		}
		lines = append(lines, fmt.Sprintf("**⚠ %s was %s but contained %s%s that require %s%s.**", r.Version, kind, what, since, c.Next, preOne))
	case c.OK != nil:
		kind := capitalize(bumpName(c.Declared)) + " release"
		if r.Prerelease {
			kind = "Pre-release of a " + bumpName(c.Declared) + " release"
		}
		switch {
		case c.Declared == c.Required:
			lines = append(lines, fmt.Sprintf("%s, as the contract changes%s require%s.", kind, since, preOne))
		case c.Required == rules.None:
			lines = append(lines, fmt.Sprintf("%s; the contract changes%s alone need no new version.", kind, since))
		default:
			lines = append(lines, fmt.Sprintf("%s; the contract changes%s alone need only a %s release.", kind, since, c.Required))
		}
	}
	return strings.Join(lines, " ")
}

// uncommittedLine says how many of the Unreleased changes are only in the
// working tree, "" when none is.
func uncommittedLine(r *changelog.Release) string {
	n := len(r.Uncommitted)
	switch {
	case n == 0:
		return ""
	case allUncommitted(r) && n == 1:
		return "The change is not committed yet."
	case allUncommitted(r):
		return "None of the changes is committed yet."
	}
	if n == 1 {
		return "One of them is not committed yet (marked uncommitted)."
	}
	return fmt.Sprintf("%d of them are not committed yet (marked uncommitted).", n)
}

// allUncommitted reports whether every change of a release is only in the
// working tree: the section says so once instead of on every entry.
func allUncommitted(r *changelog.Release) bool {
	return r.Changes != nil && len(r.Uncommitted) > 0 && len(r.Uncommitted) == len(r.Changes.Findings)
}

func bumpName(b rules.Bump) string {
	if b == rules.None || b == "" {
		return "same-version"
	}
	return string(b)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// ChangelogJSON is the release history for release tooling.
type ChangelogJSON struct {
	SchemaVersion string        `json:"schemaVersion"`
	Spec          string        `json:"spec"` // the document's main file at the newest point
	Releases      []ReleaseJSON `json:"releases"`
}

// ReleaseJSON is one release: a tag, or the Unreleased changes.
type ReleaseJSON struct {
	Version      string           `json:"version"` // "Unreleased" for the changes after the last tag
	Unreleased   bool             `json:"unreleased,omitempty"`
	Tag          string           `json:"tag,omitempty"`
	Commit       string           `json:"commit,omitempty"`
	Date         string           `json:"date,omitempty"`
	Prerelease   bool             `json:"prerelease,omitempty"`
	PreviousTag  string           `json:"previousTag,omitempty"`  // or the --from revision
	PreviousPath string           `json:"previousPath,omitempty"` // the main file at previousTag, when it moved since
	Path         string           `json:"path"`
	Status       changelog.Status `json:"status"` // first, changed, unchanged (same files: no section), equivalent (no contract change: no section), unreadable
	Listed       bool             `json:"listed"` // whether the markdown changelog has a section for it
	Summary      *rules.Summary   `json:"summary,omitempty"`
	Bump         ReleaseBumpJSON  `json:"bump"`
	Changes      []JSONChange     `json:"changes"` // since previousTag, as in diff --format json
	// Uncommitted lists the fingerprints of the Unreleased changes the
	// working tree made since HEAD.
	Uncommitted []string            `json:"uncommitted,omitempty"`
	Introduced  *changelog.Contents `json:"introduced,omitempty"`
	Error       string              `json:"error,omitempty"`
}

// ReleaseBumpJSON is a release's version against what its changes need.
type ReleaseBumpJSON struct {
	Suggested  rules.Bump `json:"suggested,omitempty"` // what the changes since `since` require
	Declared   rules.Bump `json:"declared,omitempty"`  // the step the tag's version took from `since`
	Since      string     `json:"since,omitempty"`     // the previous stable release the bump is measured from
	Next       string     `json:"next,omitempty"`      // the lowest version the changes allow
	DeclaredOK *bool      `json:"declaredOk,omitempty"`
}

// BuildChangelogJSON assembles the JSON history, newest first.
func BuildChangelogJSON(h *changelog.History) ChangelogJSON {
	out := ChangelogJSON{SchemaVersion: SchemaVersion, Spec: h.Path, Releases: []ReleaseJSON{}}
	for _, r := range h.Releases {
		j := ReleaseJSON{Version: r.Version, Unreleased: r.Unreleased, Tag: r.Tag, Commit: r.Commit,
			Prerelease: r.Prerelease, PreviousTag: r.Previous, PreviousPath: r.PreviousPath, Path: r.Path, Status: r.Status, Listed: r.Listed(),
			Introduced: r.Contents, Changes: []JSONChange{}}
		if r.Unreleased {
			j.Version = "Unreleased"
		} else {
			j.Date = r.Date.Format("2006-01-02")
		}
		if r.Changes != nil {
			rep := BuildJSON(r.Changes)
			j.Changes, j.Summary = rep.Changes, &r.Changes.Summary
		}
		if r.Err != nil {
			j.Error = oneLine(r.Err.Error())
		}
		for fp := range r.Uncommitted {
			j.Uncommitted = append(j.Uncommitted, fp)
		}
		sort.Strings(j.Uncommitted)
		if c := r.Check; c.Since != "" {
			j.Bump = ReleaseBumpJSON{Suggested: c.Required, Declared: c.Declared, Since: c.Since, Next: c.Next, DeclaredOK: c.OK}
		}
		out.Releases = append(out.Releases, j)
	}
	return out
}

// WriteChangelogJSON writes the JSON history, indented, with a final newline.
func WriteChangelogJSON(w io.Writer, h *changelog.History) error {
	return writeJSON(w, BuildChangelogJSON(h))
}
