package search

// The forms of postings from their encoded sparse form, as tests build them.

// denseForm returns the dense form of sparse postings over docs documents,
// or sparse when that is shorter.
func denseForm(sparse string, docs int) string {
	if len(sparse) <= docs {
		return sparse
	}
	ids, impacts := decodePostings(sparse)
	return denseOf(ids, impacts, docs)
}

// tieredForm returns the tiered form of sparse postings over docs documents.
func tieredForm(sparse string, docs int) string {
	ids, impacts := decodePostings(sparse)
	return tieredOf(ids, impacts, docs)
}
