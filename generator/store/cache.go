package store

import (
	"bufio"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Cache is a folder of entries kept between builds (the render cache in
// Options.CacheDir/render/, handover build --cache DIR). Every entry is
// named by a hash of everything it was made from (Key), including the
// generator binary itself, so an entry is either right or not found: the
// folder is safe to lose, to share between sites and to keep across
// upgrades. Entries are written to a temporary file and renamed into
// place, so concurrent builds sharing the folder never read half an entry.
//
// The folder does not grow without end: entries a build reads have their
// time set again (at most once an hour), and after a build that succeeded
// Trim removes the least recently used entries that build did not use,
// until the folder holds at most Keep times what the build used.
type Cache struct {
	dir string

	mu        sync.Mutex
	used      map[string]bool // entries this build read or wrote, by path
	usedBytes int64           // their size
	added     int64           // bytes this build wrote
}

// renderCacheFormat changes when the layout of an entry changes.
const renderCacheFormat = "handover-render-cache-1"

// NewCache returns the cache of one build in folder dir, which it makes
// when it first stores an entry.
func NewCache(dir string) *Cache { return &Cache{dir: dir, used: map[string]bool{}} }

// Key hashes strings and byte slices into a cache key; parts are
// separated so that ("ab","c") and ("a","bc") differ.
type Key struct{ h hash.Hash }

// NewKey starts the key of an entry of one kind ("body", "out", …); it
// already holds the entry format and the generator binary.
func NewKey(kind string) *Key {
	k := &Key{h: sha256.New()}
	k.Str(renderCacheFormat)
	k.Str(executableHash())
	k.Str(kind)
	return k
}

// Str adds a string to the key.
func (k *Key) Str(s string) *Key {
	_, _ = io.WriteString(k.h, s)
	_, _ = k.h.Write([]byte{0})
	return k
}

// Bytes adds a byte slice to the key.
func (k *Key) Bytes(b []byte) *Key {
	_, _ = k.h.Write(b)
	_, _ = k.h.Write([]byte{0})
	return k
}

// Sum returns the key: 64 hexadecimal digits.
func (k *Key) Sum() string { return hex.EncodeToString(k.h.Sum(nil)) }

// executableHash identifies the generator: the hash of its own binary, so
// that a rebuilt handover never reads what another build of it wrote.
var executableHash = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err == nil {
		if f, err := os.Open(exe); err == nil {
			defer f.Close()
			h := sha256.New()
			if _, err := io.Copy(h, f); err == nil {
				return hex.EncodeToString(h.Sum(nil))
			}
		}
	}
	return "unknown" // never matches a key written by a known binary
})

// path returns the file of an entry: kind/ab/cdef….
func (c *Cache) path(kind, key string) string {
	return filepath.Join(c.dir, kind, key[:2], key[2:])
}

// Get returns an entry, or false when there is none.
func (c *Cache) Get(kind, key string) ([]byte, bool) {
	var data []byte
	ok := c.read(kind, key, func(r io.Reader, size int64) error {
		data = make([]byte, size)
		_, err := io.ReadFull(r, data)
		return err
	})
	if !ok {
		return nil, false
	}
	return data, true
}

// read hands the entry under kind and key, and its size, to decode; the
// entry counts as used when decode succeeds.
func (c *Cache) read(kind, key string, decode func(r io.Reader, size int64) error) bool {
	p := c.path(kind, key)
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || decode(f, info.Size()) != nil {
		return false
	}
	c.use(p, info.ModTime(), info.Size(), false)
	return true
}

// Put stores an entry; failures only cost a later rebuild.
func (c *Cache) Put(kind, key string, data []byte) {
	p := c.path(kind, key)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return
	}
	f, err := os.CreateTemp(filepath.Dir(p), tmpPrefix)
	if err != nil {
		return
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if werr != nil || cerr != nil || os.Rename(f.Name(), p) != nil {
		_ = os.Remove(f.Name())
		return
	}
	c.use(p, time.Now(), int64(len(data)), true)
}

// tmpPrefix starts the names of entries being written.
const tmpPrefix = ".tmp-"

