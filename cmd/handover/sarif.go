package main

import (
	"encoding/json"
	"fmt"
	"path"
	"strings"

	"github.com/handover-dev/handover/content"
)

// SARIF 2.1.0 (OASIS), as GitHub code scanning reads it: one run, the
// rules of content.Rules, one result per diagnostic.
const (
	sarifSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	sarifVersion = "2.1.0"
	homePage     = "https://github.com/handover-dev/handover"
	// fingerprintKey names handover's fingerprint among a result's partial
	// fingerprints; its version changes when the way it is made changes.
	fingerprintKey = "handover/v1"
	// srcRoot is the base of relative paths: the working directory, which
	// in CI is the repository's root.
	srcRoot = "%SRCROOT%"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool       sarifTool     `json:"tool"`
	ColumnKind string        `json:"columnKind"`
	Results    []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string       `json:"id"`
	ShortDescription     sarifMessage `json:"shortDescription"`
	FullDescription      sarifMessage `json:"fullDescription"`
	Help                 sarifMessage `json:"help"`
	DefaultConfiguration struct {
		Level string `json:"level"`
	} `json:"defaultConfiguration"`
	Properties struct {
		Tags []string `json:"tags"`
	} `json:"properties"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifMessage      `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
}

type sarifLocation struct {
	ID               *int          `json:"id,omitempty"`
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
	Message          *sarifMessage `json:"message,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	} `json:"artifactLocation"`
	Region *sarifRegion `json:"region,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

// writeSARIF prints the report as a SARIF 2.1.0 log for GitHub code
// scanning (github/codeql-action/upload-sarif) and other SARIF viewers.
func writeSARIF(e *env, r *report) {
	rules := content.RuleIDs()
	index := map[string]int{}
	run := sarifRun{ColumnKind: "unicodeCodePoints", Results: []sarifResult{},
		Tool: sarifTool{Driver: sarifDriver{Name: "handover", Version: version, InformationURI: homePage}}}
	for i, id := range rules {
		index[id] = i
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRuleOf(id))
	}
	fps := fingerprints(r.diags)
	for i, d := range r.diags {
		ri, ok := index[d.Rule]
		if !ok { // a rule content.Rules does not list: report it all the same
			ri = len(run.Tool.Driver.Rules)
			index[d.Rule] = ri
			run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRuleOf(d.Rule))
		}
		res := sarifResult{RuleID: d.Rule, RuleIndex: ri, Level: d.Severity.String(), Message: sarifMessage{d.Message},
			Locations: []sarifLocation{{PhysicalLocation: sarifPlace(d.Pos)}}, PartialFingerprints: map[string]string{fingerprintKey: fps[i]}}
		for j, n := range d.Notes {
			id := j + 1
			res.RelatedLocations = append(res.RelatedLocations, sarifLocation{ID: &id, PhysicalLocation: sarifPlace(n.Pos), Message: &sarifMessage{n.Message}})
		}
		run.Results = append(run.Results, res)
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	_ = enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}})
}

// sarifRuleOf describes a rule: what it finds, and its default level.
func sarifRuleOf(id string) sarifRule {
	summary := content.RuleSummaries[id]
	if summary == "" {
		summary = id
	}
	r := sarifRule{ID: id, ShortDescription: sarifMessage{summary}, FullDescription: sarifMessage{summary},
		Help: sarifMessage{summary + " Set the rule's level under checks: in handover.yaml (" + id + ": error, warning or off)."}}
	r.DefaultConfiguration.Level = "error"
	if sev, ok := content.Rules[id]; ok && sev == content.Warning {
		r.DefaultConfiguration.Level = "warning"
	}
	r.Properties.Tags = []string{"handover"}
	return r
}

// sarifPlace is the physical location of p: a URI relative to the working
// directory (an absolute file URI outside it) and, when known, the line
// and column.
func sarifPlace(p content.Pos) sarifPhysical {
	var loc sarifPhysical
	if path.IsAbs(p.File) {
		loc.ArtifactLocation.URI = "file://" + uriPath(p.File)
	} else {
		loc.ArtifactLocation.URI = uriPath(p.File)
		loc.ArtifactLocation.URIBaseID = srcRoot
	}
	if p.Line > 0 {
		loc.Region = &sarifRegion{StartLine: p.Line, StartColumn: p.Col}
	}
	return loc
}

// uriPath percent-encodes a slash path for a URI: every byte but the
// unreserved characters of RFC 3986 and "/", so that no file name can
// read as a scheme, query or fragment.
func uriPath(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~/", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}
