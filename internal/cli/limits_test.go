package cli

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/eventdiff/eventdiff/pkg/eventdiff"
)

// writeDoc writes files (slash paths) under a new temp dir and returns
// the path of the first name given.
func writeDoc(t *testing.T, files ...[2]string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f[0]))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(f[1]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, filepath.FromSlash(files[0][0]))
}

const limitHeader = "asyncapi: 3.0.0\ninfo: {title: t, version: 1.0.0}\n"

// refChain is a document whose schema s0 reaches s<n> through n
// references, written from the start of the chain or from its end (which
// decides whether the loader meets its head or its tail first).
func refChain(n int, fromEnd bool) string {
	lines := make([]string, 0, n+1)
	for i := 0; i < n; i++ {
		lines = append(lines, fmt.Sprintf("    s%d: {$ref: '#/components/schemas/s%d'}\n", i, i+1))
	}
	lines = append(lines, fmt.Sprintf("    s%d: {type: string}\n", n))
	if fromEnd {
		for i, j := 0, len(lines)-1; i < j; i, j = i+1, j-1 {
			lines[i], lines[j] = lines[j], lines[i]
		}
	}
	return limitHeader + "components:\n  schemas:\n" + strings.Join(lines, "")
}

// aliasFanOut is a document whose aliases expand to about 10^levels nodes.
func aliasFanOut(levels int) string {
	var b strings.Builder
	b.WriteString(limitHeader + "x-fan:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < levels; i++ {
		fmt.Fprintf(&b, "  a%d: &a%d [", i, i)
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*a%d", i-1)
		}
		b.WriteString("]\n")
	}
	return b.String()
}

