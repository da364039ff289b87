package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

var readmeOutput = regexp.MustCompile("(?s)<!-- output( excerpt)?: (eventdiff [^\\n]*?) -->\\n```[a-z]*\\n(.*?)\\n```")

// TestREADMEOutputs runs every command whose output the README shows and
// compares: exactly for an output, line by line in order (with "..."
// standing for lines left out) for an excerpt. A README that no longer
// tells the truth fails here.
func TestREADMEOutputs(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := readmeOutput.FindAllSubmatch(readme, -1)
	if len(blocks) < 2 {
		t.Fatalf("found %d output blocks in the README", len(blocks))
	}
	t.Chdir("../..")
	for _, b := range blocks {
		excerpt, cmd, want := len(b[1]) > 0, string(b[2]), string(b[3])
		var out bytes.Buffer
		Run(strings.Fields(cmd), Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &out, Getenv: func(string) string { return "" }})
		got := strings.TrimRight(out.String(), "\n")
		if !excerpt {
			if got != want {
				t.Errorf("README output of %q is stale; the command prints:\n%s", cmd, got)
			}
			continue
		}
		lines := strings.Split(got, "\n")
		i := 0
		for _, w := range strings.Split(want, "\n") {
			if strings.TrimSpace(w) == "..." {
				continue
			}
			for i < len(lines) && lines[i] != w {
				i++
			}
			if i == len(lines) {
				t.Errorf("README excerpt of %q: line %q is not in the output (in this order)", cmd, w)
				break
			}
		}
	}
}

// TestREADMECommandsBothWays runs every eventdiff command the README shows
// (in sh blocks, output markers and inline code, placeholders filled in)
// in a repository that has what they name: as written, with the options
// moved after the documents and with them before: each must work (exit 0
// or 1, never 2) and print the same every way.
func TestREADMECommandsBothWays(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	cmds := readmeCommands(string(readme))
	if len(cmds) < 20 {
		t.Fatalf("found only %d commands in the README: %q", len(cmds), cmds)
	}
	dir := readmeRepo(t)
	commands := newApp(Env{}).Commands
	for _, line := range cmds {
		args := readmeArgs(t, line)
		if needsBroker(args) {
			continue
		}
		shown := runIn(t, dir, args)
		if shown.code == ExitTrouble {
			t.Errorf("%s: exit 2: %s", line, shown.stderr)
			continue
		}
		first := hoistFlags(append([]string{"eventdiff"}, args...), commands)[1:]
		for _, moved := range [][]string{optionsLast(args, findCommand(commands, args[0])), first} {
			if strings.Join(moved, " ") == strings.Join(args, " ") {
				continue
			}
			if after := runIn(t, dir, moved); after != shown {
				t.Errorf("%s\n  exit %d, %d bytes out, stderr %q\nas %s:\n  exit %d, %d bytes out, stderr %q",
					line, shown.code, len(shown.stdout), shown.stderr, strings.Join(moved, " "), after.code, len(after.stdout), after.stderr)
			}
		}
	}
}

// needsBroker reports whether a command reads live traffic from a broker
// (eventdiff check --from or --server), which this test has none of; the
// check command's own tests run brokers on the loopback address.
func needsBroker(args []string) bool {
	if args[0] != "check" {
		return false
	}
	for _, a := range args {
		if a == "--from" || a == "--server" || strings.HasPrefix(a, "--from=") || strings.HasPrefix(a, "--server=") {
			return true
		}
	}
	return false
}

// runIn runs a command in dir, with any file it writes removed first, so
// that both runs start alike.
func runIn(t *testing.T, dir string, args []string) result {
	t.Helper()
	os.Remove(filepath.Join(dir, "CHANGELOG.md"))
	return run(t, "", nil, args...)
}

var (
	shBlock    = regexp.MustCompile("(?s)```sh\\n(.*?)```")
	inlineCmd  = regexp.MustCompile("`(eventdiff [a-z]+ [^`]+)`")
	outputCmd  = regexp.MustCompile("<!-- output(?: excerpt)?: (eventdiff [^\\n]*?) -->")
	shownShell = regexp.MustCompile(`^(?:\$ |\./)?(eventdiff .*)$`)
	// placeholder is a word in capitals, such as BASE or FILE...
	placeholder = regexp.MustCompile(`^[A-Z][A-Z.]+$`)
)

// readmeCommands lists the README's eventdiff command lines, once each.
func readmeCommands(readme string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		if strings.Contains(s, "[options]") {
			return // a synopsis, not a command
		}
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, b := range shBlock.FindAllStringSubmatch(readme, -1) {
		for _, line := range strings.Split(b[1], "\n") {
			if m := shownShell.FindStringSubmatch(strings.TrimSpace(line)); m != nil {
				add(m[1])
			}
		}
	}
	for _, re := range []*regexp.Regexp{inlineCmd, outputCmd} {
		for _, m := range re.FindAllStringSubmatch(readme, -1) {
			add(strings.Join(strings.Fields(m[1]), " ")) // inline code may wrap
		}
	}
	return out
}

