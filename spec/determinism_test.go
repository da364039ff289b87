package spec_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/eventdiff/eventdiff/internal/corpus"
	"github.com/eventdiff/eventdiff/pkg/eventdiff"
	"github.com/eventdiff/eventdiff/report"
	"github.com/eventdiff/eventdiff/spec"
)

// render runs the whole pipeline on a pair and returns its JSON and
// markdown reports; "" when a side cannot be loaded.
func render(t *testing.T, p corpus.Pair) (string, string) {
	t.Helper()
	r, err := eventdiff.Compare(context.Background(), eventdiff.File(p.Old), eventdiff.File(p.New), eventdiff.Options{RefRoot: p.Dir})
	if err != nil {
		return "", ""
	}
	res := &r.Result
	var js, md bytes.Buffer
	if err := report.JSON(&js, res); err != nil {
		t.Fatal(err)
	}
	if err := report.Markdown(&md, res, report.Options{}); err != nil {
		t.Fatal(err)
	}
	return js.String(), md.String()
}

// Reports must be byte-identical whatever the run and whatever the order
// of keys in the documents' maps.
func TestCorpusReportsAreDeterministic(t *testing.T) {
	for _, p := range corpus.Pairs(t) {
		js1, md1 := render(t, p)
		js2, md2 := render(t, p)
		restore := spec.ShuffleMapKeys(int64(len(p.ID)))
		js3, md3 := render(t, p)
		restore()
		if js1 != js2 || md1 != md2 {
			t.Errorf("%s: two runs differ", p.ID)
		}
		if js1 != js3 || md1 != md3 {
			t.Errorf("%s: shuffled map order changes the report%s", p.ID, firstDiff(js1, js3))
		}
	}
}

func firstDiff(a, b string) string {
	al, bl := bytes.Split([]byte(a), []byte("\n")), bytes.Split([]byte(b), []byte("\n"))
	for i := 0; i < len(al) && i < len(bl); i++ {
		if !bytes.Equal(al[i], bl[i]) {
			return "\n  " + string(al[i]) + "\n  " + string(bl[i])
		}
	}
	return ""
}
