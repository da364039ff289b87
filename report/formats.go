package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/eventdiff/eventdiff/changelog"
	"github.com/eventdiff/eventdiff/check"
	"github.com/eventdiff/eventdiff/rules"
)

// An Output is a kind of thing a command renders; each format supports
// some of them.
type Output int

// The outputs, one per command that renders.
const (
	DiffOutput      Output = iota // the findings of comparisons (diff)
	CatalogueOutput               // the rule catalogue (rules)
	ChangelogOutput               // the release history (changelog)
	CheckOutput                   // real messages against the documents (check)
)

// A Format renders eventdiff's outputs in one notation. The functions it
// sets are the outputs it supports; every command looks its --format up
// here, so which format a command accepts is data, not a switch.
type Format struct {
	Name  string
	Usage string // for diff's help
	// Write renders the result of one document.
	Write func(w io.Writer, r *rules.Result, o Options) error
	// Several says the format can hold the results of several documents
	// written one after the other, each preceded by Separator but the first.
	Several   bool
	Separator string
	// Finish, when set, runs once after every document was written, with
	// all the results (GitHub's step outputs add up over documents).
	Finish func(results []*rules.Result, o Options) error
	// Catalogue lists rules.
	Catalogue func(w io.Writer, rs []*rules.Rule) error
	// Changelog renders a release history.
	Changelog func(w io.Writer, h *changelog.History, o ChangelogOptions) error
	// Check renders what real messages made of the documents.
	Check func(w io.Writer, r *check.Report, o Options) error
}

// Supports reports whether the format can render an output.
func (f *Format) Supports(o Output) bool {
	switch o {
	case DiffOutput:
		return f.Write != nil
	case CatalogueOutput:
		return f.Catalogue != nil
	case ChangelogOutput:
		return f.Changelog != nil
	case CheckOutput:
		return f.Check != nil
	}
	return false
}

// Formats are every format, in the order help lists them.
var Formats = []*Format{
	{Name: "text", Usage: "for a terminal", Write: Text, Several: true, Separator: "\n", Catalogue: CatalogueText, Check: CheckText},
	{Name: "markdown", Usage: "for pull-request comments and job summaries", Write: Markdown, Several: true, Separator: "\n",
		Catalogue: CatalogueMarkdown, Changelog: ChangelogMarkdown, Check: CheckMarkdown},
	{Name: "json", Usage: "for tools: one object per document", Write: jsonFormat, Several: true,
		Catalogue: CatalogueJSON, Changelog: func(w io.Writer, h *changelog.History, _ ChangelogOptions) error { return WriteChangelogJSON(w, h) },
		Check: CheckJSON},
	{Name: "github", Usage: "annotations, job summary and step outputs", Write: GitHub, Several: true, Finish: finishGitHub},
	{Name: "junit", Usage: "JUnit XML, one test case per finding", Write: JUnit},
	{Name: "ignore", Usage: "a config file accepting every current finding", Write: IgnoreConfig},
}

// Lookup finds the format of an output by name; the error lists the
// names that output has.
func Lookup(o Output, name string) (*Format, error) {
	for _, f := range Formats {
		if f.Name == name && f.Supports(o) {
			return f, nil
		}
	}
	return nil, fmt.Errorf("unknown format %q (use %s)", name, NamesOf(o))
}

// FormatsOf lists the formats that support an output.
func FormatsOf(o Output) []*Format {
	var out []*Format
	for _, f := range Formats {
		if f.Supports(o) {
			out = append(out, f)
		}
	}
	return out
}

// NamesOf lists the names of the formats of an output for people:
// "a, b or c".
func NamesOf(o Output) string {
	var names []string
	for _, f := range FormatsOf(o) {
		names = append(names, f.Name)
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