// Every limit: input just over it is exit 2 with one line naming the flag
// that raises it; the same input with the limit raised is no limit error.
func TestEveryLimitNamesItsFlag(t *testing.T) {
	t.Parallel()
	deep := limitHeader + "x-deep: " + strings.Repeat("[", 50) + strings.Repeat("]", 50) + "\n"
	blockDeep := limitHeader + "x-deep:\n"
	for i := 1; i <= 50; i++ {
		blockDeep += strings.Repeat(" ", i) + "k:\n"
	}
	fileChain := func(n int) [][2]string {
		files := [][2]string{{"asyncapi.yaml", limitHeader + "components:\n  schemas:\n    s: {$ref: 'f1.yaml'}\n"}}
		for i := 1; i < n; i++ {
			files = append(files, [2]string{fmt.Sprintf("f%d.yaml", i), fmt.Sprintf("$ref: 'f%d.yaml'\n", i+1)})
		}
		return append(files, [2]string{fmt.Sprintf("f%d.yaml", n), "type: string\n"})
	}
	big := limitHeader + "x-pad: '" + strings.Repeat("p", 1000) + "'\n"
	tests := []struct {
		flag        string
		files       [][2]string
		over, under string // the flag's value just under what the input needs, and enough
	}{
		{"--max-file-size", [][2]string{{"asyncapi.yaml", big}}, fmt.Sprint(len(big) - 1), fmt.Sprint(len(big))},
		{"--max-total-size", [][2]string{{"asyncapi.yaml", limitHeader + "components: {schemas: {s: {$ref: 'pad.yaml'}}}\n"}, {"pad.yaml", big}},
			fmt.Sprint(len(big) + 40), fmt.Sprint(2 * len(big))},
		// The root is depth 0, x-deep's value 1, the 50th bracket 50.
		{"--max-depth", [][2]string{{"asyncapi.yaml", deep}}, "49", "50"},
		// ... and the value of the 50th nested key 51.
		{"--max-depth", [][2]string{{"asyncapi.yaml", blockDeep}}, "50", "51"},
		// The root, asyncapi, info and its two values, x-list and its 100 items.
		{"--max-nodes", [][2]string{{"asyncapi.yaml", limitHeader + "x-list: [" + strings.TrimSuffix(strings.Repeat("1, ", 100), ", ") + "]\n"}}, "105", "106"},
		{"--max-nodes", [][2]string{{"asyncapi.yaml", limitHeader + "components: {schemas: {s: {$ref: 'list.yaml'}}}\n"},
			{"list.yaml", "[" + strings.TrimSuffix(strings.Repeat("1, ", 100), ", ") + "]\n"}}, "109", "110"},
		{"--max-scalar-size", [][2]string{{"asyncapi.yaml", big}}, "999", "1000"},
		{"--max-scalar-size", [][2]string{{"asyncapi.json", `{"asyncapi": "3.0.0", "info": {"title": "t", "version": "1"}, "x-pad": "` + strings.Repeat("p", 1000) + `"}`}}, "999", "1000"},
		// 10 aliases of 11 nodes, 10 of 111 and 10 of 1111: 12330 nodes.
		{"--max-alias-nodes", [][2]string{{"asyncapi.yaml", aliasFanOut(4)}}, "12329", "12330"},
		// ... holding 10 aliases of 10 one-byte scalars, 10 of 100, 10 of 1000.
		{"--max-alias-bytes", [][2]string{{"asyncapi.yaml", aliasFanOut(4)}}, "11099", "11100"},
		{"--max-ref-hops", [][2]string{{"asyncapi.yaml", refChain(100, false)}}, "99", "100"},
		{"--max-ref-hops", [][2]string{{"asyncapi.yaml", refChain(100, true)}}, "99", "100"},
		{"--max-files", fileChain(20), "20", "21"},
		// Against a document without channels: 20 channels added, or removed.
		{"--max-changes", [][2]string{{"asyncapi.yaml", limitHeader + "channels:\n" + channels(20)}}, "19", "20"},
	}
	for _, tt := range tests {
		t.Run(strings.TrimPrefix(tt.flag, "--"), func(t *testing.T) {
			doc := writeDoc(t, tt.files...)
			ok := writeDoc(t, [2]string{"asyncapi.yaml", limitHeader})
			for _, args := range [][]string{{"diff", tt.flag, tt.over, doc, ok}, {"diff", tt.flag, tt.over, ok, doc}} {
				r := run(t, "", nil, args...)
				if r.code != ExitTrouble {
					t.Fatalf("%v: exit %d, want 2; stderr %q", args, r.code, r.stderr)
				}
				if !strings.Contains(r.stderr, tt.flag) || strings.Count(r.stderr, "\n") != 1 || !strings.HasPrefix(r.stderr, "eventdiff: ") {
					t.Errorf("%v: want one line naming %s, got %q", args, tt.flag, r.stderr)
				}
				if !strings.Contains(r.stderr, ".yaml:") && !strings.Contains(r.stderr, ".json:") {
					t.Errorf("%v: the message names no file: %q", args, r.stderr)
				}
			}
			r := run(t, "", nil, "diff", tt.flag, tt.under, doc, ok)
			if r.code == ExitTrouble {
				t.Errorf("with %s %s: exit 2: %s", tt.flag, tt.under, r.stderr)
			}
		})
	}
}

// measure runs f and returns the bytes it allocated and the time it took.
// Allocation is what the tests assert: it does not depend on how busy the
// machine is. Time is only logged.
func measure(f func()) (allocated uint64, took time.Duration) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	f()
	took = time.Since(start)
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc, took
}

