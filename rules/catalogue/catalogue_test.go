package catalogue

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// declarations parses the package's own files and returns, for each
// variable initialised by declare or byEffect, its name and the id it
// declares.
func declarations(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	forEachFile(t, ".", func(fset *token.FileSet, f *ast.File) {
		ast.Inspect(f, func(n ast.Node) bool {
			spec, ok := n.(*ast.ValueSpec)
			if !ok || len(spec.Values) != 1 {
				return true
			}
			call, ok := spec.Values[0].(*ast.CallExpr)
			if !ok {
				return true
			}
			if fn, ok := call.Fun.(*ast.Ident); !ok || (fn.Name != "declare" && fn.Name != "byEffect") {
				return true
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok {
				t.Errorf("%s: %s is declared with an id that is not a literal", fset.Position(spec.Pos()), spec.Names[0].Name)
				return true
			}
			id, _ := strconv.Unquote(lit.Value)
			out[spec.Names[0].Name] = id
			return true
		})
	})
	return out
}

// forEachFile parses every Go file of a directory but its tests.
func forEachFile(t *testing.T, dir string, fn func(*token.FileSet, *ast.File)) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no Go files in %s: %v", dir, err)
	}
	fset := token.NewFileSet()
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		fn(fset, f)
	}
}

// TestNamesMatchIDs keeps the Go name of every rule the id spelt in
// CamelCase (initialisms allowed: AsyncAPI, ID, MQTT, QoS), so neither can
// drift from the other.
func TestNamesMatchIDs(t *testing.T) {
	t.Parallel()
	decls := declarations(t)
	if len(decls) != len(All()) {
		t.Errorf("%d declarations in the source, %d rules in the catalogue", len(decls), len(All()))
	}
	for name, id := range decls {
		if strings.ToLower(name) != strings.ReplaceAll(id, "-", "") {
			t.Errorf("%s declares %q: the name must spell the id", name, id)
		}
		if _, ok := Lookup(id); !ok {
			t.Errorf("Lookup(%q) finds nothing", id)
		}
	}
}

func TestAllIsSortedAndComplete(t *testing.T) {
	t.Parallel()
	all := All()
	for i := 1; i < len(all); i++ {
		if all[i-1].ID >= all[i].ID {
			t.Errorf("All: %s before %s", all[i-1].ID, all[i].ID)
		}
	}
	for _, r := range all {
		if got, ok := Lookup(r.ID); !ok || got != r {
			t.Errorf("Lookup(%s) = %v, %v", r.ID, got, ok)
		}
	}
	if _, ok := Lookup("no-such-rule"); ok {
		t.Error("Lookup found a rule that is not declared")
	}
}

// emitters are the packages that name changes; they must name them by
// the declarations, never by a string of their own.
var emitters = []string{"../../diff", "../../schema", "../../schema/avro"}

// TestEmittersUseTheDeclarations fails when an emitter spells a declared
// id as a string literal instead of referring to its declaration.
func TestEmittersUseTheDeclarations(t *testing.T) {
	t.Parallel()
	for _, dir := range emitters {
		forEachFile(t, dir, func(fset *token.FileSet, f *ast.File) {
			ast.Inspect(f, func(n ast.Node) bool {
				lit, ok := n.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					return true
				}
				if s, err := strconv.Unquote(lit.Value); err == nil {
					if _, declared := Lookup(s); declared {
						t.Errorf("%s: %q spelt out; use its declaration in package catalogue", fset.Position(lit.Pos()), s)
					}
				}
				return true
			})
		})
	}
}

func TestByDirectionTakesTheMoreSeriousForBoth(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		send, receive, both Level
	}{
		{Breaking, Info, Breaking},
		{Info, Breaking, Breaking},
		{Warning, Info, Warning},
		{Info, Info, Info},
	} {
		if got := ByDirection(tc.send, tc.receive, Warning); got.Both != tc.both || got.Unknown != Warning {
			t.Errorf("ByDirection(%s, %s) = %+v, want both %s", tc.send, tc.receive, got, tc.both)
		}
	}
}

func TestRanks(t *testing.T) {
	t.Parallel()
	levels := []Level{Off, Info, Warning, Breaking}
	for i, l := range levels {
		if l.Rank() != i {
			t.Errorf("%s ranks %d, want %d", l, l.Rank(), i)
		}
	}
	bumps := []Bump{None, Patch, Minor, Major}
	for i, b := range bumps {
		if b.Rank() != i {
			t.Errorf("%s ranks %d, want %d", b, b.Rank(), i)
		}
	}
	if Bump("bogus").Rank() != 0 || Level("bogus").Rank() != 0 {
		t.Error("an unknown level or bump ranks above nothing")
	}
}
