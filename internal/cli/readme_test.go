package cli

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"
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
