//go:build unix

package publish

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// processUmask is the process's umask, read once before any goroutine
// creates files (setting it is the only way to read it).
var processUmask = func() os.FileMode {
	m := unix.Umask(0o022)
	unix.Umask(m)
	return os.FileMode(m)
}()

func umask() os.FileMode { return processUmask }

// isMountPoint reports whether dir is the root of a mounted file system
// (a container volume, a mounted share): it cannot be renamed or swapped.
func isMountPoint(dir string) bool {
	var a, b unix.Stat_t
	if unix.Stat(dir, &a) != nil || unix.Stat(dir+"/..", &b) != nil {
		return false
	}
	return a.Dev != b.Dev || a.Ino == b.Ino
}

// canUpdateInPlace reports whether an exchange failed because the folder
// cannot be replaced as a whole (busy: a bind mount, a share; another file
// system), so it is updated file by file instead.
func canUpdateInPlace(err error) bool {
	return errors.Is(err, unix.EBUSY) || errors.Is(err, unix.EXDEV) || errors.Is(err, unix.EPERM)
}

func isCrossDevice(err error) bool { return errors.Is(err, unix.EXDEV) }
