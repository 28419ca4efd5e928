package generator

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
)

// newBenchSite makes a git repository with a site of pages pages under ten
// folders and tags v1..vN, each changing a tenth of the pages, plus one more
// commit after the last tag.
func newBenchSite(b *testing.B, pages, tags int) *gitSite {
	s := newGitSite(b)
	files := map[string]string{
		"handover.yaml":     "title: Bench\nlanguage: nl\n",
		"people.yaml":       "people:\n  - id: jdevries\n    name: Jan de Vries\n",
		"content/_index.md": "# Bench\n\nDe startpagina.\n",
	}
	for i := range pages {
		files[benchPage(i)] = benchText(i, 0)
	}
	s.commit(jan, novemberDay(1), "Eerste overdracht", files)
	for t := 1; t <= tags; t++ {
		s.git(jan, novemberDay(t), "tag", fmt.Sprintf("v%d", t))
		changed := map[string]string{}
		for i := t; i < pages; i += 10 {
			changed[benchPage(i)] = benchText(i, t)
		}
		s.commit(marieke, novemberDay(t+1), fmt.Sprintf("Wijziging %d", t), changed)
	}
	return s
}

func benchPage(i int) string { return fmt.Sprintf("content/deel-%d/pagina-%d.md", i%10, i) }

func benchText(i, rev int) string {
	return fmt.Sprintf("# Pagina %d\n\nDeze pagina beschrijft onderdeel %d, revisie %d.\n\n## Stappen\n\n"+
		"1. Open het systeem.\n2. Controleer de gegevens van stap %d.\n3. Leg het resultaat vast.\n\n"+
		"Zie ook [de volgende pagina](../deel-%d/pagina-%d.md).\n", i, i, rev, i, (i+1)%10, (i+1)%1000)
}

// BenchmarkVersions builds a 1000-page site with 5 tagged versions, without
// a version cache (cold) and with one that holds every version (cached).
func BenchmarkVersions(b *testing.B) {
	site := newBenchSite(b, 1000, 5)
	build := func(b *testing.B, cache string) {
		res, err := Build(context.Background(), Options{Site: site.dir, Destination: filepath.Join(b.TempDir(), "public"),
			Versions: true, CacheDir: cache, Now: versionsToday})
		if err != nil {
			b.Fatalf("Build: %v %v", err, res.Diagnostics)
		}
		b.ReportMetric(float64(res.Files), "files")
	}
	b.Run("current-only", func(b *testing.B) {
		for b.Loop() {
			res, err := Build(context.Background(), Options{Site: site.dir, Destination: filepath.Join(b.TempDir(), "public"), Now: versionsToday})
			if err != nil {
				b.Fatal(err, res.Diagnostics)
			}
		}
	})
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			build(b, "")
		}
	})
	b.Run("cached", func(b *testing.B) {
		cache := b.TempDir()
		build(b, cache)
		for b.Loop() {
			build(b, cache)
		}
	})
}
