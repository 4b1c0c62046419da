//go:build !race

package layout

// raceDetector says the tests run with the race detector (see race_test.go).
const raceDetector = false
