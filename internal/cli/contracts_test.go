package cli

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// The contracts tools build on: fingerprints that name a change in every
// run, accepted changes marked as such, ignores that survive reordering,
// junit that fails what fails the run.

// fingerprints lists "rule-id fingerprint" for every change of the JSON
// reports in stdout, sorted.
func fingerprints(t *testing.T, stdout string) []string {
	t.Helper()
	var out []string
	dec := json.NewDecoder(strings.NewReader(stdout))
	for dec.More() {
		var rep struct {
			Changes []struct{ ID, Fingerprint string }
		}
		if err := dec.Decode(&rep); err != nil {
			t.Fatalf("not a JSON report: %v\n%s", err, stdout)
		}
		for _, c := range rep.Changes {
			out = append(out, c.ID+" "+c.Fingerprint)
		}
	}
	sort.Strings(out)
	return out
}

func TestFingerprintIgnoresFileNamesAndRevisionSpellings(t *testing.T) {
	dir := ordersRepo(t)
	sha := gitIn(t, dir, "rev-parse", "v1.0.0^{commit}")
	jsonOf := func(args ...string) []string {
		t.Helper()
		r := run(t, "", nil, append([]string{"diff", "-f", "json"}, args...)...)
		if r.code != ExitOK {
			t.Fatalf("%v: exit %d: %s", args, r.code, r.stderr)
		}
		return fingerprints(t, r.stdout)
	}
	want := jsonOf("--base-ref", "v1.0.0", "api/asyncapi.yaml")
	if len(want) != 2 {
		t.Fatalf("the history should give two findings, got %v", want)
	}
	for _, spelling := range []string{"HEAD~1", sha, sha[:10], "merge-base:HEAD~1", "main~1"} {
		sameList(t, "--base-ref "+spelling, jsonOf("--base-ref", spelling, "api/asyncapi.yaml"), want)
	}
	sameList(t, "REV:path", jsonOf("v1.0.0:api/asyncapi.yaml", "api/asyncapi.yaml"), want)

	// The same document under another name, on either side.
	data, err := os.ReadFile(filepath.Join(dir, "api", "asyncapi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "api", "copy-of-the-contract.yaml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	sameList(t, "revision copied to another name", jsonOf("v1.0.0:api/asyncapi.yaml", "api/copy-of-the-contract.yaml"), want)
	sameList(t, "REV:path of the copy", jsonOf("HEAD~1:api/asyncapi.yaml", "./api/copy-of-the-contract.yaml"), want)
	old := t.TempDir()
	for _, f := range []string{"asyncapi.yaml", "channels.yaml", "messages.yaml"} {
		name := f
		if f == "asyncapi.yaml" {
			name = "orders-1.0.0.yaml"
		}
		write(t, old, map[string]string{name: gitIn(t, dir, "show", "v1.0.0:api/"+f) + "\n"})
	}
	sameList(t, "base as a file of another name, outside the repository", jsonOf(filepath.Join(old, "orders-1.0.0.yaml"), "api/asyncapi.yaml"), want)
}

// A reordered list is not a change, and a changed list item keeps its
// fingerprint when the list is reordered around it.
func TestFingerprintIgnoresListOrder(t *testing.T) {
	dir := t.TempDir()
	doc := func(required string) string {
		return "asyncapi: 3.0.0\ninfo: {title: t, version: 1.0.0}\nchannels:\n  c:\n    address: c\n    messages:\n      m:\n        payload:\n          type: object\n          required: " + required +
			"\n          properties: {a: {type: string}, b: {type: string}, c: {type: string}}\noperations:\n  r: {action: receive, channel: {$ref: '#/channels/c'}}\n"
	}
	write(t, dir, map[string]string{"base.yaml": doc("[a]"), "one.yaml": doc("[a, b, c]"), "two.yaml": doc("[c, a, b]")})
	t.Chdir(dir)
	one := run(t, "", nil, "diff", "-f", "json", "base.yaml", "one.yaml")
	two := run(t, "", nil, "diff", "-f", "json", "base.yaml", "two.yaml")
	got := fingerprints(t, one.stdout)
	if len(got) != 2 {
		t.Fatalf("want two required-added findings, got %v", got)
	}
	sameList(t, "reordered required", fingerprints(t, two.stdout), got)
}

// An ignore written by --format ignore names list items by identity: it
// still accepts the finding after the list is reordered. One written by
// position, as earlier versions wrote them, is still honoured.
func TestIgnoreSurvivesReordering(t *testing.T) {
	dir := t.TempDir()
	doc := func(required string) string {
		return "asyncapi: 3.0.0\ninfo: {title: t, version: 1.0.0}\nchannels:\n  c:\n    address: c\n    messages:\n      m:\n        payload:\n          type: object\n          required: " + required +
			"\n          properties: {a: {type: string}, b: {type: string}, c: {type: string}}\noperations:\n  r: {action: receive, channel: {$ref: '#/channels/c'}}\n"
	}
	write(t, dir, map[string]string{"base.yaml": doc("[a]"), "revision.yaml": doc("[a, b, c]")})
	t.Chdir(dir)
	r := run(t, "", nil, "diff", "-f", "ignore", "base.yaml", "revision.yaml")
	if r.code != ExitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"/payload/required/b\"", "/payload/required/c\""} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the ignore config should locate by name (%s):\n%s", want, r.stdout)
		}
	}
	cfg := strings.ReplaceAll(r.stdout, `reason: ""`, `reason: "producers were told"`)
	write(t, dir, map[string]string{".eventdiff.yaml": strings.Replace(cfg, "fail-on: none", "fail-on: breaking", 1)})
	for _, order := range []string{"[a, b, c]", "[c, b, a]", "[b, a, c]"} {
		write(t, dir, map[string]string{"revision.yaml": doc(order)})
		r := run(t, "", nil, "diff", "-f", "json", "base.yaml", "revision.yaml")
		if r.code != ExitOK || !strings.Contains(r.stdout, `"accepted": 2`) {
			t.Errorf("required %s: exit %d, the ignores should accept both findings:\n%s", order, r.code, r.stdout)
		}
	}

	write(t, dir, map[string]string{"revision.yaml": doc("[a, b]"), ".eventdiff.yaml": `ignore:
  - rule: schema-required-added
    location: "#/channels/c/messages/m/payload/required/1"
    reason: written by an older eventdiff
`})
	if r := run(t, "", nil, "diff", "-f", "json", "base.yaml", "revision.yaml"); !strings.Contains(r.stdout, `"accepted": 1`) {
		t.Errorf("an ignore located by position should still apply:\n%s", r.stdout)
	}
}

