package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/eventdiff/eventdiff/changelog"
	"github.com/eventdiff/eventdiff/diff"
	"github.com/eventdiff/eventdiff/rules"
	"github.com/eventdiff/eventdiff/rules/catalogue"
	"github.com/eventdiff/eventdiff/schema"
	"github.com/eventdiff/eventdiff/spec"
)

// history builds a history by hand: Unreleased, then releases given as
// version=kind (first, added, breaking), newest first.
func history(unreleased bool, rels ...string) *changelog.History {
	h := &changelog.History{Path: "asyncapi.yaml"}
	day := time.Date(2024, 6, 30, 12, 0, 0, 0, time.UTC)
	added := func(ch string) rules.Finding {
		return rules.Finding{Change: diff.Change{Kind: catalogue.ChannelAdded, Subject: "channel", Channel: ch, Text: `channel "` + ch + `" was added`},
			Rule: &rules.Rule{ID: catalogue.ChannelAdded, Object: "channel", Changelog: rules.Added}, Level: rules.Info, Bump: rules.Minor}
	}
	removed := func(ch string) rules.Finding {
		return rules.Finding{Change: diff.Change{Kind: catalogue.ChannelRemoved, Subject: "channel", Channel: ch, Text: `channel "` + ch + `" was removed`},
			Rule: &rules.Rule{ID: catalogue.ChannelRemoved, Object: "channel", Changelog: rules.Removed}, Level: rules.Breaking, Bump: rules.Major}
	}
	var all []*changelog.Release
	if unreleased {
		all = append(all, &changelog.Release{Unreleased: true, Status: changelog.Changed, Path: "asyncapi.yaml",
			Changes: &rules.Result{Findings: []rules.Finding{added("next/" + rels[0][:strings.Index(rels[0], "=")])}}})
	}
	for i, item := range rels {
		version, kind, _ := strings.Cut(item, "=")
		r := &changelog.Release{Version: version, Tag: "v" + version, Date: day.AddDate(0, 0, -i), Path: "asyncapi.yaml"}
		switch kind {
		case "first":
			r.Status, r.Contents = changelog.First, &changelog.Contents{Channels: []string{"a"}}
		case "added":
			r.Status, r.Changes = changelog.Changed, &rules.Result{Findings: []rules.Finding{added("c/" + version)}}
		case "breaking":
			r.Status, r.Changes = changelog.Changed, &rules.Result{Findings: []rules.Finding{removed("c/" + version)}}
		}
		all = append(all, r)
	}
	// Previous tags, from the order.
	for i, r := range all {
		if r.Status != changelog.First && i+1 < len(all) {
			r.Previous = all[i+1].Tag
		}
	}
	h.Releases = all
	return h
}

var repo = ChangelogOptions{RepoURL: "https://example.com/acme/api"}

func update(t *testing.T, existing string, h *changelog.History, opts ChangelogOptions) string {
	t.Helper()
	out, _ := UpdateChangelog([]byte(existing), h, opts)
	again, _ := UpdateChangelog(out, h, opts)
	if !bytes.Equal(out, again) {
		t.Errorf("not idempotent: a second update gives\n%s\nafter\n%s", again, out)
	}
	return string(out)
}

