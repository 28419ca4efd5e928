package content

import (
	"strings"
	"testing"
	"time"
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

// finishes runs f and fails the test when f has not returned after a
// minute. It guards against a hang, work superlinear in the input that
// takes hours on a megabyte, not against slowness.
func finishes(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatalf("%s has not finished after a minute: it takes time superlinear in the length of its input", what)
	}
}
