package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/eventdiff/eventdiff/check"
	"github.com/eventdiff/eventdiff/internal/printable"
	"github.com/eventdiff/eventdiff/rules"
)

type junitSuites struct {
	XMLName xml.Name     `xml:"testsuites"`
	Name    string       `xml:"name,attr"`
	Tests   int          `xml:"tests,attr"`
	Fail    int          `xml:"failures,attr"`
	Suites  []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name  string      `xml:"name,attr"`
	Tests int         `xml:"tests,attr"`
	Fail  int         `xml:"failures,attr"`
	Skip  int         `xml:"skipped,attr"`
	Cases []junitCase `xml:"testcase"`
}

type junitCase struct {
	Class   string        `xml:"classname,attr"`
	Name    string        `xml:"name,attr"`
	Failure *junitFailure `xml:"failure,omitempty"`
	Skipped *junitSkipped `xml:"skipped,omitempty"`
	Out     string        `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

// JUnit writes one test case per finding, in one suite per level, for CI
// systems that read JUnit XML: the findings that fail the run fail,
// accepted ones are skipped, the rest pass with their details as output.
// A comparison without findings is one passing test case saying so:
// Jenkins and Azure Pipelines treat a report without test cases as an
// error.
func JUnit(w io.Writer, r *rules.Result, opts Options) error {
	failOn := junitFailOn(opts.FailOn)
	doc := junitSuites{Name: printable.String(fmt.Sprintf("eventdiff: %s → %s", r.Base.Source, r.Revision.Source))}
	for _, lv := range []rules.Level{rules.Breaking, rules.Warning, rules.Info} {
		s := junitSuite{Name: "eventdiff." + string(lv)}
		for _, f := range byLevel(r, lv) {
			c := junitCaseOf(f, failOn, opts.Traffic)
			switch {
			case c.Skipped != nil:
				s.Skip++
			case c.Failure != nil:
				s.Fail++
			}
			s.Cases = append(s.Cases, c)
		}
		if len(s.Cases) == 0 {
			continue
		}
		s.Tests = len(s.Cases)
		doc.Tests += s.Tests
		doc.Fail += s.Fail
		doc.Suites = append(doc.Suites, s)
	}
	if doc.Tests == 0 {
		doc.Suites = append(doc.Suites, junitSuite{Name: "eventdiff.contract", Tests: 1, Cases: []junitCase{{
			Class: "document", Name: printable.String(fmt.Sprintf("%s → %s: %s", r.Base.Source, r.Revision.Source, Headline(r)))}}})
		doc.Tests = 1
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// junitCaseOf is one finding's test case, failed when the finding fails
// the run at failOn. Every text from the input is escaped here
// (printable): XML 1.0 cannot carry most control characters at all
// (encoding/xml would turn them into U+FFFD, losing what they were), and a
// CI system shows the rest to people.
func junitCaseOf(f *rules.Finding, failOn rules.Level, t *check.Traffic) junitCase {
	_, group := groupTitle(f)
	text := printable.String(oneLine(f.Text))
	c := junitCase{Class: printable.String(group), Name: f.Rule.ID + ": " + text}
	details := []string{"level: " + string(f.Level), "direction: " + string(f.Direction)}
	if f.Breaks != "" {
		details = append(details, "breaks: "+f.Breaks)
	}
	if l := mainLocation(f); l != nil {
		details = append(details, "at: "+locText(l)+" "+l.Pointer)
	}
	if e := findingTraffic(t, f); e != "" {
		details = append(details, "traffic: "+e)
	}
	var detail strings.Builder
	for _, d := range details {
		detail.WriteString(printable.String(d) + "\n")
	}
	switch {
	case !f.Counts():
		c.Skipped = &junitSkipped{Message: "accepted: " + printable.String(f.Accepted.Reason)}
	case f.Fails(failOn):
		c.Failure = &junitFailure{Message: text, Type: string(f.Level), Text: detail.String()}
	default:
		c.Out = detail.String()
	}
	return c
}

// junitFailOn is the level from which a finding is a failed test case: the
// run's --fail-on, by the same rule as the exit code. When nothing fails the
// run (none), breaking findings still fail their test case, so a CI reading
// the XML shows them.
func junitFailOn(failOn rules.Level) rules.Level {
	if failOn == rules.Off || failOn == "" {
		return rules.Breaking
	}
	return failOn
}
