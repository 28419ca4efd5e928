package history

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Cache keeps the output of versions already built, one directory per key
// below Dir, so that a build with many tags only builds the new ones. Entries
// appear whole or not at all, and the cache is safe to delete at any time.
type Cache struct {
	Dir string
}

// tmpPrefix starts the names of entries still being written.
const tmpPrefix = ".tmp-"

// Key returns the cache key of a version built from parts: the tag's commit
// hash, the generator version, and a hash of the theme and settings, say.
// Any change in a part gives another key.
func Key(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		// The length prefix keeps ("ab", "c") and ("a", "bc") apart.
		fmt.Fprintf(h, "%d:%s;", len(p), p)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// validKey reports whether key can name an entry: a single path element
// that is not hidden.
func validKey(key string) bool {
	return key != "" && !strings.HasPrefix(key, ".") && !strings.ContainsAny(key, `/\:`) &&
		filepath.IsLocal(key)
}

// Get returns the directory that holds the files stored under key, and
// whether there is one.
func (c Cache) Get(key string) (string, bool) {
	if !validKey(key) {
		return "", false
	}
	dir := filepath.Join(c.Dir, key)
	info, err := os.Stat(dir)
	return dir, err == nil && info.IsDir()
}

// Put stores files (slash paths as in io/fs, to contents) under key. It
// writes them to a temporary directory and renames that into place, so a
// reader never sees half an entry. When another build stored the key first,
// that entry is kept.
func (c Cache) Put(key string, files map[string][]byte) (err error) {
	if !validKey(key) {
		return fmt.Errorf("cache put: invalid key %q", key)
	}
	if err := os.MkdirAll(c.Dir, 0o755); err != nil {
		return fmt.Errorf("cache put: %w", err)
	}
	tmp, err := os.MkdirTemp(c.Dir, tmpPrefix)
	if err != nil {
		return fmt.Errorf("cache put: %w", err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	for name, data := range files {
		if err := writeEntryFile(tmp, name, data); err != nil {
			return fmt.Errorf("cache put %s: %w", key, err)
		}
	}
	// Other readers open only complete entries, so the permissions of the
	// temporary directory are relaxed only now.
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("cache put %s: %w", key, err)
	}
	if err := os.Rename(tmp, filepath.Join(c.Dir, key)); err != nil {
		if _, ok := c.Get(key); ok {
			return os.RemoveAll(tmp)
		}
		return fmt.Errorf("cache put %s: %w", key, err)
	}
	return nil
}

// writeEntryFile writes one file of an entry below dir.
func writeEntryFile(dir, name string, data []byte) error {
	if !fs.ValidPath(name) || name == "." {
		return fmt.Errorf("invalid file name %q", name)
	}
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}

// useAfter is how old an entry's time may get before Use sets it again.
const useAfter = time.Hour

// Use records that a build needs the entry under key: it sets the entry's
// time when that is over an hour old, so that Trim keeps the entry.
func (c Cache) Use(key string) {
	if !validKey(key) {
		return
	}
	dir := filepath.Join(c.Dir, key)
	if info, err := os.Stat(dir); err == nil && info.IsDir() && time.Since(info.ModTime()) > useAfter {
		now := time.Now()
		_ = os.Chtimes(dir, now, now)
	}
}

// Trim removes the entries (keys made by Key) that are not in keep and that
// no build has used for age, and leftovers of writes interrupted over an
// hour ago; other files in Dir are left alone. Builds sharing Dir keep their
// entries by using them. A missing Dir is not an error.
func (c Cache) Trim(age time.Duration, keep ...string) error {
	entries, err := os.ReadDir(c.Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("cache trim: %w", err)
	}
	kept := map[string]bool{}
	for _, k := range keep {
		kept[k] = true
	}
	for _, e := range entries {
		name := e.Name()
		if kept[name] || !e.IsDir() {
			continue
		}
		limit := age
		switch {
		case strings.HasPrefix(name, tmpPrefix):
			limit = useAfter
		case !isKey(name):
			continue
		}
		info, err := e.Info()
		if err != nil || time.Since(info.ModTime()) <= limit {
			continue
		}
		if err := os.RemoveAll(filepath.Join(c.Dir, name)); err != nil {
			return fmt.Errorf("cache trim: %w", err)
		}
	}
	return nil
}

// isKey reports whether name looks like a key made by Key.
func isKey(name string) bool {
	_, err := hex.DecodeString(name)
	return len(name) == 2*sha256.Size && err == nil
}
