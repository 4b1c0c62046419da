package main

import (
	"bytes"
	"testing"
	"time"
)

// TestInputs: the attacks' inputs are what the report says they are.
func TestInputs(t *testing.T) {
	if p := paragraph(1_000_000); len(p) < 1_000_000 || bytes.Count(p, []byte("\n\n")) != 1 {
		t.Errorf("paragraph: %d bytes, %d blank lines; want one paragraph of 1 MB after its title", len(p), bytes.Count(p, []byte("\n\n")))
	}
	list := nestedList(3000)
	if !bytes.Contains(list, append(bytes.Repeat([]byte("  "), 2999), "- item 3000\n"...)) {
		t.Error("the list's last item is not 3,000 levels deep")
	}
	photos := photoArticle(3, 120, 90)
	if n := bytes.Count(photos, []byte(`src="data:image/jpeg;base64,`)); n != 3 {
		t.Errorf("%d images, want 3", n)
	}
	for _, tc := range []struct {
		args []string
		want time.Duration
	}{
		{[]string{"--timeout", "3s"}, 3 * time.Second},
		{[]string{"--queue", "2", "--timeout=500ms"}, 500 * time.Millisecond},
		{[]string{"--queue", "2"}, 0},
	} {
		if got := serveTimeout(tc.args); got != tc.want {
			t.Errorf("serveTimeout(%q) = %v, want %v", tc.args, got, tc.want)
		}
	}
}
