package generator

import (
	"encoding/json"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/output"
)

// writePagesJSON writes api/pages.json.
func (b *builder) writePagesJSON(sink Sink) error {
	cfg := &b.site.Config
	out := output.PagesJSON{Version: output.PagesJSONVersion, Generated: b.now.String(),
		Site:  output.SiteJSON{Title: cfg.Title, Language: cfg.Language, Organisation: cfg.Organisation},
		Pages: make([]output.PageJSON, 0, len(b.site.Pages))}
	base := output.AbsoluteBase(b.baseURL())
	if base != "" {
		out.Site.BaseURL = &base
	}
	for _, p := range b.site.Pages {
		out.Pages = append(out.Pages, b.pageJSON(p, base))
	}
	data, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	return sink.Write("api/pages.json", append(data, '\n'))
}

// pageJSON describes p; base is the site's absolute URL or "".
func (b *builder) pageJSON(p *content.Page, base string) output.PageJSON {
	m := &p.Meta
	url := relPath("", pageOut(p))
	j := output.PageJSON{ID: p.ID, Title: p.Title, URL: url, Type: string(p.Kind), List: p.List,
		Owner: output.NewOwner(m.Owner), Status: output.JSONText(m.Status)}
	if base != "" {
		abs := base + url
		j.AbsoluteURL = &abs
	}
	if !m.Reviewed.IsZero() {
		j.Reviewed = output.JSONText(m.Reviewed.String())
	}
	if !m.ReviewEvery.IsZero() {
		j.ReviewEvery = output.JSONText(m.ReviewEvery.String())
	}
	if next, ok := m.NextReview(); ok {
		j.NextReview, j.ReviewOverdue = output.JSONText(next.String()), next.Before(b.now.Time)
	}
	if b.git != nil {
		if c, ok := b.git.files.Last(p.File); ok {
			j.LastChanged = output.JSONText(content.Day(c.Date).String())
		}
	}
	return j
}
