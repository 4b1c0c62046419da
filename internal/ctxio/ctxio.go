// Package ctxio makes readers that stop when a context is done, for the
// decoders and parsers that read their input in small pieces and take no
// context of their own.
package ctxio

import (
	"context"
	"io"
)

// Reader reads r until ctx is done, then fails with ctx's error.
type Reader struct {
	Ctx context.Context
	R   io.Reader
}

func (c Reader) Read(p []byte) (int, error) {
	if err := c.Ctx.Err(); err != nil {
		return 0, err
	}
	return c.R.Read(p)
}
