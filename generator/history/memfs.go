package history

import (
	"bytes"
	"io"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"time"
)

// memFS is a read-only file system held in memory: files by slash path, and
// the directories implied by those paths. Modification times are zero, so
// that what is built from it does not depend on when it was read.
type memFS struct {
	files map[string][]byte
	dirs  map[string][]fs.DirEntry // sorted by name; "." is the root
}

// newMemFS returns a file system of files, which it keeps without copying.
func newMemFS(files map[string][]byte) *memFS {
	m := &memFS{files: files, dirs: map[string][]fs.DirEntry{".": nil}}
	for _, p := range slices.Sorted(maps.Keys(files)) {
		m.add(p, memInfo{name: path.Base(p), size: int64(len(files[p]))})
	}
	for _, entries := range m.dirs {
		slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	}
	return m
}

// add records p as an entry of its directory, adding parent directories as
// needed.
func (m *memFS) add(p string, info memInfo) {
	dir := path.Dir(p)
	if _, ok := m.dirs[dir]; !ok {
		m.dirs[dir] = nil
		m.add(dir, memInfo{name: path.Base(dir), dir: true})
	}
	m.dirs[dir] = append(m.dirs[dir], fs.FileInfoToDirEntry(info))
}

// Open opens the file or directory name.
func (m *memFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if data, ok := m.files[name]; ok {
		info := memInfo{name: path.Base(name), size: int64(len(data))}
		return &memFile{info: info, r: bytes.NewReader(data)}, nil
	}
	if entries, ok := m.dirs[name]; ok {
		return &memDir{info: memInfo{name: path.Base(name), dir: true}, entries: entries}, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// ReadFile returns a copy of the contents of the file name.
func (m *memFS) ReadFile(name string) ([]byte, error) {
	if data, ok := m.files[name]; ok && fs.ValidPath(name) {
		return bytes.Clone(data), nil
	}
	f, err := m.Open(name) // for the right error
	if err == nil {
		f.Close()
		err = &fs.PathError{Op: "read", Path: name, Err: fs.ErrInvalid}
	}
	return nil, err
}

// ReadDir returns the entries of the directory name, sorted by name.
func (m *memFS) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, ok := m.dirs[name]
	if !ok || !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	return slices.Clone(entries), nil
}

// memInfo describes a file or directory of a memFS.
type memInfo struct {
	name string
	size int64
	dir  bool
}

func (i memInfo) Name() string       { return i.name }
func (i memInfo) Size() int64        { return i.size }
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return i.dir }
func (i memInfo) Sys() any           { return nil }
func (i memInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}

// memFile is an open regular file.
type memFile struct {
	info memInfo
	r    *bytes.Reader
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Read(p []byte) (int, error) { return f.r.Read(p) }
func (f *memFile) Close() error               { return nil }

// Seek and ReadAt let http.FileServer and others serve the file directly.
func (f *memFile) Seek(off int64, whence int) (int64, error) { return f.r.Seek(off, whence) }
func (f *memFile) ReadAt(p []byte, off int64) (int, error)   { return f.r.ReadAt(p, off) }

// memDir is an open directory.
type memDir struct {
	info    memInfo
	entries []fs.DirEntry
	next    int
}

func (d *memDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *memDir) Close() error               { return nil }
func (d *memDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.name, Err: fs.ErrInvalid}
}

// ReadDir returns the next n entries, or all remaining ones when n <= 0.
func (d *memDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.next:]
	if n <= 0 {
		d.next = len(d.entries)
		return slices.Clone(rest), nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(rest))
	d.next += n
	return slices.Clone(rest[:n]), nil
}
