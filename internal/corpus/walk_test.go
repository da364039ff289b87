package corpus_test

import (
	"bytes"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/eventdiff/eventdiff/internal/cli"
	"github.com/eventdiff/eventdiff/internal/corpus"
	"github.com/eventdiff/eventdiff/internal/golden"
	"github.com/eventdiff/eventdiff/spec"
)

// TestCorpusSummary diffs every pair of the shared corpus (each side's
// refs may use its whole side folder) and records the outcome per pair in
// a golden file, so any change in behaviour shows up in review.
func TestCorpusSummary(t *testing.T) {
	pairs := corpus.Pairs(t)
	var b bytes.Buffer
	for _, p := range pairs {
		b.WriteString(summarise(p))
	}
	golden.Check(t, "../../testdata/corpus-summary.txt", b.Bytes())
}

func summarise(p corpus.Pair) (line string) {
	defer func() {
		if r := recover(); r != nil {
			line = fmt.Sprintf("%s PANIC %v\n", p.ID, r)
		}
	}()
	req := cli.Request{Base: p.Old, Revision: p.New, RefRoot: p.Dir, Load: spec.Options{Limits: spec.DefaultLimits}}
	res, warns, err := cli.Compare(req, nil)
	if err != nil {
		msg := strings.ReplaceAll(err.Error(), p.Dir+string(filepath.Separator), "")
		return fmt.Sprintf("%s exit=2 %s\n", p.ID, msg)
	}
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
