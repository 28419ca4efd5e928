package main

import (
	"encoding/json"

	"github.com/handover-dev/handover/content"
)

// codeQualityIssue is one finding of a GitLab Code Quality report (the
// Code Climate issue format GitLab reads from a `codequality` report
// artifact and shows in merge requests).
type codeQualityIssue struct {
	Type        string `json:"type"`
	EngineName  string `json:"engine_name"`
	CheckName   string `json:"check_name"`
	Description string `json:"description"`
	Fingerprint string `json:"fingerprint"`
	Severity    string `json:"severity"`
	Location    struct {
		Path  string `json:"path"`
		Lines struct {
			Begin int `json:"begin"`
		} `json:"lines"`
	} `json:"location"`
}

// writeCodeQuality prints the report as a GitLab Code Quality report: an
// array of issues, [] on a clean site. Errors are "major" and warnings
// "minor"; a finding keeps its fingerprint from run to run and when lines
// are added above it, so a merge request shows only what it changed.
func writeCodeQuality(e *env, r *report) {
	issues := make([]codeQualityIssue, 0, len(r.diags))
	fps := fingerprints(r.diags)
	for i, d := range r.diags {
		is := codeQualityIssue{Type: "issue", EngineName: "handover", CheckName: d.Rule, Fingerprint: fps[i], Severity: "minor"}
		if d.Severity == content.Error {
			is.Severity = "major"
		}
		is.Description = d.Message
		for _, n := range d.Notes {
			is.Description += " (" + n.Pos.String() + ": " + n.Message + ")"
		}
		is.Location.Path = d.Pos.File
		is.Location.Lines.Begin = max(d.Pos.Line, 1) // a whole file: its first line
		issues = append(issues, is)
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	_ = enc.Encode(issues)
}
