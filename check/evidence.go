package check

import (
	"context"
	"slices"
	"strings"

	"github.com/eventdiff/eventdiff/pkg/eventdiff"
	"github.com/eventdiff/eventdiff/rules"
	"github.com/eventdiff/eventdiff/rules/catalogue"
	"github.com/eventdiff/eventdiff/schema"
	"github.com/eventdiff/eventdiff/tree"
)

// FindingEvidence is what real traffic says about one breaking or warning
// finding. It never changes the finding's verdict: a breaking change no
// message triggers is still breaking, and says that no message seen was
// affected.
type FindingEvidence struct {
	Finding int // index in the result's Findings
	// Measured is false for a change messages cannot show (a server, a
	// binding, security, documentation).
	Measured bool
	// Rejects counts the messages seen that the change turns away: the
	// revision rejects them at the changed place although the base
	// accepts them (for a change that accepts more, the reverse: the base
	// rejected them there, so readers built on it would), or their channel
	// is gone. Seen counts the messages seen on the finding's channel (for
	// a changed address, the old one: what still travels there), and
	// Undecided those of them a document could not judge (a content type
	// or schema format that is not validated): they may be affected too.
	Rejects, Seen, Undecided int64
	Channel                  string
}

// Traffic is what one source of messages says about one comparison: the
// report of the messages against its two documents, and the evidence of
// each of its breaking and warning findings.
type Traffic struct {
	Report   *Report
	Findings []FindingEvidence

	byFingerprint map[string]int
}

// Of is the evidence of one finding of the comparison, by its
// fingerprint (unique within a result); false for a finding that has none
// (an info finding).
func (t *Traffic) Of(f *rules.Finding) (FindingEvidence, bool) {
	if t == nil {
		return FindingEvidence{}, false
	}
	i, ok := t.byFingerprint[f.Fingerprint]
	if !ok {
		return FindingEvidence{}, false
	}
	return t.Findings[i], true
}

// Evidence reads src once and computes, for each breaking and warning
// finding of every result, how many of the messages seen it rejects. Each
// result is judged on its own documents: a message counts for the
// channels of its own comparison, and is unmatched for a comparison whose
// documents have no channel of its address. The Traffic comes back in
// the order of the results; it is nil only when src failed before
// anything was read.
func Evidence(ctx context.Context, src Source, opts Options, results ...*eventdiff.Result) ([]*Traffic, error) {
	cs := make([]*Checker, len(results))
	for k, res := range results {
		c := NewChecker(res.BaseDocument, res.RevisionDocument, opts)
		for i := range res.Findings {
			f := &res.Findings[i]
			if f.Level == rules.Breaking || f.Level == rules.Warning {
				c.findings = append(c.findings, newFindingMatcher(i, f))
			}
		}
		cs[k] = c
	}
	rs, err := RunAll(ctx, cs, src)
	if rs == nil {
		return nil, err
	}
	out := make([]*Traffic, len(cs))
	for k, c := range cs {
		t := &Traffic{Report: rs[k], Findings: make([]FindingEvidence, len(c.findings)), byFingerprint: map[string]int{}}
		for i, fm := range c.findings {
			t.Findings[i] = FindingEvidence{Finding: fm.index, Measured: fm.measured, Channel: fm.channel,
				Rejects: c.evidence.rejects[i], Seen: c.evidence.seen[i], Undecided: c.evidence.undecided[i]}
			t.byFingerprint[results[k].Findings[fm.index].Fingerprint] = i
		}
		out[k] = t
	}
	return out, err
}

// findingMatcher decides which messages one finding rejects.
type findingMatcher struct {
	index    int
	channel  string
	measured bool
	// at: the places the change is written, in the revision (a message
	// it rejects fails there) and in the base (a message the base
	// rejected there, for a change that accepts more).
	revAt, baseAt *tree.Location
	// required is the name a `required` change added: a message rejected
	// by that list counts only when it lacks this name.
	required   string
	structural bool // a channel or operation change: a message left without a channel
}

