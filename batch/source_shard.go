package batch

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
)

// Shard reports whether the item with this ID belongs to share i (1-based)
// of n: the FNV-1a 64-bit hash of the ID, modulo n, equals i-1. The same ID
// always falls in the same share, on every machine and run; n <= 1 takes
// every ID.
func Shard(id string, i, n int) bool {
	if n <= 1 {
		return true
	}
	h := fnv.New64a()
	h.Write([]byte(id))
	return h.Sum64()%uint64(n) == uint64(i-1)
}

// ParseShard reads "i/n", share i (1-based) of n.
func ParseShard(s string) (i, n int, err error) {
	a, b, ok := strings.Cut(strings.TrimSpace(s), "/")
	if !ok {
		return 0, 0, fmt.Errorf("shard %q: want i/n, e.g. 1/4", s)
	}
	i, err1 := strconv.Atoi(strings.TrimSpace(a))
	n, err2 := strconv.Atoi(strings.TrimSpace(b))
	switch {
	case err1 != nil || err2 != nil:
		return 0, 0, fmt.Errorf("shard %q: want i/n with whole numbers, e.g. 1/4", s)
	case n < 1:
		return 0, 0, fmt.Errorf("shard %q: the number of shares must be at least 1", s)
	case i < 1 || i > n:
		return 0, 0, fmt.Errorf("shard %q: the share must be between 1 and %d", s, n)
	}
	return i, n, nil
}
