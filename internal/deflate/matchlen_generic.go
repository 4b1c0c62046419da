// Copyright 2019+ Klaus Post. All rights reserved.
// License information can be found in the LICENSE file.

package deflate

import (
	"math/bits"

	"github.com/galleyprint/galley/internal/deflate/le"
)

// matchLen returns the maximum common prefix length of a and b.
// a must be the shortest of the two.
func matchLen(a, b []byte) (n int) {
	// Keeping a and b the same length and reslicing them as we go
	// lets the compiler prove that no bounds checks are needed.
	b = b[:len(a)]
	for len(a) >= 8 {
		diff := le.Load64(a, 0) ^ le.Load64(b, 0)
		if diff != 0 {
			return n + bits.TrailingZeros64(diff)>>3
		}
		a, b = a[8:], b[8:]
		n += 8
	}
	for i := range a {
		if a[i] != b[i] {
			break
		}
		n++
	}
	return n
}

// matchLenAt is matchLen(src[a:], src[b:]) for b < a (galley patch 2):
// the common prefix's length is found by loads at both offsets into src,
// without making the two slices, which took more instructions than the
// comparison itself for the short matches of a PDF's streams.
func matchLenAt(src []byte, a, b int) (n int) {
	for a+8 <= len(src) {
		diff := le.Load64(src, a) ^ le.Load64(src, b)
		if diff != 0 {
			return n + bits.TrailingZeros64(diff)>>3
		}
		a, b, n = a+8, b+8, n+8
	}
	for a < len(src) && src[a] == src[b] {
		a, b, n = a+1, b+1, n+1
	}
	return n
}