func newFindingMatcher(i int, f *rules.Finding) *findingMatcher {
	fm := &findingMatcher{index: i, channel: f.Channel}
	if old, ok := f.Old.(string); ok && (f.Kind == catalogue.ChannelAddressChanged || f.Kind == catalogue.ChannelAddressBecameUnknown) {
		// The change is named after the new address; what it breaks is
		// what still travels on the old one.
		fm.channel = old
	}
	switch {
	case f.Schema != nil || f.Subject == "parameter":
		fm.measured = true
		eff := schema.Unknown
		if f.Schema != nil {
			eff = f.Schema.StrictEffect
		}
		if eff != schema.Wider {
			fm.revAt = f.Revision
		}
		if eff != schema.Narrower {
			fm.baseAt = f.Base
		}
		if f.Schema != nil {
			if n := f.Schema.Revision; n != nil && n.Kind == tree.String && n.Parent != nil && n.Parent.Key() == "required" {
				fm.required = n.Value
			}
		}
	case f.Subject == "channel" || f.Subject == "operation" || f.Subject == "message":
		fm.measured, fm.structural = f.Channel != "", true
	}
	return fm
}

// evidenceTally counts per finding, one per worker, merged at the end.
type evidenceTally struct {
	rejects, seen, undecided []int64
}

func newEvidenceTally(findings int) *evidenceTally {
	return &evidenceTally{rejects: make([]int64, findings), seen: make([]int64, findings), undecided: make([]int64, findings)}
}

func (e *evidenceTally) merge(o *evidenceTally) {
	for i := range o.rejects {
		e.rejects[i] += o.rejects[i]
		e.seen[i] += o.seen[i]
		e.undecided[i] += o.undecided[i]
	}
}

// observe counts one message for every finding.
func (w *docWorker) observe(base, rev verdict) {
	label := ""
	switch {
	case base.channel != nil:
		label = base.channel.label
	case rev.channel != nil:
		label = rev.channel.label
	default:
		return // on no documented channel: no finding is about it
	}
	for i, fm := range w.c.findings {
		if fm.channel != "" && fm.channel != label && (rev.channel == nil || fm.channel != rev.channel.label) {
			continue
		}
		w.ev.seen[i]++
		switch {
		case fm.rejects(base, rev, w.locs):
			w.ev.rejects[i]++
		case fm.measured && (base.state == undecided || rev.state == undecided):
			w.ev.undecided[i]++
		}
	}
}

func (fm *findingMatcher) rejects(base, rev verdict, locs map[*tree.Node]string) bool {
	switch {
	case !fm.measured:
		return false
	case fm.structural:
		return base.state == valid && (rev.state == unmatched || rev.state == invalid && !anyNode(rev.reasons))
	case base.state == valid && rev.state == invalid && fm.revAt != nil:
		return fm.reasonAt(rev.reasons, fm.revAt, locs)
	case base.state == invalid && rev.state == valid && fm.baseAt != nil:
		return fm.reasonAt(base.reasons, fm.baseAt, locs)
	}
	return false
}

func anyNode(rs []reason) bool {
	for _, r := range rs {
		if r.node != nil {
			return true
		}
	}
	return false
}

// reasonAt reports whether a rejecting keyword is written at the place or
// inside it, or holds it (a name added to `required`: the message must
// lack that name).
func (fm *findingMatcher) reasonAt(rs []reason, at *tree.Location, locs map[*tree.Node]string) bool {
	want := at.File + "\x00" + at.Pointer
	for _, r := range rs {
		if r.node == nil {
			continue
		}
		got, ok := locs[r.node]
		if !ok {
			l := r.node.Loc()
			got = l.File + "\x00" + l.Pointer
			locs[r.node] = got
		}
		if got == want || strings.HasPrefix(got, want+"/") {
			return true
		}
		if strings.HasPrefix(want, got+"/") && (fm.required == "" || slices.Contains(strings.Split(r.missing, ", "), fm.required)) {
			return true
		}
	}
	return false
}
