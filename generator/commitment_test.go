package generator

import (
	"strings"
	"testing"

	"github.com/handover-dev/handover/content"
)

// commitmentSite is a site without readiness warnings but for the
// commitment's document, which each case of TestCommitmentDocument sets.
const commitmentSite = `
-- people.yaml --
people:
  - id: jan
-- static/docs/Commitment Letter.pdf --
%PDF
-- content/governance/commitment.md --
---
title: Commitment
id: mt-commitment
---
Signed.
-- content/meetings/m.md --
---
title: M
frequency: biweekly
agenda: [Figures]
---
`

// TestCommitmentDocument: commitment.document names a page (by id or by
// path), a static file (by its path in the site or in the output) or an
// http(s) URL; anything else is a commitment-missing warning at the value.
func TestCommitmentDocument(t *testing.T) {
	for _, tc := range []struct {
		doc   string
		found bool
	}{
		{"static/docs/Commitment Letter.pdf", true},
		{"/docs/commitment-letter.pdf", true},
		{"mt-commitment", true},
		{"content/governance/commitment.md", true},
		{"governance/commitment.md", true},
		{"governance/commitment", true},
		{"https://intranet.example.com/mt/commitment.pdf", true},
		{"http://intranet/commitment", true},
		{"static/docs/missing.pdf", false},
		{"static/commitment.pdf", false},
		{"people.yaml", false},
		{"../commitment.pdf", false},
		{"governance/missing.md", false},
		{"ftp://example.com/commitment.pdf", false},
		{"mailto:mt@example.com", false},
		{"https://", false},
		{"#signed", false},
	} {
		t.Run(strings.ReplaceAll(tc.doc, "/", "_"), func(t *testing.T) {
			res, _ := buildTxtar(t, "-- handover.yaml --\ntitle: C\nlanguage: en\ncommitment:\n  by: jan\n  date: 2026-11-01\n  document: '"+tc.doc+"'\n"+commitmentSite)
			var got []content.Diagnostic
			for _, d := range res.Diagnostics {
				if d.Rule == "commitment-missing" {
					got = append(got, d)
				}
			}
			if tc.found {
				if len(got) > 0 {
					t.Errorf("document %q: %v", tc.doc, got)
				}
				return
			}
			want := content.Pos{File: "handover.yaml", Line: 6, Col: 13}
			if len(got) != 1 || got[0].Pos != want || got[0].Severity != content.Warning || !strings.Contains(got[0].Message, "not found") {
				t.Errorf("document %q: %v, want one commitment-missing warning at %s", tc.doc, got, want)
			}
			for _, it := range res.Readiness.Items {
				if it.Key == "readiness.commitment" && it.Done {
					t.Errorf("document %q: the commitment item is done", tc.doc)
				}
			}
		})
	}
}
