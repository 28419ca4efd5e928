package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/dutch"
	"github.com/blevesearch/snowballstem/english"
	"golang.org/x/text/unicode/norm"
)

// The text pipeline below is mirrored line by line in
// themes/default/assets/search/engine.js (fold, words, normalizeDutch,
// stopWords); the stemmer agreement test and the browser tests keep the two
// in step.

// specialFold returns the ASCII spelling of letters that NFKD does not
// decompose, or "" for any other rune.
func specialFold(r rune) string {
	switch r {
	case 'ß':
		return "ss"
	case 'æ':
		return "ae"
	case 'œ':
		return "oe"
	case 'ø':
		return "o"
	case 'ł':
		return "l"
	case 'đ', 'ð':
		return "d"
	case 'þ':
		return "th"
	}
	return ""
}

// fold lower-cases s, removes diacritics (coördinatie → coordinatie) and
// expands ligatures (ĳ → ij).
func fold(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	// Text in Latin letters is folded a letter at a time from a table:
	// lower-casing and decomposing work on each letter alone, and the
	// marks that decomposing reorders are the marks folding drops.
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
		case r < latinEnd:
			b.WriteString(latinFold[r-utf8.RuneSelf])
		default:
			return foldAny(s)
		}
	}
	return b.String()
}

// latinEnd ends the letters that latinFold folds: Latin-1, Latin
// Extended-A and -B.
const latinEnd = 0x250

var latinFold = func() (t [latinEnd - utf8.RuneSelf]string) {
	for r := rune(utf8.RuneSelf); r < latinEnd; r++ {
		t[r-utf8.RuneSelf] = foldAny(string(r))
	}
	return t
}()

// foldAny is fold for any text: decompose, then drop the marks.
func foldAny(s string) string {
	s = norm.NFKD.String(strings.ToLower(s))
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if rep := specialFold(r); rep != "" {
			b.WriteString(rep)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// words splits already folded text into runs of letters and digits, dropping
// single letters (a digit alone is kept: decision "5") and cutting long
// words to maxWord letters.
func words(folded string) []string {
	out := make([]string, 0, len(folded)/6+1) // a word and its separator are about 7 bytes
	start := -1
	for i := 0; i < len(folded); {
		c, size := folded[i], 1
		var inWord bool
		if c < utf8.RuneSelf {
			inWord = 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || 'A' <= c && c <= 'Z'
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(folded[i:])
			inWord = unicode.IsLetter(r) || unicode.IsNumber(r)
		}
		if inWord {
			if start < 0 {
				start = i
			}
			i += size
			continue
		}
		if start >= 0 {
			out = appendWord(out, folded[start:i])
			start = -1
		}
		i += size
	}
	if start >= 0 {
		out = appendWord(out, folded[start:])
	}
	return out
}

func appendWord(out []string, w string) []string {
	if utf8.RuneCountInString(w) == 1 && !isDigits(w) {
		return out
	}
	return append(out, cutWord(w))
}

// maxWord is how many letters of a word the index and queries use: a
// longer word counts as its first maxWord letters. No language has words
// that long, and what comes after a word (stemming, the compound split,
// the shard boundaries) takes time superlinear in its length: the
// Snowball stemmers copy the word for each letter they change, so one
// word of a megabyte would take hours. engine.js cuts words the same way.
const maxWord = 64

// cutWord returns w cut to its first maxWord runes.
func cutWord(w string) string {
	if len(w) <= maxWord {
		return w
	}
	n := 0
	for i := range w {
		if n == maxWord {
			return w[:i]
		}
		n++
	}
	return w
}

func isDigits(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return w != ""
}

// tokenize folds text and returns its words without stop words.
func tokenize(text string) []string {
	ws := words(fold(text))
	out := ws[:0]
	for _, w := range ws {
		if !stopWords[w] {
			out = append(out, w)
		}
	}
	return out
}

// normalizeDutch rewrites plurals of words in -ie that the Dutch Snowball
// stemmer leaves alone (werkinstructies, categorieen) to their singular, so
// they meet the singular in the index.
func normalizeDutch(w string) string {
	n := utf8.RuneCountInString(w)
	switch {
	case n >= 6 && strings.HasSuffix(w, "ies"):
		return w[:len(w)-1]
	case n >= 7 && strings.HasSuffix(w, "ieen"):
		return w[:len(w)-2]
	}
	return w
}

// stemmer stems folded words in one language and remembers its answers.
// It is not safe for concurrent use.
type stemmer struct {
	lang  string
	env   *snowballstem.Env
	cache map[string]string
}

func newStemmer(lang string) *stemmer {
	if lang != "en" {
		lang = "nl"
	}
	return &stemmer{lang: lang, env: snowballstem.NewEnv(""), cache: map[string]string{}}
}

// stem returns the index term of the folded word w.
func (s *stemmer) stem(w string) string {
	if t, ok := s.cache[w]; ok {
		return t
	}
	t := w
	if !isDigits(w) {
		t = snowball(s.env, s.lang, w)
	}
	s.cache[w] = t
	return t
}

// snowball runs the Snowball algorithm of lang over w (after the Dutch
// plural rule for nl).
func snowball(env *snowballstem.Env, lang, w string) string {
	if lang == "en" {
		env.SetCurrent(w)
		english.Stem(env)
		return env.Current()
	}
	env.SetCurrent(normalizeDutch(w))
	dutch.Stem(env)
	return dutchStemEnd(env.Current())
}

// dutchStemEnd rewrites a Dutch stem that ends in v or z, the stem of a
// plural such as steekproeven or reizen, to end in f or s, as its singular
// does (steekproef, reis): the Snowball stemmer leaves the two apart.
func dutchStemEnd(t string) string {
	if n := len(t); utf8.RuneCountInString(t) >= 3 {
		switch t[n-1] {
		case 'v':
			return t[:n-1] + "f"
		case 'z':
			return t[:n-1] + "s"
		}
	}
	return t
}

// trimZeros returns the number w without leading zeros ("0005" → "5"), or ""
// when w is not a number with leading zeros.
func trimZeros(w string) string {
	if !isDigits(w) || w[0] != '0' {
		return ""
	}
	t := strings.TrimLeft(w, "0")
	if t == "" {
		return "0"
	}
	return t
}

// stopWords are left out of the index and out of queries: they occur on
// nearly every page and would make the shards a query touches large. The map
// is filled once here and only read afterwards.
var stopWords = func() map[string]bool {
	const list = `de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er
maar om hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar
naar heb hoe heeft hebben deze want nog zal me zij nu ge geen omdat iets worden toch al waren
veel meer doen toen moet ben zonder kan hun dus alles onder ja eens hier wie werd altijd doch
wordt wezen kunnen ons zelf tegen na reeds wil kon niets uw iemand geweest andere wel
the an and or of to is are was were be been being for on at by with as its this that these
those from but not no if then than so we you he she they our your their his her them will
would can could should do does did has have had there which who what when where how all any
each into about also may must shall`
	m := map[string]bool{}
	for _, w := range strings.Fields(list) {
		m[w] = true
	}
	return m
}()
