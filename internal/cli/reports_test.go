package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// An info finding is one line unless --verbose; --min-level leaves lower
// levels out of text and markdown (and says so), never out of JSON. Both
// can be set in the config file, where the flag wins.
func TestMinLevelAndVerbose(t *testing.T) {
	infoLine := "    operation-added  operation publishUserDeleted (send on \"user/deleted\") was added\n"
	r := run(t, "", nil, "diff", exBase, exRev)
	if !strings.Contains(r.stdout, infoLine+"\n") && !strings.HasSuffix(r.stdout, infoLine) {
		t.Errorf("an info finding should be one line:\n%s", r.stdout)
	}
	if !strings.Contains(r.stdout, "      example: {\"email\":") {
		t.Errorf("a breaking finding keeps its evidence:\n%s", r.stdout)
	}
	r = run(t, "", nil, "diff", "--verbose", exBase, exRev)
	if !strings.Contains(r.stdout, infoLine+"      via publishUserDeleted (send)\n      at ") {
		t.Errorf("--verbose prints the evidence of info findings:\n%s", r.stdout)
	}

	for _, format := range []string{"text", "markdown"} {
		r := run(t, "", nil, "diff", "-f", format, "--min-level", "warning", exBase, exRev)
		if strings.Contains(r.stdout, "operation-added") || !strings.Contains(r.stdout, "schema-required-added") {
			t.Errorf("%s --min-level warning: info left in or breaking left out:\n%s", format, r.stdout)
		}
	}
	if r := run(t, "", nil, "diff", "--min-level", "warning", exBase, exRev); !strings.Contains(r.stdout, "2 breaking, 0 warning, 3 info (not shown)\n") {
		t.Errorf("the counts say what is not shown:\n%s", r.stdout)
	}
	r = run(t, "", nil, "diff", "-f", "json", "--min-level", "breaking", exBase, exRev)
	if n := strings.Count(r.stdout, `"fingerprint"`); n != 5 {
		t.Errorf("JSON keeps every change: %d", n)
	}

	cfg := writeConfig(t, "min-level: breaking\nverbose: true\n")
	if r := run(t, "", nil, "diff", "--config", cfg, exBase, exRev); strings.Contains(r.stdout, "INFO") {
		t.Errorf("min-level from the config:\n%s", r.stdout)
	}
	if r := run(t, "", nil, "diff", "--config", cfg, "--min-level", "info", exBase, exRev); !strings.Contains(r.stdout, infoLine+"      via ") {
		t.Errorf("the flag wins over the config, verbose comes from it:\n%s", r.stdout)
	}
	if r := run(t, "", nil, "diff", "--min-level", "off", exBase, exRev); r.code != ExitTrouble {
		t.Errorf("--min-level off: exit %d", r.code)
	}
}

// Unknown report settings are refused wherever they are given.
func TestReportSettingsAreChecked(t *testing.T) {
	for _, text := range []string{"color: purple\n", "min-level: none\n", "verbose: yes please\n"} {
		cfg := writeConfig(t, text)
		r := run(t, "", nil, "diff", "--config", cfg, exBase, exRev)
		if r.code != ExitTrouble || !strings.Contains(r.stderr, cfg+":1:") {
			t.Errorf("%q: exit %d, stderr %q", text, r.code, r.stderr)
		}
	}
	if r := run(t, "", nil, "diff", "--color", "purple", exBase, exRev); r.code != ExitTrouble || !strings.Contains(r.stderr, `unknown --color "purple"`) {
		t.Errorf("--color purple: exit %d, stderr %q", r.code, r.stderr)
	}
	cfg := writeConfig(t, "color: always\n")
	if r := run(t, "", nil, "diff", "--config", cfg, exBase, exRev); !strings.Contains(r.stdout, "\x1b[") {
		t.Errorf("color from the config is used")
	}
	if r := run(t, "", nil, "diff", "--config", cfg, "--color", "never", exBase, exRev); strings.Contains(r.stdout, "\x1b[") {
		t.Errorf("--color never wins over the config")
	}
}

func TestRulesShowsOneRule(t *testing.T) {
	r := run(t, "", nil, "rules", "schema-enum-value-added")
	if r.code != ExitOK || !strings.HasPrefix(r.stdout, "schema-enum-value-added\n") || !strings.Contains(r.stdout, "bump:      major if breaking, else minor\n") {
		t.Errorf("exit %d:\n%s", r.code, r.stdout)
	}
	r = run(t, "", nil, "rules", "-f", "json", "channel-removed")
	var rs []struct{ ID, BumpRule string }
	if err := json.Unmarshal([]byte(r.stdout), &rs); err != nil || len(rs) != 1 || rs[0].ID != "channel-removed" || rs[0].BumpRule != "major" {
		t.Errorf("json: %v %+v", err, rs)
	}
	for _, tc := range []struct{ id, suggests string }{
		{"chanel-removed", "did you mean channel-removed"},
		{"schema-enum-added-value", "did you mean schema-enum-value-added"},
		{"frobnicate", "eventdiff rules lists them all"},
	} {
		r := run(t, "", nil, "rules", tc.id)
		if r.code != ExitTrouble || r.stdout != "" || !strings.Contains(r.stderr, tc.suggests) || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("rules %s: exit %d, stderr %q", tc.id, r.code, r.stderr)
		}
	}
}

// A document compared with itself has its warnings once, not once per side.
func TestWarningsOnceForTheSameFile(t *testing.T) {
	doc := writeDoc(t, [2]string{"a.yaml", "asyncapi: 3.0.0\ninfo: {title: t, version: 1.0.0}\nsurprise: 1\n"})
	r := run(t, "", nil, "diff", doc, doc)
	if n := strings.Count(r.stderr, "surprise"); n != 1 {
		t.Errorf("%d warnings, want 1:\n%s", n, r.stderr)
	}
}

// Arguments in the wrong order report everything reversed; a revision
// that declares a lower version than its base says so.
func TestSwappedArgumentsHint(t *testing.T) {
	r := run(t, "", nil, "diff", exRev, exBase)
	if !strings.Contains(r.stderr, "hint: the revision ../../testdata/examples/base.yaml declares version 1.4.0, lower than the base's 1.5.0: are the documents swapped?") {
		t.Errorf("stderr %q", r.stderr)
	}
	if r := run(t, "", nil, "diff", exBase, exRev); strings.Contains(r.stderr, "hint") {
		t.Errorf("no hint in the right order: %q", r.stderr)
	}
	if r := run(t, "", nil, "diff", "-q", exRev, exBase); r.stderr != "" {
		t.Errorf("--quiet: %q", r.stderr)
	}
}

// Several documents in one markdown run: each heading names its own.
func TestMarkdownOfSeveralDocumentsNamesEach(t *testing.T) {
	usersRepo(t)
	r := run(t, "", nil, "diff", "-f", "markdown", "--base-ref", "HEAD", "api/asyncapi.yaml", "users/asyncapi.yaml")
	for _, want := range []string{"### ❌ `api/asyncapi.yaml`: 1 breaking change", "### ❌ `users/asyncapi.yaml`: 1 breaking change"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("%q missing:\n%s", want, r.stdout)
		}
	}
}
