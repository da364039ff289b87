package report

import (
	"strings"
	"testing"

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
