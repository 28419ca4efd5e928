package content

import (
	"path"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Anchor returns the readable id of a heading: lower case, diacritics
// removed, apostrophes dropped, words joined by '-'
// ("Risico's en maatregelen" → "risicos-en-maatregelen").
func Anchor(heading string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(heading) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// combining mark of a decomposed letter: drop it
		case r == 'ĳ' || r == 'Ĳ':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteString("ij")
			dash = false
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '’' || r == '‘' || r == '`':
			// "Risico's" reads as one word
		default:
			dash = true
		}
	}
	return norm.NFC.String(b.String())
}

// windowsReserved are file names no Windows share can hold, whatever the extension.
var windowsReserved = map[string]bool{
	"con": true, "prn": true, "aux": true, "nul": true,
	"com1": true, "com2": true, "com3": true, "com4": true, "com5": true, "com6": true, "com7": true, "com8": true, "com9": true,
	"lpt1": true, "lpt2": true, "lpt3": true, "lpt4": true, "lpt5": true, "lpt6": true, "lpt7": true, "lpt8": true, "lpt9": true,
}

// Slug turns one path segment (a file or folder name) into its URL form:
// NFC, lower case, spaces as '-', and characters that URLs or some file
// systems reserve replaced, so every OS and web server sees one URL.
func Slug(segment string) string {
	var b strings.Builder
	dash := false
	// NFC before lowering too: some letters lower differently composed
	// and decomposed ("İ" and "I\u0307"), which would give one name two URLs.
	for _, r := range norm.NFC.String(strings.ToLower(norm.NFC.String(segment))) {
		if unicode.Is(unicode.Cf, r) {
			continue // zero-width and bidi controls would make look-alike URLs
		}
		if unicode.IsSpace(r) || unicode.IsControl(r) || strings.ContainsRune(`#?%"'<>:|*\/&+=;,[]{}^~`+"`", r) || r == unicode.ReplacementChar {
			dash = true
			continue
		}
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		b.WriteRune(r)
	}
	// Dropping a character may leave combining marks that compose now.
	s := strings.Trim(norm.NFC.String(b.String()), ".-")
	if s == "" {
		return "_"
	}
	if stem, _, _ := strings.Cut(s, "."); windowsReserved[stem] {
		s = "_" + s
	}
	return s
}

// URLOf returns the output URL (a slash path ending in '/', "" for the home
// page) of the content file at rel, a slash path under content/.
func URLOf(rel string) string {
	dir, file := path.Split(rel)
	stem := strings.TrimSuffix(file, path.Ext(file))
	var parts []string
	for _, seg := range strings.Split(strings.Trim(dir, "/"), "/") {
		if seg != "" {
			parts = append(parts, Slug(seg))
		}
	}
	if !isFolderPage(stem) {
		parts = append(parts, Slug(stem))
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, "/") + "/"
}

// StaticPath returns the output path of a static file at rel: each folder
// and the file's stem slugged, the extension kept in lower case.
func StaticPath(rel string) string {
	segs := strings.Split(rel, "/")
	for i, s := range segs {
		if i == len(segs)-1 {
			ext := path.Ext(s)
			stem := strings.TrimSuffix(s, ext)
			if ext != "" {
				ext = "." + Slug(ext[1:])
			}
			segs[i] = Slug(stem) + ext
			continue
		}
		segs[i] = Slug(s)
	}
	return strings.Join(segs, "/")
}

// isFolderPage reports whether a page file's name without .md makes it
// the page of its folder: _index; index and README, as MkDocs, Docusaurus,
// GitHub and GitLab show a folder; and index.html, as Middleman names a
// folder's page (index.html.md), whose SPEC path, FOLDER/index.html/
// index.html, would need a folder where the folder's own page is written.
func isFolderPage(stem string) bool {
	return folderPageRank(stem) > 0
}

// folderPageRank orders the names of a folder's page when a folder has
// more than one: the highest is the folder's page, the others are
// duplicates. _index.md is handover's own, index.md what MkDocs prefers
// over README.md; 0 means the name is no folder's page.
func folderPageRank(stem string) int {
	switch {
	case stem == "_index":
		return 4
	case strings.EqualFold(stem, "index"):
		return 3
	case strings.EqualFold(stem, "index.html"):
		return 2
	case strings.EqualFold(stem, "readme"):
		return 1
	}
	return 0
}
