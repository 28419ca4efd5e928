package search

import (
	"strconv"
	"strings"
)

// Title blocks let the search page show a link for every matching page at
// once, while it loads the fragments (snippets) of only the first screen:
// search/d/<i>.js holds, for titleBlockSize consecutive documents, the URL,
// title, breadcrumb and kind that a result line needs.

// titleBlockSize is how many documents one title block covers; engine.js
// reads it from the manifest.
const titleBlockSize = 128

// titleBlock is search/d/<i>.js.
type titleBlock struct {
	// Groups are the distinct [URL folder, breadcrumb joined with " › ",
	// kind] of the block's documents.
	Groups [][3]string `json:"g"`
	// Rows are, per document, [group, last URL segment, title]; the title is
	// "" when titleFromSlug of the segment gives it.
	Rows [][3]any `json:"r"`
}

// newTitleBlock describes docs.
func newTitleBlock(docs []*Document) titleBlock {
	b := titleBlock{Groups: [][3]string{}, Rows: make([][3]any, 0, len(docs))}
	groups := map[[3]string]int{}
	for _, d := range docs {
		dir, seg := splitURL(d.URL)
		g := [3]string{dir, strings.Join(d.Breadcrumb, " › "), d.Kind}
		n, ok := groups[g]
		if !ok {
			n = len(b.Groups)
			groups[g] = n
			b.Groups = append(b.Groups, g)
		}
		title := d.Title
		if title == titleFromSlug(seg) {
			title = ""
		}
		b.Rows = append(b.Rows, [3]any{n, seg, title})
	}
	return b
}

// splitURL splits a page URL into its folder and last segment, so that
// folder+segment is the URL again: "a/b/c/" → "a/b/", "c/".
func splitURL(u string) (dir, seg string) {
	i := strings.LastIndexByte(strings.TrimSuffix(u, "/"), '/')
	return u[:i+1], u[i+1:]
}

// titleFromSlug guesses a title from a URL segment as generated sites and
// people name their files: "1106-de-voornaamste/" → "De voornaamste".
// engine.js has the same function; only ASCII segments qualify.
func titleFromSlug(seg string) string {
	seg = strings.TrimSuffix(seg, "/")
	for i := 0; i < len(seg); i++ {
		if seg[i] >= 0x80 {
			return ""
		}
	}
	if i := strings.IndexByte(seg, '-'); i > 0 {
		if _, err := strconv.Atoi(seg[:i]); err == nil {
			seg = seg[i+1:]
		}
	}
	s := []byte(strings.ReplaceAll(seg, "-", " "))
	if len(s) > 0 && s[0] >= 'a' && s[0] <= 'z' {
		s[0] -= 'a' - 'A'
	}
	return string(s)
}
