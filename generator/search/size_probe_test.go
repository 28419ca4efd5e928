package search

import (
	"strings"
	"testing"
	"time"
)

func TestProbeSizes(t *testing.T) {
	for _, n := range []int{1000, 10000} {
		docs := synthDocs(t, n)
		start := time.Now()
		files, err := Build(docs, Options{SiteLanguage: "nl"})
		if err != nil {
			t.Fatal(err)
		}
		el := time.Since(start)
		var total, shards, frags, nshards int
		for p, b := range files {
			total += len(b)
			if strings.HasPrefix(p, "search/t/") {
				shards += len(b)
				nshards++
			}
			if strings.HasPrefix(p, "search/f/") {
				frags += len(b)
			}
		}
		t.Logf("n=%d build=%v per page=%v total=%d shards=%d (%d files) frags=%d manifest=%d facets=%d", n, el, el/time.Duration(n), total, shards, nshards, frags, len(files["search/manifest.js"]), len(files["search/facets.js"]))
	}
}