// touchAfter is how old an entry's time may get before a build that reads
// the entry sets it again: once an hour is enough to tell entries in use
// from the rest, and most reads cost no extra system call.
const touchAfter = time.Hour

// use records that this build needs the entry at p, of size bytes and
// written by this build when added, and sets the entry's time when it is
// older than touchAfter.
func (c *Cache) use(p string, mod time.Time, size int64, added bool) {
	c.mu.Lock()
	if !c.used[p] {
		c.used[p] = true
		c.usedBytes += size
	}
	if added {
		c.added += size
	}
	c.mu.Unlock()
	if now := time.Now(); now.Sub(mod) > touchAfter {
		_ = os.Chtimes(p, now, now)
	}
}

// GetFiles returns a set of output files stored under one key, decoded
// as it is read: the search index's entry of a large site is hundreds of
// megabytes.
func (c *Cache) GetFiles(kind, key string) (map[string][]byte, bool) {
	var files map[string][]byte
	ok := c.read(kind, key, func(r io.Reader, _ int64) error {
		return gob.NewDecoder(bufio.NewReaderSize(r, 64<<10)).Decode(&files)
	})
	return files, ok
}

// PutFiles stores a set of output files under one key.
func (c *Cache) PutFiles(kind, key string, files map[string][]byte) {
	var buf bytesWriter
	if gob.NewEncoder(&buf).Encode(files) == nil {
		c.Put(kind, key, buf)
	}
}

type bytesWriter []byte

func (w *bytesWriter) Write(p []byte) (int, error) { *w = append(*w, p...); return len(p), nil }

// Keep bounds the cache folder: once it holds more than this many times
// the bytes of the entries a build used, Trim removes what that build did
// not use, least recently used first, down to Keep-1 times.
// A site's entries that one edit makes stale (the print document and the
// search index: 87 MB at 10,000 pages) are gone after a few builds, and a
// cache shared with other sites or branches keeps some of theirs.
var Keep int64 = 4

// Floor is the size under which Trim removes nothing. Keep and Floor are
// variables so that tests can bound the folder tightly.
var Floor int64 = 256 << 20

// sizeFile holds the folder's size as the last build reckoned it, so that
// most builds need not list the folder to know that there is nothing to
// trim. Builds sharing the folder can lose each other's additions to it:
// it is trusted for a day at most.
const sizeFile = "size"

// Trim keeps the folder within max(Keep × what this build used, Floor)
// bytes, and removes entries left half written by killed
// builds. A build that shares the folder and needed a removed entry renders
// it again. Errors are ignored: trimming only saves space.
func (c *Cache) Trim() {
	c.mu.Lock()
	defer c.mu.Unlock()
	limit := max(Keep*c.usedBytes, Floor)
	sizePath := filepath.Join(c.dir, sizeFile)
	if info, err := os.Stat(sizePath); err == nil && time.Since(info.ModTime()) < 24*time.Hour {
		data, _ := os.ReadFile(sizePath)
		if size, err := strconv.ParseInt(strings.TrimSpace(string(data)), 10, 64); err == nil && size+c.added <= limit {
			c.writeSize(size + c.added)
			return
		}
	}
	type entry struct {
		path string
		mod  time.Time
		size int64
	}
	var stale []entry
	var total int64
	_ = filepath.WalkDir(c.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || p == sizePath {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		if strings.HasPrefix(d.Name(), tmpPrefix) {
			if time.Since(info.ModTime()) > touchAfter {
				_ = os.Remove(p)
			}
			return nil
		}
		total += info.Size()
		if !c.used[p] {
			stale = append(stale, entry{p, info.ModTime(), info.Size()})
		}
		return nil
	})
	if total > limit {
		target := max((Keep-1)*c.usedBytes, Floor)
		slices.SortFunc(stale, func(a, b entry) int { return a.mod.Compare(b.mod) })
		for _, e := range stale {
			if total <= target {
				break
			}
			if os.Remove(e.path) == nil {
				total -= e.size
			}
		}
	}
	c.writeSize(total)
}

func (c *Cache) writeSize(n int64) {
	_ = os.WriteFile(filepath.Join(c.dir, sizeFile), []byte(strconv.FormatInt(n, 10)+"\n"), 0o644)
}
