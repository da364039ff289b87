package spec

import (
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"strings"
	"testing"

	"github.com/eventdiff/eventdiff/limits"
)

// allocated returns the bytes f allocates: what these tests assert, since
// it does not depend on how busy the machine is.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

const mb = 1 << 20

// fuzzFS serves a fuzzed document: the main file under its own name and
// the second fuzzed file under every other name, so that any relative
// `$ref` the fuzzer writes reaches a file. Names mentioning "missing" do
// not exist, to keep that error path in play.
type fuzzFS struct {
	main      string
	mainData  []byte
	otherData []byte
}

func (f fuzzFS) ReadFile(name string) ([]byte, error) {
	switch {
	case name == f.main:
		return f.mainData, nil
	case strings.Contains(name, "missing"):
		return nil, fs.ErrNotExist
	}
	return f.otherData, nil
}

// loadFuzzed loads main under name, with every other file being other.
func loadFuzzed(name string, main, other []byte) (*Document, error) {
	return Load(Input{FS: fuzzFS{main: name, mainData: main, otherData: other}, Main: name}, Options{})
}

// A file that refers to itself through a relative path into a folder
// ("refs/x.yaml" read from refs/) names a new, longer file at every step.
// It used to run until --max-files: 10,000 files with names up to 50 kB,
// 15 seconds and gigabytes. Paths longer than an operating system allows
// are refused.
func TestGrowingRelativePathIsRefusedEarly(t *testing.T) {
	main := []byte(header3 + "components:\n  schemas:\n    s: {$ref: 'refs/x.yaml'}\n")
	other := []byte("type: object\nproperties:\n  n: {$ref: 'refs/x.yaml'}\n")
	var err error
	alloc := allocated(func() { _, err = loadFuzzed("asyncapi.yaml", main, other) })
	t.Logf("%.1f MB allocated", float64(alloc)/mb)
	if err == nil || !strings.Contains(err.Error(), "longer than 4096 bytes") {
		t.Fatalf("got %v", err)
	}
	if alloc > 100*mb {
		t.Errorf("allocated %.0f MB", float64(alloc)/mb)
	}
}

// A $ref chain counts every hop to its target, whichever end of the chain
// the loader meets first: the limit was never reached before.
func TestRefHopsCountTheWholeChain(t *testing.T) {
	t.Parallel()
	for _, fromEnd := range []bool{false, true} {
		var lines []string
		for i := 0; i < 10; i++ {
			lines = append(lines, fmt.Sprintf("    s%d: {$ref: '#/components/schemas/s%d'}\n", i, i+1))
		}
		lines = append(lines, "    s10: {type: string}\n")
		if fromEnd {
			for i, j := 0, len(lines)-1; i < j; i, j = i+1, j-1 {
				lines[i], lines[j] = lines[j], lines[i]
			}
		}
		doc := []byte(header3 + "components:\n  schemas:\n" + strings.Join(lines, ""))
		in := Input{FS: fuzzFS{main: "a.yaml", mainData: doc}, Main: "a.yaml"}
		lim := limits.Default
		lim.MaxRefHops = 9
		var le *limits.Error
		if _, err := Load(in, Options{Limits: lim}); !errors.As(err, &le) || le.Limit != limits.RefHops {
			t.Errorf("from the end %v, 10 hops with a limit of 9: %v", fromEnd, err)
		}
		lim.MaxRefHops = 10
		d, err := Load(in, Options{Limits: lim})
		if err != nil {
			t.Fatalf("from the end %v, 10 hops with a limit of 10: %v", fromEnd, err)
		}
		s0 := d.Root.Get("components").Get("schemas").Get("s0")
		if s0.Deref().Str("type") != "string" {
			t.Errorf("s0 resolves to %v", s0.Deref())
		}
	}
}
