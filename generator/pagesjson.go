package generator

import (
	"encoding/json"

	"github.com/handover-dev/handover/content"
)

// pagesJSONVersion is the version of the api/pages.json format; it changes
// only when a field changes meaning or goes away, not when one is added.
const pagesJSONVersion = 1

// pagesJSON is api/pages.json: every page of the site with what a reminder
// or dashboard needs, so that it can be built on the site without parsing
// its HTML. docs/extensions.md has its JSON schema.
type pagesJSON struct {
	Version   int        `json:"version"`
	Generated string     `json:"generated"` // the build's "today", YYYY-MM-DD
	Site      siteJSON   `json:"site"`
	Pages     []pageJSON `json:"pages"`
}

type siteJSON struct {
	Title        string  `json:"title"`
	Language     string  `json:"language"`
	Organisation string  `json:"organisation"`
	BaseURL      *string `json:"base_url"`
}

type pageJSON struct {
	ID            string     `json:"id"`
	Title         string     `json:"title"`
	URL           string     `json:"url"`          // relative to the site root
	AbsoluteURL   *string    `json:"absolute_url"` // with a base URL
	Type          string     `json:"type"`
	List          bool       `json:"list"` // the text of a folder's list page (the home page too)
	Owner         *ownerJSON `json:"owner"`
	Status        *string    `json:"status"`
	Reviewed      *string    `json:"reviewed"`
	ReviewEvery   *string    `json:"review_every"`
	NextReview    *string    `json:"next_review"`
	ReviewOverdue bool       `json:"review_overdue"` // next_review lies before generated
	LastChanged   *string    `json:"last_changed"`   // from git
}

type ownerJSON struct {
	ID    string  `json:"id"`
	Name  string  `json:"name"`
	Kind  string  `json:"kind"` // person, role, or unknown (not in people.yaml)
	Email *string `json:"email"`
}

// writePagesJSON writes api/pages.json.
func (b *builder) writePagesJSON(sink Sink) error {
	cfg := &b.site.Config
	out := pagesJSON{Version: pagesJSONVersion, Generated: b.now.String(),
		Site:  siteJSON{Title: cfg.Title, Language: cfg.Language, Organisation: cfg.Organisation},
		Pages: make([]pageJSON, 0, len(b.site.Pages))}
	base := absoluteBase(b.baseURL())
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
func (b *builder) pageJSON(p *content.Page, base string) pageJSON {
	m := &p.Meta
	url := relPath("", pageOut(p))
	j := pageJSON{ID: p.ID, Title: p.Title, URL: url, Type: string(p.Kind), List: p.List,
		Owner: ownerJSONOf(m.Owner), Status: jsonText(m.Status)}
	if base != "" {
		abs := base + url
		j.AbsoluteURL = &abs
	}
	if !m.Reviewed.IsZero() {
		j.Reviewed = jsonText(m.Reviewed.String())
	}
	if !m.ReviewEvery.IsZero() {
		j.ReviewEvery = jsonText(m.ReviewEvery.String())
	}
	if next, ok := m.NextReview(); ok {
		j.NextReview, j.ReviewOverdue = jsonText(next.String()), next.Before(b.now.Time)
	}
	if b.git != nil {
		if c, ok := b.git.files.Last(p.File); ok {
			j.LastChanged = jsonText(content.Day(c.Date).String())
		}
	}
	return j
}

// ownerJSONOf describes the owner r, or returns nil when there is none.
func ownerJSONOf(r content.Ref) *ownerJSON {
	switch {
	case r.IsZero():
		return nil
	case r.Person != nil:
		return &ownerJSON{ID: r.ID, Name: r.Person.Name, Kind: "person", Email: jsonText(r.Person.Email)}
	case r.Role != nil:
		return &ownerJSON{ID: r.ID, Name: r.Role.Name, Kind: "role"}
	}
	return &ownerJSON{ID: r.ID, Name: r.ID, Kind: "unknown"}
}

// jsonText returns a pointer to s, or nil (JSON null) when s is empty.
func jsonText(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
