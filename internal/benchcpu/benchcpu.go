// Package benchcpu reads the CPU time the process has used, for
// benchmarks that report it beside wall time: on a machine others share,
// a benchmark's CPU time per op varies far less than its wall time.
package benchcpu