// Hostile documents are refused (or compared) with little memory, through
// the whole command. The budgets are far above what each needs today and
// far below what an unbounded expansion would take.
func TestHostileInputsStaySmall(t *testing.T) {
	const mb = 1 << 20
	ok := writeDoc(t, [2]string{"asyncapi.yaml", limitHeader})
	deepFlow := func(open, close string) string {
		return limitHeader + "x-deep: " + strings.Repeat(open, 100000) + strings.Repeat(close, 100000) + "\n"
	}
	deepJSON := func(open, close string) string {
		return `{"asyncapi": "3.0.0", "info": {"title": "t", "version": "1"}, "x-deep": ` +
			strings.Repeat(open, 100000) + "1" + strings.Repeat(close, 100000) + "}"
	}
	tests := []struct {
		name, text string
		code       int
		want       string // in stderr
		budget     uint64
	}{
		{"yaml bomb", aliasFanOut(9), ExitTrouble, "--max-alias-nodes", 50 * mb},
		{"flow sequences 100000 deep, YAML", deepFlow("[", "]"), ExitTrouble, "--max-depth", 50 * mb},
		{"flow maps 100000 deep, YAML", deepFlow("{", "}"), ExitTrouble, "--max-depth", 50 * mb},
		{"arrays 100000 deep, JSON", deepJSON("[", "]"), ExitTrouble, "--max-depth", 50 * mb},
		{"objects 100000 deep, JSON", deepJSON(`{"a": `, "}"), ExitTrouble, "--max-depth", 50 * mb},
		{"block sequences 100000 deep, YAML", limitHeader + "x-deep:\n" + strings.Repeat("- ", 100000) + "x\n", ExitTrouble, "--max-depth", 50 * mb},
		{"block mappings 3000 deep by indentation", limitHeader + "x-deep:\n" + indented(3000), ExitTrouble, "--max-depth", 100 * mb},
		// Read by the token builder, which is linear in the keys (goccy's
		// parser is quadratic here and is guarded on the fallback path).
		{"100000 keys in one block mapping", limitHeader + "x-wide:\n" + wideMap(100000), ExitOK, "", 200 * mb},
		// Read through the JSON parser: it is linear in the keys.
		{"100000 keys in one JSON object", `{"asyncapi": "3.0.0", "info": {"title": "t", "version": "1"}, "x-wide": {` + wideJSON(100000) + `}}`, ExitOK, "", 100 * mb},
		{"a 1 MB key above 1000 values", limitHeader + strings.Repeat("k", 1<<20) + ":\n" + strings.Repeat(" - 1\n", 1000), ExitOK, "", 200 * mb},
		// The densest input there is, read at about 125 bytes a node (a
		// 5 MB flow list took 1.2 GB before the YAML reader was the
		// project's own), and refused past the node limit.
		{"a 3 MB YAML flow list", limitHeader + "x-a: [" + strings.Repeat("a, ", 1<<20) + "a]\n", ExitOK, "", 250 * mb},
		{"a YAML flow list past the node limit", limitHeader + "x-a: [" + strings.Repeat("a, ", 2_100_000) + "a]\n", ExitTrouble, "--max-nodes", 500 * mb},
		{"a JSON array past the node limit", `{"asyncapi": "3.0.0", "info": {"title": "t", "version": "1"}, "x-a": [` + strings.Repeat("1,", 2_100_000) + `1]}`, ExitTrouble, "--max-nodes", 500 * mb},
		{"a 5 MB quoted scalar", limitHeader + `x-a: "` + strings.Repeat("a", 5<<20) + "\"\n", ExitTrouble, "--max-scalar-size", 50 * mb},
		// 10 kB of text that expands to 100 MB.
		{"a 10,000-character string aliased 10,000 times", limitHeader + aliasedString(), ExitTrouble, "--max-alias-bytes", 50 * mb},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := "asyncapi.yaml"
			if strings.HasPrefix(tt.text, "{") {
				name = "asyncapi.json"
			}
			doc := writeDoc(t, [2]string{name, tt.text})
			var r result
			alloc, took := measure(func() { r = run(t, "", nil, "diff", ok, doc) })
			t.Logf("%s: %d bytes of input, %.1f MB allocated, %v", tt.name, len(tt.text), float64(alloc)/mb, took)
			if r.code != tt.code || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", r.code, r.stderr, tt.code, tt.want)
			}
			if alloc > tt.budget {
				t.Errorf("allocated %.1f MB, more than the budget of %.0f MB", float64(alloc)/mb, float64(tt.budget)/mb)
			}
		})
	}
}

// channels are n channels of a 3.0 document, one per line.
func channels(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "  c%d: {address: c%d}\n", i, i)
	}
	return b.String()
}