// Accepted changes keep their level but say they were accepted, so a tool
// selecting breaking changes can leave them out; the headlines count them.
func TestAcceptedChangesAreMarked(t *testing.T) {
	t.Chdir("../../testdata/reports/mixed")
	r := run(t, "", nil, "diff", "-f", "json", "--config", "eventdiff.yaml", "base.yaml", "revision.yaml")
	var rep struct {
		Changes []struct {
			ID, Level string
			Accepted  *struct{ Reason, Until, Config string }
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	accepted := map[string]string{}
	for _, c := range rep.Changes {
		if c.Accepted != nil {
			accepted[c.ID] = c.Level + " " + c.Accepted.Config + " " + c.Accepted.Reason
		}
	}
	want := map[string]string{
		"channel-removed":   "breaking eventdiff.yaml:5 The legacy feed was announced end-of-life in March.",
		"operation-removed": "breaking eventdiff.yaml:8 The legacy feed was announced end-of-life in March.",
	}
	if len(accepted) != len(want) || accepted["channel-removed"] != want["channel-removed"] || accepted["operation-removed"] != want["operation-removed"] {
		t.Errorf("accepted: %v\nwant %v", accepted, want)
	}
	for _, format := range []string{"text", "markdown"} {
		r := run(t, "", nil, "diff", "-f", format, "--config", "eventdiff.yaml", "base.yaml", "revision.yaml")
		if !strings.Contains(r.stdout, "No breaking changes, 1 warning, 2 changes accepted by the config —") {
			t.Errorf("%s headline should count the accepted changes:\n%s", format, r.stdout)
		}
	}
}

// junit fails the test cases of findings that fail the run, and a
// comparison without findings is still one (passing) test case.
func TestJUnitFollowsFailOn(t *testing.T) {
	type suites struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
	}
	junit := func(args ...string) suites {
		t.Helper()
		r := run(t, "", nil, append([]string{"diff", "-f", "junit"}, args...)...)
		var s suites
		if err := xml.Unmarshal([]byte(r.stdout), &s); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, r.stdout)
		}
		return s
	}
	if s := junit(exBase, exBase); s.Tests != 1 || s.Failures != 0 {
		t.Errorf("no changes: %d tests, %d failures; want one passing test case", s.Tests, s.Failures)
	}
	for _, tc := range []struct {
		failOn   string
		failures int
	}{{"none", 2}, {"breaking", 2}, {"warning", 2}, {"info", 5}} {
		if s := junit("--fail-on", tc.failOn, exBase, exRev); s.Tests != 5 || s.Failures != tc.failures {
			t.Errorf("--fail-on %s: %d tests, %d failures; want 5 tests, %d failures", tc.failOn, s.Tests, s.Failures, tc.failures)
		}
	}
}
