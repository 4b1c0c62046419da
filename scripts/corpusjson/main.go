// Command corpusjson prints, for each HTML page named on standard input (a
// path a line; .gz pages are unpacked), the page's name and the SHA-256 of
// the article JSON galley reads from it (as `galley inspect --format html`
// prints it) or of its error. Two builds' outputs compared show whether a
// change altered what galley understands of any page (scripts/inspect-diff).
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/galleyprint/galley"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		path := in.Text()
		data, err := read(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		name := strings.TrimSuffix(strings.TrimSuffix(filepath.Base(path), ".gz"), filepath.Ext(strings.TrimSuffix(path, ".gz")))
		var out bytes.Buffer
		arts, err := galley.Parse(data, galley.ParseOptions{Format: "html", Name: name})
		if err != nil {
			fmt.Fprintln(&out, err)
		} else {
			enc := json.NewEncoder(&out)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			for _, a := range arts {
				if err := enc.Encode(a); err != nil {
					fmt.Fprintln(&out, err)
				}
			}
		}
		fmt.Printf("%x %s\n", sha256.Sum256(out.Bytes()), path)
	}
}

// read returns a file's bytes, unpacked if its name ends in .gz.
func read(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if !strings.HasSuffix(path, ".gz") {
		return io.ReadAll(f)
	}
	z, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(z)
}