// Two documents that differ everywhere are refused past --max-changes
// before the changes are explained, each of which costs kilobytes: a
// payload whose 60,000 properties all change type (1.4 MB of YAML) takes
// 720 MB and writes a 67 MB JSON report without the limit; 450,000 such
// properties took 4.7 GB.
func TestChangesPastTheLimitStaySmall(t *testing.T) {
	const mb = 1 << 20
	payload := func(n int, typ string) string {
		var b strings.Builder
		b.WriteString(limitHeader + "channels:\n  c: {address: c, messages: {m: {payload: {type: object, properties: {")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "p%d: {type: %s}, ", i, typ)
		}
		b.WriteString("}}}}}\noperations:\n  o: {action: send, channel: {$ref: '#/channels/c'}}\n")
		return b.String()
	}
	tests := []struct {
		name           string
		base, revision string
		budget         uint64
	}{
		{"60,000 properties change type", payload(60000, "string"), payload(60000, "integer"), 400 * mb},
		{"60,000 channels added", limitHeader, limitHeader + "channels:\n" + channels(60000), 400 * mb},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := writeDoc(t, [2]string{"asyncapi.yaml", tt.base})
			rev := writeDoc(t, [2]string{"asyncapi.yaml", tt.revision})
			var r result
			alloc, took := measure(func() { r = run(t, "", nil, "diff", base, rev) })
			t.Logf("%s: %.1f MB allocated, %v", tt.name, float64(alloc)/mb, took)
			want := "more than 50000 changes (raise it with --max-changes)"
			if r.code != ExitTrouble || !strings.Contains(r.stderr, want) || strings.Count(r.stderr, "\n") != 1 {
				t.Errorf("exit %d, stderr %q; want exit 2 and one line with %q", r.code, r.stderr, want)
			}
			if alloc > tt.budget {
				t.Errorf("allocated %.1f MB, more than the budget of %.0f MB", float64(alloc)/mb, float64(tt.budget)/mb)
			}
		})
	}
}

// aliasedString is a 10,000-character string aliased into 10^4 copies.
func aliasedString() string {
	return "x-s: &s " + strings.Repeat("b", 10000) + "\n" +
		"x-l1: &l1 [" + strings.TrimSuffix(strings.Repeat("*s, ", 10), ", ") + "]\n" +
		"x-l2: &l2 [" + strings.TrimSuffix(strings.Repeat("*l1, ", 10), ", ") + "]\n" +
		"x-l3: &l3 [" + strings.TrimSuffix(strings.Repeat("*l2, ", 10), ", ") + "]\n" +
		"x-l4: [" + strings.TrimSuffix(strings.Repeat("*l3, ", 10), ", ") + "]\n"
}

func indented(levels int) string {
	var b strings.Builder
	for i := 1; i <= levels; i++ {
		b.WriteString(strings.Repeat(" ", i) + "k:\n")
	}
	return b.String()
}

func wideMap(keys int) string {
	var b strings.Builder
	for i := 0; i < keys; i++ {
		fmt.Fprintf(&b, "  k%d: v\n", i)
	}
	return b.String()
}

// panicky is a reader and writer that panics, to reach Run's safety net
// from the outside: the report is written, and standard input read, on
// the goroutine that Run protects.
type panicky struct{}

func (panicky) Write([]byte) (int, error) { panic("injected: writer") }
func (panicky) Read([]byte) (int, error)  { panic("injected: reader") }

// A panic anywhere in a run is exit 2 with one line that asks for a
// report and names the inputs, never a stack trace.
func TestPanicBecomesExitTwo(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		env   func(*Env)
		args  []string
		where string
	}{
		{"writing the report", func(e *Env) { e.Stdout = panicky{} }, []string{"diff", exBase, exRev}, "injected: writer"},
		{"reading the environment", func(e *Env) {
			e.Getenv = func(string) string { panic("injected: getenv") }
			e.IsTerminal = true
		}, []string{"diff", exBase, exRev}, "injected: getenv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr strings.Builder
			env := Env{Stdin: strings.NewReader(""), Stdout: &strings.Builder{}, Stderr: &stderr}
			tt.env(&env)
			code := Run(append([]string{"eventdiff"}, tt.args...), env)
			if code != ExitTrouble {
				t.Fatalf("exit %d, want 2", code)
			}
			msg := stderr.String()
			if !strings.HasPrefix(msg, "eventdiff: internal error, please report (inputs: ") || !strings.HasSuffix(msg, "): "+tt.where+"\n") ||
				strings.Count(msg, "\n") != 1 || strings.Contains(msg, "goroutine") {
				t.Errorf("want one line asking for a report, got %q", msg)
			}
			for _, in := range tt.args[1:] {
				if !strings.Contains(msg, in) {
					t.Errorf("the message does not name the input %s: %q", in, msg)
				}
			}
			if strings.Contains(msg, "(inputs: diff") {
				t.Errorf("the command is not an input: %q", msg)
			}
		})
	}
	// A panic while reading a document is caught where it is read, and
	// names that document.
	var stderr strings.Builder
	env := Env{Stdin: panicky{}, Stdout: &strings.Builder{}, Stderr: &stderr}
	if code := Run([]string{"eventdiff", "diff", exBase, "-"}, env); code != ExitTrouble || stderr.String() != "eventdiff: -: internal error, please report: injected: reader\n" {
		t.Errorf("reading standard input: exit %d, %q", code, stderr.String())
	}
}

