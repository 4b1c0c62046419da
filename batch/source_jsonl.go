package batch

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/galleyprint/galley/parse"
)

// jsonl enumerates the non-empty lines of the JSON Lines file p, one item
// each, scanning the file once with a fixed buffer: an item keeps only its
// line's byte offset and length, and its Open reads that line again.
func (e *enumerator) jsonl(p, key, src, from string) {
	f, err := os.Open(p)
	if err != nil {
		e.fail(src, from, err)
		return
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 64<<10)
	var off int64
	if head, _ := br.Peek(3); bytes.Equal(head, utf8BOM) {
		br.Discard(3)
		off = 3
	}
	start, line, blank := off, 1, true
	for !e.done() {
		chunk, err := br.ReadSlice('\n')
		if blank && len(bytes.TrimSpace(chunk)) > 0 {
			blank = false
		}
		off += int64(len(chunk))
		if err == bufio.ErrBufferFull {
			continue // a long line goes on
		}
		if err != nil && err != io.EOF {
			e.fail(src, from, fmt.Errorf("line %d: %w", line, err))
			return
		}
		if !blank && !e.emit(lineItem(p, key, line, start, off-start, e.limit())) {
			return
		}
		if err == io.EOF {
			return
		}
		start, line, blank = off, line+1, true
	}
}

var utf8BOM = []byte("\xEF\xBB\xBF")

// lineItem is line n of the JSON Lines file p (ID key): length bytes
// from offset, at most limit.
func lineItem(p, key string, n int, offset, length, limit int64) Item {
	entry := fmt.Sprintf("#L%d", n)
	id, name := key+entry, p+entry
	return Item{ID: id, Entry: entry, Name: name, BaseDir: filepath.Dir(p), Format: parse.FormatJSON,
		Open: func(ctx context.Context) ([]byte, string, error) {
			if err := ctx.Err(); err != nil {
				return nil, "", err
			}
			data, err := readLine(p, offset, length, limit)
			if err != nil {
				return nil, "", fmt.Errorf("%s: %w", name, err)
			}
			return data, "", nil
		}}
}

// readLine reads length bytes at offset of the file p, without the line's
// end; a line longer than limit is refused.
func readLine(p string, offset, length, limit int64) ([]byte, error) {
	if length > limit {
		return nil, fmt.Errorf("the line: %w", tooLarge(length, limit))
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, length)
	if _, err := f.ReadAt(buf, offset); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("the file is shorter than when it was scanned")
		}
		return nil, err
	}
	return bytes.TrimRight(buf, "\r\n"), nil
}
