package report

import (
	"fmt"
	"strings"
	"testing"

	"github.com/eventdiff/eventdiff/check"
	"github.com/eventdiff/eventdiff/diff"
	"github.com/eventdiff/eventdiff/rules"
)

// A code span shows its text exactly, whatever backticks it holds.
func TestCodeSpan(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"reason", "`reason`"},
		{"a`b", "``a`b``"},
		{"``x", "``` ``x ```"},
		{"x`", "`` x` ``"},
		{" padded ", "`  padded  `"},
		{"two\nlines", "`two lines`"},
		{"<b>|*_", "`<b>|*_`"},
	} {
		if got := CodeSpan(tc.in); got != tc.want {
			t.Errorf("CodeSpan(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// The words of a finding keep their code spans as code; the rest is
// escaped, and an odd backtick leaves nothing to trust as a span.
func TestMarkdownText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"property `reason` is now required", "property `reason` is now required"},
		{"enum value `\"<b>\"` added: *all*", "enum value `\"<b>\"` added: \\*all\\*"},
		{"name `a` and <img src=x>", "name `a` and &lt;img src=x&gt;"},
		{"one ` backtick_", "one \\` backtick\\_"},
	} {
		if got := mdText(tc.in); got != tc.want {
			t.Errorf("mdText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// With several documents in one run, each heading names its document.
func TestMarkdownHeadingNamesTheDocument(t *testing.T) {
	r := &rules.Result{Base: rules.DocInfo{Source: "HEAD:api/orders.yaml"}, Revision: rules.DocInfo{Source: "api/orders.yaml"},
		Findings: []rules.Finding{{Change: diff.Change{Text: "channel `x` was removed"}, Rule: &rules.Rule{ID: "channel-removed"}, Level: rules.Breaking}},
		Summary:  rules.Summary{Breaking: 1}}
	one := MarkdownString(r, Options{}, MaxMarkdown)
	if !strings.HasPrefix(one, "### ❌ eventdiff: 1 breaking change") {
		t.Errorf("one document:\n%s", one)
	}
	several := MarkdownString(r, Options{Several: true}, MaxMarkdown)
	if !strings.HasPrefix(several, "### ❌ `api/orders.yaml`: 1 breaking change") {
		t.Errorf("several documents:\n%s", several)
	}
	if !strings.Contains(one, "- **`channel-removed`** channel `x` was removed") {
		t.Errorf("backticks in the words should render as code:\n%s", one)
	}
}

// A check of many channels is cut within the limit, and says so.
func TestCheckMarkdownStaysWithinItsLimit(t *testing.T) {
	r := &check.Report{Source: "c.jsonl", SeqUnit: "line", Channels: map[string]*check.ChannelReport{}}
	for i := range 500 {
		r.Channels[fmt.Sprintf("fleet/vehicles/%03d/telemetry", i)] = &check.ChannelReport{Seen: 1, ValidBase: 1}
	}
	out := checkMarkdownString(r, Options{}, 4000)
	if len(out) > 4000 || !strings.Contains(out, "The report is cut here") || !strings.Contains(out, "fleet/vehicles/000/telemetry") {
		t.Fatalf("%d bytes:\n%s", len(out), out)
	}
	if out := checkMarkdownString(r, Options{}, MaxMarkdown); strings.Contains(out, "cut here") || !strings.Contains(out, "fleet/vehicles/499/telemetry") {
		t.Fatal("a report that fits is cut")
	}
}

func TestNumber(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 10000: "10,000", 1234567: "1,234,567", -4500: "-4,500"} {
		if got := number(n); got != want {
			t.Errorf("number(%d) = %q, want %q", n, got, want)
		}
	}
}

// The words of traffic evidence follow what was seen, and never say a
// change is safe.
func TestEvidenceText(t *testing.T) {
	for _, tc := range []struct {
		e    check.FindingEvidence
		want string
	}{
		{check.FindingEvidence{Measured: true, Rejects: 412, Seen: 10000, Channel: "orders.created"}, "rejects 412 of 10,000 messages seen on orders.created"},
		{check.FindingEvidence{Measured: true, Rejects: 1, Seen: 1}, "rejects 1 of 1 message seen"},
		{check.FindingEvidence{Measured: true, Seen: 25, Channel: "c"}, "no message seen was affected (25 messages seen on c), which does not make the change safe"},
		{check.FindingEvidence{Measured: true, Channel: "c"}, "no message seen was affected: none was seen on c, which does not make the change safe"},
		{check.FindingEvidence{Measured: true, Seen: 2, Undecided: 2, Channel: "c"}, "rejects 0 of 2 messages seen on c; 2 of them could not be judged (a content type or schema format that is not validated)"},
		{check.FindingEvidence{Channel: "c"}, "messages cannot show this change"},
	} {
		if got := EvidenceText(tc.e); got != tc.want {
			t.Errorf("%+v:\n got %q\nwant %q", tc.e, got, tc.want)
		}
	}
}
