package report

import (
	"encoding/xml"
	"fmt"
	"io"

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
	doc := junitSuites{Name: fmt.Sprintf("eventdiff: %s → %s", r.Base.Source, r.Revision.Source)}
	for _, lv := range []rules.Level{rules.Breaking, rules.Warning, rules.Info} {
		s := junitSuite{Name: "eventdiff." + string(lv)}
		for _, f := range byLevel(r, lv) {
			_, group := groupTitle(f)
			c := junitCase{Class: group, Name: fmt.Sprintf("%s: %s", f.Rule.ID, oneLine(f.Text))}
			detail := fmt.Sprintf("level: %s\ndirection: %s\n", f.Level, f.Direction)
			if f.Breaks != "" {
				detail += "breaks: " + f.Breaks + "\n"
			}
			if l := mainLocation(f); l != nil {
				detail += "at: " + locText(l) + " " + l.Pointer + "\n"
			}
			switch {
			case !f.Counts():
				c.Skipped = &junitSkipped{Message: "accepted: " + f.Accepted.Reason}
				s.Skip++
			case f.Fails(failOn):
				c.Failure = &junitFailure{Message: oneLine(f.Text), Type: string(lv), Text: detail}
				s.Fail++
			default:
				c.Out = detail
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
			Class: "document", Name: fmt.Sprintf("%s → %s: %s", r.Base.Source, r.Revision.Source, Headline(r))}}})
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
