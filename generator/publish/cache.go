package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// CacheMarker is the file by which handover knows a cache folder it made
// (handover build --cache DIR): it trims entries only in such a folder.
const CacheMarker = ".handover-cache"

const cacheMarkerText = "written by handover: a build cache, safe to delete; handover trims the entries it made here\n"

// checkCache refuses a cache folder that holds files handover did not
// write: a build trims the entries of its cache, and a user's folder must
// never be trimmed. A folder of an older handover without the marker is
// known by its layout: render/, version entries named by 64 hex digits, and
// entries still being written.
func checkCache(given, abs string) error {
	entries, err := os.ReadDir(abs)
	if errors.Is(err, fs.ErrNotExist) || err == nil && len(entries) == 0 {
		return nil
	}
	if err != nil {
		return fmt.Errorf("--cache %s: %w", given, err)
	}
	for _, e := range entries {
		if e.Name() == CacheMarker {
			return nil
		}
	}
	for _, e := range entries {
		if !isCacheEntry(e) || e.Name() == "render" && !isRenderCache(filepath.Join(abs, "render")) {
			return refuse("--cache %s holds %s, which handover did not write; a cache folder is trimmed after each build, so choose an empty or new folder", given, e.Name())
		}
	}
	return nil
}

// isRenderCache reports whether dir is laid out as an older handover's
// render cache: the size file, and folders of kinds holding folders named
// by two hex digits or entries still being written.
func isRenderCache(dir string) bool {
	kinds, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, k := range kinds {
		if k.Name() == "size" && k.Type().IsRegular() {
			continue
		}
		if !k.IsDir() {
			return false
		}
		subs, err := os.ReadDir(filepath.Join(dir, k.Name()))
		if err != nil {
			return false
		}
		for _, sub := range subs {
			if !sub.IsDir() || len(sub.Name()) != 2 || !isHex(sub.Name()) {
				return false
			}
		}
	}
	return true
}

func isHex(s string) bool {
	for _, c := range s {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// isCacheEntry reports whether e is a top-level entry an older handover
// made in a cache folder.
func isCacheEntry(e fs.DirEntry) bool {
	name := e.Name()
	if !e.IsDir() {
		return false
	}
	if name == "render" || strings.HasPrefix(name, ".tmp-") {
		return true
	}
	return len(name) == 64 && isHex(name)
}

// ClaimCache makes the cache folder dir, when it is missing, and marks it
// as handover's. Check has accepted dir before.
func ClaimCache(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cache folder: %w", err)
	}
	p := filepath.Join(dir, CacheMarker)
	if _, err := os.Stat(p); err == nil {
		return nil
	}
	if err := os.WriteFile(p, []byte(cacheMarkerText), 0o644); err != nil {
		return fmt.Errorf("cache folder: %w", err)
	}
	return nil
}
