package diff_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/eventdiff/eventdiff/diff"
	"github.com/eventdiff/eventdiff/internal/corpus"
	"github.com/eventdiff/eventdiff/limits"
	"github.com/eventdiff/eventdiff/report"
	"github.com/eventdiff/eventdiff/rules"
	"github.com/eventdiff/eventdiff/schema"
	"github.com/eventdiff/eventdiff/spec"
)

// pairFS serves two fuzzed documents: each under its own name, and the
// other one under every other name, so relative `$ref`s reach a file.
type pairFS struct {
	self, other []byte
	name        string
}

func (p pairFS) ReadFile(name string) ([]byte, error) {
	switch {
	case name == p.name:
		return p.self, nil
	case strings.Contains(name, "missing"):
		return nil, fs.ErrNotExist
	}
	return p.other, nil
}

// maxSeedSize keeps large documents out of the seeds, which the fuzzer
// mutates far more slowly; size has its own limit tests.
const maxSeedSize = 64 << 10

// FuzzDiff runs two arbitrary documents through the whole pipeline after
// loading: diff, rules and every report format. Nothing may panic or hang,
// the same inputs must give byte-identical reports, the JSON report must
// be valid JSON, the JUnit report valid XML, the GitHub output one workflow
// command per line, and the markdown report must fit a GitHub comment.
func FuzzDiff(f *testing.F) {
	seen := map[string]bool{}
	add := func(a, b []byte) {
		k := string(a) + "\x00" + string(b)
		if len(a) <= maxSeedSize && len(b) <= maxSeedSize && !seen[k] {
			seen[k] = true
			f.Add(a, b)
		}
	}
	read := func(p string) []byte {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		return data
	}
	// Each rule fixture and report pair, then the examples and invalid
	// inputs against the example base.
	for _, pattern := range []string{"../testdata/rules/*/base.yaml", "../testdata/reports/*/base.yaml", "../testdata/examples/base.yaml", "../testdata/avro/*/base/asyncapi.yaml"} {
		matches, _ := filepath.Glob(pattern)
		sort.Strings(matches)
		for _, base := range matches {
			rev := strings.Replace(base, "base", "revision", 1)
			if strings.HasSuffix(base, "/base/asyncapi.yaml") {
				rev = strings.TrimSuffix(base, "base/asyncapi.yaml") + "revision/asyncapi.yaml"
			}
			add(read(base), read(rev))
		}
	}
	example := read("../testdata/examples/base.yaml")
	invalid, _ := filepath.Glob("../testdata/invalid/*.yaml")
	sort.Strings(invalid)
	for _, p := range invalid {
		add(example, read(p))
	}
	if dir := corpus.Dir(); dir != "" {
		pairs, err := corpus.Read(dir)
		if err != nil {
			f.Fatal(err)
		}
		for _, p := range pairs {
			add(read(p.Old), read(p.New))
		}
	}
	f.Fuzz(func(t *testing.T, a, b []byte) {
		// Seeds run in parallel under go test; fuzzing runs one input at a time.
		t.Parallel()
		timer := time.AfterFunc(60*time.Second, func() { panic("hang: one pair ran for more than 60s") })
		defer timer.Stop()
		base, err1 := loadFuzzed("base.yaml", a, b)
		rev, err2 := loadFuzzed("revision.yaml", b, a)
		if err1 != nil || err2 != nil {
			return // FuzzLoad checks loading
		}
		first := runPipeline(t, base, rev)
		base, _ = loadFuzzed("base.yaml", a, b)
		rev, _ = loadFuzzed("revision.yaml", b, a)
		second := runPipeline(t, base, rev)
		for name, out := range first {
			if second[name] != out {
				t.Fatalf("%s report differs between two runs on the same input:\n%s\n----\n%s", name, out, second[name])
			}
		}
		checkReports(t, first)
	})
}

// fuzzLimits keep each input quick: pairFS serves a whole document under
// every name, so a relative $ref into a folder of itself would otherwise
// parse it again at each of hundreds of ever longer paths (FuzzLoad
// covers loading under the default limits).
var fuzzLimits = func() limits.Limits {
	lim := limits.Default
	lim.MaxFiles = 20
	return lim
}()

