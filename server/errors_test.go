package server

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/galleyprint/galley"
)

// TestUnreadable: a body the parser cannot read is the request's fault,
// whatever the parser's reason: 422 unreadable with its message, unless
// it is a class of its own (no content, an unsupported format) or the
// request's context ended.
func TestUnreadable(t *testing.T) {
	tooDeep := fmt.Errorf("markdown: %w", errors.New("too deep: lists nested more than 100 levels (line 103)"))
	for _, tc := range []struct {
		err        error
		status     int
		code, text string
	}{
		{tooDeep, 422, "unreadable", "nested more than 100 levels"},
		{fmt.Errorf("html: %w", galley.ErrNoContent), 422, "no_content", ""},
		{fmt.Errorf("x: %w", galley.ErrUnsupportedFormat), 415, "unsupported_format", ""},
		{fmt.Errorf("parsing: %w", context.DeadlineExceeded), 504, "timeout", ""},
	} {
		ae := classify(unreadable(tc.err))
		if ae.status != tc.status || ae.code != tc.code || !strings.Contains(ae.message, tc.text) {
			t.Errorf("%v: %d %s %q; want %d %s", tc.err, ae.status, ae.code, ae.message, tc.status, tc.code)
		}
	}
	if unreadable(nil) != nil {
		t.Error("no error became one")
	}
}
