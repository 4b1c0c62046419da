package batch

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httputil"
	"strings"
	"time"

	"github.com/nlnwa/gowarc/v3"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/parse"
)

// Reading WARC files (github.com/nlnwa/gowarc/v3). The scan ignores
// validation, so no record block is buffered: each block streams past and
// only its WARC and HTTP headers are looked at. An item keeps the record's
// offset (for .warc.gz, the start of its own gzip member, which the
// library reports), and its Open reads that one record again from there.
var (
	warcScanOptions = []gowarc.WarcRecordOption{
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrIgnore), gowarc.WithSpecViolationPolicy(gowarc.ErrIgnore),
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore), gowarc.WithBlockErrorPolicy(gowarc.ErrIgnore),
	}
	// Validating the digest makes the library keep the block (in memory
	// up to 1 MB, then in a temporary file) so that its payload can be
	// read after the record is parsed.
	warcOpenOptions = []gowarc.WarcRecordOption{
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrIgnore), gowarc.WithSpecViolationPolicy(gowarc.ErrWarn),
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore), gowarc.WithBlockErrorPolicy(gowarc.ErrIgnore),
	}
)

// warc enumerates the HTML responses with status 200 of the WARC (or
// WARC.gz) file p, in file order.
func (e *enumerator) warc(p, key, src, from string) {
	r, err := gowarc.NewWarcFileReader(p, 0, warcScanOptions...)
	if err != nil {
		e.fail(src, from, err)
		return
	}
	defer r.Close()
	ids := map[string]bool{}
	idx := newArchiveIndex()
	defer idx.done()
	f := warcFile{path: p}
	for !e.done() {
		rec, err := r.Next()
		if err == io.EOF {
			return
		}
		if err != nil {
			rec.Close()
			e.fail(src, from, fmt.Errorf("WARC record at byte %d: %w", rec.Offset, err))
			return
		}
		idx.add(f, rec)
		it, ok := warcItem(f, key, rec, e.limit(), idx)
		rec.Close()
		if !ok {
			continue
		}
		if ids[it.ID] { // a record ID given twice: the offset tells them apart
			it.ID = fmt.Sprintf("%s@%d", it.ID, rec.Offset)
			it.Entry = fmt.Sprintf("%s@%d", it.Entry, rec.Offset)
		}
		ids[it.ID] = true
		if !e.emit(it) {
			return
		}
	}
}

// warcItem is the item of a response record with status 200 and an HTML
// content type, of the archive f with ID key; its page may have limit
// bytes; its images come from the archive's index idx.
func warcItem(f warcFile, key string, rec gowarc.Record, limit int64, idx *archiveIndex) (Item, bool) {
	wr := rec.WarcRecord
	if wr == nil || wr.Type() != gowarc.Response {
		return Item{}, false
	}
	hb, ok := wr.Block().(gowarc.HttpResponseBlock)
	if !ok || hb.HttpStatusCode() != http.StatusOK || hb.HttpHeader() == nil {
		return Item{}, false
	}
	mt, _, _ := mime.ParseMediaType(hb.HttpHeader().Get("Content-Type"))
	if mt != "text/html" && mt != "application/xhtml+xml" {
		return Item{}, false
	}
	target := strings.Trim(wr.WarcHeader().Get(gowarc.WarcTargetURI), "<> ")
	recordID := wr.RecordId()
	rk := recordID
	if rk == "" {
		rk = fmt.Sprintf("@%d", rec.Offset)
	}
	entry := "#" + rk
	id := key + entry
	name := target
	if name == "" {
		name = id
	}
	offset := rec.Offset
	date, _ := time.Parse(time.RFC3339, wr.WarcHeader().Get(gowarc.WarcDate))
	return archiveItem(Item{ID: id, Entry: entry, Name: name, BaseURL: target, Format: parse.FormatHTML},
		f, offset, recordID, date, limit, idx), true
}

