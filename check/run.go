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
	rs, err := RunAll(ctx, []*Checker{c}, src)
	if rs == nil {
		return nil, err
	}
	return rs[0], err
}

// RunAll reads src once for several checkers (the documents of one diff
// run) and returns one report each, in order: every message is parsed
// once and judged by every checker, so a capture from standard input or a
// live session serves them all. The workers and their number are the
// first checker's. The reports are nil only when src failed before
// anything was read.
func RunAll(ctx context.Context, cs []*Checker, src Source) ([]*Report, error) {
	nw := cs[0].opts.Workers
	if nw <= 0 {
		nw = runtime.GOMAXPROCS(0)
	}
	batches := make(chan []*Message, nw)
	workers := make([]*worker, nw)
	var wg sync.WaitGroup
	for i := range workers {
		workers[i] = newWorker(cs)
		wg.Add(1)
		go func(w *worker) {
			defer wg.Done()
			for b := range batches {
				for _, m := range b {
					w.add(m)
				}
			}
		}(workers[i])
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
	return reports(cs, workers, src.Name(), lines, err)
}

// reports merges the workers' tallies into one report per checker.
func reports(cs []*Checker, workers []*worker, source string, lines bool, err error) ([]*Report, error) {
	out := make([]*Report, len(cs))
	for k, c := range cs {
		total, ev := workers[0].docs[k].t, workers[0].docs[k].ev
		for _, w := range workers[1:] {
			total.merge(w.docs[k].t)
			ev.merge(w.docs[k].ev)
		}
		c.evidence = ev
		if err != nil && total.seen+total.malformed == 0 {
			return nil, err
		}
		r := c.report(total, source)
		r.SeqUnit = "message"
		if lines {
			r.SeqUnit = "line"
		}
		if err != nil {
			r.Interrupted = err.Error()
		}
		out[k] = r
	}
	return out, err
}

// worker parses messages and has every checker judge them, each into its
// own tally; the payload is decoded once for all of them.
type worker struct {
	ex   *schema.Explainer
	docs []*docWorker
}

// docWorker is one checker's part of a worker: its tally, its evidence
// and its topic caches.
type docWorker struct {
	c                   *Checker
	t                   *tally
	baseCache, revCache map[string]matched
	ev                  *evidenceTally
	locs                map[*tree.Node]string // where rejecting keywords are written, for evidence
}

func newWorker(cs []*Checker) *worker {
	w := &worker{ex: schema.NewExplainer()}
	for _, c := range cs {
		w.docs = append(w.docs, &docWorker{c: c, t: newTally(), baseCache: map[string]matched{}, revCache: map[string]matched{},
			ev: newEvidenceTally(len(c.findings)), locs: map[*tree.Node]string{}})
	}
	return w
}

func (w *worker) add(m *Message) {
	if m.line != nil {
		parseLine(m.line, m)
		m.line = nil
	}
	dec := &decoded{m: m, ex: w.ex}
	for _, d := range w.docs {
		d.add(m, dec)
	}
}

func (d *docWorker) add(m *Message, dec *decoded) {
	if m.Malformed != "" {
		d.t.addMalformed(m)
		return
	}
	base := d.c.base.judge(m, dec, d.baseCache)
	var rev verdict
	if d.c.rev != nil {
		rev = d.c.rev.judge(m, dec, d.revCache)
	}
	d.t.add(m, base, rev, d.c.rev != nil, d.c.opts.ShowValues)
	if len(d.c.findings) > 0 {
		d.observe(base, rev)
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
