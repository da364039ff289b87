package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"

	"github.com/eventdiff/eventdiff/internal/golden"
)

// changelogGoldens is where the golden changelogs are, found before the
// tests move into their temporary repositories.
var changelogGoldens, _ = filepath.Abs("../../testdata/changelog")

func goldenPath(name string) string { return filepath.Join(changelogGoldens, name) }

// commitAt commits everything with fixed dates, so that the sections'
// dates are stable. The time zone is behind UTC late in the evening: the
// date a section shows is the committer's own, not UTC's.
func commitAt(t *testing.T, dir string, day int, msg string) {
	t.Helper()
	date := fmt.Sprintf("2024-03-%02dT23:30:00-05:00", day)
	t.Setenv("GIT_AUTHOR_DATE", date)
	t.Setenv("GIT_COMMITTER_DATE", date)
	gitIn(t, dir, "add", "-A")
	gitIn(t, dir, "commit", "-q", "-m", msg)
}

// releaseRepo builds a history of the orders document (three files joined
// by $ref) with every kind of tag the changelog has to handle:
//
//	v0.9.0, release-candidate, v1   no document yet; not semver; a partial version: ignored
//	v1.0.0        the first release
//	v1.0.1        patch: a message description (documentation)
//	v1.1.0        minor (annotated tag): a channel and an operation added
//	v1.1.1        touches only the README: no section
//	v1.2.0        the cancellation message's $ref moves to a new file that requires
//	              `reason` on a received message: breaking, but tagged minor
//	v2.0.0-rc.1   the document moves from api/ to spec/ (its own commit), and an
//	              operation is removed: a pre-release of a major
//	v2.0.0        the final release, same document as the rc
//	v2.1.0        a message deprecated
//	working tree  a channel's address changes: Unreleased is breaking
func releaseRepo(t *testing.T) string {
	t.Helper()
	gitTestEnv(t)
	dir := t.TempDir()
	gitIn(t, dir, "init", "-q", "-b", "main")
	write(t, dir, map[string]string{"README.md": "# Orders\n"})
	commitAt(t, dir, 1, "readme")
	gitIn(t, dir, "tag", "v0.9.0")
	gitIn(t, dir, "tag", "release-candidate")

	write(t, dir, orders)
	commitAt(t, dir, 2, "orders 1.0.0")
	gitIn(t, dir, "tag", "v1.0.0")
	gitIn(t, dir, "tag", "v1")

	edit(t, dir, "api/messages.yaml", "  name: OrderCreated\n", "  name: OrderCreated\n  description: An order was placed.\n")
	edit(t, dir, "api/asyncapi.yaml", "version: 1.0.0", "version: 1.0.1")
	commitAt(t, dir, 3, "describe OrderCreated")
	gitIn(t, dir, "tag", "v1.0.1")

	edit(t, dir, "api/asyncapi.yaml", "operations:\n", "  orderShipped:\n    $ref: './channels.yaml#/orderShipped'\noperations:\n")
	edit(t, dir, "api/asyncapi.yaml", "  onOrderCancelled:\n", "  sendOrderShipped:\n    action: send\n    channel:\n      $ref: '#/channels/orderShipped'\n  onOrderCancelled:\n")
	edit(t, dir, "api/channels.yaml", "orderCancelled:\n", "orderShipped:\n  address: orders/shipped\n  messages:\n    OrderShipped:\n      $ref: './messages.yaml#/OrderShipped'\norderCancelled:\n")
	edit(t, dir, "api/messages.yaml", "OrderCancelled:\n", "OrderShipped:\n  name: OrderShipped\n  payload:\n    type: object\n    properties:\n      id: {type: string}\nOrderCancelled:\n")
	edit(t, dir, "api/asyncapi.yaml", "version: 1.0.1", "version: 1.1.0")
	commitAt(t, dir, 4, "orders ship")
	gitIn(t, dir, "tag", "-a", "-m", "1.1.0", "v1.1.0")

	edit(t, dir, "README.md", "# Orders\n", "# Orders\n\nThe orders service.\n")
	commitAt(t, dir, 5, "readme")
	gitIn(t, dir, "tag", "v1.1.1")

	write(t, dir, map[string]string{"api/cancellation.yaml": `OrderCancelled:
  name: OrderCancelled
  payload:
    type: object
    required: [reason]
    properties:
      id: {type: string}
      reason: {type: string}
`})
	edit(t, dir, "api/channels.yaml", "./messages.yaml#/OrderCancelled", "./cancellation.yaml#/OrderCancelled")
	edit(t, dir, "api/asyncapi.yaml", "version: 1.1.0", "version: 1.2.0")
	commitAt(t, dir, 6, "cancellations need a reason")
	gitIn(t, dir, "tag", "v1.2.0")

	gitIn(t, dir, "mv", "api", "spec")
	commitAt(t, dir, 7, "move the contract to spec/")
	edit(t, dir, "spec/asyncapi.yaml", "  sendOrderShipped:\n    action: send\n    channel:\n      $ref: '#/channels/orderShipped'\n", "")
	edit(t, dir, "spec/asyncapi.yaml", "version: 1.2.0", "version: 2.0.0")
	commitAt(t, dir, 8, "shipping events are no longer sent")
	gitIn(t, dir, "tag", "v2.0.0-rc.1")

	edit(t, dir, "README.md", "The orders service.", "The orders service, version 2.")
	commitAt(t, dir, 9, "release 2.0.0")
	gitIn(t, dir, "tag", "v2.0.0")

	edit(t, dir, "spec/messages.yaml", "  name: OrderShipped\n", "  name: OrderShipped\n  deprecated: true\n")
	edit(t, dir, "spec/asyncapi.yaml", "version: 2.0.0", "version: 2.1.0")
	commitAt(t, dir, 10, "deprecate OrderShipped")
	gitIn(t, dir, "tag", "v2.1.0")

	edit(t, dir, "spec/channels.yaml", "address: orders/created", "address: orders/placed")
	t.Chdir(dir)
	return dir
}