// Large but valid documents are compared in linear time and memory: each
// case runs the whole command on a base and a revision with one change.
func TestLargeValidInputsStaySmall(t *testing.T) {
	const mb = 1 << 20
	props := func(n int, last string) string {
		var b strings.Builder
		b.WriteString(limitHeader + "channels:\n  c: {address: c, messages: {m: {payload: {$ref: '#/components/schemas/S'}}}}\n")
		b.WriteString("operations:\n  o: {action: send, channel: {$ref: '#/channels/c'}}\ncomponents:\n  schemas:\n    S:\n      type: object\n      properties:\n")
		for i := 0; i < n-1; i++ {
			fmt.Fprintf(&b, "        p%d: {type: string}\n", i)
		}
		fmt.Fprintf(&b, "        p%d: {type: %s}\n", n-1, last)
		return b.String()
	}
	usesS := limitHeader + "channels:\n  c: {address: c, messages: {m: {payload: {$ref: '#/components/schemas/s0'}}}}\n" +
		"operations:\n  o: {action: receive, channel: {$ref: '#/channels/c'}}\n"
	chain := func(n int, leaf string) string {
		doc := refChain(n, false)
		return usesS + strings.Replace(strings.TrimPrefix(doc, limitHeader), "{type: string}", "{type: "+leaf+"}", 1)
	}
	fileChain := func(n int, leaf string) [][2]string {
		files := [][2]string{{"asyncapi.yaml", usesS + "components:\n  schemas:\n    s0: {$ref: 'f/1.yaml'}\n"}}
		for i := 1; i < n; i++ {
			files = append(files, [2]string{fmt.Sprintf("f/%d.yaml", i), fmt.Sprintf("$ref: '%d.yaml'\n", i+1)})
		}
		return append(files, [2]string{fmt.Sprintf("f/%d.yaml", n), "type: " + leaf + "\n"})
	}
	// A tree of records spread over files: each file's schema refers to
	// the next file's and back to the first.
	recursive := func(n int, leaf string) [][2]string {
		files := [][2]string{{"asyncapi.yaml", usesS + "components:\n  schemas:\n    s0: {$ref: 'r/0.yaml'}\n"}}
		for i := 0; i < n; i++ {
			files = append(files, [2]string{fmt.Sprintf("r/%d.yaml", i), fmt.Sprintf(
				"type: object\nproperties:\n  next: {$ref: '%d.yaml'}\n  root: {$ref: '0.yaml'}\n  v: {type: %s}\n", (i+1)%n, leaf)})
		}
		return files
	}
	allOfCycle := func(leaf string) string {
		return usesS + "components:\n  schemas:\n" +
			"    s0: {allOf: [{$ref: '#/components/schemas/s1'}, {properties: {a: {type: " + leaf + "}}}]}\n" +
			"    s1: {allOf: [{$ref: '#/components/schemas/s2'}], properties: {b: {$ref: '#/components/schemas/s0'}}}\n" +
			"    s2: {anyOf: [{$ref: '#/components/schemas/s0'}, {$ref: '#/components/schemas/s1'}, {type: object}]}\n"
	}
	tests := []struct {
		name      string
		base, rev [][2]string
		flags     []string
		budget    uint64
	}{
		{"a schema with 10,000 properties", [][2]string{{"asyncapi.yaml", props(10000, "string")}}, [][2]string{{"asyncapi.yaml", props(10000, "integer")}}, nil, 1200 * mb},
		{"a $ref chain of 10,000 hops", [][2]string{{"asyncapi.yaml", chain(10000, "string")}}, [][2]string{{"asyncapi.yaml", chain(10000, "integer")}},
			[]string{"--max-ref-hops", "10001"}, 1200 * mb},
		{"a $ref chain through 2,000 files", fileChain(2000, "string"), fileChain(2000, "integer"), []string{"--max-ref-hops", "2001"}, 300 * mb},
		{"a recursive schema through 50 files", recursive(50, "string"), recursive(50, "integer"), nil, 300 * mb},
		{"$ref cycles through allOf and anyOf", [][2]string{{"asyncapi.yaml", allOfCycle("string")}}, [][2]string{{"asyncapi.yaml", allOfCycle("integer")}}, nil, 100 * mb},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, rev := writeDoc(t, tt.base...), writeDoc(t, tt.rev...)
			var r result
			args := append(append([]string{"diff", "--format", "json"}, tt.flags...), base, rev)
			alloc, took := measure(func() { r = run(t, "", nil, args...) })
			t.Logf("%s: %.1f MB allocated, %v", tt.name, float64(alloc)/mb, took)
			if r.code != ExitOK || !strings.Contains(r.stdout, `"id"`) {
				t.Errorf("exit %d, stderr %q; want a report with a change", r.code, r.stderr)
			}
			if alloc > tt.budget {
				t.Errorf("allocated %.1f MB, more than the budget of %.0f MB", float64(alloc)/mb, float64(tt.budget)/mb)
			}
		})
	}
}

