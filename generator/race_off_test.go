//go:build !race

package generator

// raceDetector is set when the tests run under the race detector.
const raceDetector = false
