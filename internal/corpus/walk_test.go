package corpus_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/eventdiff/eventdiff/internal/corpus"
	"github.com/eventdiff/eventdiff/internal/golden"
	"github.com/eventdiff/eventdiff/pkg/eventdiff"
)

// TestCorpusSummary diffs every pair of the shared corpus the way a user
// runs eventdiff in the repository a pair came from: from the pair's
// folder, with the default options, so `$ref`s may read what the default
// tree allows and nothing more. It records the outcome per pair in a
// golden file, so any change in behaviour shows up in review.
func TestCorpusSummary(t *testing.T) {
	pairs := corpus.Pairs(t)
	var b bytes.Buffer
	for _, p := range pairs {
		b.WriteString(summarise(t, p))
	}
	golden.Check(t, "../../testdata/corpus-summary.txt", b.Bytes())
}

func summarise(t *testing.T, p corpus.Pair) (line string) {
	defer func() {
		if r := recover(); r != nil {
			line = fmt.Sprintf("%s PANIC %v\n", p.ID, r)
		}
	}()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	if err := os.Chdir(p.Dir); err != nil {
		t.Fatal(err)
	}
	old, _ := filepath.Rel(p.Dir, p.Old)
	new, _ := filepath.Rel(p.Dir, p.New)
	res, err := eventdiff.Compare(context.Background(), eventdiff.File(old), eventdiff.File(new), eventdiff.Options{})
	if err != nil {
		return fmt.Sprintf("%s exit=2 %s\n", p.ID, err)
	}
	warns := res.Warnings()
	counts := map[string]int{}
	for _, f := range res.Findings {
		counts[f.Rule.ID]++
	}
	ids := make([]string, 0, len(counts))
	for id := range counts {
		ids = append(ids, fmt.Sprintf("%s=%d", id, counts[id]))
	}
	sort.Strings(ids)
	return fmt.Sprintf("%s exit=0 breaking=%d warning=%d info=%d warnings=%d bump=%s\n    %s\n",
		p.ID, res.Summary.Breaking, res.Summary.Warning, res.Summary.Info, len(warns), res.Bump.Suggested, strings.Join(ids, " "))
}
