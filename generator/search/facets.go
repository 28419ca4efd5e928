package search

import (
	"sort"
	"strings"
)

// Facet data is one file per facet, search/g/<facet>.js, so that the search
// page loads only the facets it shows open or filters by: the type facet is
// a few dozen bytes, while the owners and tags of a 10,000-page site are
// tens of kilobytes that a first query should not pay for.
//
// Documents are numbered in (kind, owner, status) order (sortDocuments), so
// type and owner are short lists of runs of consecutive documents.

// facetFile is search/g/<facet>.js.
type facetFile struct {
	Names []string `json:"names"` // sorted values; "" is not listed
	// Runs holds, for a facet with one value per document, pairs of varints
	// (run length, value+1; 0 is no value); or, when that is smaller and
	// there are fewer than 63 values, "~" and one character per document
	// (value+1).
	Runs string `json:"runs,omitempty"`
	// Docs holds, for tags, each value's documents as deltas.
	Docs []string `json:"docs,omitempty"`
}

// facetNames are the facets, as named in the URL; engine.js has the same list.
var facetNames = []string{"type", "owner", "status", "tag"}

// newFacetFiles returns the data of each facet file, by facet name.
func newFacetFiles(docs []*Document) map[string]facetFile {
	single := map[string]func(*Document) string{
		"type":   func(d *Document) string { return d.Kind },
		"owner":  func(d *Document) string { return d.Owner },
		"status": func(d *Document) string { return d.Status },
	}
	out := map[string]facetFile{}
	for name, get := range single {
		names := distinct(docs, func(d *Document) []string { return []string{get(d)} })
		out[name] = facetFile{Names: names, Runs: encodeRuns(docs, indexOf(names), get)}
	}
	out["tag"] = tagFacet(docs)
	return out
}

// tagFacet lists the documents of each tag.
func tagFacet(docs []*Document) facetFile {
	f := facetFile{Names: distinct(docs, func(d *Document) []string { return d.Tags })}
	tagIdx := indexOf(f.Names)
	lists := make([][]int, len(f.Names))
	for i, d := range docs {
		seen := map[int]bool{}
		for _, t := range d.Tags {
			j, ok := tagIdx[t]
			if ok && j >= 0 && !seen[j] {
				seen[j] = true
				lists[j] = append(lists[j], i)
			}
		}
	}
	f.Docs = make([]string, len(lists))
	for j, l := range lists {
		f.Docs[j] = encodeIDs(l)
	}
	return f
}

// encodeRuns encodes the value of every document as runs, or densely when
// that is smaller.
func encodeRuns(docs []*Document, idx map[string]int, get func(*Document) string) string {
	var runs, dense strings.Builder
	dense.WriteByte(denseMark)
	small := len(idx) <= 63
	for i := 0; i < len(docs); {
		v := idx[get(docs[i])] + 1
		j := i + 1
		for j < len(docs) && get(docs[j]) == get(docs[i]) {
			j++
		}
		appendVarint(&runs, j-i)
		appendVarint(&runs, v)
		for ; small && i < j; i++ {
			appendDigit(&dense, v)
		}
		i = j
	}
	if small && dense.Len() < runs.Len() {
		return dense.String()
	}
	return runs.String()
}

// distinct returns the sorted non-empty values that get yields.
func distinct(docs []*Document, get func(*Document) []string) []string {
	set := map[string]bool{}
	for _, d := range docs {
		for _, v := range get(d) {
			if v != "" {
				set[v] = true
			}
		}
	}
	out := make([]string, 0, len(set))
	for v := range set {
		out = append(out, v)
	}
	sort.Strings(out)
	return out
}

// indexOf maps each value to its position; a missing value maps to -1.
func indexOf(values []string) map[string]int {
	m := map[string]int{"": -1}
	for i, v := range values {
		m[v] = i
	}
	return m
}
