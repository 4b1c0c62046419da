package batch

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/galleyprint/galley/parse"
)

func TestEnumerateJSONLines(t *testing.T) {
	long := `{"title":"Long","body":"` + strings.Repeat("word ", 40000) + `"}` // over the scan buffer
	lines := []string{
		`{"title":"One","body":"first"}`,
		``,
		"   \t",
		`{"title":"Zwei — Ünïcødé 漢字 😀","body":"zweite Zeile"}`,
		long,
		`{"title":"Last","body":"no newline at the end"}`,
	}
	content := "\uFEFF" + lines[0] + "\n" + lines[1] + "\n" + lines[2] + "\n" + lines[3] + "\r\n" + lines[4] + "\n" + lines[5]
	dir := t.TempDir()
	p := filepath.Join(dir, "feed.jsonl")
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	items, errs := srcCollect(t, []string{p}, SourceOptions{})
	srcNoErrors(t, errs)
	k := srcKey(dir, "feed.jsonl")
	want := []string{k + "#L1", k + "#L4", k + "#L5", k + "#L6"}
	if got := srcIDs(items); !reflect.DeepEqual(got, want) {
		t.Fatalf("items:\n got %q\nwant %q", got, want)
	}
	for i, n := range []int{1, 4, 5, 6} {
		it := items[i]
		if it.Format != parse.FormatJSON || it.BaseDir != dir || it.Name != p+it.Entry || it.ID != k+it.Entry || it.Entry != "#L"+strconv.Itoa(n) || it.Article != nil {
			t.Errorf("%s: %+v", it.ID, it)
		}
		data, _ := srcOpen(t, it)
		if data != lines[n-1] {
			t.Errorf("%s read %.80q, want %.80q", it.ID, data, lines[n-1])
		}
		arts, err := parse.Parse([]byte(data), parse.Options{Format: it.Format, Name: it.Name})
		if err != nil || len(arts) != 1 {
			t.Errorf("%s: parse: %v", it.ID, err)
		}
	}
	// items read their line each time, concurrently
	done := make(chan string)
	for range 8 {
		go func() {
			data, _, err := items[1].Open(context.Background())
			done <- fmt.Sprint(string(data), err)
		}()
	}
	for range 8 {
		if got := <-done; got != lines[3]+"<nil>" {
			t.Errorf("concurrent Open: %q", got)
		}
	}
}

func TestEnumerateJSONLinesChangedFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.ndjson")
	os.WriteFile(p, []byte("{\"title\":\"a\"}\n{\"title\":\"b\"}\n"), 0o644)
	items, _ := srcCollect(t, []string{p}, SourceOptions{})
	if len(items) != 2 {
		t.Fatalf("%d items", len(items))
	}
	os.WriteFile(p, []byte("{}\n"), 0o644)
	if _, _, err := items[1].Open(context.Background()); err == nil || !strings.Contains(err.Error(), p+"#L2") {
		t.Errorf("Open after the file shrank: %v", err)
	}
}