func wideJSON(keys int) string {
	var b strings.Builder
	for i := 0; i < keys; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, `"k%d": %d`, i, i)
	}
	return b.String()
}

// panicTransport panics inside spec.Load, on the goroutine that loads a
// document, when it follows a remote reference.
type panicTransport struct{}

func (panicTransport) RoundTrip(*http.Request) (*http.Response, error) { panic("injected: transport") }

// A panic while loading, on the goroutines Compare starts, is an error
// that asks for a report and names the document, not a crash.
func TestPanicWhileLoadingIsAnError(t *testing.T) {
	t.Parallel()
	remote := "../../testdata/invalid/remote-ref.yaml"
	opts := eventdiff.Options{AllowRemoteRefs: true, HTTPClient: &http.Client{Transport: panicTransport{}}}
	for _, sides := range [][2]string{{remote, exRev}, {exBase, remote}} {
		_, err := eventdiff.Compare(context.Background(), eventdiff.File(sides[0]), eventdiff.File(sides[1]), opts)
		if err == nil || !strings.Contains(err.Error(), remote+": internal error, please report: injected: transport") {
			t.Errorf("%s → %s: got %v", sides[0], sides[1], err)
		}
	}
}

// With the alias limit raised past a 100 MB expansion, every report still
// echoes a bounded part of the value (the JSON report was 423 MB), and the
// JSON report says what it cut.
func TestReportsEchoBoundedValues(t *testing.T) {
	ok := writeDoc(t, [2]string{"asyncapi.yaml", limitHeader})
	doc := writeDoc(t, [2]string{"asyncapi.yaml", limitHeader + aliasedString()})
	for _, format := range []string{"json", "text", "markdown", "github", "junit"} {
		var r result
		alloc, _ := measure(func() { r = run(t, "", nil, "diff", "--max-alias-bytes", "200000000", "-f", format, ok, doc) })
		if r.code != ExitOK || len(r.stdout) > 1<<20 || alloc > 100<<20 {
			t.Errorf("%s: exit %d, %d bytes of report, %d MB allocated; stderr %q", format, r.code, len(r.stdout), alloc>>20, r.stderr)
		}
		if format == "json" && !strings.Contains(r.stdout, `"elided": [`) {
			t.Errorf("the JSON report does not say what it cut")
		}
	}
}
