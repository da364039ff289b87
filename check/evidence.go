package check

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/eventdiff/eventdiff/pkg/eventdiff"
	"github.com/eventdiff/eventdiff/rules"
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
	// is gone. Seen counts the messages seen on the finding's channel.
	Rejects, Seen int64
	Channel       string
}

// Text says it in the words of a report: "rejects 412 of 10000 messages
// seen on orders.created", "no message seen was affected (25 seen on
// orders.created)", "no message was seen on orders.created", or that
// messages cannot show it.
func (e FindingEvidence) Text() string {
	where := ""
	if e.Channel != "" {
		where = " on " + e.Channel
	}
	switch {
	case !e.Measured:
		return "not measurable from messages"
	case e.Seen == 0:
		return "no message was seen" + where
	case e.Rejects == 0:
		return fmt.Sprintf("no message seen was affected (%s seen%s)", plural(e.Seen, "message"), where)
	}
	return fmt.Sprintf("rejects %d of %s seen%s", e.Rejects, plural(e.Seen, "message"), where)
}

// Evidence reads src and computes, for each breaking and warning finding
// of res, how many of the messages seen it rejects. The report of the
// same messages comes with it.
func Evidence(ctx context.Context, res *eventdiff.Result, src Source, opts Options) ([]FindingEvidence, *Report, error) {
	c := NewChecker(res.BaseDocument, res.RevisionDocument, opts)
	for i := range res.Findings {
		f := &res.Findings[i]
		if f.Level != rules.Breaking && f.Level != rules.Warning {
			continue
		}
		c.findings = append(c.findings, newFindingMatcher(i, f))
	}
	r, err := c.Run(ctx, src)
	if r == nil {
		return nil, nil, err
	}
	out := make([]FindingEvidence, len(c.findings))
	for i, fm := range c.findings {
		out[i] = FindingEvidence{Finding: fm.index, Measured: fm.measured, Channel: fm.channel,
			Rejects: c.evidence.rejects[i], Seen: c.evidence.seen[i]}
	}
	return out, r, err
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
	rejects, seen []int64
}

func (e *evidenceTally) merge(o *evidenceTally) {
	for i := range o.rejects {
		e.rejects[i] += o.rejects[i]
		e.seen[i] += o.seen[i]
	}
}

// observe counts one message for every finding.
func (w *worker) observe(base, rev verdict) {
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
		if fm.rejects(base, rev, w.locs) {
			w.ev.rejects[i]++
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