// readmePlaceholders are what the README's placeholders stand for in the
// repository readmeRepo builds.
var readmePlaceholders = map[string]string{
	"BASE": "base.yaml", "REVISION": "revision.yaml", "SPEC": "api/asyncapi.yaml",
	"FILE...": "api/asyncapi.yaml", "PATH...": "api/asyncapi.yaml", "VERSION": "1.4.0", "$BASE": "HEAD~1",
	"ID": "channel-removed", "FILE": "testdata/examples/messages.jsonl",
}

// readmeArgs splits a README command line as the shell would (quotes, a
// comment, a pipe or a redirection ends it), without "eventdiff", with
// placeholders filled in and [optional] parts given their first choice.
func readmeArgs(t *testing.T, line string) []string {
	t.Helper()
	var args []string
	for _, w := range shellWords(line)[1:] {
		if w == "#" || w == "|" || w == ">" {
			break
		}
		w = strings.Trim(w, "[]")
		if strings.Contains(w, "|") && strings.HasPrefix(args[len(args)-1], "--") {
			w, _, _ = strings.Cut(w, "|")
		}
		if v, ok := readmePlaceholders[w]; ok {
			w = v
		}
		w = strings.ReplaceAll(w, "$BASE", readmePlaceholders["$BASE"])
		if placeholder.MatchString(w) && w != "HEAD" {
			t.Fatalf("%s: no value for the placeholder %s", line, w)
		}
		args = append(args, w)
	}
	return args
}

// shellWords splits on blanks outside single and double quotes.
func shellWords(s string) []string {
	var out []string
	var cur strings.Builder
	var quote rune
	inWord := false
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			if inWord {
				out = append(out, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		out = append(out, cur.String())
	}
	return out
}

// optionsLast moves a command's options (with their values) after its
// other arguments; the `--` before them goes unless an argument needs it.
func optionsLast(args []string, cmd *cli.Command) []string {
	if cmd == nil {
		return args
	}
	takes := valueFlags(cmd)
	var opts, rest []string
	for i := 1; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			rest = append(rest, args[i+1:]...)
			i = len(args)
		case strings.HasPrefix(a, "-") && a != "-":
			opts = append(opts, a)
			if name := strings.TrimLeft(a, "-"); takes[name] && !strings.Contains(name, "=") && i+1 < len(args) {
				i++
				opts = append(opts, args[i])
			}
		default:
			rest = append(rest, a)
		}
	}
	for _, a := range rest {
		if strings.HasPrefix(a, "-") && a != "-" {
			return args // a document named like an option: the options must stay first
		}
	}
	return append(append([]string{args[0]}, rest...), opts...)
}

// readmeRepo builds a repository with every file and revision the README's
// commands name, and makes it the working directory:
//
//	v1.0.0 … v2.1.0  main (also origin/main): the example's base document at
//	                 asyncapi.yaml, api/…, spec/…, with the tag's info.version;
//	                 orders.yaml only at v1.0.0 (--path-at v1.0.0=orders.yaml)
//	HEAD             feature, tracking origin/main: the example's revision
//	working tree     HEAD, plus loose pairs (a.yaml b.yaml, 'old:v1.yaml' new.yaml, …)
func readmeRepo(t *testing.T) string {
	t.Helper()
	gitTestEnv(t)
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join("../../testdata/examples", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	base, rev := read("base.yaml"), read("revision.yaml")
	docs := func(text string) map[string]string {
		m := map[string]string{"testdata/examples/base.yaml": base, "testdata/examples/revision.yaml": rev,
			"testdata/examples/messages.jsonl": read("messages.jsonl")}
		for _, name := range []string{"base.yaml", "revision.yaml", "messages.jsonl"} { // eventdiff check's example
			m["testdata/check/"+name] = read("../check/" + name)
		}
		for _, p := range []string{"asyncapi.yaml", "api/asyncapi.yaml", "api/orders/asyncapi.yaml", "api/users/asyncapi.yaml", "spec/asyncapi.yaml"} {
			m[p] = text
		}
		return m
	}
	dir := t.TempDir()
	gitIn(t, dir, "init", "-q", "-b", "main")
	for i, v := range []string{"1.0.0", "1.2.0", "1.3.0", "1.4.0", "2.0.0", "2.1.0"} {
		files := docs(strings.Replace(base, "version: 1.4.0", "version: "+v, 1))
		if i == 0 {
			files["orders.yaml"] = files["api/asyncapi.yaml"]
		} else {
			os.Remove(filepath.Join(dir, "orders.yaml"))
		}
		write(t, dir, files)
		commitAt(t, dir, i+1, "release "+v)
		gitIn(t, dir, "tag", "v"+v)
	}
	gitIn(t, dir, "remote", "add", "origin", dir)
	gitIn(t, dir, "fetch", "-q", "origin")
	gitIn(t, dir, "checkout", "-q", "-b", "feature", "--track", "origin/main")
	write(t, dir, docs(rev))
	commitAt(t, dir, 20, "the revision")
	write(t, dir, map[string]string{"a.yaml": base, "b.yaml": rev, "old:v1.yaml": base, "new.yaml": rev, "base.yaml": base, "revision.yaml": rev})
	t.Chdir(dir)
	return dir
}
