package publish

import (
	"os"
	"path/filepath"
	"strings"
)

// exchangeByRename swaps two folders with two renames: the fallback where
// the file system cannot exchange atomically. Between the renames the old
// site stays complete under a hidden name, and the next build cleans it.
func exchangeByRename(a, b string) error {
	old := filepath.Join(filepath.Dir(b), "."+filepath.Base(b)+".old-"+strings.TrimPrefix(filepath.Base(a), "."))
	if err := os.Rename(b, old); err != nil {
		return err
	}
	if err := os.Rename(a, b); err != nil {
		_ = os.Rename(old, b)
		return err
	}
	return os.Rename(old, a)
}
