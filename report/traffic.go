package report

import (
	"fmt"
	"strings"

	"github.com/eventdiff/eventdiff/check"
	"github.com/eventdiff/eventdiff/rules"
)

// Traffic evidence (diff --messages): what real messages say about the
// findings of a comparison, worded here and never part of a verdict. A
// finding keeps its level whatever the messages did; the words only say
// how many of them it touches.

// findingTraffic is the evidence of one finding in words, "" when the
// report has no traffic or the finding none (an info finding):
// "rejects 412 of 10,000 messages seen on orders.created".
func findingTraffic(t *check.Traffic, f *rules.Finding) string {
	e, ok := t.Of(f)
	if !ok {
		return ""
	}
	return EvidenceText(e)
}

// EvidenceText words one finding's evidence: "rejects 412 of 10,000
// messages seen on orders.created"; when no message seen was affected it
// says so, and that this does not make the change safe; messages a
// document could not judge are said to be unknown, not unaffected.
func EvidenceText(e check.FindingEvidence) string {
	where := ""
	if e.Channel != "" {
		where = " on " + e.Channel
	}
	undecided := ""
	if e.Undecided > 0 {
		undecided = fmt.Sprintf("; %s of them could not be judged (a content type or schema format that is not validated)", number(e.Undecided))
	}
	switch {
	case !e.Measured:
		return "messages cannot show this change"
	case e.Seen == 0:
		return "no message seen was affected: none was seen" + where + ", which does not make the change safe"
	case e.Rejects == 0 && e.Undecided == 0:
		return fmt.Sprintf("no message seen was affected (%s seen%s), which does not make the change safe", plural(e.Seen, "message"), where)
	}
	return fmt.Sprintf("rejects %s of %s seen%s%s", number(e.Rejects), plural(e.Seen, "message"), where, undecided)
}

// TrafficLine says what was read, for the summary: "11 messages read from
// capture.jsonl: 1 on no channel of the documents, 1 line malformed";
// "" without traffic.
func TrafficLine(t *check.Traffic) string {
	if t == nil || t.Report == nil {
		return ""
	}
	r := t.Report
	unit := seqUnit(r)
	s := fmt.Sprintf("%s read from %s: %s on no channel of the documents, %s malformed",
		plural(r.Seen, "message"), r.Source, number(r.Unmatched), plural(r.Malformed, unit))
	if r.Interrupted != "" {
		s += "; the source stopped early: " + r.Interrupted
	}
	return s
}

// JSONTraffic is what was read, at the top of the JSON report of a diff
// with --messages: the names are check's.
type JSONTraffic struct {
	Source      string `json:"source"`
	SeqUnit     string `json:"seqUnit"`
	Seen        int64  `json:"seen"`
	Unmatched   int64  `json:"unmatched"`
	Malformed   int64  `json:"malformed"`
	Interrupted string `json:"interrupted,omitempty"`
}

// JSONChangeTraffic is one change's evidence: of the messages Seen on
// its Channel, how many it Rejected, and how many a document could not
// judge (Undecided). None is set for a change messages cannot show
// (Measurable false).
type JSONChangeTraffic struct {
	Measurable bool   `json:"measurable"`
	Channel    string `json:"channel,omitempty"`
	Seen       *int64 `json:"seen,omitempty"`
	Rejected   *int64 `json:"rejected,omitempty"`
	Undecided  *int64 `json:"undecided,omitempty"`
}

func jsonTraffic(t *check.Traffic) *JSONTraffic {
	if t == nil || t.Report == nil {
		return nil
	}
	r := t.Report
	return &JSONTraffic{Source: r.Source, SeqUnit: r.SeqUnit, Seen: r.Seen, Unmatched: r.Unmatched, Malformed: r.Malformed, Interrupted: r.Interrupted}
}

func jsonChangeTraffic(t *check.Traffic, f *rules.Finding) *JSONChangeTraffic {
	e, ok := t.Of(f)
	if !ok {
		return nil
	}
	if !e.Measured {
		return &JSONChangeTraffic{}
	}
	return &JSONChangeTraffic{Measurable: true, Channel: e.Channel, Seen: &e.Seen, Rejected: &e.Rejects, Undecided: &e.Undecided}
}

// withTraffic appends a finding's evidence to a one-line text: "…; rejects
// 3 of 9 messages seen on orders/{region}/placed".
func withTraffic(text string, t *check.Traffic, f *rules.Finding) string {
	if e := findingTraffic(t, f); e != "" {
		return text + "; " + strings.TrimSpace(e)
	}
	return text
}
