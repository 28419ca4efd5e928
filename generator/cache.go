package generator

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
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// renderCache keeps rendered page bodies and output files between builds
// in Options.CacheDir/render/ (handover build --cache DIR). Every entry is
// named by a hash of everything it was made from, including the generator
// binary itself, so an entry is either right or not found: the folder is
// safe to lose, to share between sites and to keep across upgrades.
// Entries are written to a temporary file and renamed into place, so
// concurrent builds sharing the folder never read half an entry.
//
// The folder does not grow without end: entries a build reads have their
// time set again (at most once an hour), and after a build that succeeded
// trim removes the least recently used entries that build did not use, until
// the folder holds at most cacheKeep times what the build used.
type renderCache struct {
	dir string

	worldOnce sync.Once
	world     string // hash of what bodies resolve links against

	mu        sync.Mutex
	used      map[string]bool // entries this build read or wrote, by path
	usedBytes int64           // their size
	added     int64           // bytes this build wrote
}

// renderCacheFormat changes when the layout of an entry changes.
const renderCacheFormat = "handover-render-cache-1"

// newRenderCache returns the cache of a build, or nil when the build has
// no cache folder or is not a plain build (the dev server keeps its own
// in memory; older versions are cached whole by versions.go).
func newRenderCache(b *builder) *renderCache {
	if b.opts.CacheDir == "" || b.session != nil || b.opts.version != nil {
		return nil
	}
	return &renderCache{dir: filepath.Join(b.opts.CacheDir, "render"), used: map[string]bool{}}
}

// renderCache returns the build's cache, or nil.
func (b *builder) renderCache() *renderCache { return b.cache }

// keyHash hashes strings and byte slices into a cache key; parts are
// separated so that ("ab","c") and ("a","bc") differ.
type keyHash struct{ h hash.Hash }

func newKey(kind string) *keyHash {
	k := &keyHash{h: sha256.New()}
	k.str(renderCacheFormat)
	k.str(executableHash())
	k.str(kind)
	return k
}

func (k *keyHash) str(s string) *keyHash {
	_, _ = io.WriteString(k.h, s)
	_, _ = k.h.Write([]byte{0})
	return k
}

func (k *keyHash) bytes(b []byte) *keyHash {
	_, _ = k.h.Write(b)
	_, _ = k.h.Write([]byte{0})
	return k
}

func (k *keyHash) sum() string { return hex.EncodeToString(k.h.Sum(nil)) }

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
func (c *renderCache) path(kind, key string) string {
	return filepath.Join(c.dir, kind, key[:2], key[2:])
}

// get returns an entry, or false when there is none.
func (c *renderCache) get(kind, key string) ([]byte, bool) {
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
func (c *renderCache) read(kind, key string, decode func(r io.Reader, size int64) error) bool {
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

// put stores an entry; failures only cost a later rebuild.
func (c *renderCache) put(kind, key string, data []byte) {
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
func (c *renderCache) use(p string, mod time.Time, size int64, added bool) {
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

// getFiles returns a set of output files stored under one key, decoded
// as it is read: the search index's entry of a large site is hundreds of
// megabytes.
func (c *renderCache) getFiles(kind, key string) (map[string][]byte, bool) {
	var files map[string][]byte
	ok := c.read(kind, key, func(r io.Reader, _ int64) error {
		return gob.NewDecoder(bufio.NewReaderSize(r, 64<<10)).Decode(&files)
	})
	return files, ok
}

// putFiles stores a set of output files under one key.
func (c *renderCache) putFiles(kind, key string, files map[string][]byte) {
	var buf bytesWriter
	if gob.NewEncoder(&buf).Encode(files) == nil {
		c.put(kind, key, buf)
	}
}

type bytesWriter []byte

func (w *bytesWriter) Write(p []byte) (int, error) { *w = append(*w, p...); return len(p), nil }

// linkWorld hashes what a rendered body can depend on outside its own
// page: the path, URL, id, kind and title of every page, and every static
// file and generated output a link may name.
func (c *renderCache) linkWorld(b *builder) string {
	c.worldOnce.Do(func() {
		var names []string
		for _, p := range b.site.Pages {
			names = append(names, "p:"+p.Path+"\x00"+p.URL+"\x00"+p.ID+"\x00"+string(p.Kind)+"\x00"+p.Title)
		}
		for _, f := range b.site.Static {
			names = append(names, "s:"+f.Out)
		}
		for o := range b.outputs {
			names = append(names, "o:"+o)
		}
		sort.Strings(names)
		k := newKey("world")
		for _, n := range names {
			k.str(n)
		}
		c.world = k.sum()
	})
	return c.world
}

// cacheKeep bounds the cache folder: once it holds more than this many
// times the bytes of the entries a build used, trim removes what that
// build did not use, least recently used first, down to cacheKeep-1 times.
// A site's entries that one edit makes stale (the print document and the
// search index: 87 MB at 10,000 pages) are gone after a few builds, and a
// cache shared with other sites or branches keeps some of theirs.
var cacheKeep int64 = 4

// cacheFloor is the size under which trim removes nothing.
var cacheFloor int64 = 256 << 20

// sizeFile holds the folder's size as the last build reckoned it, so that
// most builds need not list the folder to know that there is nothing to
// trim. Builds sharing the folder can lose each other's additions to it:
// it is trusted for a day at most.
const sizeFile = "size"

// trim keeps the folder within max(cacheKeep × what this build used,
// cacheFloor) bytes, and removes entries left half written by killed
// builds. A build that shares the folder and needed a removed entry renders
// it again. Errors are ignored: trimming only saves space.
func (c *renderCache) trim() {
	c.mu.Lock()
	defer c.mu.Unlock()
	limit := max(cacheKeep*c.usedBytes, cacheFloor)
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
		target := max((cacheKeep-1)*c.usedBytes, cacheFloor)
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

func (c *renderCache) writeSize(n int64) {
	_ = os.WriteFile(filepath.Join(c.dir, sizeFile), []byte(strconv.FormatInt(n, 10)+"\n"), 0o644)
}
