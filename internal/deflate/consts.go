// Copyright 2009 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package deflate

import "github.com/galleyprint/galley/internal/deflate/le"

// The constants and the error type the stateless encoder needs from the
// rest of klauspost/compress/flate (deflate.go, fast_encoder.go,
// inflate.go), as they are there.

const (
	maxMatchLength    = 258 // The longest match for the compressor
	maxStoreBlockSize = 65535
	debugDeflate      = false

	baseMatchOffset = 1       // The smallest match offset
	baseMatchLength = 3       // The smallest match length per the RFC section 3.2.5
	maxMatchOffset  = 1 << 15 // The largest match offset

	maxNumLit  = 286
	maxNumDist = 30
)

// An InternalError reports an error in the flate code itself.
type InternalError string

func (e InternalError) Error() string { return "flate: internal error: " + string(e) }

func load3232(b []byte, i int32) uint32 {
	return le.Load32(b, i)
}
