package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/galleyprint/galley"
)

// defaultMaxInput is the largest input galley reads unless --max-input
// says otherwise: the library's own bound on one input.
const defaultMaxInput = galley.MaxInputBytes

// byteSize is a size flag: a number of bytes with an optional unit, B, KB,
// MB or GB (powers of 1024, as galley's messages count them; KiB, MiB and
// GiB, and K, M and G, mean the same).
type byteSize int64

// units are byteSize's units, upper-cased.
var units = []struct {
	name string
	n    int64
}{
	{"GIB", 1 << 30}, {"MIB", 1 << 20}, {"KIB", 1 << 10},
	{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10},
	{"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1},
}

// Set reads a size such as 64MB, 1.5GB or 100000.
func (s *byteSize) Set(v string) error {
	num, mult := strings.TrimSpace(v), int64(1)
	upper := strings.ToUpper(num)
	for _, u := range units {
		if strings.HasSuffix(upper, u.name) {
			num, mult = strings.TrimSpace(num[:len(num)-len(u.name)]), u.n
			break
		}
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsNaN(f) || f <= 0 || f*float64(mult) >= math.MaxInt64 {
		return fmt.Errorf("%q is not a size such as 64MB, 512KB or 2GB", v)
	}
	n := int64(f * float64(mult))
	if n < 1 {
		return fmt.Errorf("%q is less than a byte", v)
	}
	*s = byteSize(n)
	return nil
}

// Type names the flag's kind in help texts.
func (s *byteSize) Type() string { return "size" }

// String is the size as the flag takes it: 64MB.
func (s *byteSize) String() string { return strings.ReplaceAll(formatSize(int64(*s)), " ", "") }

// formatSize writes n bytes as 64 MB, 47.7 MB, 1 GB, 700 KB or 12 B.
func formatSize(n int64) string {
	for _, u := range []struct {
		name string
		n    int64
	}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}} {
		switch {
		case n >= u.n && n%u.n == 0:
			return strconv.FormatInt(n/u.n, 10) + " " + u.name
		case n >= u.n:
			return strconv.FormatFloat(float64(n)/float64(u.n), 'f', 1, 64) + " " + u.name
		}
	}
	return strconv.FormatInt(n, 10) + " B"
}

// addMaxInputFlag adds --max-input to a command that reads inputs.
func addMaxInputFlag(f *pflag.FlagSet, s *byteSize) {
	*s = defaultMaxInput
	f.Var(s, "max-input", "largest input file read, e.g. 64MB or 1GB; a larger one is refused before it is read")
}

// tooLarge is the error for an input over the limit: how large, the
// limit and the flag that raises it.
func tooLarge(size, limit int64) error {
	what := "over"
	if size > 0 {
		what = formatSize(size) + ", over"
	}
	next := byteSize(nextLimit(size, limit))
	return fmt.Errorf("%w: %s the %s input limit; --max-input %s raises it",
		galley.ErrTooLarge, what, formatSize(limit), next.String())
}

// nextLimit is a round limit above size (or twice limit when size is
// unknown), for the message.
func nextLimit(size, limit int64) int64 {
	next := max(size, 2*limit)
	unit := int64(1 << 10)
	for unit < 1<<30 && next > unit<<10 {
		unit <<= 10
	}
	return (next + unit - 1) / unit * unit
}

// readInput reads a file, or standard input for "-", of at most limit
// bytes. A file's size is checked before anything is read, and the file
// is read into a buffer of its size, once.
func readInput(e *env, name string, limit int64) ([]byte, error) {
	if name == "-" {
		return readLimited(e.stdin, limit, 0)
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, errors.New("is a folder, not a file")
	}
	size := int64(0)
	if st.Mode().IsRegular() {
		size = st.Size()
		if size > limit {
			return nil, tooLarge(size, limit)
		}
	}
	return readLimited(f, limit, size)
}

// readLimited reads r whole, refusing more than limit bytes; size, when
// known, sizes the buffer so that it is filled without copies.
func readLimited(r io.Reader, limit, size int64) ([]byte, error) {
	buf := make([]byte, 0, min(size, limit)+1) // +1: the end is seen without growing
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // grow
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > limit {
			return nil, tooLarge(0, limit)
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// reading is how a command reads its inputs.
type reading struct {
	format         string
	offline, quiet bool
	maxInput       int64 // largest file or standard input
	maxFetch       int64 // largest fetched page; 0 is galley.FetchPage's default
	extract        galley.Extraction
	baseURL        string       // --base-url: the address of a file's or standard input's page
	client         *http.Client // fetches pages (fetchFlags.client); nil is the default
}

// setMaxInput takes --max-input from flags: it bounds files, and fetched
// pages too when it is given.
func (rd *reading) setMaxInput(flags *pflag.FlagSet, v byteSize) {
	rd.maxInput = int64(v)
	if flags.Changed("max-input") {
		rd.maxFetch = rd.maxInput
	}
}
