// Package publish writes a build's output where the user asked, and never
// anywhere else: it checks every path a command names (-d, --archive,
// --cache, --pdf) against the site's sources and the user's files before anything
// is read, serialises builds into one destination with a lock, stages the
// output and puts it in place whole, and writes the zip archive.
//
// Its rule is the user's: handover deletes, truncates or replaces only
// files it wrote itself, which it knows by the manifest in each output
// folder's marker file (.handover-output), by the marker of a cache folder
// (.handover-cache) and by the comment of an archive.
//
// It imports only the standard library and golang.org/x/sys; the generator
// calls it, never the other way round.
package publish

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// ErrUsage is what every refusal of a path wraps: the command was called
// with a path it must not write to (exit status 2).
var ErrUsage = errors.New("bad usage")

// usageError is a refused path, with the flag that named it.
type usageError struct{ msg string }

func (e *usageError) Error() string        { return e.msg }
func (e *usageError) Is(target error) bool { return target == ErrUsage }

// Usage returns an error that wraps ErrUsage, with msg as its text.
func Usage(msg string) error { return &usageError{msg: msg} }

func refuse(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// Paths are the paths one build writes to, as the user gave them (relative
// to the working folder); empty means not used.
type Paths struct {
	Site        string // the site root
	Destination string // the output folder (-d)
	Archive     string // the zip file (--archive)
	Cache       string // the cache folder (--cache)
	PDF         string // the print dossier as PDF (--pdf)
	Force       bool   // --force: write into a folder that holds files handover did not write
}

// sources are the names in a site root that hold what a build reads, or
// that belong to the user's repository: no output may be at or inside them.
var sources = []string{"content", "static", "themes", "data", "i18n", "layouts", "handover.yaml", "people.yaml", ".git"}

// Check refuses, before anything is read or written, every path that
// would let a build delete, truncate or replace a file handover did not
// write: an output folder, archive or cache at or inside the site's
// sources, at the site itself or a folder above it, on an existing file;
// an archive over a file that is not a handover archive; a cache folder
// that holds files of someone else; and outputs that overlap each other.
// Existing output folders with files handover did not write are checked
// again when the build publishes (Open), since that needs a walk.
func Check(p Paths) error {
	site, err := realPath(orDot(p.Site))
	if err != nil {
		return fmt.Errorf("site folder: %w", err)
	}
	var dest, archive, cache, pdf string
	if p.Destination != "" {
		if dest, err = realPath(p.Destination); err != nil {
			return fmt.Errorf("output folder: %w", err)
		}
		if err := checkNotSource("-d", p.Destination, dest, site); err != nil {
			return err
		}
		if err := checkFolder("-d", p.Destination, dest); err != nil {
			return err
		}
	}
	if p.Archive != "" {
		if archive, err = realPath(p.Archive); err != nil {
			return fmt.Errorf("archive: %w", err)
		}
		if err := checkNotSource("--archive", p.Archive, archive, site); err != nil {
			return err
		}
		if err := checkArchive(p.Archive, archive); err != nil {
			return err
		}
	}
	if p.Cache != "" {
		if cache, err = realPath(p.Cache); err != nil {
			return fmt.Errorf("cache folder: %w", err)
		}
		if err := checkNotSource("--cache", p.Cache, cache, site); err != nil {
			return err
		}
		if err := checkFolder("--cache", p.Cache, cache); err != nil {
			return err
		}
		if err := checkCache(p.Cache, cache); err != nil {
			return err
		}
	}
	if p.PDF != "" {
		if pdf, err = realPath(p.PDF); err != nil {
			return fmt.Errorf("pdf: %w", err)
		}
		if err := checkNotSource("--pdf", p.PDF, pdf, site); err != nil {
			return err
		}
		if err := checkPDF(p.PDF, pdf); err != nil {
			return err
		}
		if pdf == archive {
			return refuse("--pdf %s and --archive %s name the same file; choose two names", p.PDF, p.Archive)
		}
		if cache != "" && within(pdf, cache) {
			return refuse("--pdf %s lies inside the cache folder %s, whose entries are trimmed; choose another path", p.PDF, p.Cache)
		}
	}
	if cache != "" && dest != "" && (within(cache, dest) || within(dest, cache)) {
		return refuse("--cache %s and -d %s overlap: the cache would be published, or replaced with the site; keep them apart", p.Cache, p.Destination)
	}
	if cache != "" && archive != "" && within(archive, cache) {
		return refuse("--archive %s lies inside the cache folder %s, whose entries are trimmed; choose another path", p.Archive, p.Cache)
	}
	return nil
}

func orDot(s string) string {
	if s == "" {
		return "."
	}
	return s
}

// checkNotSource refuses abs (named by flag as given) when it is the site
// root, a folder above it, or lies at or inside one of its sources.
func checkNotSource(flag, given, abs, site string) error {
	if within(site, abs) {
		if abs == site {
			return refuse("%s %s is the site folder itself: the build would replace its sources; choose a folder outside it, such as %s", flag, given, filepath.Join(siteName(site), "public"))
		}
		return refuse("%s %s is a folder above the site %s: the build would replace its sources; choose another path", flag, given, siteName(site))
	}
	for _, name := range sources {
		src := filepath.Join(site, name)
		if within(abs, src) {
			return refuse("%s %s lies inside the site's sources (%s): a build would overwrite what it reads; choose a path outside content/, static/ and themes/, such as %s", flag, given, name, filepath.Join(siteName(site), "public"))
		}
	}
	return nil
}

// siteName is how messages name the site folder.
func siteName(site string) string {
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, site); err == nil && filepath.IsLocal(rel) {
			return rel
		}
		if wd == site {
			return "."
		}
	}
	return site
}

