// Package watch reports changes below a folder as batches of paths, so a
// preview server rebuilds once per save or per burst of changes.
//
// watch imports only the standard library and fsnotify.
package watch

import (
	"path"
	"strconv"
	"strings"
)

// vimProbeStart and vimProbeStep describe the names vim writes to test
// whether it may create files in a folder: "4913", then "5036", "5159", ….
const (
	vimProbeStart = 4913
	vimProbeStep  = 123
	vimProbeTries = 100
)

// Filter reports whether rel, a slash path relative to the watched root,
// is noise to ignore: an editor's temp, swap or backup file, an operating
// system's folder metadata, or anything inside a version-control folder.
// It is pure and looks only at the path, never at the file system.
func Filter(rel string) bool {
	if rel == "" || rel == "." {
		return false
	}
	for _, seg := range strings.Split(rel, "/") {
		switch seg {
		case ".git", ".hg", ".svn", ".jj":
			return true
		}
	}
	return noiseName(path.Base(rel))
}

// noiseName reports whether base is the name of a temporary file that an
// editor or the operating system writes next to real files.
func noiseName(base string) bool {
	switch base {
	case ".DS_Store", "Thumbs.db", "desktop.ini":
		return true
	}
	for _, suffix := range []string{
		"~",                            // vim, emacs, nano backups
		".swp", ".swo", ".swn", ".swx", // vim swap files
		".kate-swp",                    // Kate
		"___jb_tmp___", "___jb_old___", // JetBrains safe write
		".crswap", // Chrome File System Access saves
	} {
		if strings.HasSuffix(base, suffix) {
			return true
		}
	}
	if strings.HasPrefix(base, ".#") || strings.HasPrefix(base, ".goutputstream-") {
		return true // emacs lock files, gedit/GIO atomic saves
	}
	if len(base) >= 2 && base[0] == '#' && base[len(base)-1] == '#' {
		return true // emacs auto-save
	}
	return vimProbe(base)
}

// vimProbe reports whether base is one of the numbered probe files that vim
// creates and deletes before a save ("4913" first).
func vimProbe(base string) bool {
	n, err := strconv.Atoi(base)
	if err != nil || strconv.Itoa(n) != base {
		return false
	}
	d := n - vimProbeStart
	return d >= 0 && d%vimProbeStep == 0 && d/vimProbeStep < vimProbeTries
}

// under reports whether rel is dir or lies below it; both are slash paths
// relative to the watched root.
func under(rel, dir string) bool {
	dir = strings.Trim(path.Clean("/"+dir), "/")
	if dir == "" {
		return false
	}
	return rel == dir || strings.HasPrefix(rel, dir+"/")
}