type releaseJSON struct {
	Version, Tag, Date, PreviousTag, PreviousPath, Path, Status string
	Unreleased, Prerelease, Listed                              bool
	Bump                                                        struct {
		Suggested, Declared, Since, Next string
		DeclaredOK                       *bool
	}
	Changes []struct {
		ID, Level string
		Base      *struct{ File string }
	}
	Introduced *struct{ Channels, Operations, Messages []string }
}

func changelogJSON(t *testing.T, stdout string) map[string]releaseJSON {
	t.Helper()
	var doc struct {
		Spec     string
		Releases []releaseJSON
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	out := map[string]releaseJSON{}
	var order []string
	for _, r := range doc.Releases {
		out[r.Version] = r
		order = append(order, r.Version)
	}
	out["#order"] = releaseJSON{Version: strings.Join(order, " ")}
	out["#spec"] = releaseJSON{Path: doc.Spec}
	return out
}

func TestChangelog(t *testing.T) {
	releaseRepo(t)

	t.Run("markdown", func(t *testing.T) {
		r := run(t, "", nil, "changelog", "--repo-url", "https://github.com/acme/orders/", "spec/asyncapi.yaml")
		if r.code != ExitOK {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		golden.Check(t, goldenPath("orders.md"), []byte(r.stdout))
		for _, note := range []string{
			"note: spec/asyncapi.yaml was api/asyncapi.yaml in v1.2.0: followed the rename",
			"note: api/asyncapi.yaml does not exist in v0.9.0: the history starts at v1.0.0",
		} {
			if !strings.Contains(r.stderr, note) {
				t.Errorf("stderr lacks %q:\n%s", note, r.stderr)
			}
		}
	})

	t.Run("json", func(t *testing.T) {
		r := run(t, "", nil, "changelog", "--format", "json", "spec/asyncapi.yaml")
		if r.code != ExitOK {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		rels := changelogJSON(t, r.stdout)
		if got, want := rels["#order"].Version, "Unreleased 2.1.0 2.0.0 2.0.0-rc.1 1.2.0 1.1.1 1.1.0 1.0.1 1.0.0"; got != want {
			t.Errorf("releases %s, want %s (semver order, pre-release below its release, non-semver tags left out)", got, want)
		}
		if p := rels["#spec"].Path; p != "spec/asyncapi.yaml" {
			t.Errorf("spec %q", p)
		}
		checkReleaseSummaries(t, rels)
		if rc := rels["2.0.0-rc.1"]; !rc.Prerelease || rc.PreviousPath != "api/asyncapi.yaml" || rc.Date != "2024-03-08" {
			t.Errorf("2.0.0-rc.1: prerelease %v, previousPath %q, date %q (the committer's date, not UTC's 2024-03-09)", rc.Prerelease, rc.PreviousPath, rc.Date)
		}
		checkReleaseChanges(t, rels)
	})

	t.Run("--from and --to", func(t *testing.T) {
		r := run(t, "", nil, "changelog", "--from", "v1.1.0", "--to", "v2.0.0", "--repo-url", "https://github.com/acme/orders", "spec/asyncapi.yaml")
		if r.code != ExitOK {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		golden.Check(t, goldenPath("orders-from-v1.1.0-to-v2.0.0.md"), []byte(r.stdout))
		if strings.Contains(r.stdout, "Unreleased") || strings.Contains(r.stdout, "## [1.1.0]") || strings.Contains(r.stdout, "## [2.1.0]") {
			t.Errorf("--from v1.1.0 --to v2.0.0 lists releases outside the range:\n%s", r.stdout)
		}
	})

	t.Run("--to a revision ends with Unreleased at it", func(t *testing.T) {
		r := run(t, "", nil, "changelog", "--format", "json", "--from", "v2.0.0", "--to", "HEAD", "spec/asyncapi.yaml")
		if r.code != ExitOK {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		rels := changelogJSON(t, r.stdout)
		if got := rels["#order"].Version; got != "Unreleased 2.1.0" {
			t.Errorf("releases %s", got)
		}
		if u := rels["Unreleased"]; u.Status != "unchanged" || u.Bump.Suggested != "none" {
			t.Errorf("HEAD is v2.1.0: Unreleased %+v", u)
		}
	})

	t.Run("SPEC is followed back to --to", func(t *testing.T) {
		r := run(t, "", nil, "changelog", "--format", "json", "--from", "v1.1.1", "--to", "v1.2.0", "spec/asyncapi.yaml")
		if r.code != ExitOK {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		rels := changelogJSON(t, r.stdout)
		if got := rels["1.2.0"]; rels["#order"].Version != "1.2.0" || got.Path != "api/asyncapi.yaml" || got.Status != "changed" {
			t.Errorf("releases %s, 1.2.0 %+v", rels["#order"].Version, got)
		}
		if !strings.Contains(r.stderr, "spec/asyncapi.yaml was api/asyncapi.yaml in v1.2.0: followed the rename") {
			t.Errorf("stderr: %s", r.stderr)
		}
	})

	t.Run("--from a revision that is not a tag", func(t *testing.T) {
		r := run(t, "", nil, "changelog", "--format", "json", "--from", "v1.2.0~1", "--to", "v2.0.0-rc.1", "spec/asyncapi.yaml")
		if r.code != ExitOK {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		rels := changelogJSON(t, r.stdout)
		if got := rels["#order"].Version; got != "2.0.0-rc.1 1.2.0" {
			t.Errorf("releases %s, want the tags after v1.2.0~1", got)
		}
		if got := rels["1.2.0"].PreviousTag; got != "v1.2.0~1" {
			t.Errorf("1.2.0 compared with %q", got)
		}
	})

	t.Run("a release past --max-changes", func(t *testing.T) {
		r := run(t, "", nil, "changelog", "--max-changes", "1", "spec/asyncapi.yaml")
		if r.code != ExitTrouble || !strings.Contains(r.stderr, "more than 1 changes (raise it with --max-changes)") {
			t.Errorf("exit %d, stderr %q; want exit 2 naming --max-changes", r.code, r.stderr)
		}
	})
}

// checkReleaseSummaries checks each release of releaseRepo's history in
// the JSON changelog: its status, what it was compared with, and the
// version check.
func checkReleaseSummaries(t *testing.T, rels map[string]releaseJSON) {
	t.Helper()
	type want struct {
		status, prev, path, suggested, declared, since string
		ok                                             string // "true", "false" or "" when not judged
		listed                                         bool
	}
	for v, w := range map[string]want{
		"Unreleased": {"changed", "v2.1.0", "spec/asyncapi.yaml", "major", "", "2.1.0", "", true},
		"2.1.0":      {"changed", "v2.0.0", "spec/asyncapi.yaml", "minor", "minor", "2.0.0", "true", true},
		"2.0.0":      {"unchanged", "v2.0.0-rc.1", "spec/asyncapi.yaml", "major", "major", "1.2.0", "true", true},
		"2.0.0-rc.1": {"changed", "v1.2.0", "spec/asyncapi.yaml", "major", "major", "1.2.0", "true", true},
		"1.2.0":      {"changed", "v1.1.1", "api/asyncapi.yaml", "major", "minor", "1.1.1", "false", true},
		"1.1.1":      {"unchanged", "v1.1.0", "api/asyncapi.yaml", "none", "patch", "1.1.0", "true", false},
		"1.1.0":      {"changed", "v1.0.1", "api/asyncapi.yaml", "minor", "minor", "1.0.1", "true", true},
		"1.0.1":      {"changed", "v1.0.0", "api/asyncapi.yaml", "patch", "patch", "1.0.0", "true", true},
		"1.0.0":      {"first", "", "api/asyncapi.yaml", "", "", "", "", true},
	} {
		got := rels[v]
		ok := ""
		if got.Bump.DeclaredOK != nil {
			ok = fmt.Sprint(*got.Bump.DeclaredOK)
		}
		g := want{got.Status, got.PreviousTag, got.Path, got.Bump.Suggested, got.Bump.Declared, got.Bump.Since, ok, got.Listed}
		if g != w {
			t.Errorf("%s: got %+v\nwant %+v", v, g, w)
		}
	}
}

// checkReleaseChanges checks the changes and contents listed for
// releaseRepo's releases in the JSON changelog.
func checkReleaseChanges(t *testing.T, rels map[string]releaseJSON) {
	t.Helper()
	// The changes are diff's change objects, with files named by the
	// tag they were read from: v1.1.1 left the document as v1.1.0 had
	// it, so its document is v1.1.0's, read once.
	var ids []string
	for _, c := range rels["1.2.0"].Changes {
		ids = append(ids, c.ID+" "+c.Level)
		if c.Base == nil || !strings.HasPrefix(c.Base.File, "v1.1.0:api/") {
			t.Errorf("1.2.0: %s: base location %+v, want a file of v1.1.0", c.ID, c.Base)
		}
	}
	if len(ids) == 0 || !strings.Contains(strings.Join(ids, ","), "schema-required-property-added breaking") {
		t.Errorf("1.2.0 changes %v, want the new required property", ids)
	}
	if len(rels["1.1.1"].Changes) != 0 {
		t.Errorf("1.1.1 touched no file of the document but lists changes")
	}
	first := rels["1.0.0"].Introduced
	if first == nil || strings.Join(first.Channels, ",") != "orders/cancelled,orders/created" || strings.Join(first.Operations, ",") != "onOrderCancelled,sendOrderCreated" {
		t.Errorf("1.0.0 introduced %+v", first)
	}
}

func TestChangelogPathAt(t *testing.T) {
	gitTestEnv(t)
	dir := t.TempDir()
	gitIn(t, dir, "init", "-q", "-b", "main")
	write(t, dir, map[string]string{"old.yaml": "asyncapi: 2.6.0\ninfo: {title: A, version: 1.0.0}\nchannels:\n  a/b:\n    subscribe:\n      message: {payload: {type: string}}\n"})
	commitAt(t, dir, 1, "one")
	gitIn(t, dir, "tag", "v1.0.0")
	// Moved and rewritten: too different for git's rename detection.
	os.Remove(filepath.Join(dir, "old.yaml"))
	write(t, dir, map[string]string{"new.yaml": `asyncapi: 3.0.0
info:
  title: A
  version: 2.0.0
channels:
  ab:
    address: a/b
    messages:
      m:
        payload: {type: string}
  cd:
    address: c/d
operations:
  sendAB:
    action: send
    channel: {$ref: '#/channels/ab'}
`})
	commitAt(t, dir, 2, "two")
	gitIn(t, dir, "tag", "v2.0.0")
	t.Chdir(dir)

	r := run(t, "", nil, "changelog", "--format", "json", "new.yaml")
	rels := changelogJSON(t, r.stdout)
	if r.code != ExitOK || rels["2.0.0"].Status != "first" || !strings.Contains(r.stderr, "--path-at v1.0.0=OLD/PATH") {
		t.Fatalf("without --path-at, 2.0.0 should start the history, with a hint: exit %d, %+v\n%s", r.code, rels["2.0.0"], r.stderr)
	}
	r = run(t, "", nil, "changelog", "--format", "json", "--path-at", "v1.0.0=old.yaml", "new.yaml")
	rels = changelogJSON(t, r.stdout)
	if r.code != ExitOK || rels["2.0.0"].Status != "changed" || rels["2.0.0"].PreviousPath != "old.yaml" || rels["1.0.0"].Status != "first" {
		t.Fatalf("with --path-at: exit %d, 2.0.0 %+v, 1.0.0 %+v\n%s", r.code, rels["2.0.0"], rels["1.0.0"], r.stderr)
	}
	if n := len(rels["2.0.0"].Changes); n == 0 {
		t.Errorf("2.0.0 compared with old.yaml of v1.0.0 lists no change")
	}
}

// TestChangelogUnreadableTag: a tag whose document cannot be read gets a
// section that says so, and the next tag is compared with the one before.
func TestChangelogUnreadableTag(t *testing.T) {
	gitTestEnv(t)
	dir := t.TempDir()
	gitIn(t, dir, "init", "-q", "-b", "main")
	doc := "asyncapi: 3.0.0\ninfo: {title: A, version: 1.0.0}\nchannels:\n  a:\n    address: a\n"
	write(t, dir, map[string]string{"asyncapi.yaml": doc})
	commitAt(t, dir, 1, "one")
	gitIn(t, dir, "tag", "v1.0.0")
	write(t, dir, map[string]string{"asyncapi.yaml": doc + "  b: [unclosed\n"})
	commitAt(t, dir, 2, "broken")
	gitIn(t, dir, "tag", "v1.1.0")
	write(t, dir, map[string]string{"asyncapi.yaml": doc + "  b:\n    address: b\n"})
	commitAt(t, dir, 3, "fixed")
	gitIn(t, dir, "tag", "v1.2.0")
	t.Chdir(dir)

	r := run(t, "", nil, "changelog", "--format", "json", "asyncapi.yaml")
	if r.code != ExitOK || !strings.Contains(r.stderr, "note: v1.1.0: the document could not be read") {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	rels := changelogJSON(t, r.stdout)
	if got := rels["1.1.0"]; got.Status != "unreadable" || !got.Listed {
		t.Errorf("1.1.0: %+v", got)
	}
	if got := rels["1.2.0"]; got.Status != "changed" || got.PreviousTag != "v1.0.0" || len(got.Changes) != 1 || got.Changes[0].ID != "channel-added" {
		t.Errorf("1.2.0: %+v", got)
	}
	r = run(t, "", nil, "changelog", "asyncapi.yaml")
	if !strings.Contains(r.stdout, "## [1.1.0] - 2024-03-02\n\nThe document could not be read at this release (v1.1.0:asyncapi.yaml:") {
		t.Errorf("markdown:\n%s", r.stdout)
	}
}

func TestChangelogTrouble(t *testing.T) {
	releaseRepo(t)
	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"no spec", []string{"changelog"}, "needs one document"},
		{"bad format", []string{"changelog", "--format", "text", "spec/asyncapi.yaml"}, "unknown --format"},
		{"output and json", []string{"changelog", "--format", "json", "--output", "CHANGELOG.md", "spec/asyncapi.yaml"}, "--output updates a markdown changelog"},
		{"missing spec", []string{"changelog", "nope.yaml"}, "nope.yaml: no such file"},
		{"unknown --from", []string{"changelog", "--from", "v9.9.9", "spec/asyncapi.yaml"}, "--from: unknown revision v9.9.9"},
		{"unknown --to", []string{"changelog", "--to", "nope", "spec/asyncapi.yaml"}, "--to: unknown revision nope"},
		{"--path-at without =", []string{"changelog", "--path-at", "v1.0.0", "spec/asyncapi.yaml"}, "--path-at wants TAG=PATH"},
		{"--path-at of an unknown tag", []string{"changelog", "--path-at", "v7.0.0=x.yaml", "spec/asyncapi.yaml"}, "--path-at v7.0.0: no such tag"},
		{"--path-at of a missing file", []string{"changelog", "--path-at", "v1.0.0=x.yaml", "spec/asyncapi.yaml"}, "x.yaml does not exist in v1.0.0"},
		{"spec missing at --to", []string{"changelog", "--to", "v0.9.0", "spec/asyncapi.yaml"}, "does not exist in v0.9.0 (if it had another path there, pass --path-at v0.9.0=PATH)"},
		{"--from after --to", []string{"changelog", "--from", "v2.0.0", "--to", "v1.0.0", "api/asyncapi.yaml"}, "no release tags after --from v2.0.0 up to --to v1.0.0"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, "", nil, tt.args...)
			if r.code != ExitTrouble || r.stdout != "" || !strings.Contains(r.stderr, tt.want) || strings.Count(r.stderr, "\n") != 1 {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 2 and one line with %q", r.code, r.stdout, r.stderr, tt.want)
			}
		})
	}

	t.Run("not a git repository", func(t *testing.T) {
		dir := t.TempDir()
		write(t, dir, map[string]string{"a.yaml": "asyncapi: 3.0.0\ninfo: {title: A, version: 1.0.0}\n"})
		t.Chdir(dir)
		r := run(t, "", nil, "changelog", "a.yaml")
		if r.code != ExitTrouble || !strings.Contains(r.stderr, "git repository") {
			t.Errorf("exit %d: %s", r.code, r.stderr)
		}
	})
}

// TestChangelogOutput: --output writes the file, a second run changes
// nothing, and a new tag adds its section without touching the rest.
func TestChangelogOutput(t *testing.T) {
	dir := releaseRepo(t)
	args := []string{"changelog", "--output", "CHANGELOG.md", "--repo-url", "https://github.com/acme/orders", "spec/asyncapi.yaml"}
	r := run(t, "", nil, args...)
	if r.code != ExitOK || r.stdout != "" || !strings.Contains(r.stderr, "updated CHANGELOG.md") {
		t.Fatalf("exit %d, stdout %q: %s", r.code, r.stdout, r.stderr)
	}
	first, _ := os.ReadFile(filepath.Join(dir, "CHANGELOG.md"))
	printed := run(t, "", nil, "changelog", "--repo-url", "https://github.com/acme/orders", "spec/asyncapi.yaml")
	if string(first) != printed.stdout {
		t.Errorf("the new file differs from the printed changelog")
	}
	st1, _ := os.Stat(filepath.Join(dir, "CHANGELOG.md"))

	r = run(t, "", nil, args...)
	again, _ := os.ReadFile(filepath.Join(dir, "CHANGELOG.md"))
	st2, _ := os.Stat(filepath.Join(dir, "CHANGELOG.md"))
	if r.code != ExitOK || string(again) != string(first) || !strings.Contains(r.stderr, "CHANGELOG.md is up to date") {
		t.Errorf("the second run changed the file (exit %d): %s", r.code, r.stderr)
	}
	if !st1.ModTime().Equal(st2.ModTime()) {
		t.Errorf("the second run rewrote the file")
	}

	// A changelog that is a symbolic link is updated where it points.
	os.Mkdir(filepath.Join(dir, "docs"), 0o755)
	if err := os.Symlink("docs/CHANGES.md", filepath.Join(dir, "LINKED.md")); err != nil {
		t.Skip("no symbolic links here")
	}
	r = run(t, "", nil, "changelog", "-o", "LINKED.md", "--repo-url", "https://github.com/acme/orders", "spec/asyncapi.yaml")
	target, _ := os.ReadFile(filepath.Join(dir, "docs/CHANGES.md"))
	if fi, err := os.Lstat(filepath.Join(dir, "LINKED.md")); r.code != ExitOK || err != nil || fi.Mode()&os.ModeSymlink == 0 || string(target) != string(first) {
		t.Errorf("exit %d: the link was replaced, or its target not written: %s", r.code, r.stderr)
	}
}

// TestChangelogKeepsHandWrittenText: an intro paragraph, a hand-edited
// older section and notes under Unreleased survive byte for byte; new
// releases go above the older ones, below the intro.
func TestChangelogKeepsHandWrittenText(t *testing.T) {
	dir := releaseRepo(t)
	// The file as it was at v1.1.1 (its Unreleased then was the working
	// tree of that time; here, the tree at v1.1.1).
	r := run(t, "", nil, "changelog", "--to", "v1.1.1", "--output", "CHANGELOG.md", "--repo-url", "https://github.com/acme/orders", "api/asyncapi.yaml")
	if r.code != ExitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	path := filepath.Join(dir, "CHANGELOG.md")
	data, _ := os.ReadFile(path)
	text := string(data)
	intro := "\nWe release the orders contract every other week. Questions go to #orders.\n"
	handSection := "## [1.0.1] - 2024-03-03\n\nOur first patch: OrderCreated is now documented, thanks to the support team.\n\n"
	i := strings.Index(text, "## [1.0.1]")
	j := strings.Index(text, "## [1.0.0]")
	if i < 0 || j < 0 {
		t.Fatalf("no 1.0.1 or 1.0.0 section:\n%s", text)
	}
	text = text[:i] + handSection + text[j:]
	text = strings.Replace(text, "(https://semver.org/spec/v2.0.0.html).\n", "(https://semver.org/spec/v2.0.0.html).\n"+intro, 1)
	if strings.Contains(text, "## [Unreleased]") {
		t.Fatalf("--to a tag should write no Unreleased section")
	}
	text = strings.Replace(text, "## [1.1.0]", "## [Unreleased]\n\n### Fixed\n\n- Typo in the OrderShipped description.\n\n## [1.1.0]", 1)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	before := text

	args := []string{"changelog", "--output", "CHANGELOG.md", "--repo-url", "https://github.com/acme/orders", "spec/asyncapi.yaml"}
	r = run(t, "", nil, args...)
	if r.code != ExitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	data, _ = os.ReadFile(path)
	after := string(data)
	golden.Check(t, goldenPath("orders-hand-edited.md"), data)

	// Everything up to the intro, and every section the file had, is kept.
	head := before[:strings.Index(before, "## [Unreleased]")]
	if !strings.HasPrefix(after, head) {
		t.Errorf("the title and intro changed:\n%s", after)
	}
	for _, v := range []string{"1.1.0", "1.0.1", "1.0.0"} {
		if sec := section(before, v); sec == "" || section(after, v) != sec {
			t.Errorf("section %s changed:\n--- before\n%s--- after\n%s", v, sec, section(after, v))
		}
	}
	if !strings.Contains(after, handSection) {
		t.Errorf("the hand-edited 1.0.1 section is gone")
	}
	// New releases sit between Unreleased and 1.1.0, newest first; the
	// notes written under Unreleased went into the first new release.
	order := []string{"## [Unreleased]", "## [2.1.0]", "## [2.0.0]", "## [2.0.0-rc.1]", "## [1.2.0]", "- Typo in the OrderShipped description.", "## [1.1.0]"}
	last := -1
	for _, h := range order {
		at := strings.Index(after, h)
		if at <= last {
			t.Errorf("%q is out of place (at %d, after %d):\n%s", h, at, last, after)
		}
		last = at
	}
	if !strings.Contains(r.stderr, "moved the notes written in Unreleased to 1.2.0") {
		t.Errorf("stderr does not say where the notes went: %s", r.stderr)
	}
	// The links: [Unreleased] rewritten, the new ones in order, the old kept.
	links := after[strings.Index(after, "\n[Unreleased]: "):]
	wantLinks := `
[Unreleased]: https://github.com/acme/orders/compare/v2.1.0...HEAD
[2.1.0]: https://github.com/acme/orders/compare/v2.0.0...v2.1.0
[2.0.0]: https://github.com/acme/orders/compare/v2.0.0-rc.1...v2.0.0
[2.0.0-rc.1]: https://github.com/acme/orders/compare/v1.2.0...v2.0.0-rc.1
[1.2.0]: https://github.com/acme/orders/compare/v1.1.1...v1.2.0
[1.1.0]: https://github.com/acme/orders/compare/v1.0.1...v1.1.0
[1.0.1]: https://github.com/acme/orders/compare/v1.0.0...v1.0.1
[1.0.0]: https://github.com/acme/orders/releases/tag/v1.0.0
`
	if links != wantLinks {
		t.Errorf("links:\n%s\nwant:\n%s", links, wantLinks)
	}

	// A hand edit inside the generated part of Unreleased is replaced;
	// notes after the end marker stay where they are.
	edited := strings.Replace(after, "### Breaking", "### Breaking (hand edit)", 1)
	edited = strings.Replace(edited, "<!-- eventdiff:unreleased:end -->\n", "<!-- eventdiff:unreleased:end -->\n\nA note of ours.\n", 1)
	os.WriteFile(path, []byte(edited), 0o644)
	r = run(t, "", nil, args...)
	data, _ = os.ReadFile(path)
	if want := strings.Replace(after, "<!-- eventdiff:unreleased:end -->\n", "<!-- eventdiff:unreleased:end -->\n\nA note of ours.\n", 1); string(data) != want {
		t.Errorf("after editing Unreleased:\n%s\nwant:\n%s", data, want)
	}

	// And a third run changes nothing.
	r = run(t, "", nil, args...)
	again, _ := os.ReadFile(path)
	if string(again) != string(data) {
		t.Errorf("a further run changed the file")
	}
}

// section is the text of the section of a version, up to the next heading.
func section(text, version string) string {
	i := strings.Index(text, "## ["+version+"]")
	if i < 0 {
		return ""
	}
	rest := text[i:]
	if j := strings.Index(rest[1:], "\n## "); j >= 0 {
		return rest[:j+2]
	}
	if j := strings.Index(rest, "\n["); j >= 0 {
		return rest[:j+1]
	}
	return rest
}

func TestBump(t *testing.T) {
	dir := t.TempDir()
	doc := func(version, extra string) string {
		return fmt.Sprintf(`asyncapi: 3.0.0
info:
  title: Orders
  version: %s
channels:
  created:
    address: orders/created
    messages:
      m: {payload: {type: object, properties: {id: {type: string}}}}
%soperations:
  sendCreated:
    action: send
    channel: {$ref: '#/channels/created'}
`, version, extra)
	}
	added := "  shipped:\n    address: orders/shipped\n"
	write(t, dir, map[string]string{
		"base.yaml":        doc("1.4.2", ""),
		"same.yaml":        doc("1.4.2", ""),
		"added.yaml":       doc("1.4.2", added),
		"documented.yaml":  strings.Replace(doc("1.4.2", ""), "  title: Orders\n", "  title: Orders\n  description: Orders.\n", 1),
		"broken.yaml":      strings.Replace(doc("1.4.2", ""), "orders/created", "orders/placed", 1),
		"pre.yaml":         doc("0.3.1", ""),
		"pre-broken.yaml":  strings.Replace(doc("0.3.1", ""), "orders/created", "orders/placed", 1),
		"v.yaml":           doc("v1.4.2", ""),
		"unversioned.yaml": strings.Replace(doc("1.0.0", ""), "  version: 1.0.0\n", "", 1),
		"odd.yaml":         doc("1.4", ""),
	})
	f := func(name string) string { return filepath.Join(dir, name) }
	for _, tt := range []struct {
		name string
		args []string
		code int
		want string // stdout, or a part of stderr for exit 2
	}{
		{"major", []string{f("base.yaml"), f("broken.yaml")}, ExitOK, "2.0.0\n"},
		{"minor", []string{f("base.yaml"), f("added.yaml")}, ExitOK, "1.5.0\n"},
		{"patch", []string{f("base.yaml"), f("documented.yaml")}, ExitOK, "1.4.3\n"},
		{"none", []string{f("base.yaml"), f("same.yaml")}, ExitOK, "1.4.2\n"},
		{"pre-1.0 breaking is minor", []string{f("pre.yaml"), f("pre-broken.yaml")}, ExitOK, "0.4.0\n"},
		{"v prefix kept", []string{f("v.yaml"), f("broken.yaml")}, ExitOK, "v2.0.0\n"},
		{"--current", []string{"--current", "3.1.0", f("base.yaml"), f("added.yaml")}, ExitOK, "3.2.0\n"},
		{"--current below 1.0", []string{"--current", "0.9.0", f("base.yaml"), f("broken.yaml")}, ExitOK, "0.10.0\n"},
		{"--current of an unversioned base", []string{"--current", "1.0.0", f("unversioned.yaml"), f("broken.yaml")}, ExitOK, "2.0.0\n"},
		{"bad --current", []string{"--current", "next", f("base.yaml"), f("added.yaml")}, ExitTrouble, `--current: "next" is not a semantic version`},
		{"empty --current", []string{"--current", "", f("base.yaml"), f("added.yaml")}, ExitTrouble, "--current is empty"},
		{"no info.version", []string{f("unversioned.yaml"), f("added.yaml")}, ExitTrouble, "has no info.version"},
		{"info.version not semver", []string{f("odd.yaml"), f("added.yaml")}, ExitTrouble, `"1.4" is not a semantic version`},
		{"one document", []string{f("base.yaml")}, ExitTrouble, "bump needs two documents"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, "", nil, append([]string{"bump"}, tt.args...)...)
			if r.code != tt.code {
				t.Fatalf("exit %d, want %d: %s", r.code, tt.code, r.stderr)
			}
			if tt.code == ExitOK && r.stdout != tt.want {
				t.Errorf("printed %q, want %q", r.stdout, tt.want)
			}
			if tt.code == ExitTrouble && (r.stdout != "" || !strings.Contains(r.stderr, tt.want)) {
				t.Errorf("stdout %q, stderr %q; want %q", r.stdout, r.stderr, tt.want)
			}
		})
	}

	t.Run("git revisions", func(t *testing.T) {
		releaseRepo(t)
		r := run(t, "", nil, "bump", "v1.1.1:api/asyncapi.yaml", "v1.2.0:api/asyncapi.yaml")
		if r.code != ExitOK || r.stdout != "2.0.0\n" {
			t.Errorf("exit %d, %q: %s", r.code, r.stdout, r.stderr)
		}
	})
}

// TestReadmeChangelog keeps the README's "Release changelogs" section
// true: its sample is the golden output, and every flag it shows exists.
func TestReadmeChangelog(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	start := strings.Index(readme, "## Release changelogs")
	if start < 0 {
		t.Fatal("the README has no Release changelogs section")
	}
	sec := readme[start:]
	for i := 1; i < len(sec); i++ { // up to the next section (the sample's release headings are in brackets)
		if strings.HasPrefix(sec[i:], "\n## ") && !strings.HasPrefix(sec[i:], "\n## [") {
			sec = sec[:i+1]
			break
		}
	}
	golden, err := os.ReadFile(goldenPath("orders.md"))
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(sec, "```markdown\n")
	if i < 0 {
		t.Fatal("no markdown sample")
	}
	sample := sec[i+len("```markdown\n"):]
	sample = sample[:strings.Index(sample, "```")]
	for _, part := range strings.Split(sample, "…\n") {
		if !strings.Contains(string(golden), strings.TrimLeft(part, "\n")) {
			t.Errorf("the README's sample is not the output of the test repository:\n%s", part)
		}
	}
	flags := map[string]map[string]bool{}
	for _, c := range []*cliCommand{{"changelog", changelogCommand(Env{})}, {"bump", bumpCommand(Env{})}} {
		flags[c.name] = map[string]bool{}
		for _, f := range c.cmd.Flags {
			for _, n := range f.Names() {
				flags[c.name][n] = true
			}
		}
	}
	for _, line := range strings.Split(sec, "\n") {
		for _, name := range []string{"changelog", "bump"} {
			at := strings.Index(line, "eventdiff "+name+" ")
			if at < 0 {
				continue
			}
			for _, w := range strings.Fields(line[at:]) {
				if w == "#" || w == "|" {
					break
				}
				if strings.HasPrefix(w, "--") || strings.HasPrefix(w, "-") && len(w) == 2 {
					n := strings.TrimLeft(strings.SplitN(w, "=", 2)[0], "-")
					if !flags[name][n] {
						t.Errorf("the README shows %s for eventdiff %s, which has no such flag: %s", w, name, line)
					}
				}
			}
		}
	}
}

type cliCommand struct {
	name string
	cmd  *cli.Command
}
