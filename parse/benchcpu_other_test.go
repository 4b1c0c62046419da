//go:build !unix

package parse

import "time"

// processCPU is unknown here: the benchmarks' CPU figure reads 0.
func processCPU() time.Duration { return 0 }