func loadFuzzed(name string, self, other []byte) (*spec.Document, error) {
	return spec.Load(spec.Input{FS: pairFS{self: self, other: other, name: name}, Main: name}, spec.Options{Limits: fuzzLimits})
}

// runPipeline diffs, classifies and renders in every format, returning
// each output by format name.
func runPipeline(t *testing.T, base, rev *spec.Document) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, strict := range []bool{false, true} {
		suffix := ""
		if strict {
			suffix = "-strict"
		}
		// A low bound on changes, so that running into it is fuzzed too.
		opts := diff.Options{Schema: schema.Options{Strict: strict, AssertFormat: strict}, MaxChanges: 300}
		changes, err := diff.Compare(base, rev, opts)
		if le := (*limits.Error)(nil); errors.As(err, &le) && le.Limit == limits.Changes {
			out["limit"+suffix] = err.Error() // no report: compared for determinism only
			continue
		} else if err != nil {
			t.Fatal(err)
		}
		res := rules.Classify(changes, base, rev, nil)
		render := func(name string, write func(w io.Writer) error) {
			var buf bytes.Buffer
			if err := write(&buf); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			out[name+suffix] = buf.String()
		}
		ro := report.Options{Version: "fuzz", LinkBase: "https://example.com/blob/x/"}
		render("text", func(w io.Writer) error { return report.Text(w, &res, ro) })
		render("color", func(w io.Writer) error { return report.Text(w, &res, report.Options{Color: true}) })
		render("markdown", func(w io.Writer) error { return report.Markdown(w, &res, ro) })
		render("json", func(w io.Writer) error { return report.JSON(w, &res) })
		render("junit", func(w io.Writer) error { return report.JUnit(w, &res, ro) })
		render("ignore", func(w io.Writer) error { return report.IgnoreConfig(w, &res, report.Options{FailOn: rules.Breaking}) })
		dir := t.TempDir()
		gho := ro
		gho.GitHub = report.GitHubFiles{Summary: filepath.Join(dir, "summary.md"), Output: filepath.Join(dir, "output")}
		render("github", func(w io.Writer) error {
			if err := report.GitHub(w, &res, gho); err != nil {
				return err
			}
			return gho.GitHub.WriteOutputs([]*rules.Result{&res})
		})
		for name, p := range map[string]string{"github-summary": gho.GitHub.Summary, "github-output": gho.GitHub.Output} {
			data, err := os.ReadFile(p)
			if err != nil && !errors.Is(err, fs.ErrNotExist) {
				t.Fatal(err)
			}
			out[name+suffix] = string(data)
		}
	}
	return out
}

// checkReports asserts what tools reading the reports rely on.
func checkReports(t *testing.T, out map[string]string) {
	t.Helper()
	for _, suffix := range []string{"", "-strict"} {
		if _, over := out["limit"+suffix]; over {
			continue
		}
		if js := out["json"+suffix]; !json.Valid([]byte(js)) {
			t.Fatalf("the JSON report is not valid JSON:\n%s", js)
		}
		dec := xml.NewDecoder(strings.NewReader(out["junit"+suffix]))
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("the JUnit report is not valid XML: %v", err)
			}
		}
		for _, name := range []string{"markdown", "github-summary"} {
			md := out[name+suffix]
			if n := utf8.RuneCountInString(md); n >= 65536 {
				t.Fatalf("%s is %d characters, more than a GitHub comment holds", name, n)
			}
			// Group titles are one bold line: a line break from the
			// input would let it write markdown of its own.
			for _, line := range strings.Split(md, "\n") {
				if strings.HasPrefix(line, "**") != strings.HasSuffix(line, "**") {
					t.Fatalf("%s: a bold title broken over lines: %q", name, line)
				}
			}
		}
		for _, line := range strings.Split(strings.TrimSuffix(out["github"+suffix], "\n"), "\n") {
			if !strings.HasPrefix(line, "::") && !strings.HasPrefix(line, "eventdiff: ") {
				t.Fatalf("a GitHub output line that is neither a workflow command nor the headline: %q", line)
			}
		}
		for _, line := range strings.Split(strings.TrimSuffix(out["github-output"+suffix], "\n"), "\n") {
			if k, _, ok := strings.Cut(line, "="); !ok || k == "" || strings.ContainsAny(k, " \t") {
				t.Fatalf("a GITHUB_OUTPUT line that is not name=value: %q", line)
			}
		}
	}
}
