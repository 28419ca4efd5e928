// Command searchbuild times search.Build on a site's pages, for
// bench/search.sh: it loads SITE with the content package, turns each page
// into a search document (sections split at Markdown headings, markup
// stripped roughly; the generator uses the rendered text instead) and
// builds the index RUNS times.
//
//	searchbuild -site /tmp/bench/corpus-10000 -runs 3
//
// It prints one JSON line: pages, median and min build time, µs per page,
// and the index's files and bytes.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/handover-dev/handover/content"
	"github.com/handover-dev/handover/generator/search"
)

func main() {
	site := flag.String("site", ".", "site folder")
	runs := flag.Int("runs", 3, "timed builds")
	flag.Parse()
	s, _ := content.Load(os.DirFS(*site), content.LoadOptions{Exclude: []string{"public"}})
	docs := make([]search.Document, 0, len(s.Pages))
	for _, p := range s.Pages {
		docs = append(docs, document(p))
	}
	var times []time.Duration
	var files map[string][]byte
	for range *runs {
		t0 := time.Now()
		var err error
		files, err = search.Build(docs, search.Options{SiteLanguage: s.Config.Language})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		times = append(times, time.Since(t0))
	}
	slices.Sort(times)
	bytes := 0
	for _, b := range files {
		bytes += len(b)
	}
	med := times[len(times)/2]
	out, _ := json.Marshal(map[string]any{
		"pages": len(docs), "runs": len(times), "median_s": med.Seconds(), "min_s": times[0].Seconds(),
		"us_per_page": float64(med.Microseconds()) / float64(max(len(docs), 1)),
		"index_files": len(files), "index_bytes": bytes,
	})
	fmt.Println(string(out))
}

var (
	heading = regexp.MustCompile(`(?m)^#{1,6}\s+(.*)$`)
	markup  = regexp.MustCompile("[*_`>|#\\[\\]()-]+|\\]\\([^)]*\\)")
)

// document describes page p as the generator does, from its Markdown.
func document(p *content.Page) search.Document {
	d := search.Document{URL: p.URL, Title: p.Title, Kind: string(p.Kind), Language: p.Meta.Language,
		Owner: p.Meta.Owner.Name(), Status: p.Meta.Status, Tags: p.Meta.Tags}
	if p.Meta.Owner.IsZero() {
		d.Owner = ""
	}
	body := string(p.Body)
	locs := heading.FindAllStringSubmatchIndex(body, -1)
	start, head := 0, ""
	for _, l := range append(locs, []int{len(body), len(body), len(body), len(body)}) {
		text := strings.Join(strings.Fields(markup.ReplaceAllString(body[start:l[0]], " ")), " ")
		d.Sections = append(d.Sections, search.Section{Anchor: content.Anchor(head), Heading: head, Text: text})
		head, start = body[l[2]:l[3]], l[1]
	}
	return d
}
