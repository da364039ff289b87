package corpus

import (
	"bufio"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
)

// Pair is one old/new pair of the corpus.
type Pair struct {
	ID       string
	Dir      string // the pair's folder
	Old, New string // main spec file of each side
	OldRoot  string // the side folders, the widest tree its refs may use
	NewRoot  string
	Manifest map[string]string // the pair's MANIFEST.tsv row by column name
}

// Dir returns the corpus directory, or "" when it is not there.
func Dir() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return ""
	}
	dir := filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", "corpus")
	if st, err := os.Stat(filepath.Join(dir, "MANIFEST.tsv")); err != nil || st.IsDir() {
		return ""
	}
	return dir
}

// Pairs returns every pair, skipping the test when the corpus is absent.
func Pairs(t testing.TB) []Pair {
	t.Helper()
	dir := Dir()
	if dir == "" {
		t.Skip("corpus not present (../shared/corpus)")
	}
	pairs, err := Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	return pairs
}

// Read reads the manifest and locates each pair's main files.
func Read(dir string) ([]Pair, error) {
	fh, err := os.Open(filepath.Join(dir, "MANIFEST.tsv"))
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var header []string
	var pairs []Pair
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if header == nil {
			header = cols
			continue
		}
		row := map[string]string{}
		for i, h := range header {
			if i < len(cols) {
				row[h] = cols[i]
			}
		}
		p := Pair{ID: row["id"], Dir: filepath.Join(dir, "pairs", row["id"]), Manifest: row}
		oldPath, newPath, renamed := strings.Cut(row["path"], " -> ")
		if !renamed {
			newPath = oldPath
		}
		p.OldRoot = filepath.Join(p.Dir, "old")
		p.NewRoot = filepath.Join(p.Dir, "new")
		if p.Old, err = mainFile(p.OldRoot, oldPath); err != nil {
			return nil, err
		}
		if p.New, err = mainFile(p.NewRoot, newPath); err != nil {
			return nil, err
		}
		pairs = append(pairs, p)
	}
	sort.Slice(pairs, func(i, j int) bool { return pairs[i].ID < pairs[j].ID })
	return pairs, sc.Err()
}

// mainFile finds the side's copy of the upstream path: the files sit
// relative to the deepest folder all of them share, so the main file is
// the longest suffix of the upstream path that exists.
func mainFile(side, upstream string) (string, error) {
	parts := strings.Split(upstream, "/")
	for i := range parts {
		cand := filepath.Join(side, filepath.Join(parts[i:]...))
		if st, err := os.Stat(cand); err == nil && !st.IsDir() {
			return cand, nil
		}
	}
	return "", os.ErrNotExist
}
