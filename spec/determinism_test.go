package spec_test

import (
	"bytes"
	"testing"

	"github.com/eventdiff/eventdiff/diff"
	"github.com/eventdiff/eventdiff/internal/corpus"
	"github.com/eventdiff/eventdiff/report"
	"github.com/eventdiff/eventdiff/rules"
	"github.com/eventdiff/eventdiff/spec"
)

// render runs the whole pipeline on a pair and returns its JSON and
// markdown reports; "" when a side cannot be loaded.
func render(t *testing.T, p corpus.Pair) (string, string) {
	t.Helper()
	var docs [2]*spec.Document
	for i, side := range []string{p.Old, p.New} {
		in, err := spec.FileInput(side, p.Dir, spec.DefaultLimits.MaxFileSize)
		if err != nil {
			return "", ""
		}
		if docs[i], err = spec.Load(in, spec.Options{}); err != nil {
			return "", ""
		}
	}
	res := rules.Classify(diff.Compare(docs[0], docs[1], diff.Options{}), docs[0], docs[1], nil)
	var js, md bytes.Buffer
	if err := report.JSON(&js, &res); err != nil {
		t.Fatal(err)
	}
	if err := report.Markdown(&md, &res, report.Options{}); err != nil {
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
