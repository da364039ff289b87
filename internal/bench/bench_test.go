package bench

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/goccy/go-yaml"

	"github.com/eventdiff/eventdiff/diff"
	"github.com/eventdiff/eventdiff/internal/cli"
	"github.com/eventdiff/eventdiff/internal/gen"
	_ "github.com/eventdiff/eventdiff/internal/golden"
	"github.com/eventdiff/eventdiff/limits"
	"github.com/eventdiff/eventdiff/pkg/eventdiff"
	"github.com/eventdiff/eventdiff/report"
	"github.com/eventdiff/eventdiff/rules"
	"github.com/eventdiff/eventdiff/spec"
	"github.com/eventdiff/eventdiff/tree"
)

var (
	dirs   = map[string]string{}
	dirsMu sync.Mutex
)

// pairDir writes a generated pair (YAML and JSON) once per size and version.
func pairDir(b *testing.B, n int, v gen.Version) string {
	dirsMu.Lock()
	defer dirsMu.Unlock()
	key := fmt.Sprintf("%s-%d", v, n)
	if d, ok := dirs[key]; ok {
		return d
	}
	d, err := os.MkdirTemp("", "eventdiff-bench-")
	if err != nil {
		b.Fatal(err)
	}
	base, rev := gen.Pair(n, v)
	for name, data := range map[string][]byte{"base": base, "revision": rev} {
		js, err := gen.ToJSON(data)
		if err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, name+".yaml"), data, 0o644); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, name+".json"), js, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	dirs[key] = d
	return d
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, d := range dirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}

// BenchmarkPipeline compares a whole `eventdiff diff --format json` with
// the plain unmarshal of the same two files, one after the other.
func BenchmarkPipeline(b *testing.B) {
	for _, c := range []struct {
		n   int
		v   gen.Version
		ext string
	}{{200, gen.V3, "yaml"}, {2000, gen.V3, "yaml"}, {10000, gen.V3, "yaml"}, {2000, gen.V3, "json"}, {2000, gen.V26, "yaml"}} {
		dir := pairDir(b, c.n, c.v)
		base, rev := filepath.Join(dir, "base."+c.ext), filepath.Join(dir, "revision."+c.ext)
		name := fmt.Sprintf("%s/%s/%d", c.v, c.ext, c.n)
		b.Run("unmarshal/"+name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				for _, f := range []string{base, rev} {
					data, err := os.ReadFile(f)
					if err != nil {
						b.Fatal(err)
					}
					var v any
					if err := yaml.Unmarshal(data, &v); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
		b.Run("eventdiff/"+name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if code := cli.Run([]string{"eventdiff", "diff", "-q", "-f", "json", base, rev},
					cli.Env{Stdin: bytes.NewReader(nil), Stdout: io.Discard, Stderr: io.Discard}); code != 0 {
					b.Fatalf("exit %d", code)
				}
			}
		})
	}
}

func load(b *testing.B, file string) *spec.Document {
	d, err := eventdiff.NewSession(eventdiff.Options{}).Load(context.Background(), eventdiff.File(file))
	if err != nil {
		b.Fatal(err)
	}
	return d
}

// BenchmarkStages splits the pipeline on the 2,000-channel 3.0 pair so a
// regression is visible by stage.
func BenchmarkStages(b *testing.B) {
	dir := pairDir(b, 2000, gen.V3)
	file, revFile := filepath.Join(dir, "base.yaml"), filepath.Join(dir, "revision.yaml")
	data, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("parse", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for i := 0; i < b.N; i++ {
			if _, _, err := tree.Parse("base.yaml", data, limits.Default); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("load", func(b *testing.B) { // parse, resolve and build the model
		for i := 0; i < b.N; i++ {
			load(b, file)
		}
	})
	base, rev := load(b, file), load(b, revFile)
	b.Run("diff", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := diff.Compare(base, rev, diff.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	changes, err := diff.Compare(base, rev, diff.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("classify", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			rules.Classify(changes, base, rev, nil)
		}
	})
	res := rules.Classify(changes, base, rev, nil)
	for _, r := range []struct {
		name   string
		render func(io.Writer) error
	}{
		{"render-json", func(w io.Writer) error { return report.JSON(w, &res) }},
		{"render-markdown", func(w io.Writer) error { return report.Markdown(w, &res, report.Options{}) }},
		{"render-text", func(w io.Writer) error { return report.Text(w, &res, report.Options{}) }},
	} {
		b.Run(r.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if err := r.render(io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
