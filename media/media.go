// Package media gets image bytes and prepares them for print.
//
// Getting: a [Fetcher] turns an image reference (a figure's src) into
// bytes. [Local] reads files confined to the input's folder, [DataURI]
// decodes data: URIs, [HTTP] downloads with size, time and redirect limits,
// and [Router] sends each reference to the right one by its scheme.
// [Loader] fetches and prepares the images of a document in parallel, with
// a global and a per-host limit, and keeps what it got for its lifetime.
//
// Preparing: [Prepare] turns image bytes into a [page.Image] that the PDF
// writer can embed: JPEG or 8-bit non-interlaced PNG, no wider than the
// place it is printed in needs at the target resolution, grey when asked.
// Decompression bombs are refused before anything is decoded, and no input
// makes it panic.
//
// Every error wraps one of the sentinel errors below or comes from the
// source (a file system or network error, a [*StatusError]), so callers
// can tell a missing picture from a refused one with errors.Is.
//
// The package depends on the standard library, golang.org/x/image and the
// layout package's Image type only.
package media

import "errors"

// Errors callers can test for with errors.Is.
var (
	// ErrOffline: the reference needs the network and the Router is offline.
	ErrOffline = errors.New("media: offline: network images are not fetched")
	// ErrOutsideRoot: a local reference resolves outside the input's folder.
	ErrOutsideRoot = errors.New("media: path is outside the input's folder")
	// ErrTooLarge: the image's bytes exceed the source's size limit.
	ErrTooLarge = errors.New("media: image is too large")
	// ErrUnsupportedImage: the bytes are an image galley cannot print
	// (SVG, AVIF, an unknown format…).
	ErrUnsupportedImage = errors.New("media: unsupported image")
	// ErrNotImage: the source says, or the bytes show, that this is not an
	// image.
	ErrNotImage = errors.New("media: not an image")
	// ErrCorruptImage: the bytes are a damaged or truncated image.
	ErrCorruptImage = errors.New("media: damaged image")
	// ErrDecompressionBomb: the image claims more pixels than Spec.MaxPixels.
	ErrDecompressionBomb = errors.New("media: image has too many pixels")
	// ErrBadReference: the reference cannot be read as a path or URL, or
	// no source handles it.
	ErrBadReference = errors.New("media: bad image reference")
)
