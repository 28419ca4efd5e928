package output

import (
	"bytes"
	"cmp"
	"fmt"
	"html"
	"net/url"
	"strings"

	"github.com/handover-dev/handover/content"
)

// MaxSitemapURLs is the most URLs one sitemap file may list (sitemaps.org);
// a larger site gets a sitemap index pointing at several files.
const MaxSitemapURLs = 50000

// SitemapURL is one <url> of a sitemap.
type SitemapURL struct {
	Loc, Lastmod string
}

// IsSitemap reports whether name is a file of the sitemap the generator writes:
// sitemap.xml, and sitemap-N.xml beside it when the site is split.
func IsSitemap(name string) bool {
	n, ok := strings.CutPrefix(name, "sitemap-")
	return name == "sitemap.xml" || ok && strings.HasSuffix(n, ".xml") && strings.Trim(strings.TrimSuffix(n, ".xml"), "0123456789") == ""
}

// SitemapFile is one file of a sitemap.
type SitemapFile struct {
	Name string
	Data []byte
}

// SitemapFiles returns the sitemap of urls: sitemap.xml alone when it
// holds at most limit URLs, else sitemap-1.xml, sitemap-2.xml, … of limit
// URLs each and then sitemap.xml, their index.
func SitemapFiles(base string, urls []SitemapURL, limit int) []SitemapFile {
	if len(urls) <= limit {
		return []SitemapFile{{"sitemap.xml", urlset(urls)}}
	}
	var files []SitemapFile
	var index bytes.Buffer
	index.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for i := 0; i*limit < len(urls); i++ {
		name := fmt.Sprintf("sitemap-%d.xml", i+1)
		files = append(files, SitemapFile{name, urlset(urls[i*limit : min(len(urls), (i+1)*limit)])})
		fmt.Fprintf(&index, "  <sitemap><loc>%s</loc></sitemap>\n", html.EscapeString(base+name))
	}
	index.WriteString("</sitemapindex>\n")
	return append(files, SitemapFile{"sitemap.xml", index.Bytes()})
}

// urlset returns one sitemap file listing urls.
func urlset(urls []SitemapURL) []byte {
	var buf bytes.Buffer
	buf.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, u := range urls {
		fmt.Fprintf(&buf, "  <url><loc>%s</loc>", html.EscapeString(u.Loc))
		if u.Lastmod != "" {
			fmt.Fprintf(&buf, "<lastmod>%s</lastmod>", u.Lastmod)
		}
		buf.WriteString("</url>\n")
	}
	buf.WriteString("</urlset>\n")
	return buf.Bytes()
}

// SitemapBase returns the absolute URL, ending in "/", that sitemap.xml
// lists the pages under: baseURL (--base-url) or else base_url of
// handover.yaml. It returns "" and the reason when the build writes no
// sitemap: the sitemap protocol allows only absolute URLs, and a sitemap
// asks search engines to index the pages, which the robots value of every
// page (noindex, nofollow unless robots: says otherwise) may forbid.
func SitemapBase(cfg *content.Config, baseURL string) (base, why string) {
	base = cmp.Or(baseURL, cfg.BaseURL)
	if noIndex(cfg.Robots) {
		return "", fmt.Sprintf("no sitemap.xml: the pages tell search engines %q (robots in handover.yaml)", cfg.Robots)
	}
	if base == "" {
		return "", "no sitemap.xml: a sitemap needs the site's absolute URL (base_url in handover.yaml, or --base-url)"
	}
	if !AbsoluteURL(base) {
		return "", fmt.Sprintf("no sitemap.xml: base URL %q is not absolute", base)
	}
	return AbsoluteBase(base), ""
}

// AbsoluteBase returns the absolute URL u ending in "/", or "" when u is
// not absolute.
func AbsoluteBase(u string) string {
	if !AbsoluteURL(u) {
		return ""
	}
	return strings.TrimSuffix(u, "/") + "/"
}

// noIndex reports whether a robots meta value keeps pages out of search
// engines' indexes.
func noIndex(robots string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(robots), func(r rune) bool { return r == ',' || r == ' ' }) {
		if w == "noindex" || w == "none" {
			return true
		}
	}
	return false
}

// AbsoluteURL reports whether s is an absolute http or https URL with a
// host, as a base URL must be.
func AbsoluteURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && u.RawQuery == "" && u.Fragment == ""
}

// SitemapNote says why a build of a site with cfg and --base-url baseURL
// writes no sitemap.xml, or returns "" when it writes one.
func SitemapNote(cfg *content.Config, baseURL string) string {
	_, why := SitemapBase(cfg, baseURL)
	return why
}
