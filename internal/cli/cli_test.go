package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/eventdiff/eventdiff/internal/golden"
)

const (
	exBase = "../../testdata/examples/base.yaml"
	exRev  = "../../testdata/examples/revision.yaml"
)

type result struct {
	code           int
	stdout, stderr string
}

func run(t *testing.T, stdin string, env map[string]string, args ...string) result {
	t.Helper()
	return runWith(t, Env{Stdin: strings.NewReader(stdin), Getenv: func(k string) string { return env[k] }}, args...)
}

// runWith runs a command in env, capturing its output streams.
func runWith(t *testing.T, env Env, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	env.Stdout, env.Stderr = &out, &errOut
	code := Run(append([]string{"eventdiff"}, args...), env)
	return result{code, out.String(), errOut.String()}
}

func TestExitCodes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"no fail-on", []string{"diff", exBase, exRev}, ExitOK},
		{"fail on info", []string{"diff", "--fail-on", "info", exBase, exRev}, ExitFailOn},
		{"identical documents", []string{"diff", "--fail-on", "info", exBase, exBase}, ExitOK},
		{"missing argument", []string{"diff", exBase}, ExitTrouble},
		{"unknown format", []string{"diff", "--format", "xml", exBase, exRev}, ExitTrouble},
		{"unknown fail-on", []string{"diff", "--fail-on", "sometimes", exBase, exRev}, ExitTrouble},
		{"unknown flag", []string{"diff", "--frobnicate", exBase, exRev}, ExitTrouble},
		{"unknown perspective", []string{"diff", "--v2-perspective", "server", exBase, exRev}, ExitTrouble},
		{"missing file", []string{"diff", "nope.yaml", exRev}, ExitTrouble},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, "", nil, tt.args...)
			if r.code != tt.code {
				t.Fatalf("exit %d, want %d; stderr: %s", r.code, tt.code, r.stderr)
			}
			if tt.code == ExitTrouble {
				if r.stdout != "" {
					t.Errorf("trouble must print nothing on stdout, got %q", r.stdout)
				}
				if n := strings.Count(strings.TrimSpace(r.stderr), "\n"); n != 0 || !strings.HasPrefix(r.stderr, "eventdiff: ") {
					t.Errorf("want one line on stderr, got %q", r.stderr)
				}
			}
		})
	}
}