func TestUpdateChangelogInsertsInVersionOrder(t *testing.T) {
	t.Parallel()
	// A file that has 1.3.0 and 1.1.0 by hand, with CRLF line endings in
	// places, a code fence that shows a heading, a section that is not a
	// release and no final newline.
	existing := "# Our changelog\r\n\r\nWritten by hand.\r\n\r\n```md\n## [9.9.9] - an example, not a release\n```\n\n" +
		"## [1.3.0] - 2024-06-28\n\nHand-written 1.3.0.\n\n" +
		"## How to upgrade\n\nRead the docs.\n\n" +
		"## v1.1.0 (2024-06-01)\n\n- Hand-written 1.1.0.\n\n" +
		"[1.3.0]: https://example.com/acme/api/compare/v1.2.0...v1.3.0\n" +
		"[1.1.0]: https://example.com/acme/api/compare/v1.0.0...v1.1.0"
	h := history(false, "2.0.0=breaking", "1.3.0=added", "1.2.0=added", "1.1.0=added", "1.0.0=first")
	got := update(t, existing, h, repo)
	for _, part := range []string{
		"# Our changelog\r\n\r\nWritten by hand.\r\n\r\n```md\n## [9.9.9] - an example, not a release\n```\n\n## [2.0.0]",
		"- channel \"c/2.0.0\" was removed\n\n## [1.3.0] - 2024-06-28\n\nHand-written 1.3.0.\n\n## How to upgrade\n\nRead the docs.\n\n## [1.2.0]",
		"- channel \"c/1.2.0\" was added\n\n## v1.1.0 (2024-06-01)\n\n- Hand-written 1.1.0.\n\n## [1.0.0] - 2024-06-26\n",
		"- First release of the contract: 1 channel (`a`).\n\n[2.0.0]: https://example.com/acme/api/compare/v1.3.0...v2.0.0\n[1.3.0]: ",
		"\n[1.3.0]: https://example.com/acme/api/compare/v1.2.0...v1.3.0\n[1.2.0]: https://example.com/acme/api/compare/v1.1.0...v1.2.0\n[1.1.0]: ",
	} {
		if !strings.Contains(got, part) {
			t.Errorf("missing %q in:\n%s", part, got)
		}
	}
	if strings.Count(got, "## [1.3.0]") != 1 || strings.Count(got, "## [1.1.0]") != 0 || strings.Count(got, "[1.1.0]: ") != 1 {
		t.Errorf("a version the file has was written again:\n%s", got)
	}
	// The last link had no newline; the new one after it must not glue to it.
	if !strings.HasSuffix(got, "compare/v1.0.0...v1.1.0\n[1.0.0]: https://example.com/acme/api/releases/tag/v1.0.0\n") {
		t.Errorf("links at the end:\n%s", got[strings.LastIndex(got, "[1.2.0]"):])
	}
}

func TestUpdateChangelogUnreleased(t *testing.T) {
	t.Parallel()
	h := history(true, "1.1.0=added", "1.0.0=first")

	t.Run("a new file", func(t *testing.T) {
		got := update(t, "", h, repo)
		var b bytes.Buffer
		ChangelogMarkdown(&b, h, repo)
		if got != b.String() {
			t.Errorf("an empty file does not get what is printed")
		}
		if !strings.HasPrefix(got, ChangelogHeader(h)+"\n## [Unreleased]\n\n"+unreleasedBegin+"\n") {
			t.Errorf("no header, or Unreleased not first:\n%s", got)
		}
		if !strings.HasSuffix(got, "\n\n[Unreleased]: https://example.com/acme/api/compare/v1.1.0...HEAD\n"+
			"[1.1.0]: https://example.com/acme/api/compare/v1.0.0...v1.1.0\n[1.0.0]: https://example.com/acme/api/releases/tag/v1.0.0\n") {
			t.Errorf("links:\n%s", got)
		}
	})

	t.Run("a hand-made Unreleased section without markers", func(t *testing.T) {
		existing := "# Changelog\n\n## [Unreleased]\n\n- Our own note.\n\n## [1.1.0] - 2024-06-30\n\nKept.\n\n## [1.0.0] - 2024-06-29\n\nKept too.\n"
		got := update(t, existing, h, ChangelogOptions{})
		want := "# Changelog\n\n## [Unreleased]\n\n" + unreleasedBegin + "\n\n### Added\n\n- channel \"next/1.1.0\" was added\n\n" + unreleasedEnd +
			"\n\n- Our own note.\n\n## [1.1.0] - 2024-06-30\n\nKept.\n\n## [1.0.0] - 2024-06-29\n\nKept too.\n"
		if got != want {
			t.Errorf("got:\n%s\nwant:\n%s", got, want)
		}
	})

	t.Run("the generated part is replaced, the rest kept", func(t *testing.T) {
		existing := "# Changelog\n\n## [Unreleased]\n\nBefore.\n\n" + unreleasedBegin + "\n\nStale text.\n\n" + unreleasedEnd + "\n\nAfter.\n\n## [1.1.0] - x\n\nKept.\n\n## [1.0.0] - y\n"
		got := update(t, existing, h, ChangelogOptions{})
		want := "# Changelog\n\n## [Unreleased]\n\nBefore.\n\n" + unreleasedBegin + "\n\n### Added\n\n- channel \"next/1.1.0\" was added\n\n" + unreleasedEnd + "\n\nAfter.\n\n## [1.1.0] - x\n\nKept.\n\n## [1.0.0] - y\n"
		if got != want {
			t.Errorf("got:\n%s\nwant:\n%s", got, want)
		}
	})

	t.Run("notes follow a new release", func(t *testing.T) {
		existing := "# Changelog\n\n## [Unreleased]\n\n" + unreleasedBegin + "\n\nOld.\n\n" + unreleasedEnd + "\n\n### Fixed\n\n- A typo.\n\n## [1.0.0] - y\n\nKept.\n"
		out, notes := UpdateChangelog([]byte(existing), h, ChangelogOptions{})
		want := "# Changelog\n\n## [Unreleased]\n\n" + unreleasedBegin + "\n\n### Added\n\n- channel \"next/1.1.0\" was added\n\n" + unreleasedEnd + "\n\n" +
			"## [1.1.0] - 2024-06-30\n\n### Added\n\n- channel \"c/1.1.0\" was added\n\n### Fixed\n\n- A typo.\n\n## [1.0.0] - y\n\nKept.\n"
		if string(out) != want {
			t.Errorf("got:\n%s\nwant:\n%s", out, want)
		}
		if len(notes) != 1 || notes[0] != "moved the notes written in Unreleased to 1.1.0" {
			t.Errorf("notes %q", notes)
		}
	})

	t.Run("--to a tag leaves Unreleased alone", func(t *testing.T) {
		existing := "# Changelog\n\n## [Unreleased]\n\nMine.\n\n## [1.0.0] - y\n"
		got := update(t, existing, history(false, "1.1.0=added", "1.0.0=first"), ChangelogOptions{})
		if !strings.HasPrefix(got, "# Changelog\n\n## [Unreleased]\n\nMine.\n\n## [1.1.0]") {
			t.Errorf("got:\n%s", got)
		}
	})
}

