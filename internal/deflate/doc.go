// Package deflate is the stateless DEFLATE encoder of
// github.com/klauspost/compress/flate v1.20.3 with galley's patches (see
// PATCHES.md): StatelessDeflate makes the same bytes, faster. galley's
// fpdf deflates its streams with it.
package deflate