// Input that cannot be understood is exit 2 with one line naming the file
// (and line), never a panic, never anything of an outside file.
func TestInputsThatCannotBeUnderstood(t *testing.T) {
	t.Parallel()
	dir := "../../testdata/invalid"
	deep := filepath.Join(t.TempDir(), "deep.yaml")
	if err := os.WriteFile(deep, []byte("asyncapi: 3.0.0\nx: "+strings.Repeat("[", 100000)+strings.Repeat("]", 100000)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := map[string]string{
		filepath.Join(dir, "invalid.yaml"):         "invalid.yaml:3:10: invalid YAML",
		filepath.Join(dir, "openapi.yaml"):         "openapi.yaml: not an AsyncAPI document",
		filepath.Join(dir, "unknown-version.yaml"): "unknown-version.yaml:1:11: unsupported AsyncAPI version",
		filepath.Join(dir, "missing-ref.yaml"):     "missing-ref.yaml:5:5: $ref \"./schemas/user.yaml\": file",
		filepath.Join(dir, "passwd-ref.yaml"):      "passwd-ref.yaml:5:5: $ref \"/etc/passwd\": leaves the tree references may read",
		filepath.Join(dir, "self-ref.yaml"):        "self-ref.yaml:5:5: $ref \"#/components/schemas/Loop\" refers only to itself",
		filepath.Join(dir, "bomb.yaml"):            "bomb.yaml:10:12: YAML aliases expand to more than",
		deep:                                       "deep.yaml:2:1004: nesting is deeper than the limit",
	}
	for file, want := range tests {
		t.Run(filepath.Base(file), func(t *testing.T) {
			for _, args := range [][]string{{"diff", file, exRev}, {"diff", exBase, file}} {
				r := run(t, "", nil, args...)
				if r.code != ExitTrouble {
					t.Fatalf("exit %d, want 2", r.code)
				}
				if !strings.Contains(r.stderr, want) {
					t.Errorf("stderr %q, want it to contain %q", r.stderr, want)
				}
				if strings.Count(r.stderr, "\n") != 1 || strings.Contains(r.stderr, "root:") || strings.Contains(r.stderr, "goroutine") {
					t.Errorf("want one clean line, got %q", r.stderr)
				}
			}
		})
	}
}

func TestStdin(t *testing.T) {
	t.Parallel()
	rev, err := os.ReadFile(exRev)
	if err != nil {
		t.Fatal(err)
	}
	r := run(t, string(rev), nil, "diff", "--format", "json", "--ref-root", "../../testdata/examples", exBase, "-")
	if r.code != ExitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var rep struct {
		Revision struct{ Source string }
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || rep.Revision.Source != "-" {
		t.Errorf("revision source %q (%v)", rep.Revision.Source, err)
	}
	if r := run(t, "", nil, "diff", "-", "-"); r.code != ExitTrouble {
		t.Errorf("both from stdin: exit %d", r.code)
	}
}

func TestJSONReportShape(t *testing.T) {
	t.Parallel()
	r := run(t, "", nil, "diff", "-f", "json", exBase, exRev)
	if r.code != ExitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var rep map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"schemaVersion", "base", "revision", "summary", "bump", "changes"} {
		if _, ok := rep[k]; !ok {
			t.Errorf("missing %s", k)
		}
	}
	bump := rep["bump"].(map[string]any)
	for _, k := range []string{"suggested", "current", "declared", "next", "declaredOk"} {
		if _, ok := bump[k]; !ok {
			t.Errorf("bump misses %s", k)
		}
	}
	changes := rep["changes"].([]any)
	if len(changes) == 0 {
		t.Fatal("no changes")
	}
	for _, c := range changes {
		m := c.(map[string]any)
		for _, k := range []string{"id", "level", "bump", "message", "direction", "operations", "base", "revision", "old", "new", "fingerprint"} {
			if _, ok := m[k]; !ok {
				t.Errorf("change %v misses %s", m["id"], k)
			}
		}
	}
}

func TestOutputIsByteIdenticalAcrossRuns(t *testing.T) {
	t.Parallel()
	for _, format := range []string{"text", "json"} {
		first := run(t, "", nil, "diff", "-f", format, exBase, exRev)
		for i := 0; i < 5; i++ {
			if again := run(t, "", nil, "diff", "-f", format, exBase, exRev); again.stdout != first.stdout {
				t.Fatalf("%s output differs between runs", format)
			}
		}
	}
}

func TestColour(t *testing.T) {
	t.Parallel()
	plain := run(t, "", nil, "diff", exBase, exRev)
	if strings.Contains(plain.stdout, "\x1b[") {
		t.Error("no colour when stdout is not a terminal")
	}
	always := run(t, "", nil, "diff", "--color", "always", exBase, exRev)
	if !strings.Contains(always.stdout, "\x1b[") {
		t.Error("--color always should colour")
	}
	var out bytes.Buffer
	Run([]string{"eventdiff", "diff", exBase, exRev}, Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &out, IsTerminal: true,
		Getenv: func(k string) string {
			if k == "NO_COLOR" {
				return "1"
			}
			return ""
		}})
	if strings.Contains(out.String(), "\x1b[") {
		t.Error("NO_COLOR must switch colour off on a terminal")
	}
}

func TestVersionAndHelp(t *testing.T) {
	t.Parallel()
	if r := run(t, "", nil, "version"); r.code != 0 || !strings.HasPrefix(r.stdout, "eventdiff ") {
		t.Errorf("version: %d %q", r.code, r.stdout)
	}
	r := run(t, "", nil, "diff", "--help")
	for _, want := range []string{"BASE REVISION", "--fail-on", "--v2-perspective", "--ref-root"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("help lacks %s", want)
		}
	}
}
