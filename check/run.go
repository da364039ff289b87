package check

import (
	"context"
	"runtime"
	"sync"

	"github.com/eventdiff/eventdiff/schema"
	"github.com/eventdiff/eventdiff/spec"
	"github.com/eventdiff/eventdiff/tree"
)

// Options say how messages are judged and reported.
type Options struct {
	// AssertFormat makes JSON Schema `format` a constraint, as in diff.
	AssertFormat bool
	// ShowValues puts the payloads of example messages in the report
	// (truncated). Off by default: payloads may hold personal data.
	ShowValues bool
	// Workers validate messages in parallel (GOMAXPROCS when 0).
	Workers int
}

// Checker judges messages against a base document and, optionally, a
// revision. It is safe to use from one Run at a time.
type Checker struct {
	base, rev *docIndex
	opts      Options

	// findings are the diff findings whose evidence is counted (see
	// Evidence), and evidence their counts after Run.
	findings []*findingMatcher
	evidence *evidenceTally
}

// NewChecker prepares the documents for matching; revision may be nil.
func NewChecker(base, revision *spec.Document, opts Options) *Checker {
	c := &Checker{base: newIndex(base, opts.AssertFormat), opts: opts}
	if revision != nil {
		c.rev = newIndex(revision, opts.AssertFormat)
	}
	return c
}

// batchSize is how many messages travel to a worker at once: enough to
// make the hand-over cheap, few enough to keep memory small.
const batchSize = 64

// Run reads every message of src and reports. The error is src's: the
// report then covers the messages read until it failed (see
// Report.Interrupted), and is nil only when nothing was read.
func (c *Checker) Run(ctx context.Context, src Source) (*Report, error) {
	workers := c.opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	batches := make(chan []*Message, workers)
	tallies := make([]*tally, workers)
	evs := make([]*evidenceTally, workers)
	var wg sync.WaitGroup
	for i := range tallies {
		tallies[i] = newTally()
		evs[i] = &evidenceTally{rejects: make([]int64, len(c.findings)), seen: make([]int64, len(c.findings))}
		wg.Add(1)
		go func(t *tally, ev *evidenceTally) {
			defer wg.Done()
			w := c.newWorker(t, ev)
			for b := range batches {
				for _, m := range b {
					w.add(m)
				}
			}
		}(tallies[i], evs[i])
	}
	// A capture's lines are parsed by the workers, in parallel.
	j, lines := src.(*JSONLines)
	if lines {
		lazy := *j
		lazy.lazy = true
		src = &lazy
	}
	var batch []*Message
	err := src.Read(ctx, func(m *Message) {
		batch = append(batch, m)
		if len(batch) == batchSize {
			batches <- batch
			batch = nil
		}
	})
	if len(batch) > 0 {
		batches <- batch
	}
	close(batches)
	wg.Wait()
	total := tallies[0]
	for i, t := range tallies[1:] {
		total.merge(t)
		evs[0].merge(evs[i+1])
	}
	c.evidence = evs[0]
	if err != nil && total.seen+total.malformed == 0 {
		return nil, err
	}
	r := c.report(total, src.Name())
	r.SeqUnit = "message"
	if lines {
		r.SeqUnit = "line"
	}
	if err != nil {
		r.Interrupted = err.Error()
	}
	return r, err
}

// worker judges messages into its own tally, with its own topic caches.
type worker struct {
	c                   *Checker
	t                   *tally
	baseCache, revCache map[string]matched
	ex                  *schema.Explainer
	ev                  *evidenceTally
	locs                map[*tree.Node]string // where rejecting keywords are written, for evidence
}

func (c *Checker) newWorker(t *tally, ev *evidenceTally) *worker {
	return &worker{c: c, t: t, baseCache: map[string]matched{}, revCache: map[string]matched{}, ex: schema.NewExplainer(),
		ev: ev, locs: map[*tree.Node]string{}}
}

func (w *worker) add(m *Message) {
	if m.line != nil {
		parseLine(m.line, m)
		m.line = nil
	}
	if m.Malformed != "" {
		w.t.addMalformed(m)
		return
	}
	dec := &decoded{m: m, ex: w.ex}
	base := w.c.base.judge(m, dec, w.baseCache)
	var rev verdict
	if w.c.rev != nil {
		rev = w.c.rev.judge(m, dec, w.revCache)
	}
	w.t.add(m, base, rev, w.c.rev != nil, w.c.opts.ShowValues)
	if len(w.c.findings) > 0 {
		w.observe(base, rev)
	}
}

// FailOn is what makes a run exit 1.
type FailOn string

// The --fail-on values.
const (
	FailNone FailOn = "none"
	// FailRejected: a message the base accepts is rejected by the
	// revision (with one document: a message the document rejects).
	FailRejected FailOn = "rejected"
	// FailInvalid: any message on a documented channel is rejected by
	// either document (the spec has drifted from the traffic).
	FailInvalid FailOn = "invalid"
)

// Fails reports whether the report reaches f.
func (r *Report) Fails(f FailOn) bool {
	for _, c := range r.Channels {
		switch {
		case f == FailInvalid && (c.InvalidBase > 0 || c.InvalidRevision != nil && *c.InvalidRevision > 0):
			return true
		case f == FailRejected && r.Revision == nil && c.InvalidBase > 0:
			return true
		case f == FailRejected && c.RejectedByRevision != nil && *c.RejectedByRevision > 0:
			return true
		}
	}
	return false
}
