// Package le loads and stores little-endian integers at an index of a
// byte slice (klauspost/compress's internal/le, as it is).
package le

// Indexer is the types an index may have.
type Indexer interface {
	int | int8 | int16 | int32 | int64 | uint | uint8 | uint16 | uint32 | uint64
}
