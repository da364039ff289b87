package report_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eventdiff/eventdiff/internal/cli"
	"github.com/eventdiff/eventdiff/internal/corpus"
	"github.com/eventdiff/eventdiff/internal/golden"
	"github.com/eventdiff/eventdiff/internal/printable"
	"github.com/eventdiff/eventdiff/report"
)

var cases = []string{"none", "info-only", "breaking", "mixed", "huge", "hostile"}

var formats = []string{"text", "markdown", "json", "github", "junit", "ignore"}

// hugeDir writes a pair with hundreds of changes, far more than a pull
// request comment can hold.
func hugeDir(t *testing.T) string {
	dir := t.TempDir()
	var base, rev strings.Builder
	head := "asyncapi: 3.0.0\ninfo:\n  title: Huge\n  version: 3.2.1\nchannels:\n"
	base.WriteString(head)
	rev.WriteString(head)
	for i := 0; i < 180; i++ {
		addr := fmt.Sprintf("fleet/vehicles/%03d/telemetry/sensors/temperature/readings/raw/celsius/per-second/v1", i)
		base.WriteString(fmt.Sprintf("  c%03d:\n    address: %s\n    description: Readings of vehicle %d.\n", i, addr, i))
		if i%2 == 0 {
			rev.WriteString(fmt.Sprintf("  c%03d:\n    address: %s\n    description: Raw readings of vehicle %d, one per second.\n", i, addr, i))
		}
	}
	base.WriteString("operations:\n")
	rev.WriteString("operations:\n")
	for i := 0; i < 180; i++ {
		base.WriteString(fmt.Sprintf("  publish%03d:\n    action: send\n    channel: {$ref: '#/channels/c%03d'}\n", i, i))
		if i%2 == 0 {
			rev.WriteString(fmt.Sprintf("  publish%03d:\n    action: send\n    channel: {$ref: '#/channels/c%03d'}\n", i, i))
		}
	}
	for name, text := range map[string]string{"base.yaml": base.String(), "revision.yaml": rev.String()} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestReportGolden renders every fixture pair in every format, from the
// pair's directory so the paths in the output are stable.
func TestReportGolden(t *testing.T) {
	root, err := filepath.Abs("../testdata/reports")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		dir := filepath.Join(root, c)
		if c == "huge" {
			dir = hugeDir(t)
		}
		config := ""
		if _, err := os.Stat(filepath.Join(dir, "eventdiff.yaml")); err == nil {
			config = filepath.Join(dir, "eventdiff.yaml")
		}
		goldenFormats(t, c, dir, config, "base.yaml", "revision.yaml", filepath.Join(root, "golden", c))
	}
	// The README's example.
	goldenFormats(t, "example", filepath.Join(root, "..", "examples"), "", "base.yaml", "revision.yaml", filepath.Join(root, "golden", "example"))
	// The same with a capture that triggers one breaking finding and not
	// the other (diff --messages).
	goldenFormats(t, "example-messages", filepath.Join(root, "..", "examples"), "", "base.yaml", "revision.yaml",
		filepath.Join(root, "golden", "example-messages"), "--messages", "messages.jsonl")
}

// corpusCases are real histories from the shared corpus, chosen for what
// they exercise: info noise (053), a shared schema reached by five
// messages and operations gaining and losing messages (055), a removed
// channel with its operations, accepted by a config kept here (085).
var corpusCases = []string{"053-kubescape-msgid-added", "055-kubescape-batch-messages", "085-defra-pay-enrichment-channels-split"}

// TestReportGoldenCorpus renders the corpus cases in every format; the
// golden files are kept here, the documents stay in the corpus, and the
// test skips when the corpus is absent.
func TestReportGoldenCorpus(t *testing.T) {
	root, err := filepath.Abs("../testdata/reports")
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]corpus.Pair{}
	for _, p := range corpus.Pairs(t) {
		byID[p.ID] = p
	}
	for _, id := range corpusCases {
		p, ok := byID[id]
		if !ok {
			t.Fatalf("corpus pair %s is missing", id)
		}
		oldRel, _ := filepath.Rel(p.Dir, p.Old)
		newRel, _ := filepath.Rel(p.Dir, p.New)
		config := filepath.Join(root, "corpus", id+".eventdiff.yaml")
		if _, err := os.Stat(config); err != nil {
			config = ""
		}
		goldenFormats(t, id, p.Dir, config, oldRel, newRel, filepath.Join(root, "golden", "corpus", id))
	}
}

// goldenFormats runs diff on one pair, from dir, in every format (with the
// extra flags) and compares each output with golden + the format's
// extension.
func goldenFormats(t *testing.T, name, dir, config, base, revision, goldenBase string, extra ...string) {
	for _, format := range formats {
		t.Run(name+"/"+format, func(t *testing.T) {
			t.Chdir(dir)
			args := []string{"eventdiff", "diff", "--format", format, "--link-base", "https://github.com/acme/api/blob/0123abc/"}
			if config != "" {
				args = append(args, "--config", config)
			}
			args = append(append(args, extra...), base, revision)
			env := map[string]string{}
			if format == "github" {
				env["GITHUB_STEP_SUMMARY"] = filepath.Join(t.TempDir(), "summary.md")
				env["GITHUB_OUTPUT"] = filepath.Join(t.TempDir(), "output")
			}
			var out, errOut bytes.Buffer
			code := cli.Run(args, cli.Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut,
				Getenv: func(k string) string { return env[k] }})
			if code == cli.ExitTrouble {
				t.Fatalf("exit 2: %s", errOut.String())
			}
			got := out.Bytes()
			if format == "github" {
				summary, _ := os.ReadFile(env["GITHUB_STEP_SUMMARY"])
				outputs, _ := os.ReadFile(env["GITHUB_OUTPUT"])
				got = []byte(fmt.Sprintf("%s--- GITHUB_STEP_SUMMARY\n%s--- GITHUB_OUTPUT\n%s", got, summary, outputs))
			}
			if config != "" {
				// The config lives in this repository, wherever its clone is.
				got = bytes.ReplaceAll(got, []byte(config), []byte(filepath.Base(config)))
			}
			checkWellFormed(t, format, out.Bytes())
			checkPrintable(t, got)
			golden.Check(t, goldenBase+"."+ext(format), got)
		})
	}
}

