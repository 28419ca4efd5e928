package content

import "strings"

// LinkScheme returns the lower-case URL scheme of dest, ignoring the spaces,
// control characters and entities browsers ignore ("java\tscript:").
func LinkScheme(dest string) string {
	var b strings.Builder
	for _, r := range dest {
		switch {
		case r == ':':
			return strings.ToLower(b.String())
		case r <= ' ' || r == 0x7f:
			continue
		case r == '/' || r == '?' || r == '#':
			return ""
		}
		b.WriteRune(r)
	}
	return ""
}
