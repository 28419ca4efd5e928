package generator

import (
	"path/filepath"
	"sort"
	"sync"

	"github.com/handover-dev/handover/generator/store"
)

// renderCache keeps rendered page bodies and output files between builds
// in Options.CacheDir/render/ (handover build --cache DIR): the folder is a
// store.Cache; what a key holds is decided here (cache_body.go,
// cache_output.go, highlightKey in body.go).
type renderCache struct {
	*store.Cache

	worldOnce sync.Once
	world     string // hash of what bodies resolve links against
}

// newRenderCache returns the cache of a build, or nil when the build has
// no cache folder or is not a plain build (the dev server keeps its own
// in memory; older versions are cached whole by versions.go).
func newRenderCache(b *builder) *renderCache {
	if b.opts.CacheDir == "" || b.session != nil || b.opts.version != nil {
		return nil
	}
	return &renderCache{Cache: store.NewCache(filepath.Join(b.opts.CacheDir, "render"))}
}

// renderCache returns the build's cache, or nil.
func (b *builder) renderCache() *renderCache { return b.cache }

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
		k := store.NewKey("world")
		for _, n := range names {
			k.Str(n)
		}
		c.world = k.Sum()
	})
	return c.world
}
