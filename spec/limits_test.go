package spec

import (
	"io/fs"
	"runtime"
	"strings"
	"testing"
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
