package output

import "github.com/handover-dev/handover/content"

// PagesJSONVersion is the version of the api/pages.json format; it changes
// only when a field changes meaning or goes away, not when one is added.
const PagesJSONVersion = 1

// PagesJSON is api/pages.json: every page of the site with what a reminder
// or dashboard needs, so that it can be built on the site without parsing
// its HTML. docs/extensions.md has its JSON schema.
type PagesJSON struct {
	Version   int        `json:"version"`
	Generated string     `json:"generated"` // the build's "today", YYYY-MM-DD
	Site      SiteJSON   `json:"site"`
	Pages     []PageJSON `json:"pages"`
}

// SiteJSON is the site in api/pages.json.
type SiteJSON struct {
	Title        string  `json:"title"`
	Language     string  `json:"language"`
	Organisation string  `json:"organisation"`
	BaseURL      *string `json:"base_url"`
}

// PageJSON is one page in api/pages.json.
type PageJSON struct {
	ID            string  `json:"id"`
	Title         string  `json:"title"`
	URL           string  `json:"url"`          // relative to the site root
	AbsoluteURL   *string `json:"absolute_url"` // with a base URL
	Type          string  `json:"type"`
	List          bool    `json:"list"` // the text of a folder's list page (the home page too)
	Owner         *Owner  `json:"owner"`
	Status        *string `json:"status"`
	Reviewed      *string `json:"reviewed"`
	ReviewEvery   *string `json:"review_every"`
	NextReview    *string `json:"next_review"`
	ReviewOverdue bool    `json:"review_overdue"` // next_review lies before generated
	LastChanged   *string `json:"last_changed"`   // from git
}

// Owner is a page's owner in api/pages.json.
type Owner struct {
	ID    string  `json:"id"`
	Name  string  `json:"name"`
	Kind  string  `json:"kind"` // person, role, or unknown (not in people.yaml)
	Email *string `json:"email"`
}

// NewOwner describes the owner r, or returns nil when there is none.
func NewOwner(r content.Ref) *Owner {
	switch {
	case r.IsZero():
		return nil
	case r.Person != nil:
		return &Owner{ID: r.ID, Name: r.Person.Name, Kind: "person", Email: JSONText(r.Person.Email)}
	case r.Role != nil:
		return &Owner{ID: r.ID, Name: r.Role.Name, Kind: "role"}
	}
	return &Owner{ID: r.ID, Name: r.ID, Kind: "unknown"}
}

// JSONText returns a pointer to s, or nil (JSON null) when s is empty.
func JSONText(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
