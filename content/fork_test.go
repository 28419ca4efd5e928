package content

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
)

// TestFork: a fork equals the site it was made from, value for value, and
// shares nothing with it that anyone may write: no page, person, role,
// RACI row or involvement, and no list of pointers or references.
func TestFork(t *testing.T) {
	sites, _ := filepath.Glob("../examples/*")
	corpora, _ := filepath.Glob("../../shared/corpora/*")
	sites = append(sites, corpora...)
	if len(sites) < 3 {
		t.Fatalf("only %d sites", len(sites))
	}
	for _, dir := range sites {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			continue
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			s, _ := Load(os.DirFS(dir), LoadOptions{})
			if len(s.Pages) == 0 {
				t.Skip("no pages") // a corpus without Markdown at its root; the others test the fork
			}
			f := s.Fork()
			if !reflect.DeepEqual(s, f.Site) {
				t.Fatal("the fork differs from the site")
			}
			old, now := writable(s), writable(f.Site)
			if len(old) < len(s.Pages) {
				t.Fatalf("the walk found %d writable values in %d pages", len(old), len(s.Pages))
			}
			for addr, what := range now {
				if was, shared := old[addr]; shared {
					t.Errorf("the fork shares %s with the site (%s there)", what, was)
				}
			}
			for _, p := range s.Pages {
				if q := f.Page(p); q == p || q == nil || q.Path != p.Path {
					t.Fatalf("Page(%s) = %p", p.Path, q)
				}
			}
		})
	}
}

// TestForkLeavesTheSite: writing everything a fork holds changes nothing
// of the site it was made from.
func TestForkLeavesTheSite(t *testing.T) {
	s, _ := Load(os.DirFS("../examples/nl-klantenservice"), LoadOptions{})
	before := fmt.Sprintf("%#v", s.Pages)
	want := writable(s)
	f := s.Fork()
	for _, p := range f.Site.Pages {
		p.Title = "changed"
		for i := range p.Meta.RACI {
			p.Meta.RACI[i].Activity = "changed"
		}
		for i := range p.Meta.Related {
			p.Meta.Related[i].ID = "changed"
		}
		for i := range p.ReferencedBy {
			p.ReferencedBy[i] = nil
		}
	}
	for _, v := range f.Site.Involved {
		v.Owns = nil
	}
	for _, p := range s.Pages {
		if p.Title == "changed" {
			t.Fatalf("%s: the fork's title is the site's", p.Path)
		}
	}
	if after := fmt.Sprintf("%#v", s.Pages); after != before {
		t.Error("writing the fork changed the site's pages")
	}
	if got := writable(s); !reflect.DeepEqual(slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want))) {
		t.Error("writing the fork changed what the site holds")
	}
}

// writable returns the address of every value reachable from s that a
// patch may write, with what it is: each page, person, role and
// involvement, each RACI row, and the backing array of each list that
// holds pointers or references.
func writable(s *Site) map[uintptr]string {
	out := map[uintptr]string{}
	type at struct {
		addr uintptr
		t    reflect.Type // a struct and its first field share an address
	}
	seen := map[at]bool{}
	watched := map[reflect.Type]bool{
		reflect.TypeFor[Page](): true, reflect.TypeFor[Person](): true, reflect.TypeFor[Role](): true,
		reflect.TypeFor[Involvement](): true,
	}
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		switch v.Kind() {
		case reflect.Pointer:
			if v.IsNil() {
				return
			}
			addr := v.Pointer()
			key := at{addr, v.Type()}
			if seen[key] {
				return
			}
			seen[key] = true
			if watched[v.Type().Elem()] {
				out[addr] = path
			}
			walk(v.Elem(), path)
		case reflect.Struct:
			for i := range v.NumField() {
				walk(v.Field(i), path+"."+v.Type().Field(i).Name)
			}
		case reflect.Slice:
			if v.IsNil() || v.Len() == 0 {
				return
			}
			if hasPointers(v.Type().Elem()) {
				out[v.Pointer()] = path + "[]"
			}
			if v.Type().Elem() == reflect.TypeFor[RACIRow]() {
				for i := range v.Len() {
					out[v.Index(i).Addr().Pointer()] = fmt.Sprintf("%s[%d] (a RACI row)", path, i)
				}
			}
			for i := range v.Len() {
				walk(v.Index(i), fmt.Sprintf("%s[%d]", path, i))
			}
		case reflect.Map:
			it := v.MapRange()
			for it.Next() {
				walk(it.Value(), fmt.Sprintf("%s[%v]", path, it.Key()))
			}
		}
	}
	walk(reflect.ValueOf(s), "site")
	return out
}

// hasPointers reports whether values of t hold a pointer to a page,
// person, role, RACI row or involvement.
func hasPointers(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer:
		switch t.Elem() {
		case reflect.TypeFor[Page](), reflect.TypeFor[Person](), reflect.TypeFor[Role](), reflect.TypeFor[RACIRow](), reflect.TypeFor[Involvement]():
			return true
		}
		return false
	case reflect.Struct:
		for i := range t.NumField() {
			if hasPointers(t.Field(i).Type) {
				return true
			}
		}
	case reflect.Slice, reflect.Array:
		return hasPointers(t.Elem())
	}
	return false
}

// BenchmarkFork forks the site at BENCH_SITE (default: the Dutch
// example): the dev server's cost of not writing the build before.
func BenchmarkFork(b *testing.B) {
	dir := os.Getenv("BENCH_SITE")
	if dir == "" {
		dir = "../examples/nl-klantenservice"
	}
	s, _ := Load(os.DirFS(dir), LoadOptions{})
	b.ReportMetric(float64(len(s.Pages)), "pages")
	b.ResetTimer()
	for range b.N {
		s.Fork()
	}
}
