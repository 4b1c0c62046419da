//go:build race

package layout

// raceDetector says the tests run with the race detector, under which
// sync.Pool drops a share of what it is given at random: counts of
// allocations that depend on the pools' reuse are not those of a build.
const raceDetector = true
