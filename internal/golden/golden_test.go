package golden

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestEveryTestBinaryAcceptsUpdate fails when a package's tests do not
// import this package: `go test ./... -update` would then stop with "flag
// provided but not defined: -update" in that package.
func TestEveryTestBinaryAcceptsUpdate(t *testing.T) {
	t.Parallel()
	const self = "github.com/eventdiff/eventdiff/internal/golden"
	imports := map[string]bool{} // directory → its tests import golden
	err := filepath.WalkDir("../..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != "../.." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		dir := filepath.Dir(path)
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			if p, _ := strconv.Unquote(imp.Path.Value); p == self {
				imports[dir] = true
			}
		}
		if _, seen := imports[dir]; !seen {
			imports[dir] = false
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	delete(imports, filepath.Join("..", "..", "internal", "golden")) // defines the flag itself
	if len(imports) < 5 {
		t.Fatalf("found tests in only %d packages", len(imports))
	}
	for dir, ok := range imports {
		if !ok {
			t.Errorf("the tests in %s do not import internal/golden (blank if need be)", dir)
		}
	}
}
