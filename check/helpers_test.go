package check

import (
	"context"
	"testing"

	"github.com/eventdiff/eventdiff/pkg/eventdiff"
	"github.com/eventdiff/eventdiff/spec"
)

// load reads a document the way the command line does.
func load(tb testing.TB, path string) *spec.Document {
	tb.Helper()
	doc, err := eventdiff.NewSession(eventdiff.Options{}).Load(context.Background(), eventdiff.File(path))
	if err != nil {
		tb.Fatal(err)
	}
	return doc
}

// loadExample loads the README's example pair.
func loadExample(tb testing.TB) (base, rev *spec.Document) {
	return load(tb, "../testdata/check/base.yaml"), load(tb, "../testdata/check/revision.yaml")
}
