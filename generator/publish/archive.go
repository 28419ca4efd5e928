package publish

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"
)

// WriteArchive writes the site published in dir as one zip file at file,
// for upload or mail. The zip is deterministic like the site: entries in
// byte order of their slash paths, every entry stamped with mod (UTC,
// no earlier than 1980), mode 0644, compressed with Deflate. Handover's own
// marker file and the archive itself, when it lies inside dir, are left
// out. The zip is written beside file and renamed into place, so a failed
// write leaves no half archive.
func WriteArchive(dir, file string, mod time.Time) error {
	names, err := archiveNames(dir, file)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), "."+filepath.Base(file)+".tmp-")
	if err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	defer os.Remove(tmp.Name()) // a no-op after the rename
	if err := writeZip(tmp, dir, names, archiveTime(mod)); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	if err := os.Rename(tmp.Name(), file); err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	return nil
}

// archiveNames lists the regular files under dir as sorted slash paths,
// without the output marker and without the archive file itself.
func archiveNames(dir, file string) ([]string, error) {
	self, _ := filepath.Abs(file)
	var names []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		if abs, _ := filepath.Abs(p); abs == self {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		if rel = filepath.ToSlash(rel); rel != Marker {
			names = append(names, rel)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("archive: %w", err)
	}
	sort.Strings(names)
	return names, nil
}

// writeZip writes the files names under dir into w as a zip.
func writeZip(w io.Writer, dir string, names []string, mod time.Time) error {
	zw := zip.NewWriter(w)
	if err := zw.SetComment(archiveComment); err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	for _, name := range names {
		h := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: mod}
		h.SetMode(0o644)
		fw, err := zw.CreateHeader(h)
		if err != nil {
			return fmt.Errorf("archive: %w", err)
		}
		f, err := os.Open(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			return fmt.Errorf("archive: %w", err)
		}
		_, err = io.Copy(fw, f)
		f.Close()
		if err != nil {
			return fmt.Errorf("archive: %s: %w", name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	return nil
}

// archiveComment is the zip comment by which handover knows an archive it
// wrote, and so may replace.
const archiveComment = "written by handover; replaced by each build with --archive"

// checkArchive refuses an archive path (abs, given as named) that is a
// folder, or a file that is not an archive handover wrote.
func checkArchive(given, abs string) error {
	return checkOutputFile("--archive", "zip", "archive", "handover.zip", given, abs, func(abs string) bool {
		zr, err := zip.OpenReader(abs)
		if err != nil {
			return false
		}
		defer zr.Close()
		return zr.Comment == archiveComment
	})
}

// checkOutputFile refuses a file path that a flag names for handover to
// write (abs, given as named): the output's marker, a folder, something
// not a regular file, a path below a file, or an existing file that ours
// does not recognise as one handover wrote. what names the file in
// messages ("zip", "PDF"); noun what it is ("archive"); example a name.
func checkOutputFile(flag, what, noun, example, given, abs string, ours func(abs string) bool) error {
	if filepath.Base(abs) == Marker {
		return refuse("%s %s would replace handover's marker %s; choose another name", flag, given, Marker)
	}
	fi, err := os.Stat(abs)
	switch {
	case errors.Is(err, syscall.ENOTDIR):
		return refuse("%s %s: a folder on its path is an existing file; choose another path", flag, given)
	case errors.Is(err, fs.ErrNotExist):
		if dir, err := os.Stat(filepath.Dir(abs)); err == nil && !dir.IsDir() {
			return refuse("%s %s: %s is a file, not a folder", flag, given, filepath.Dir(given))
		}
		return nil
	case err != nil:
		return fmt.Errorf("%s %s: %w", flag, given, err)
	case fi.IsDir():
		return refuse("%s %s is a folder; name the %s file to write, such as %s", flag, given, what, filepath.Join(given, example))
	case !fi.Mode().IsRegular():
		return refuse("%s %s exists and is not a regular file; choose another path", flag, given)
	case ours(abs):
		return nil
	}
	return refuse("%s %s exists and is not %s %s handover wrote; handover never replaces a file it did not write: remove it or choose another name", flag, given, article(noun), noun)
}

func article(noun string) string {
	if strings.ContainsRune("aeiouAEIOU", rune(noun[0])) {
		return "an"
	}
	return "a"
}

// archiveTime is mod in UTC, whole seconds, and no earlier than 1980.
func archiveTime(mod time.Time) time.Time {
	// 1980-01-01 is the earliest an entry's MS-DOS timestamp can hold.
	dosEpoch := time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	mod = mod.UTC().Truncate(time.Second)
	if mod.Before(dosEpoch) {
		return dosEpoch
	}
	return mod
}
