package publish

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Lock serialises the builds into one destination. It is an advisory lock
// the system holds for the process (flock on Unix), so it is released on
// any exit, a crash or kill -9 included, and a lock left by a dead process
// is never mistaken for a live one, however old. Its file, beside the
// destination, names the holder's process id for the waiting message, and
// is removed on release.
type Lock struct {
	path string
	f    *os.File
}

// lockPoll is how often a waiting build tries the lock again.
var lockPoll = 50 * time.Millisecond

// LockPath returns the lock file of a destination folder dest (a clean
// absolute path).
func LockPath(dest string) string {
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".lock")
}

// fallbackLockPath is where the lock of dest is when the folder above dest
// cannot hold it (a mount point in a read-only folder).
func fallbackLockPath(dest string) string {
	sum := sha256.Sum256([]byte(dest))
	return filepath.Join(os.TempDir(), "handover-locks", hex.EncodeToString(sum[:12])+".lock")
}

// Acquire takes the lock of dest, waiting while another process holds it.
// waiting is called once, with the holder's process id (0 when unknown),
// when Acquire has to wait; ctx ends the wait.
func Acquire(ctx context.Context, dest string, waiting func(pid int)) (*Lock, error) {
	p := LockPath(dest)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return nil, fmt.Errorf("output folder %s: %w", filepath.Dir(dest), err)
	}
	l, err := acquire(ctx, p, waiting)
	if err != nil && (errors.Is(err, os.ErrPermission) || isReadOnly(err)) {
		fp := fallbackLockPath(dest)
		if err := os.MkdirAll(filepath.Dir(fp), 0o777|os.ModeSticky); err != nil {
			return nil, fmt.Errorf("lock: %w", err)
		}
		return acquire(ctx, fp, waiting)
	}
	return l, err
}

func acquire(ctx context.Context, p string, waiting func(pid int)) (*Lock, error) {
	if data, err := os.ReadFile(p); err == nil && !isLockText(data) {
		return nil, refuse("%s exists and is not a lock handover wrote; move it away and build again", p)
	}
	told := false
	for {
		f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, fmt.Errorf("lock %s: %w", p, err)
		}
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", p, err)
		}
		if ok {
			// The holder before may have removed the file between our
			// open and our lock: then the lock is on a file nobody else
			// will open, and the path must be tried again.
			if sameFile(f, p) {
				_ = f.Truncate(0)
				_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
				return &Lock{path: p, f: f}, nil
			}
			f.Close()
			continue
		}
		if !told && waiting != nil {
			waiting(holder(f))
			told = true
		}
		f.Close()
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(lockPoll):
		}
	}
}

// isLockText reports whether data is what a lock file of handover holds:
// nothing, or a process id and a newline.
func isLockText(data []byte) bool {
	s := strings.TrimSuffix(string(data), "\n")
	if len(s) > 20 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// holder returns the process id written in a lock file, or 0.
func holder(f *os.File) int {
	buf := make([]byte, 32)
	n, _ := f.ReadAt(buf, 0)
	pid, _ := strconv.Atoi(strings.TrimSpace(string(buf[:n])))
	return pid
}

func sameFile(f *os.File, p string) bool {
	a, err1 := f.Stat()
	b, err2 := os.Stat(p)
	return err1 == nil && err2 == nil && os.SameFile(a, b)
}

// Release removes the lock file and lets the next build go on. It may be
// called more than once.
func (l *Lock) Release() {
	if l == nil || l.f == nil {
		return
	}
	_ = os.Remove(l.path)
	unlock(l.f)
	l.f.Close() // closing the file releases the lock
	l.f = nil
}
