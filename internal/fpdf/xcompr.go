// Copyright ©2021 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"sync"

	"github.com/galleyprint/galley/internal/deflate"
	"github.com/klauspost/compress/zlib"
)

var xmem = xmempool{
	Pool: sync.Pool{
		New: func() any {
			var m membuffer
			return &m
		},
	},
}

type xmempool struct{ sync.Pool }

// compress deflates data into a zlib stream. Streams up to statelessMax
// (galley patch 39) are deflated with klauspost/compress's stateless
// encoder, which reads data where it is with a small match table, where
// the pooled BestSpeed writer copied data into its window first and
// hashed into a table eight times larger: on the corpus's streams (font
// subsets, pages, cmaps) it was a sixth faster, its output 2 % smaller.
// Longer ones, images' pixels, keep the writer, whose 32 KB window finds
// more of their repeats. The stateless encoder is galley's copy in
// internal/deflate (galley patch 53), which makes the same bytes faster.
func (pool *xmempool) compress(data []byte) *membuffer {
	if len(data) > statelessMax {
		return pool.compressIn(data, &zlibWriters)
	}
	mem := pool.Get().(*membuffer)
	buf := &mem.buf
	buf.Grow(len(data)/2 + 64)
	buf.Write(zlibHeader[:])
	if err := deflate.StatelessDeflate(buf, data, true, nil); err != nil {
		panic(fmt.Errorf("could not deflate slice: %w", err)) // a bytes.Buffer does not fail
	}
	buf.Write(binary.BigEndian.AppendUint32(mem.sum[:0], adlerSum(data))) // galley patch 48
	return mem
}

// statelessMax is the longest stream compress deflates without state.
const statelessMax = 128 << 10

// zlibHeader begins a zlib stream (RFC 1950) of deflate data with a 32 KB
// window at the fastest level, the header zlib.BestSpeed writes.
var zlibHeader = [2]byte{0x78, 0x01}

// compressIn compresses data with a writer from writers (galley patch 12).
func (pool *xmempool) compressIn(data []byte, writers *sync.Pool) *membuffer {
	mem := pool.Get().(*membuffer)
	buf := &mem.buf
	buf.Grow(len(data))

	// galley patch: writers are pooled (see PATCHES.md)
	zw := writers.Get().(*zlib.Writer)
	defer writers.Put(zw)
	zw.Reset(buf)
	_, err := zw.Write(data)
	if err != nil {
		panic(fmt.Errorf("could not zlib-compress slice: %w", err))
	}

	err = zw.Close()
	if err != nil {
		panic(fmt.Errorf("could not close zlib writer: %w", err))
	}
	return mem
}

func (pool *xmempool) uncompress(data []byte) (*membuffer, error) {
	zr, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}

	mem := pool.Get().(*membuffer)
	mem.buf.Reset()

	_, err = mem.buf.ReadFrom(zr)
	if err != nil {
		mem.release()
		return nil, err
	}

	return mem, nil
}

type membuffer struct {
	buf bytes.Buffer
	sum [4]byte // a zlib stream's checksum, made without allocating
}

func (mem *membuffer) bytes() []byte { return mem.buf.Bytes() }
func (mem *membuffer) release() {
	mem.buf.Reset()
	xmem.Put(mem)
}

func (mem *membuffer) copy() []byte {
	src := mem.bytes()
	dst := make([]byte, len(src))
	copy(dst, src)
	return dst
}
