package generator

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// TestNavTreeLargeSite builds a site above navFullPages: a page carries
// the tree of its own top-level folder only (the others are links), a
// folder of more pages than navWindowLarge lists that many around the
// page and links to the rest, and a subfolder off the page's path is a
// link. So a page's navigation does not grow with the site.
func TestNavTreeLargeSite(t *testing.T) {
	fsys := fstest.MapFS{"handover.yaml": {Data: []byte("title: Groot\n")}}
	add := func(p, title string) {
		fsys["content/"+p] = &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\n---\nTekst.\n")}
	}
	for i := range 300 {
		add(fmt.Sprintf("handboek/p%03d.md", i), fmt.Sprintf("Handboek %03d", i))
	}
	for i := range 150 {
		add(fmt.Sprintf("archief/a%03d.md", i), fmt.Sprintf("Archief %03d", i))
	}
	add("handboek/sub/s.md", "Sub")
	add("handboek/ander/x.md", "Ander")
	b := buildArchiveFS(t, fsys)
	if b.err != nil {
		t.Fatal(b.err)
	}
	page := string(b.files["handboek/p150/index.html"])
	nav := page[strings.Index(page, `<nav class="site-nav"`):]
	nav = nav[:strings.Index(nav, "</nav>")]
	links := regexp.MustCompile(`>Handboek (\d{3})</a>`).FindAllStringSubmatch(nav, -1)
	if len(links) != navWindowLarge || links[0][1] != "138" || links[len(links)-1][1] != "161" {
		t.Errorf("the tree of a page in a folder of 300 lists %d pages (%v … %v), want the %d around it (138 … 161)", len(links), links[0], links[len(links)-1], navWindowLarge)
	}
	for _, want := range []string{
		`<a href="../index.html">Alle pagina&#39;s (300)</a>`,                      // the rest of the folder
		`<a href="index.html" aria-current="page">Handboek 150</a>`,                // the page
		`<li class="nav-section"><a href="../../archief/index.html">Archief <span`, // another folder: a link
		`<li class="nav-folder"><a href="../sub/index.html">Sub <span class="count">1</span></a></li>`,
	} {
		if !strings.Contains(nav, want) {
			t.Errorf("the navigation has no %s", want)
		}
	}
	if strings.Contains(nav, "Archief 000") {
		t.Error("the navigation lists the pages of another top-level folder")
	}
	// Every page's navigation is bounded, however large its folder.
	for name, data := range b.files {
		html := string(data)
		i := strings.Index(html, `<nav class="site-nav"`)
		if !strings.HasSuffix(name, ".html") || i < 0 {
			continue
		}
		if n := strings.Count(html[i:i+strings.Index(html[i:], "</nav>")], `<li`); n > 2*navWindowLarge {
			t.Errorf("the navigation of %s has %d entries", name, n)
		}
	}
	// The page of a subfolder opens its way there.
	sub := string(b.files["handboek/sub/s/index.html"])
	if !strings.Contains(sub, `<details open><summary>Sub <span class="count">1</span></summary>`) ||
		!strings.Contains(sub, `<li class="nav-folder"><a href="../../ander/index.html">Ander`) {
		t.Error("the page of a subfolder does not show its folder open and the other subfolder as a link")
	}
}
