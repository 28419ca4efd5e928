package generator

import (
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"hash"
	"io"
	"os"
	"path/filepath"
	"sort"
	"sync"
)

// renderCache keeps rendered page bodies and output files between builds
// in Options.CacheDir/render/ (handover build --cache DIR). Every entry is
// named by a hash of everything it was made from, including the generator
// binary itself, so an entry is either right or not found: the folder is
// safe to lose, to share between sites and to keep across upgrades.
// Entries are written to a temporary file and renamed into place, so
// concurrent builds sharing the folder never read half an entry.
type renderCache struct {
	dir string

	worldOnce sync.Once
	world     string // hash of what bodies resolve links against
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
	return &renderCache{dir: filepath.Join(b.opts.CacheDir, "render")}
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
	data, err := os.ReadFile(c.path(kind, key))
	return data, err == nil
}

// put stores an entry; failures only cost a later rebuild.
func (c *renderCache) put(kind, key string, data []byte) {
	p := c.path(kind, key)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".tmp-")
	if err != nil {
		return
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if werr != nil || cerr != nil || os.Rename(f.Name(), p) != nil {
		_ = os.Remove(f.Name())
	}
}

// getFiles returns a set of output files stored under one key.
func (c *renderCache) getFiles(kind, key string) (map[string][]byte, bool) {
	f, err := os.Open(c.path(kind, key))
	if err != nil {
		return nil, false
	}
	defer f.Close()
	var files map[string][]byte
	if gob.NewDecoder(f).Decode(&files) != nil {
		return nil, false
	}
	return files, true
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
