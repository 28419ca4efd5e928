package generator

import (
	"context"
	"os"
	"testing"

	"github.com/handover-dev/handover/generator/output"
	"github.com/handover-dev/handover/generator/render"
)

// Benchmarks of the build's hot paths. They run on the site in BENCH_SITE
// (a corpus of ../shared/bench/gencorpus.py, for example /tmp/corpus-1k)
// and skip without it; bench/build.sh makes the corpora.

func benchSite(b *testing.B) string {
	site := os.Getenv("BENCH_SITE")
	if site == "" {
		b.Skip("BENCH_SITE is not set; see bench/build.sh")
	}
	return site
}

// BenchmarkBuild1k is a whole build into memory (no file writes).
func BenchmarkBuild1k(b *testing.B) {
	site := benchSite(b)
	for b.Loop() {
		if _, err := Build(context.Background(), Options{Site: site, Now: sessionNow, Sink: output.Discard{}}); err != nil {
			b.Fatal(err)
		}
	}
}

// prepared loads and renders the bench site once.
func prepared(b *testing.B) *builder {
	site := benchSite(b)
	bl, _, err := prepare(context.Background(), Options{Site: site, Now: sessionNow, Sink: output.Discard{}}, nil)
	if err != nil {
		b.Fatal(err)
	}
	return bl
}

// BenchmarkRenderBody renders every page body with a fresh highlight
// cache per iteration, as a cold build does.
func BenchmarkRenderBody(b *testing.B) {
	bl := prepared(b)
	for b.Loop() {
		bl.hl = render.NewHighlighter()
		bl.md = render.NewMarkdown(bl.site.Config.Unsafe, bl.hl)
		for _, p := range bl.site.Pages {
			bl.renderBody(p)
		}
	}
	b.ReportMetric(float64(len(bl.site.Pages)), "pages/op")
}

// BenchmarkWriteSite writes every output of a rendered site into memory.
func BenchmarkWriteSite(b *testing.B) {
	bl := prepared(b)
	for b.Loop() {
		if err := bl.writeSite(context.Background(), output.Discard{}); err != nil {
			b.Fatal(err)
		}
	}
}
