package spec_test

import (
	"bytes"
	"testing"

	"github.com/eventdiff/eventdiff/internal/corpus"
	"github.com/eventdiff/eventdiff/internal/testload"
	"github.com/eventdiff/eventdiff/pkg/eventdiff"
	"github.com/eventdiff/eventdiff/report"
	"github.com/eventdiff/eventdiff/spec"
)

// render runs the whole pipeline on a pair, loading both sides with opts,
// and returns its JSON and markdown reports; "" when a side cannot be
// loaded.
func render(t *testing.T, p corpus.Pair, opts spec.Options) (string, string) {
	t.Helper()
	base, err := testload.Load(t, p.Old, p.Dir, opts)
	if err != nil {
		return "", ""
	}
	revision, err := testload.Load(t, p.New, p.Dir, opts)
	if err != nil {
		return "", ""
	}
	cmp, err := eventdiff.CompareDocuments(base, revision, eventdiff.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res := &cmp.Result
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
	t.Parallel()
	for _, p := range corpus.Pairs(t) {
		js1, md1 := render(t, p, spec.Options{})
		js2, md2 := render(t, p, spec.Options{})
		js3, md3 := render(t, p, spec.ShuffledKeys(spec.Options{}, int64(len(p.ID))))
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

// TestShuffledKeysReorders keeps the determinism test honest: the option
// does reorder the keys the model is built from.
func TestShuffledKeysReorders(t *testing.T) {
	t.Parallel()
	keys := func(opts spec.Options) string {
		d, err := testload.Load(t, "../testdata/examples/revision.yaml", "", opts)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		for _, f := range d.Root.Fields {
			b.WriteString(f.Key + " ")
		}
		return b.String()
	}
	plain := keys(spec.Options{})
	for seed := int64(1); seed <= 5; seed++ {
		if keys(spec.ShuffledKeys(spec.Options{}, seed)) != plain {
			return
		}
	}
	t.Errorf("five seeds left the top-level keys in order: %s", plain)
}
