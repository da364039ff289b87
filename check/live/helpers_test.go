package live

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/eventdiff/eventdiff/check"
	"github.com/eventdiff/eventdiff/pkg/eventdiff"
	"github.com/eventdiff/eventdiff/spec"
)

// loadDoc loads a document written for a test.
func loadDoc(t *testing.T, src string) *spec.Document {
	t.Helper()
	p := filepath.Join(t.TempDir(), "asyncapi.yaml")
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	doc, err := eventdiff.NewSession(eventdiff.Options{}).Load(context.Background(), eventdiff.File(p))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// readAll reads a source within d and returns what it emitted, the
// error, and how long it took.
func readAll(t *testing.T, src check.Source, d time.Duration) ([]*check.Message, error, time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	var got []*check.Message
	start := time.Now()
	err := src.Read(ctx, func(m *check.Message) { got = append(got, m) })
	return got, err, time.Since(start)
}
