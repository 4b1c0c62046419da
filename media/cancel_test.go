package media

import (
	"context"
	"errors"
	"testing"
)

// countingContext is a context whose Err reports it cancelled from its
// cancelAt-th call on (never when cancelAt is 0), and counts the calls.
type countingContext struct {
	context.Context
	calls, cancelAt int
}

func (c *countingContext) Err() error {
	c.calls++
	if c.cancelAt > 0 && c.calls >= c.cancelAt {
		return context.Canceled
	}
	return nil
}

// TestPrepareStopsPromptly: preparing a large image looks at its context
// as it decodes and scales it, and stops at the first look after it is
// cancelled, with the context's error, not a corrupt image's: a deadline
// ends the work on one image of fifty megapixels too.
func TestPrepareStopsPromptly(t *testing.T) {
	spec := Spec{MaxWidthPt: 300, MaxHeightPt: 300}
	for name, data := range map[string][]byte{
		"jpeg": jpegBytes(t, photo(1600, 1200)),
		"png":  pngBytes(t, photo(1200, 900)),
	} {
		full := &countingContext{Context: context.Background()}
		if _, err := prepare(full, data, "", spec); err != nil {
			t.Fatal(err)
		}
		if full.calls < 20 {
			t.Fatalf("%s: the context was looked at %d times", name, full.calls)
		}
		for _, at := range []int{1, full.calls / 3, full.calls / 2, full.calls - 1} {
			ctx := &countingContext{Context: context.Background(), cancelAt: at}
			_, err := prepare(ctx, data, "", spec)
			if !errors.Is(err, context.Canceled) || errors.Is(err, ErrCorruptImage) {
				t.Fatalf("%s cancelled at look %d of %d: %v, want context.Canceled only", name, at, full.calls, err)
			}
			if ctx.calls > at+1 {
				t.Errorf("%s cancelled at look %d: looked %d times, going on after it was cancelled", name, at, ctx.calls)
			}
		}
	}
}
