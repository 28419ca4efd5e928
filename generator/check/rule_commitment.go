package check

import (
	"net/url"
	"strings"

	"github.com/handover-dev/handover/content"
)

// The management commitment is in writing: by whom, when, and the document.
var _ = register(&Rule{
	ID: "commitment-missing", Level: content.Warning, Item: "readiness.commitment", Reads: ReadsSite,
	Summary: "No written management commitment in handover.yaml.",
	Site:    (*Site).checkCommitment,
})

// checkCommitment reports a management commitment that is not in
// writing: one without by, date or document, or whose document names
// nothing the site has.
func (s *Site) checkCommitment(add Add) {
	c := &s.Content.Config.Commitment
	pos := content.Pos{File: "handover.yaml", Line: max(c.Pos.Line, 1), Col: max(c.Pos.Col, 1)}
	switch {
	case c.By.IsZero() || c.Date.IsZero():
		add("commitment-missing", pos, "no written management commitment: add commitment with by, date and document to handover.yaml")
	case strings.TrimSpace(c.Document) == "":
		add("commitment-missing", pos, "the management commitment has no document: add commitment.document (a page, a file under static/ or an http(s) URL) to handover.yaml")
	}
	if doc := strings.TrimSpace(c.Document); doc != "" && !s.documentExists(doc) {
		add("commitment-missing", c.DocumentPos, "commitment document %q not found: name a page, a file under static/ or an http(s) URL", doc)
	}
}

// documentExists reports whether doc, a document named in handover.yaml,
// is an http(s) URL, a page's id, or a page or static file as a link in
// handover.yaml or in content/_index.md would name it
// (static/commitment.pdf, content/governance/commitment.md,
// governance/commitment.md).
func (s *Site) documentExists(doc string) bool {
	switch content.LinkScheme(doc) {
	case "http", "https":
		u, err := url.Parse(doc)
		return err == nil && u.Host != ""
	case "":
	default:
		return false
	}
	if s.Content.PageByID(doc) != nil {
		return true
	}
	p, _, _ := strings.Cut(doc, "#")
	if p == "" || strings.ContainsAny(p, "\x00\\") {
		return false
	}
	for _, from := range []string{"handover.yaml", path0(s.Content.ContentDir, "_index.md")} {
		if s.Resolves(from, p) {
			return true
		}
	}
	return false
}
