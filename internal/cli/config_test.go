package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The example's declared version 1.5.0 is not enough for its breaking changes.
func TestCheckVersion(t *testing.T) {
	t.Parallel()
	if r := run(t, "", nil, "diff", exBase, exRev); r.code != ExitOK {
		t.Fatalf("without --check-version: exit %d", r.code)
	}
	r := run(t, "", nil, "diff", "--check-version", exBase, exRev)
	if r.code != ExitFailOn || !strings.Contains(r.stderr, "the declared version 1.5.0 is not enough") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	if r := run(t, "", nil, "diff", "--check-version", exBase, exBase); r.code != ExitOK {
		t.Errorf("no changes, same version: exit %d", r.code)
	}
}

func writeConfig(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), ".eventdiff.yaml")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestConfigFile(t *testing.T) {
	abs := func(p string) string { a, _ := filepath.Abs(p); return a }
	base, rev := abs(exBase), abs(exRev)

	t.Run("fail-on from the file, the flag wins", func(t *testing.T) {
		cfg := writeConfig(t, "fail-on: breaking\n")
		if r := run(t, "", nil, "diff", "--config", cfg, base, rev); r.code != ExitFailOn {
			t.Errorf("exit %d, want 1", r.code)
		}
		if r := run(t, "", nil, "diff", "--config", cfg, "--fail-on", "none", base, rev); r.code != ExitOK {
			t.Errorf("the flag should win: exit %d", r.code)
		}
	})
	t.Run("found in the working directory", func(t *testing.T) {
		cfg := writeConfig(t, "fail-on: info\n")
		t.Chdir(filepath.Dir(cfg))
		if r := run(t, "", nil, "diff", base, rev); r.code != ExitFailOn {
			t.Errorf("exit %d, want 1", r.code)
		}
	})
	t.Run("ignores accept findings", func(t *testing.T) {
		cfg := writeConfig(t, `fail-on: breaking
ignore:
  - rule: schema-enum-value-added
    location: user/signedup
    reason: consumers treat plan as an open set
  - rule: schema-required-added
    location: receiveSignupCommand
    reason: every producer already sends a display name
`)
		r := run(t, "", nil, "diff", "--config", cfg, base, rev)
		if r.code != ExitOK || !strings.Contains(r.stdout, "ACCEPTED BY THE CONFIG (2)") || !strings.Contains(r.stdout, "every producer already sends a display name") {
			t.Errorf("exit %d:\n%s", r.code, r.stdout)
		}
	})
	t.Run("an expired ignore says so and no longer applies", func(t *testing.T) {
		cfg := writeConfig(t, `fail-on: breaking
ignore:
  - rule: schema-enum-value-added
    location: user/signedup
    reason: until the consumers are updated
    until: 2020-01-31
`)
		r := run(t, "", nil, "diff", "--config", cfg, base, rev)
		want := cfg + ":3: the ignore of schema-enum-value-added at user/signedup expired on 2020-01-31 and no longer applies"
		if r.code != ExitFailOn || !strings.Contains(r.stderr, want) {
			t.Errorf("exit %d, stderr %q", r.code, r.stderr)
		}
	})
	t.Run("errors name the file and line", func(t *testing.T) {
		for text, want := range map[string]string{
			"fail-on: breaking\nrulez: {}\n":                                        ":2:1: unknown setting \"rulez\"",
			"rules:\n  no-such-rule: info\n":                                        ":2:17: unknown rule \"no-such-rule\"",
			"ignore:\n  - rule: channel-removed\n    location: x\n    reason: ''\n": ":2:5: an ignore entry needs a reason",
			"rules: [\n": ":1:",
		} {
			cfg := writeConfig(t, text)
			r := run(t, "", nil, "diff", "--config", cfg, base, rev)
			if r.code != ExitTrouble || !strings.Contains(r.stderr, cfg+want) {
				t.Errorf("%q: exit %d, stderr %q", text, r.code, r.stderr)
			}
		}
	})
	t.Run("the ignore format round-trips once reasons are filled in", func(t *testing.T) {
		r := run(t, "", nil, "diff", "--format", "ignore", base, rev)
		if r.code != ExitOK || strings.Count(r.stdout, `reason: ""`) != 5 {
			t.Fatalf("exit %d:\n%s", r.code, r.stdout)
		}
		if r := run(t, "", nil, "diff", "--config", writeConfig(t, r.stdout), base, rev); r.code != ExitTrouble {
			t.Errorf("empty reasons must be refused: exit %d", r.code)
		}
		filled := strings.ReplaceAll(r.stdout, `reason: ""`, `reason: "accepted in review"`)
		r = run(t, "", nil, "diff", "--config", writeConfig(t, filled), "--fail-on", "info", base, rev)
		if r.code != ExitOK || !strings.Contains(r.stdout, "0 breaking, 0 warning, 0 info, 5 accepted") {
			t.Errorf("exit %d:\n%s", r.code, r.stdout)
		}
	})
}
