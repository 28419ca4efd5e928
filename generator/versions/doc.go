// Package versions is what an older version of the site is once built: the
// index of its pages and HTML files (for the version switcher and the
// changes between versions), its output, and how a built version is kept
// in and read back from the version cache (history.Cache).
//
// Building a version is a build of the site at a git tag, which the
// generator runs (versions_build.go); this package holds the values that
// build hands on. versions may import content, history, theme and the
// standard library; never generator, render, check or view.
package versions
