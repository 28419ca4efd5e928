//go:build race

package generator

// raceDetector is set when the tests run under the race detector, which
// makes every memory access many times slower: tests that feed megabytes
// to the build use less under it.
const raceDetector = true
