package parse

import (
	"context"
	"errors"
	"fmt"

	"github.com/galleyprint/galley/article"
)

// ErrTooDeep is wrapped by the errors for input nested more deeply than
// galley reads: lists and quotes beyond article.MaxDepth levels in
// Markdown or article JSON, HTML elements beyond what the HTML parser
// takes (512). The message says how deep is allowed.
var ErrTooDeep = article.ErrTooDeep

// ErrTooLarge is wrapped by the errors for input that would make more
// blocks than galley reads of its size (see maxBlocks).
var ErrTooLarge = errors.New("input too large")

// A block of the article model (a paragraph, a list item and its
// paragraph) takes some 300 bytes, whatever its text: ten megabytes of
// one-letter paragraphs or list items would take gigabytes. An input of n
// bytes may make at most maxBlocks(n) blocks: 10,000, and one more for
// every 16 bytes, which keeps the model within about twenty times the
// input (prose has a paragraph every few hundred bytes, verse set a line
// a paragraph one every 20 or 30). Beyond, it is refused before it is
// built.
func maxBlocks(n int) int { return 10000 + n/16 }

// tooManyBlocks is the error for an input of n bytes that would make
// more than maxBlocks(n) blocks.
func tooManyBlocks(n int) error {
	return fmt.Errorf("%w: more than %d paragraphs, list items and other blocks in %d KB (galley reads 10,000, and one more for every 16 bytes)",
		ErrTooLarge, maxBlocks(n), n>>10)
}

// checkEvery is how many steps (lines, nodes) a parser takes between two
// looks at its context: a look costs some tens of nanoseconds, a step
// about a microsecond, so cancellation is seen within a tenth of a
// millisecond or so for a fraction of a percent of the time.
const checkEvery = 64

// canceller tells a long loop when its context is done. The zero value
// (no context) never stops.
type canceller struct {
	ctx context.Context
	n   int
	err error // the context's error, once seen
}

// stop reports whether the work must stop: it looks at the context every
// checkEvery calls, and once the context is done, always says so.
func (c *canceller) stop() bool {
	if c.err != nil {
		return true
	}
	if c.ctx == nil {
		return false
	}
	if c.n++; c.n%checkEvery != 0 {
		return false
	}
	c.err = c.ctx.Err()
	return c.err != nil
}

// done looks at the context now.
func (c *canceller) done() bool {
	if c.err == nil && c.ctx != nil {
		c.err = c.ctx.Err()
	}
	return c.err != nil
}

// cancelled wraps the context's error err, which errors.Is recognises
// (context.Canceled, context.DeadlineExceeded), with what was stopped.
func cancelled(what string, err error) error {
	return fmt.Errorf("%s stopped: %w", what, err)
}

// isCancel reports an error that a done context caused.
func isCancel(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}
