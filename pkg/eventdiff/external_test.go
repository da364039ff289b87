package eventdiff_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/eventdiff/eventdiff/pkg/eventdiff"
)

// readmeExample is the program the README's "Use as a Go library" shows.
var readmeExample = regexp.MustCompile("(?s)<!-- library example[^>]*-->\n```go\n(.*?)\n```")

// TestAnotherModuleCanCompare builds the README's example program in a
// module outside the tree, with a replace directive pointing here, and
// checks it finds what Compare finds in this process. It needs no network: the
// dependencies come from the module cache, or the test is skipped.
func TestAnotherModuleCanCompare(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	t.Parallel()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go toolchain on PATH")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	base, revision := filepath.Join(root, "testdata/examples/base.yaml"), filepath.Join(root, "testdata/examples/revision.yaml")
	dir := t.TempDir()
	gomod := "module example.com/consumer\n\ngo 1.26\n\nrequire github.com/eventdiff/eventdiff v0.0.0\n\nreplace github.com/eventdiff/eventdiff => " + root + "\n"
	write(t, filepath.Join(dir, "go.mod"), gomod)
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	example := readmeExample.FindSubmatch(readme)
	if example == nil {
		t.Fatal("the README has no library example")
	}
	write(t, filepath.Join(dir, "main.go"), string(example[1])+"\n")
	// The checksums this module already trusts, so nothing is looked up.
	sums, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "go.sum"), string(sums))
	goCmd := func(args ...string) ([]byte, error) {
		cmd := exec.Command(goBin, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOPROXY=off", "GOFLAGS=-mod=mod", "GOWORK=off", "GOTOOLCHAIN=local")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			err = fmt.Errorf("go %v: %v\n%s", args, err, stderr.String())
		}
		return out, err
	}
	if _, err := goCmd("mod", "tidy"); err != nil {
		t.Skipf("the dependencies are not all in the module cache (offline): %v", err)
	}
	got, err := goCmd("run", ".", base, revision)
	if err != nil {
		t.Fatal(err)
	}
	res, err := eventdiff.Compare(context.Background(), eventdiff.File(base), eventdiff.File(revision), eventdiff.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var want strings.Builder
	for _, f := range res.Findings {
		fmt.Fprintln(&want, f.Level, f.Rule.ID, f.Text)
	}
	fmt.Fprintln(&want, "suggested bump:", res.Bump.Suggested)
	if string(got) != want.String() || res.Summary.Breaking == 0 {
		t.Errorf("the other module printed:\n%s\nthis process finds:\n%s", got, want.String())
	}
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
