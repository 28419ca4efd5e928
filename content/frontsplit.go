package content

import "bytes"

// SplitFrontMatter cuts a page's source into its YAML front matter (nil
// when it has none) and its body, as Load does, and returns the line on
// which the body starts. Line endings are normalised to LF first; ok is
// false for front matter that is not closed.
func SplitFrontMatter(src []byte) (fm, body []byte, bodyLine int, ok bool) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	return splitFrontMatter(src)
}