// checkFolder refuses a path that exists and is not a folder.
func checkFolder(flag, given, abs string) error {
	fi, err := os.Stat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case errors.Is(err, syscall.ENOTDIR):
		return refuse("%s %s: a folder on its path is an existing file; handover never replaces a file it did not write: choose another path", flag, given)
	case err != nil:
		return fmt.Errorf("%s %s: %w", flag, given, err)
	case !fi.IsDir():
		return refuse("%s %s is an existing file, not a folder; handover never replaces a file it did not write: choose a folder", flag, given)
	}
	return nil
}

// within reports whether path is dir or lies inside it; both are clean
// absolute paths.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && (rel == "." || filepath.IsLocal(rel))
}

// realPath returns the absolute, clean form of p with every symbolic link
// in the part that exists resolved, so that a link cannot hide that two
// paths are one.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	var rest []string
	cur := abs
	for range 256 {
		real, err := filepath.EvalSymlinks(cur)
		if err == nil {
			return filepath.Join(append([]string{real}, rest...)...), nil
		}
		if fi, lerr := os.Lstat(cur); lerr == nil && fi.Mode()&fs.ModeSymlink != 0 {
			// A dangling link: follow it by hand; what it names is created.
			target, err := os.Readlink(cur)
			if err != nil {
				return "", err
			}
			if !filepath.IsAbs(target) {
				target = filepath.Join(filepath.Dir(cur), target)
			}
			cur = filepath.Clean(target)
			continue
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return abs, nil
		}
		rest = append([]string{filepath.Base(cur)}, rest...)
		cur = parent
	}
	return "", fmt.Errorf("%s: too many levels of symbolic links", p)
}

// PDFCreator starts the Creator in the document information of every PDF
// handover writes (--pdf): by it Check knows a PDF it may replace.
const PDFCreator = "handover"

// checkPDF refuses a PDF path (abs, given as named) that is a folder, or
// a file that is not a PDF handover wrote.
func checkPDF(given, abs string) error {
	return checkOutputFile("--pdf", "PDF", "PDF", "dossier.pdf", given, abs, IsHandoverPDF)
}

// IsHandoverPDF reports whether the file at path is a PDF that handover
// wrote: a PDF whose document information, which handover writes near its
// start, has a Creator starting with "handover".
func IsHandoverPDF(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 64<<10)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	return bytes.HasPrefix(head, []byte("%PDF-")) && bytes.Contains(head, []byte("/Creator ("+PDFCreator))
}