// archiveItem completes it, the page of an archive's record at offset
// (captured at date): its Open reads the record, its Resources serve its
// images from the archive's index.
func archiveItem(it Item, f warcFile, offset int64, recordID string, date time.Time, limit int64, idx *archiveIndex) Item {
	id := it.ID
	it.Open = func(ctx context.Context) ([]byte, string, error) {
		if err := ctx.Err(); err != nil {
			return nil, "", err
		}
		data, ct, err := readArchiveRecord(f, offset, recordID, limit)
		if err != nil {
			return nil, "", fmt.Errorf("%s: %w", id, err)
		}
		return data, ct, nil
	}
	base := it.BaseURL
	it.Resources = func(page []byte, live galley.ImageFetcher) galley.ImageFetcher {
		return &archiveImages{idx: idx, at: date, siblings: imageCandidates(page, base), live: live,
			data: galley.NewImageLoader(galley.ImageSources{}), limit: limit}
	}
	return it
}

// readArchiveRecord reads the payload of the response (or resource)
// record at offset in the WARC f, decoded from its transfer and content
// encodings, of at most limit bytes.
func readArchiveRecord(f warcFile, offset int64, recordID string, limit int64) ([]byte, string, error) {
	r, closer, err := f.reader(offset, warcOpenOptions)
	if err != nil {
		return nil, "", err
	}
	defer closer.Close()
	rec, err := r.Next()
	defer rec.Close()
	if err != nil {
		return nil, "", fmt.Errorf("reading the record at byte %d: %w", offset, err)
	}
	if rec.Offset != offset || rec.WarcRecord.RecordId() != recordID {
		return nil, "", errors.New("the archive changed since it was scanned")
	}
	hb, ok := rec.WarcRecord.Block().(gowarc.HttpResponseBlock)
	if !ok {
		if rec.WarcRecord.Type() == gowarc.Resource { // the content itself, no HTTP message
			rb, err := rec.WarcRecord.Block().RawBytes()
			if err != nil {
				return nil, "", err
			}
			data, err := readAllMax(rb, limit)
			return data, rec.WarcRecord.WarcHeader().Get(gowarc.ContentType), err
		}
		return nil, "", errors.New("not an HTTP response")
	}
	payload, err := hb.PayloadBytes()
	if err != nil {
		return nil, "", err
	}
	raw, err := readAllMax(payload, limit)
	if err != nil {
		return nil, "", fmt.Errorf("reading the payload: %w", err)
	}
	h := hb.HttpHeader()
	data, err := decodeBody(raw, h.Get("Content-Encoding"), isChunked(hb.ProtocolHeaderBytes()), limit)
	if err != nil {
		return nil, "", err
	}
	return data, h.Get("Content-Type"), nil
}

// isChunked reports whether a recorded response's header says
// "Transfer-Encoding: chunked" (the library's parsed header drops it).
func isChunked(header []byte) bool {
	for _, line := range strings.Split(string(header), "\n") {
		name, value, ok := strings.Cut(line, ":")
		if ok && strings.EqualFold(strings.TrimSpace(name), "Transfer-Encoding") &&
			strings.Contains(strings.ToLower(value), "chunked") {
			return true
		}
	}
	return false
}

// decodeBody undoes the transfer and content encodings a recorded
// response may keep. A body the crawler already de-chunked is taken as it
// is.
func decodeBody(raw []byte, encoding string, chunked bool, limit int64) ([]byte, error) {
	if chunked {
		if data, err := io.ReadAll(httputil.NewChunkedReader(bytes.NewReader(raw))); err == nil {
			raw = data
		}
	}
	var r io.Reader
	var err error
	switch enc := strings.ToLower(strings.TrimSpace(encoding)); enc {
	case "", "identity":
		return raw, nil
	case "gzip", "x-gzip":
		r, err = gzip.NewReader(bytes.NewReader(raw))
	case "deflate": // zlib-wrapped as the standard says, or raw as some servers send
		if len(raw) >= 2 && raw[0]&0x0f == 8 && (uint16(raw[0])<<8|uint16(raw[1]))%31 == 0 {
			r, err = zlib.NewReader(bytes.NewReader(raw))
		} else {
			r = flate.NewReader(bytes.NewReader(raw))
		}
	default:
		return nil, fmt.Errorf("the recorded page is %s-encoded, which galley cannot decode", enc)
	}
	if err != nil {
		return nil, fmt.Errorf("decoding the %s payload: %w", encoding, err)
	}
	data, err := readAllMax(r, limit)
	if err != nil {
		return nil, fmt.Errorf("decoding the %s payload: %w", encoding, err)
	}
	return data, nil
}
