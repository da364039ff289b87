package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/eventdiff/eventdiff/rules"
)

// A Format renders classified results: one document's with Write, one
// after the other for several documents when Several allows it.
type Format struct {
	Name  string
	Usage string
	// Write renders the result of one document.
	Write func(w io.Writer, r *rules.Result, o Options) error
	// Several says the format can hold the results of several documents
	// written one after the other, each preceded by Separator but the first.
	Several   bool
	Separator string
	// Finish, when set, runs once after every document was written, with
	// all the results (GitHub's step outputs add up over documents).
	Finish func(results []*rules.Result, o Options) error
}

// Formats are every format the command line offers, in the order its
// help lists them.
var Formats = []*Format{
	{Name: "text", Usage: "for a terminal", Write: Text, Several: true, Separator: "\n"},
	{Name: "markdown", Usage: "for pull-request comments and job summaries", Write: Markdown, Several: true, Separator: "\n"},
	{Name: "json", Usage: "for tools: one object per document", Write: func(w io.Writer, r *rules.Result, _ Options) error { return JSON(w, r) }, Several: true},
	{Name: "github", Usage: "annotations, job summary and step outputs", Write: GitHub, Several: true, Finish: finishGitHub},
	{Name: "junit", Usage: "JUnit XML, one test case per finding", Write: JUnit},
	{Name: "ignore", Usage: "a config file accepting every current finding", Write: IgnoreConfig},
}

// Lookup finds a format by name.
func Lookup(name string) (*Format, error) {
	for _, f := range Formats {
		if f.Name == name {
			return f, nil
		}
	}
	return nil, fmt.Errorf("unknown format %q (use one of %s)", name, strings.Join(FormatNames(), ", "))
}

// FormatNames lists the formats' names.
func FormatNames() []string {
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = f.Name
	}
	return names
}