func ext(format string) string {
	switch format {
	case "markdown":
		return "md"
	case "json":
		return "json"
	case "junit":
		return "xml"
	case "ignore":
		return "yaml"
	}
	return format + ".txt"
}

// checkWellFormed asserts what each format promises, whatever the input.
func checkWellFormed(t *testing.T, format string, out []byte) {
	t.Helper()
	switch format {
	case "markdown":
		if n := len([]rune(string(out))); n >= 65536 {
			t.Errorf("markdown is %d characters, over GitHub's comment limit", n)
		}
		if bytes.Count(out, []byte("<details>")) != bytes.Count(out, []byte("</details>")) {
			t.Error("unbalanced <details>")
		}
	case "json":
		var v map[string]any
		if err := json.Unmarshal(out, &v); err != nil {
			t.Errorf("invalid JSON: %v", err)
		}
		checkReportSchema(t, out)
	case "junit":
		var v struct{}
		if err := xml.Unmarshal(out, &v); err != nil {
			t.Errorf("invalid XML: %v", err)
		}
	case "github":
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			if strings.HasPrefix(line, "::") && !strings.Contains(line, "title=") {
				t.Errorf("annotation without a title: %s", line)
			}
		}
	}
}

// checkPrintable asserts that nothing in a report can act on whoever
// reads it: no line holds a character printable would escape (control
// characters, bidi overrides, line separators), whatever the names in the
// input (the "hostile" pair is made of them).
func checkPrintable(t *testing.T, out []byte) {
	t.Helper()
	for i, line := range strings.Split(string(out), "\n") {
		if printable.String(line) != line {
			t.Errorf("line %d carries a control character: %q", i+1, line)
		}
	}
}

// TestHostileNamesKeepTheirData: escaping is for people; the JSON report
// still carries the names exactly as the document wrote them.
func TestHostileNamesKeepTheirData(t *testing.T) {
	t.Chdir("../testdata/reports/hostile")
	var out, errOut bytes.Buffer
	cli.Run([]string{"eventdiff", "diff", "-f", "json", "base.yaml", "revision.yaml"}, cli.Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut})
	var rep struct {
		Changes []struct{ Channel string }
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"gone\n::warning file=x::injected,and%0A\n# heading": true, "orders/\x1b]0;pwned\a\x1b[31mRED\x00/\u202etxt.exe": true}
	for _, c := range rep.Changes {
		delete(want, c.Channel)
	}
	if len(want) != 0 {
		t.Errorf("channels not found as written: %v", want)
	}
}

// TestColouredTextEscapesNames: with colour on, the only escape sequences
// a terminal receives are the report's own colours.
func TestColouredTextEscapesNames(t *testing.T) {
	t.Chdir("../testdata/reports/hostile")
	var out, errOut bytes.Buffer
	cli.Run([]string{"eventdiff", "diff", "--color", "always", "--config", "eventdiff.yaml", "base.yaml", "revision.yaml"},
		cli.Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut})
	colours := strings.NewReplacer("\x1b[0m", "", "\x1b[1m", "", "\x1b[31m", "", "\x1b[33m", "", "\x1b[36m", "", "\x1b[2m", "")
	if !strings.Contains(out.String(), "\x1b[1m") {
		t.Fatalf("no colour at all:\n%s", out.String())
	}
	checkPrintable(t, []byte(colours.Replace(out.String())))
}

func TestMarkdownTruncationSaysWhatIsMissing(t *testing.T) {
	dir := hugeDir(t)
	t.Chdir(dir)
	var out bytes.Buffer
	cli.Run([]string{"eventdiff", "diff", "-f", "markdown", "base.yaml", "revision.yaml"}, cli.Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &out})
	if out.Len() > report.MaxMarkdown || !strings.Contains(out.String(), "more changes not shown") {
		t.Errorf("%d bytes; truncation note present: %v", out.Len(), strings.Contains(out.String(), "more changes not shown"))
	}
}

func TestEscapingOfWorkflowCommands(t *testing.T) {
	dir := t.TempDir()
	base := "asyncapi: 3.0.0\ninfo: {title: t, version: 1.0.0}\nchannels:\n  c:\n    address: 'a,b:c%d'\n"
	if err := os.WriteFile(filepath.Join(dir, "base.yaml"), []byte(base), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "rev,1:x.yaml"), []byte("asyncapi: 3.0.0\ninfo: {title: t, version: 1.0.0}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	var out bytes.Buffer
	cli.Run([]string{"eventdiff", "diff", "-f", "github", "base.yaml", "rev,1:x.yaml"}, cli.Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &out})
	want := `::error file=rev%2C1%3Ax.yaml,line=1,col=1,title=channel-removed::channel "a,b:c%25d" was removed`
	if !strings.Contains(out.String(), want) {
		t.Errorf("got:\n%s\nwant a line:\n%s", out.String(), want)
	}
}
