//go:build !unix

package publish

import "os"

func umask() os.FileMode { return 0o022 }

func isMountPoint(string) bool { return false }

func canUpdateInPlace(error) bool { return false }

func isCrossDevice(error) bool { return false }
