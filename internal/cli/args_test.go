package cli

import (
	"os"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

func TestHoistFlags(t *testing.T) {
	t.Parallel()
	cmds := newApp(Env{}).Commands
	tests := []struct{ in, want string }{
		{"diff a.yaml b.yaml --format json", "diff --format json -- a.yaml b.yaml"},
		{"diff --format json a.yaml b.yaml", "diff --format json -- a.yaml b.yaml"},
		{"diff a.yaml --quiet b.yaml -f=json", "diff --quiet -f=json -- a.yaml b.yaml"},
		{"diff a.yaml - --fail-on breaking", "diff --fail-on breaking -- a.yaml -"},
		{"diff a.yaml -- --odd-name.yaml", "diff -- a.yaml --odd-name.yaml"},
		{"diff -- -x.yaml -y.yaml", "diff -- -x.yaml -y.yaml"},
		{"diff --base-ref main api/a.yaml api/b.yaml --allow-new", "diff --base-ref main --allow-new -- api/a.yaml api/b.yaml"},
		{"bump base.yaml rev.yaml --current 1.4.0", "bump --current 1.4.0 -- base.yaml rev.yaml"},
		{"changelog SPEC --format json --path-at v1=a.yaml", "changelog --format json --path-at v1=a.yaml -- SPEC"},
		{"diff a.yaml b.yaml --frobnicate", "diff --frobnicate -- a.yaml b.yaml"},
		{"diff a.yaml b.yaml --help", "diff --help -- a.yaml b.yaml"},
		{"--help", "--help"},
		{"rules", "rules"},
		{"nosuchcommand a --x", "nosuchcommand a --x"},
		{"diff --format", "diff --format"},
	}
	for _, tt := range tests {
		got := hoistFlags(append([]string{"eventdiff"}, strings.Fields(tt.in)...), cmds)
		if strings.Join(got[1:], " ") != tt.want {
			t.Errorf("%s\n got  %s\n want %s", tt.in, strings.Join(got[1:], " "), tt.want)
		}
	}
}

// Every command reads its flags after the documents too, the way git,
// oasdiff and buf do.
func TestFlagsAfterTheDocuments(t *testing.T) {
	t.Parallel()
	for _, args := range [][2][]string{
		{{"diff", "--format", "json", exBase, exRev}, {"diff", exBase, exRev, "--format", "json"}},
		{{"diff", "-q", "--fail-on", "breaking", exBase, exRev}, {"diff", exBase, "-q", exRev, "--fail-on", "breaking"}},
		{{"bump", "--current", "1.4.0", exBase, exRev}, {"bump", exBase, exRev, "--current", "1.4.0"}},
		{{"rules", "--format", "json"}, {"rules", "--format=json"}},
	} {
		before, after := run(t, "", nil, args[0]...), run(t, "", nil, args[1]...)
		if before.code == ExitTrouble || before != after {
			t.Errorf("%v: exit %d, %d bytes; %v: exit %d, %d bytes (stderr %q)", args[0], before.code, len(before.stdout),
				args[1], after.code, len(after.stdout), after.stderr)
		}
	}
}

// hoistFlags knows which flags take a value from the flag's type alone.
func TestValueFlags(t *testing.T) {
	t.Parallel()
	cmd := &cli.Command{Flags: []cli.Flag{&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}}, &cli.StringFlag{Name: "format", Aliases: []string{"f"}}, &cli.IntFlag{Name: "max-depth"}}}
	got := valueFlags(cmd)
	want := map[string]bool{"quiet": false, "q": false, "format": true, "f": true, "max-depth": true}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %v, want %v", k, got[k], v)
		}
	}
}

// `--` still ends the options: after it, a document may be named like an
// option, and an option is a document.
func TestDoubleDashEndsOptions(t *testing.T) {
	base, err := os.ReadFile(exBase)
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	if err := os.WriteFile("-v1.yaml", base, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"diff", "--", "-v1.yaml", "-v1.yaml"}, ExitOK, ""},
		{[]string{"diff", "-f", "json", "--", "-v1.yaml", "-v1.yaml"}, ExitOK, ""},
		{[]string{"diff", "-v1.yaml", "-v1.yaml"}, ExitTrouble, "flag provided but not defined: -v1.yaml"},
		{[]string{"diff", "--", "-v1.yaml", "-v1.yaml", "--format", "json"}, ExitTrouble, "diff needs two documents, BASE and REVISION (got 4)"},
	} {
		r := run(t, "", nil, tt.args...)
		if r.code != tt.code || !strings.Contains(r.stderr, tt.err) || tt.err == "" && r.stderr != "" {
			t.Errorf("%v: exit %d, stderr %q", tt.args, r.code, r.stderr)
		}
	}
}
