//go:build !unix

package publish

import (
	"os"
)

// tryLock takes the lock by creating a second file exclusively beside f;
// on systems without flock a lock left by a crash must be removed by hand,
// and the message names it.
func tryLock(f *os.File) (ok bool, err error) {
	g, err := os.OpenFile(f.Name()+".held", os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if os.IsExist(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return true, g.Close()
}

func isReadOnly(error) bool { return false }

func unlock(f *os.File) { _ = os.Remove(f.Name() + ".held") }
