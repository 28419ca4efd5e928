package search

import (
	"testing"
)

// BenchmarkBuild10k builds the index of 10,000 synthetic pages and reports
// the time per page and the index size.
func BenchmarkBuild10k(b *testing.B) {
	docs := synthDocs(b, 10000)
	var total int
	for b.Loop() {
		files, err := Build(docs, Options{SiteLanguage: "nl"})
		if err != nil {
			b.Fatal(err)
		}
		total = 0
		for _, f := range files {
			total += len(f)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/10000, "µs/page")
	b.ReportMetric(float64(total), "index-bytes")
}
