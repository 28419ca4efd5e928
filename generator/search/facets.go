package search

import (
	"sort"
	"strings"
)

// facets is search/facets.js. Documents are numbered in (kind, owner,
// status) order (sortDocuments), so those three facets are a list of runs of
// consecutive documents; tags, which a page has several of, are a list of
// documents per tag.
type facets struct {
	Kinds    []string `json:"kinds"`    // "" is not listed either
	Owners   []string `json:"owners"`   // "" is not listed: index 0 in runs means none
	Statuses []string `json:"statuses"` // likewise
	// Runs holds, per run, 4 varints: length, kind+1, owner+1, status+1.
	Runs    string   `json:"runs"`
	Tags    []string `json:"tags"`
	TagDocs []string `json:"tagDocs"` // per tag, its documents as deltas
}

func newFacets(docs []*Document) facets {
	f := facets{
		Kinds:    distinct(docs, func(d *Document) []string { return []string{d.Kind} }),
		Owners:   distinct(docs, func(d *Document) []string { return []string{d.Owner} }),
		Statuses: distinct(docs, func(d *Document) []string { return []string{d.Status} }),
		Tags:     distinct(docs, func(d *Document) []string { return d.Tags }),
	}
	f.Runs = encodeRuns(docs, f)
	tagIdx := indexOf(f.Tags)
	lists := make([][]int, len(f.Tags))
	for i, d := range docs {
		seen := map[int]bool{}
		for _, t := range d.Tags {
			if j := tagIdx[t]; !seen[j] {
				seen[j] = true
				lists[j] = append(lists[j], i)
			}
		}
	}
	f.TagDocs = make([]string, len(lists))
	for j, l := range lists {
		f.TagDocs[j] = encodeIDs(l)
	}
	return f
}

// encodeRuns encodes the runs of documents with one kind, owner and status.
func encodeRuns(docs []*Document, f facets) string {
	kinds, owners, statuses := indexOf(f.Kinds), indexOf(f.Owners), indexOf(f.Statuses)
	var b strings.Builder
	for i := 0; i < len(docs); {
		j := i + 1
		for j < len(docs) && docs[j].Kind == docs[i].Kind &&
			docs[j].Owner == docs[i].Owner && docs[j].Status == docs[i].Status {
			j++
		}
		appendVarint(&b, j-i)
		appendVarint(&b, kinds[docs[i].Kind]+1)
		appendVarint(&b, owners[docs[i].Owner]+1)
		appendVarint(&b, statuses[docs[i].Status]+1)
		i = j
	}
	return b.String()
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
