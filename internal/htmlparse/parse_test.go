package htmlparse

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestParseCancelled: a parse whose context is done stops with the
// context's error, at once or part way through a long page.
func TestParseCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	page := strings.Repeat("<p>a <b>b</b> c</p>\n", 10000)
	if doc, err := Parse(ctx, page); !errors.Is(err, context.Canceled) || doc != nil {
		t.Errorf("Parse with a cancelled context: %v, %v; want no tree, context.Canceled", doc, err)
	}
	if _, err := ParseFragment(ctx, page, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("ParseFragment with a cancelled context: %v, want context.Canceled", err)
	}

	// A context that is done after the parse has begun: the parser looks
	// at it again before the end of the page.
	ctx, cancel = context.WithCancel(context.Background())
	looks := 0
	watched := watchedContext{Context: ctx, look: func() {
		if looks++; looks == 2 {
			cancel()
		}
	}}
	if _, err := Parse(watched, page); !errors.Is(err, context.Canceled) {
		t.Errorf("Parse cancelled part way: %v, want context.Canceled", err)
	}
	if looks != 2 {
		t.Errorf("the context was looked at %d times, want 2 (the parse stops at the first look after cancel)", looks)
	}
}

// watchedContext calls look each time its Err is called.
type watchedContext struct {
	context.Context
	look func()
}

func (c watchedContext) Err() error {
	c.look()
	return c.Context.Err()
}

// TestParseTooDeep: a page nested deeper than 512 elements fails with
// ErrTooDeep, with x/net/html's message.
func TestParseTooDeep(t *testing.T) {
	_, err := Parse(context.Background(), strings.Repeat("<div>", 513))
	if !errors.Is(err, ErrTooDeep) || !strings.Contains(err.Error(), "open stack of elements exceeds 512 nodes") {
		t.Errorf("513 nested divs: %v, want ErrTooDeep", err)
	}
	if _, err := Parse(context.Background(), strings.Repeat("<div>", 500)); err != nil {
		t.Errorf("500 nested divs: %v", err)
	}
}

// TestManyAttributes: past manyAttrs attributes, duplicates are still
// dropped, the first of each name kept, whatever its case.
func TestManyAttributes(t *testing.T) {
	var tag strings.Builder
	tag.WriteString("<div")
	for i := range 1000 {
		fmt.Fprintf(&tag, " a%d=%d A%d=x", i%500, i, i%500)
	}
	tag.WriteString(">")
	checkSame(t, "1000 attributes", tag.String(), false)
	doc, err := Parse(context.Background(), tag.String())
	if err != nil {
		t.Fatal(err)
	}
	div := doc.FirstChild.LastChild.FirstChild // html, body, div
	if len(div.Attr) != 500 || div.Attr[499].Key != "a499" || div.Attr[499].Val != "499" {
		t.Errorf("got %d attributes, the last %v; want 500, a499=499", len(div.Attr), div.Attr[len(div.Attr)-1])
	}
}
