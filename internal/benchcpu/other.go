//go:build !unix

package benchcpu

import "time"

// Process is unknown here: the benchmarks' CPU figure reads 0.
func Process() time.Duration { return 0 }
