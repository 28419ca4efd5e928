package a11y

import (
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// serveSite serves dir under prefix on 127.0.0.1, like an intranet web
// server that publishes the site in a sub-folder. Any request outside the
// prefix gets 404 and so shows up as a broken link.
func serveSite(t *testing.T, dir string) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle(prefix, http.StripPrefix(strings.TrimSuffix(prefix, "/"), http.FileServer(http.Dir(dir))))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// attrRe finds the href and src attributes of html/template output.
func attrRe() *regexp.Regexp {
	return regexp.MustCompile(`\s(?:href|src)="([^"]*)"`)
}

// idRe finds the id attributes, the targets of #fragments.
func idRe() *regexp.Regexp {
	return regexp.MustCompile(`\sid="([^"]*)"`)
}

// crawler walks a served site from its home page.
type crawler struct {
	t       *testing.T
	base    *url.URL
	client  *http.Client
	seen    map[string]bool            // fetched or queued URLs, without fragment
	ids     map[string]map[string]bool // ids per fetched HTML page
	wantIDs map[string][]string        // fragments linked per page: "from -> #id"
	queue   []string
	attrs   *regexp.Regexp
	idAttrs *regexp.Regexp
}

// checkCrawl crawls one site under prefix: every same-site href and src
// from the home page on must answer 200, stay under prefix, and every
// #fragment must name an id on its page.
func checkCrawl(t *testing.T, s *builtSite) {
	srv := serveSite(t, s.dir)
	base, _ := url.Parse(srv.URL + prefix)
	c := &crawler{t: t, base: base, client: srv.Client(), seen: map[string]bool{},
		ids: map[string]map[string]bool{}, wantIDs: map[string][]string{}, attrs: attrRe(), idAttrs: idRe()}
	c.enqueue(base, "(start)")
	for len(c.queue) > 0 {
		u := c.queue[0]
		c.queue = c.queue[1:]
		c.fetch(u)
	}
	c.checkFragments()
	if len(c.ids) < len(s.pages)-1 {
		t.Errorf("crawled only %d HTML pages; the site has at least %d page types", len(c.ids), len(s.pages))
	}
	t.Logf("crawled %d URLs, %d HTML pages", len(c.seen), len(c.ids))
}

// enqueue queues u, found on page from, unless it was seen already. Links
// that leave the prefix on this server are errors; other hosts and
// schemes (mailto:, tel:) are not followed.
func (c *crawler) enqueue(u *url.URL, from string) {
	if u.Scheme != "http" || u.Host != c.base.Host {
		if u.Scheme == "file" || u.Scheme == "https" && u.Host == c.base.Host {
			c.t.Errorf("%s: link %s leaves the site", from, u)
		}
		return
	}
	if !strings.HasPrefix(u.Path, prefix) {
		c.t.Errorf("%s: link %s escapes %s", from, u, prefix)
		return
	}
	key := *u
	key.Fragment, key.RawFragment = "", ""
	if u.Fragment != "" {
		c.wantIDs[key.String()] = append(c.wantIDs[key.String()], from+" -> #"+u.Fragment)
	}
	if !c.seen[key.String()] {
		c.seen[key.String()] = true
		c.queue = append(c.queue, key.String())
	}
}

// fetch gets one URL and queues the links of an HTML answer.
func (c *crawler) fetch(u string) {
	resp, err := c.client.Get(u)
	if err != nil {
		c.t.Errorf("%s: %v", u, err)
		return
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK {
		c.t.Errorf("%s: status %d %v", u, resp.StatusCode, err)
		return
	}
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		return
	}
	page := resp.Request.URL // after the file server's redirects
	ids := map[string]bool{}
	for _, m := range c.idAttrs.FindAllStringSubmatch(string(body), -1) {
		ids[html.UnescapeString(m[1])] = true
	}
	c.ids[u] = ids
	for _, m := range c.attrs.FindAllStringSubmatch(string(body), -1) {
		ref, err := page.Parse(html.UnescapeString(m[1]))
		if err != nil {
			c.t.Errorf("%s: bad link %q: %v", u, m[1], err)
			continue
		}
		c.enqueue(ref, strings.TrimPrefix(u, c.base.String()))
	}
}

// checkFragments reports the #fragments whose page has no such id. A
// fragment on a page that redirected is looked up under its final URL.
func (c *crawler) checkFragments() {
	keys := make([]string, 0, len(c.wantIDs))
	for k := range c.wantIDs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		ids, ok := c.ids[k]
		if !ok {
			continue // not HTML, or already reported as broken
		}
		for _, w := range c.wantIDs[k] {
			_, frag, _ := strings.Cut(w, " -> #")
			if !ids[frag] {
				c.t.Errorf("%s: no id %q on %s", w, frag, strings.TrimPrefix(k, c.base.String()))
			}
		}
	}
}
