package publish

import (
	"golang.org/x/sys/unix"
)

// exchange swaps two folders in one atomic step (renameat2 RENAME_EXCHANGE),
// so a reader or a killed build sees the old site or the new, never neither.
func exchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if err == unix.ENOSYS || err == unix.EINVAL {
		return exchangeByRename(a, b)
	}
	return err
}
