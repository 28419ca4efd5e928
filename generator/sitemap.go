package generator

import (
	"github.com/handover-dev/handover/generator/output"
)

// writeSitemap writes sitemap.xml with the absolute URL of every page, when
// the site has a base URL and lets search engines index its pages (see
// output.SitemapBase); otherwise it writes nothing and the build says why.
func (b *builder) writeSitemap(sink Sink) error {
	base, _ := output.SitemapBase(&b.site.Config, b.opts.BaseURL)
	if base == "" || len(b.site.Pages) == 0 {
		return nil
	}
	urls := make([]output.SitemapURL, 0, len(b.site.Pages))
	for _, p := range b.site.Pages {
		u := output.SitemapURL{Loc: base + relPath("", pageOut(p))}
		if !p.Meta.Reviewed.IsZero() {
			u.Lastmod = p.Meta.Reviewed.String()
		}
		urls = append(urls, u)
	}
	for _, f := range output.SitemapFiles(base, urls, output.MaxSitemapURLs) {
		if err := sink.Write(f.Name, f.Data); err != nil {
			return err
		}
	}
	return nil
}
