package content

import (
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// TestEditDistanceBelow compares the banded edit distance with the full
// one on random words, for every limit.
func TestEditDistanceBelow(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	word := func() string {
		b := make([]byte, rng.IntN(12))
		for i := range b {
			b[i] = "abc"[rng.IntN(3)]
		}
		return string(b)
	}
	for range 5000 {
		a, b := word(), word()
		full := EditDistance(a, b)
		for limit := range 14 {
			if got := EditDistanceBelow(a, b, limit); got != min(full, limit) {
				t.Fatalf("EditDistanceBelow(%q, %q, %d) = %d, want %d (distance %d)", a, b, limit, got, min(full, limit), full)
			}
		}
	}
}

// TestSuggestMegabyteNames loads a site whose people, page ids and
// references are names of a megabyte, each reference one letter away from
// a name that exists. The suggestions compare the names: with the full
// edit distance, time quadratic in their length, hours for a megabyte.
func TestSuggestMegabyteNames(t *testing.T) {
	w := strings.Repeat("ay", 1<<19)
	var ds Diagnostics
	finishes(t, "Load", func() {
		_, ds = loadFiles(map[string]string{
			"people.yaml":           "people:\n  - id: " + w + "\n",
			"content/notes/p.md":    "---\ntitle: P\nowner: " + w + "x\nrelated: [" + w + "y]\n---\n",
			"content/notes/long.md": "---\ntitle: Long\nid: " + w + "\n---\n",
		})
	})
	for _, want := range []struct {
		line int
		what string
	}{{3, "person or role"}, {4, "id of a page"}} {
		found := false
		for _, d := range ds {
			found = found || d.Rule == RuleUnknownRef && d.Pos.Line == want.line && strings.Contains(d.Message, want.what) &&
				strings.HasSuffix(d.Message, `(did you mean "`+w+`"?)`)
		}
		if !found {
			t.Errorf("no unknown-reference with a suggestion at line %d", want.line)
		}
	}
}

// TestAnchorSlugMegabyteWord makes the heading id, the URL and the static
// path of a word of a megabyte.
func TestAnchorSlugMegabyteWord(t *testing.T) {
	for _, pattern := range []string{"Ay", "Éa", "Ĳs", "a'", norm.NFD.String("ö")} {
		w := strings.Repeat(pattern, (1<<20)/len(pattern))
		finishes(t, "Anchor, Slug, URLOf and StaticPath", func() {
			if a := Anchor(w); len(a) < len(w)/4 || strings.Contains(a, "-") {
				t.Errorf("Anchor of a megabyte of %q is %d bytes: %.40q", pattern, len(a), a)
			}
			if s := Slug(w); len(s) < len(w)/4 {
				t.Errorf("Slug of a megabyte of %q is %d bytes", pattern, len(s))
			}
			if u := URLOf("notes/" + w + ".md"); !strings.HasPrefix(u, "notes/") || len(u) < len(w)/4 {
				t.Errorf("URLOf a megabyte of %q is %d bytes", pattern, len(u))
			}
			if p := StaticPath("img/" + w + ".PNG"); !strings.HasSuffix(p, ".png") {
				t.Errorf("StaticPath of a megabyte of %q ends %q", pattern, p[max(0, len(p)-10):])
			}
		})
	}
}
