package content

import (
	"strings"
	"unicode/utf8"
)

// validOutPath reports whether p is a safe relative output path: valid
// UTF-8, no leading '/', no empty, "." or ".." segment, and none of the
// characters Slug reserves.
func validOutPath(p string) bool {
	if p == "" || !utf8.ValidString(p) || strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00?#% ") {
		return false
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return false
		}
	}
	return true
}
