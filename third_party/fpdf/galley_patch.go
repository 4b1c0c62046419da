package fpdf

// Patches by galley (see PATCHES.md).

import (
	"crypto/sha1"
	"fmt"
	"sync"
	"unsafe"
)

var utf8FontIDs sync.Map // fontID key -> string

type utf8FontIDKey struct {
	name string
	data *byte
	n    int
}

// utf8FontID identifies a UTF-8 font by its key and a hash of its bytes.
// The hash is cached by the bytes' address: galley keeps each font's bytes
// for the life of the process and never changes them.
func utf8FontID(fontkey string, b []byte) string {
	if len(b) == 0 {
		return fmt.Sprintf("%x", sha1.Sum([]byte(fontkey)))
	}
	k := utf8FontIDKey{fontkey, unsafe.SliceData(b), len(b)}
	if id, ok := utf8FontIDs.Load(k); ok {
		return id.(string)
	}
	h := sha1.New()
	h.Write([]byte(fontkey))
	h.Write(b)
	id := fmt.Sprintf("%x", h.Sum(nil))
	utf8FontIDs.Store(k, id)
	return id
}

var parsedUTF8 sync.Map // utf8FontIDKey (name unused) -> *utf8FontFile

// parsedUTF8Font returns a parsed UTF-8 font for this document. The parse
// is done once per font bytes and kept; each document gets a shallow copy
// with its own reader. That is safe because GenerateCutFont, the only
// later user, resets every table and map it fills by assigning new ones.
func parsedUTF8Font(b []byte) (*utf8FontFile, error) {
	k := utf8FontIDKey{"", unsafe.SliceData(b), len(b)}
	v, ok := parsedUTF8.Load(k)
	if !ok {
		u := newUTF8Font(&fileReader{readerPosition: 0, array: b})
		if err := u.parseFile(); err != nil {
			return nil, err
		}
		v, _ = parsedUTF8.LoadOrStore(k, u)
	}
	c := *v.(*utf8FontFile)
	c.fileReader = &fileReader{readerPosition: 0, array: b}
	return &c, nil
}
