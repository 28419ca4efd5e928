//go:build !linux

package generator

// exchange swaps two folders.
func exchange(a, b string) error { return exchangeByRename(a, b) }
