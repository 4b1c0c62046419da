package parse

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
)

// metaScanBytes is how far into a page its <meta> character set is looked
// for. The standard says 1024 bytes, and charset.DetermineEncoding looks
// no further; real pages put the declaration after kilobytes of scripts
// and styles (an archive's toolbar, analytics), and a page decoded with
// the wrong set prints as mojibake.
const metaScanBytes = 64 << 10

// metaCharset returns the encoding a page's <meta charset> or
// <meta http-equiv=Content-Type content="…; charset=…"> declares within
// its first metaScanBytes, and the encoding's name; nil when it declares
// none (or none that is known). A declared UTF-16 is read as UTF-8, as
// the standard says: a page that reached the tokenizer as ASCII-compatible
// bytes is not UTF-16.
func metaCharset(data []byte) (encoding.Encoding, string) {
	z := html.NewTokenizer(bytes.NewReader(data[:min(len(data), metaScanBytes)]))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return nil, ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) == "body" {
				return nil, ""
			}
			if string(name) != "meta" {
				continue
			}
			var pragma bool
			var attrSet, contentSet string
			for hasAttr {
				var key, val []byte
				key, val, hasAttr = z.TagAttr()
				switch string(key) {
				case "charset":
					attrSet = string(val)
				case "http-equiv":
					pragma = strings.EqualFold(string(val), "content-type")
				case "content":
					contentSet = charsetParam(string(val))
				}
			}
			declared := attrSet
			if declared == "" && pragma {
				declared = contentSet
			}
			if declared == "" {
				continue
			}
			e, n := charset.Lookup(declared)
			if e == nil {
				continue
			}
			if strings.HasPrefix(n, "utf-16") {
				return encoding.Nop, "utf-8"
			}
			return e, n
		}
	}
}

// charsetParam returns the charset parameter of a Content-Type value
// ("text/html; charset=gb2312"), or "".
func charsetParam(contentType string) string {
	i := strings.Index(strings.ToLower(contentType), "charset")
	if i < 0 {
		return ""
	}
	v := strings.TrimLeft(contentType[i+len("charset"):], " \t")
	if !strings.HasPrefix(v, "=") {
		return ""
	}
	v = strings.Trim(strings.TrimLeft(v[1:], " \t"), "\"'")
	if j := strings.IndexAny(v, "; \t\"'"); j >= 0 {
		v = v[:j]
	}
	return v
}
