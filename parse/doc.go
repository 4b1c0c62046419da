// Package parse turns input bytes into articles: web pages (HTML),
// Markdown posts (Markdown), plain text and print-view dumps (Text),
// galley's article JSON (JSON) and JSON Lines (JSONLines). Parse picks the
// format from Options or detects it (Detect, from the table Formats
// returns). Feeds and web archives are detected and refused with
// ErrCollection (package batch reads them); other XML is refused too,
// never read as text.
//
// The package is pure: bytes in, *article.Article out. It never reads the
// network, the clock or the local time zone, and it returns errors rather
// than panicking on any input. Errors wrap ErrNoContent (nothing to print),
// ErrUnsupportedFormat (binary data, XML that is no article, a feed) or
// ErrInvalidJSON (bad JSON, a field of the wrong type, an invalid block).
// Non-fatal problems, such as invalid UTF-8 that was replaced, are logged
// through Options.Logger.
//
// All parsing is linear in the size of the input.
package parse
