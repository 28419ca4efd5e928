package main

import (
	"encoding/xml"
	"fmt"
	"slices"
	"strings"

	"github.com/handover-dev/handover/content"
)

// JUnit XML, as Azure Pipelines (PublishTestResults@2, testResultsFormat
// JUnit), Jenkins and GitLab read it: one test case per file, failed when
// the file has an error.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Properties []junitProperty `xml:"properties>property"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	Failure   *junitFailure `xml:"failure"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// writeJUnit prints the report as JUnit XML: a test case for every page
// and every other file a diagnostic names, which fails with the file's
// errors; warnings are in the case's output, and fail it only with
// --strict, which makes them errors.
func writeJUnit(e *env, r *report) {
	byFile := map[string][]content.Diagnostic{}
	for _, d := range r.diags {
		byFile[d.Pos.File] = append(byFile[d.Pos.File], d)
	}
	if s := r.res.Site; s != nil {
		prefix := strings.TrimPrefix(r.site+"/", "./")
		for _, p := range s.Pages {
			byFile[prefix+p.File] = byFile[prefix+p.File]
		}
	}
	suite := junitSuite{Name: "handover check", Properties: []junitProperty{{"site", r.site}}}
	if rd := r.res.Readiness; rd != nil {
		suite.Properties = append(suite.Properties, junitProperty{"readiness", fmt.Sprintf("%d%%", rd.Score)})
	}
	files := make([]string, 0, len(byFile))
	for f := range byFile {
		files = append(files, f)
	}
	slices.Sort(files)
	for _, f := range files {
		suite.Cases = append(suite.Cases, junitCaseOf(f, byFile[f]))
		if suite.Cases[len(suite.Cases)-1].Failure != nil {
			suite.Failures++
		}
	}
	suite.Tests = len(suite.Cases)
	out := junitSuites{Name: "handover", Tests: suite.Tests, Failures: suite.Failures, Suites: []junitSuite{suite}}
	data, _ := xml.MarshalIndent(out, "", "  ")
	fmt.Fprintf(e.stdout, "%s%s\n", xml.Header, data)
}

// junitCaseOf is the test case of one file with its diagnostics.
func junitCaseOf(file string, ds []content.Diagnostic) junitCase {
	c := junitCase{Name: cmpDot(file), ClassName: "handover"}
	var errs, warns []string
	for _, d := range ds {
		line := diagLine(d)
		if d.Severity == content.Error {
			errs = append(errs, line)
		} else {
			warns = append(warns, line)
		}
	}
	if len(errs) > 0 {
		c.Failure = &junitFailure{Message: plural(len(errs), "error") + ": " + ds[slices.IndexFunc(ds, isError)].Message,
			Type: ds[slices.IndexFunc(ds, isError)].Rule, Text: strings.Join(errs, "\n")}
	}
	c.SystemOut = strings.Join(warns, "\n")
	return c
}

func isError(d content.Diagnostic) bool { return d.Severity == content.Error }

// diagLine is a diagnostic as the text format prints it, notes on lines
// of their own.
func diagLine(d content.Diagnostic) string {
	s := d.String()
	for _, n := range d.Notes {
		s += "\n" + n.Pos.String() + ": note: " + n.Message
	}
	return s
}
