package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// prefixedRepo is the orders document released twice under tags that
// carry a prefix before their version.
func prefixedRepo(t *testing.T, first, second string) string {
	t.Helper()
	gitTestEnv(t)
	dir := t.TempDir()
	gitIn(t, dir, "init", "-q", "-b", "main")
	write(t, dir, orders)
	commitAt(t, dir, 2, "orders")
	gitIn(t, dir, "tag", first)
	edit(t, dir, "api/channels.yaml", "orders/cancelled", "orders/canceled")
	commitAt(t, dir, 3, "rename")
	gitIn(t, dir, "tag", second)
	t.Chdir(dir)
	return dir
}

func TestChangelogTagPrefix(t *testing.T) {
	for _, tc := range []struct{ first, second, prefix, want string }{
		{"web-v1.2.0", "web-v1.3.0", "web-", "## [1.3.0] - 2024-03-03"},
		{"ASYNCAPI_1.2", "ASYNCAPI_1.3", "ASYNCAPI_", "## [1.3] - 2024-03-03"},
	} {
		t.Run(tc.prefix, func(t *testing.T) {
			prefixedRepo(t, tc.first, tc.second)
			r := run(t, "", nil, "changelog", "api/asyncapi.yaml")
			if r.code != ExitOK || !strings.Contains(r.stderr, "warning: none of the 2 tags") || !strings.Contains(r.stderr, "pass --tag-prefix "+tc.prefix) {
				t.Errorf("without --tag-prefix: exit %d, stderr %q", r.code, r.stderr)
			}
			if strings.Contains(r.stdout, "## [1.") {
				t.Errorf("without --tag-prefix no tag is a release:\n%s", r.stdout)
			}
			r = run(t, "", nil, "changelog", "--tag-prefix", tc.prefix, "--repo-url", "https://example.com/o/r", "api/asyncapi.yaml")
			if r.code != ExitOK || strings.Contains(r.stderr, "warning") {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			for _, want := range []string{tc.want, "breaks **producers**", "/compare/" + tc.first + "..." + tc.second} {
				if !strings.Contains(r.stdout, want) {
					t.Errorf("%q missing:\n%s", want, r.stdout)
				}
			}
		})
	}
}

// Without any tag, the whole document is Unreleased, and stderr says how
// to have releases.
func TestChangelogWithoutTags(t *testing.T) {
	gitTestEnv(t)
	dir := t.TempDir()
	gitIn(t, dir, "init", "-q", "-b", "main")
	write(t, dir, orders)
	commitAt(t, dir, 2, "orders")
	t.Chdir(dir)
	r := run(t, "", nil, "changelog", "api/asyncapi.yaml")
	if r.code != ExitOK || !strings.Contains(r.stderr, "warning: the history has no tags") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	if r := run(t, "", nil, "changelog", "-q", "api/asyncapi.yaml"); r.stderr != "" {
		t.Errorf("--quiet: %q", r.stderr)
	}
}

// Unreleased says which of its changes are only in the working tree.
func TestChangelogMarksUncommittedChanges(t *testing.T) {
	dir := prefixedRepo(t, "v1.0.0", "v1.1.0")
	edit(t, dir, "api/asyncapi.yaml", "version: 1.0.0", "version: 1.2.0")
	edit(t, dir, "api/channels.yaml", "orders/created", "orders/placed")
	commitAt(t, dir, 4, "placed")
	edit(t, dir, "api/channels.yaml", "orders/canceled", "orders/voided")
	r := run(t, "", nil, "changelog", "api/asyncapi.yaml")
	unreleased := section(r.stdout, "Unreleased")
	for _, want := range []string{
		"One of them is not committed yet (marked uncommitted).",
		`channel address changed from "orders/canceled" to "orders/voided" — breaks **producers**, via onOrderCancelled (receive) (uncommitted)`,
		`channel address changed from "orders/created" to "orders/placed" — breaks **consumers**, via sendOrderCreated (send)` + "\n",
	} {
		if !strings.Contains(unreleased, want) {
			t.Errorf("%q missing:\n%s", want, unreleased)
		}
	}
	r = run(t, "", nil, "changelog", "-f", "json", "api/asyncapi.yaml")
	var h struct {
		Releases []struct {
			Version     string
			Uncommitted []string
			Changes     []struct{ ID, Fingerprint, Message string }
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &h); err != nil || len(h.Releases) == 0 {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	u := h.Releases[0]
	if u.Version != "Unreleased" || len(u.Uncommitted) != 1 || len(u.Changes) != 2 {
		t.Fatalf("JSON: %+v", u)
	}
	for _, c := range u.Changes {
		if (c.Fingerprint == u.Uncommitted[0]) != strings.Contains(c.Message, "orders/voided") {
			t.Errorf("uncommitted %v, change %+v", u.Uncommitted, c)
		}
	}
	gitIn(t, dir, "stash", "-q")
	r = run(t, "", nil, "changelog", "api/asyncapi.yaml")
	if strings.Contains(r.stdout, "uncommitted") || strings.Contains(r.stdout, "committed yet") {
		t.Errorf("everything is committed:\n%s", section(r.stdout, "Unreleased"))
	}
}
