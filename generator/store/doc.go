// Package store is the disk side of caching: the content-addressed entries
// of the render cache (kept between builds, trimmed least recently used
// first) and the spill file of rendered bodies within one build. store may
// import only the standard library; never generator, render or check.
package store