func TestChangelogEntries(t *testing.T) {
	t.Parallel()
	op := func(kind, id string, action string, ch string) rules.Finding {
		return rules.Finding{Change: diff.Change{Kind: kind, Subject: "operation", Channel: ch, Text: "operation " + id + " was added",
			Operations: []diff.OpRef{{ID: id, Action: spec.Action(action), Channel: ch}}},
			Rule: &rules.Rule{ID: kind, Object: "operation", Changelog: rules.Added}, Level: rules.Info, Bump: rules.Minor}
	}
	ch := rules.Finding{Change: diff.Change{Kind: catalogue.ChannelAdded, Subject: "channel", Channel: "x", Text: `channel "x" was added`},
		Rule: &rules.Rule{ID: catalogue.ChannelAdded, Object: "channel", Changelog: rules.Added}, Level: rules.Info, Bump: rules.Minor}
	payload := rules.Finding{Change: diff.Change{Kind: "schema-required-property-added", Subject: "payload", Channel: "y",
		Text:       "payload of message M: new property `a_b` is required: messages *without* it are rejected",
		Operations: []diff.OpRef{{ID: "onY", Action: "receive", Channel: "y"}}},
		Rule: &rules.Rule{ID: "schema-required-property-added", Object: "schema", Changelog: rules.Changed}, Level: rules.Breaking, Bump: rules.Major, Breaks: "producers"}
	warn := payload
	warn.Level, warn.Breaks, warn.Text = rules.Warning, "consumers or producers", "payload of message M: something `odd"
	accepted := payload
	accepted.Accepted = &rules.Acceptance{Reason: "announced in May"}
	accepted.Text = "payload of message M: accepted change"
	gone := rules.Finding{Change: diff.Change{Kind: catalogue.ChannelRemoved, Subject: "channel", Channel: "z2", Text: `channel "z2" was removed`},
		Rule: &rules.Rule{ID: catalogue.ChannelRemoved, Object: "channel", Changelog: rules.Removed}, Level: rules.Breaking, Bump: rules.Major, Breaks: "producers"}
	goneOp := op(catalogue.OperationRemoved, "onZ2", "receive", "z2")
	goneOp.Level, goneOp.Breaks, goneOp.Text = rules.Breaking, "producers", `operation onZ2 (receive on "z2") was removed`
	r := &changelog.Release{Status: changelog.Changed, Changes: &rules.Result{Findings: []rules.Finding{
		ch, op(catalogue.OperationAdded, "sendX", "send", "x"), op(catalogue.OperationAdded, "onX", "receive", "x"), op(catalogue.OperationAdded, "sendZ", "send", "z"),
		payload, payload, warn, accepted, gone, goneOp,
	}}}
	got := strings.Join(releaseBody(r), "\n")
	want := "### Breaking\n\n" +
		"- payload of message M: new property `a_b` is required: messages \\*without\\* it are rejected — breaks **producers**, via onY (receive)\n" +
		"- channel \"z2\" was removed, with operation onZ2 (receive) — breaks **producers**\n\n" +
		"### Added\n\n" +
		"- channel \"x\" was added, with operations sendX (send) and onX (receive)\n" +
		"- operation sendZ was added\n\n" +
		"### Changed\n\n" +
		"- Channel `y`:\n" +
		"  - payload of message M: something \\`odd — may break **consumers or producers**, via onY (receive)\n" +
		"  - payload of message M: accepted change — accepted: announced in May\n"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// Many changes of one kind are one entry listing where; changes nobody
// relies on are counted in one line; uncommitted changes say so; schema
// findings lose the engine's explanation of the effect.
func TestChangelogEntriesStayShort(t *testing.T) {
	propRule := &rules.Rule{ID: "schema-property-added", Object: "schema", ByEffect: true, Bump: rules.Minor, Changelog: rules.Added,
		Description: "Optional property added to an open object (strict: narrower; pragmatic: none)."}
	docRule := &rules.Rule{ID: catalogue.DocumentationChanged, Object: "document", Bump: rules.Patch, Changelog: rules.Changed}
	var fs []rules.Finding
	for i, name := range []string{"a", "b", "c", "d"} {
		fs = append(fs, rules.Finding{Change: diff.Change{Kind: propRule.ID, Subject: "payload", Channel: "ch", Messages: []string{"M"},
			Text:   "payload of message M: optional property `" + name + "` added to an open object",
			Schema: &schema.Delta{Path: "/properties/" + name}}, Rule: propRule, Level: rules.Info, Fingerprint: fmt.Sprint("p", i)})
	}
	for i := range 4 {
		fs = append(fs, rules.Finding{Change: diff.Change{Kind: docRule.ID, Subject: "document", Text: fmt.Sprint("description ", i, " changed")},
			Rule: docRule, Level: rules.Info, Fingerprint: fmt.Sprint("d", i)})
	}
	required := rules.Finding{Change: diff.Change{Kind: "schema-required-added", Subject: "payload", Channel: "ch", Messages: []string{"M"},
		Text:   "payload of message M: property `pattern: x` is now required: messages without it are rejected",
		Schema: &schema.Delta{Path: "/required"}, Operations: []diff.OpRef{{ID: "onM", Action: "receive", Channel: "ch"}}},
		Rule: &rules.Rule{ID: "schema-required-added", ByEffect: true, Bump: rules.Minor, Changelog: rules.Changed}, Level: rules.Breaking, Breaks: "producers", Fingerprint: "r"}
	fs = append(fs, required)
	r := &changelog.Release{Status: changelog.Changed, Unreleased: true, Changes: &rules.Result{Findings: fs},
		Uncommitted: map[string]bool{"r": true, "p3": true}}
	got := strings.Join(releaseBody(r), "\n")
	want := "### Breaking\n\n" +
		"- payload of message M: property `pattern: x` is now required — breaks **producers**, via onM (receive) (uncommitted)\n\n" +
		"### Added\n\n" +
		"- Optional property added to an open object, 4 times: M `/properties/a`; M `/properties/b`; M `/properties/c`; M `/properties/d` (uncommitted)\n\n" +
		"### Changed\n\n" +
		"- 4 documentation or annotation changes (not listed; eventdiff diff shows them)\n"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
