package pdf

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/galleyprint/galley/page"
)

// profileDoc is richDocument written with profile.
func profileDoc(t *testing.T, profile Profile) *page.Document {
	doc := richDocument(t)
	doc.Info.Profile = string(profile)
	doc.Info.Language = "en"
	doc.Info.Subject = "A & B <c>"
	return doc
}

// xmpOf returns the XMP metadata packet of pdf (written uncompressed).
func xmpOf(pdf []byte) string {
	s := string(pdf)
	i := strings.Index(s, "<?xpacket begin")
	j := strings.Index(s, "<?xpacket end")
	if i < 0 || j < i {
		return ""
	}
	return s[i:j]
}

// withObjectStreams returns pdf followed by the inflated contents of its
// object streams, where an archival PDF keeps its annotations and its
// structure tree.
func withObjectStreams(t *testing.T, pdf []byte) []byte {
	t.Helper()
	out := slices.Clone(pdf)
	re := regexp.MustCompile(`<</Type /ObjStm /N \d+ /First \d+ /Filter /FlateDecode /Length (\d+)>>\nstream\n`)
	for _, m := range re.FindAllSubmatchIndex(pdf, -1) {
		n, _ := strconv.Atoi(string(pdf[m[2]:m[3]]))
		zr, err := zlib.NewReader(bytes.NewReader(pdf[m[1] : m[1]+n]))
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, data...)
	}
	return out
}

// TestWriteArchival checks what PDF/A-2 asks of a file, for both archival
// profiles: a 1.7 header, XMP metadata repeating the document
// information with the conformance claimed, an sRGB output intent,
// links with the print flag and a description, the title shown, and a
// trailer /ID; and that the plain profile has none of them.
func TestWriteArchival(t *testing.T) {
	for _, tt := range []struct {
		profile          Profile
		conformance, pua string
	}{
		{ProfileA2U, "U", ""},
		{ProfileA2A, "A", "<pdfuaid:part>1</pdfuaid:part>"},
	} {
		t.Run(string(tt.profile), func(t *testing.T) {
			pdf := withObjectStreams(t, write(t, profileDoc(t, tt.profile)))
			if !bytes.HasPrefix(pdf, []byte("%PDF-1.7\n")) {
				t.Errorf("header %q, want %%PDF-1.7", pdf[:9])
			}
			x := xmpOf(pdf)
			for _, want := range []string{
				`<rdf:li xml:lang="x-default">Rich</rdf:li>`,
				`<dc:creator><rdf:Seq><rdf:li>Ann</rdf:li>`,
				`<rdf:li xml:lang="x-default">A &amp; B &lt;c&gt;</rdf:li>`,
				`<dc:language><rdf:Bag><rdf:li>en</rdf:li>`,
				"<xmp:CreateDate>2024-03-05T10:30:00Z</xmp:CreateDate>",
				"<xmp:ModifyDate>2024-03-05T10:30:00Z</xmp:ModifyDate>",
				"<pdf:Producer>galley</pdf:Producer>",
				"<pdfaid:part>2</pdfaid:part>",
				"<pdfaid:conformance>" + tt.conformance + "</pdfaid:conformance>",
				tt.pua,
			} {
				if !strings.Contains(x, want) {
					t.Errorf("XMP lacks %s:\n%s", want, x)
				}
			}
			if tt.pua == "" && strings.Contains(x, "pdfuaid:part>") {
				t.Error("an untagged PDF claims PDF/UA")
			}
			for _, want := range []string{
				"/CreationDate (D:20240305103000+00'00')",
				"/S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1)",
				"/ViewerPreferences <</DisplayDocTitle true>>",
				"/F 4 /Contents (https://example.com/)",
			} {
				if !bytes.Contains(pdf, []byte(want)) {
					t.Errorf("the PDF lacks %s", want)
				}
			}
			id := regexp.MustCompile(`/ID \[<([0-9a-f]{32})> <([0-9a-f]{32})>\]`).FindSubmatch(pdf)
			if id == nil || !bytes.Equal(id[1], id[2]) {
				t.Fatalf("no trailer /ID of two equal identifiers")
			}
			uuid := strings.ReplaceAll(regexp.MustCompile(`<xmpMM:DocumentID>uuid:([-0-9a-f]+)<`).FindStringSubmatch(x)[1], "-", "")
			if uuid != string(id[1]) {
				t.Errorf("XMP DocumentID %s is not the trailer's /ID %s", uuid, id[1])
			}
			// another document, another identifier
			other := profileDoc(t, tt.profile)
			other.Pages[1].Items[0].Text = "Page 2"
			if bytes.Contains(write(t, other), id[1]) {
				t.Error("a different document has the same /ID")
			}
		})
	}
	pdf := write(t, profileDoc(t, ProfilePlain))
	if !bytes.HasPrefix(pdf, []byte("%PDF-1.3")) || xmpOf(pdf) != "" || bytes.Contains(pdf, []byte("OutputIntent")) {
		t.Error("the plain profile claims PDF/A")
	}
}

// TestWriteArchivalNoTitle checks that an archival document without a
// title gets one, the same in the document information and the XMP.
func TestWriteArchivalNoTitle(t *testing.T) {
	doc := profileDoc(t, ProfileA2U)
	doc.Info.Title = " \x01"
	pdf := write(t, doc)
	if !bytes.Contains(pdf, []byte("/Title (\xfe\xff\x00U\x00n\x00t\x00i\x00t\x00l\x00e\x00d)")) || !strings.Contains(xmpOf(pdf), `"x-default">Untitled<`) {
		t.Error("an untitled document is not called Untitled in both places")
	}
}

func TestParseProfile(t *testing.T) {
	for in, want := range map[string]Profile{"": DefaultProfile, "a2a": ProfileA2A, " A2U ": ProfileA2U, "plain": ProfilePlain} {
		if got, err := ParseProfile(in); err != nil || got != want {
			t.Errorf("ParseProfile(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseProfile("pdf/x"); !errors.Is(err, ErrProfile) {
		t.Errorf("ParseProfile(pdf/x) = %v, want ErrProfile", err)
	}
	doc := profileDoc(t, "pdf/x")
	if err := Write(t.Context(), &bytes.Buffer{}, doc); !errors.Is(err, ErrProfile) {
		t.Errorf("Write with profile pdf/x: %v, want ErrProfile", err)
	}
}

// TestSRGBProfile checks the ICC profile's header and tag table: its
// size, version, classes, signature, and that every tag lies inside it.
func TestSRGBProfile(t *testing.T) {
	p := srgbProfile()
	be := binary.BigEndian
	if int(be.Uint32(p)) != len(p) || be.Uint32(p[8:]) != 0x02100000 || string(p[12:24]) != "mntrRGB XYZ " || string(p[36:40]) != "acsp" {
		t.Fatalf("bad header % x", p[:40])
	}
	n := int(be.Uint32(p[128:]))
	tags := map[string]bool{}
	for i := range n {
		e := p[132+12*i:]
		sig, at, size := string(e[:4]), int(be.Uint32(e[4:])), int(be.Uint32(e[8:]))
		if at%4 != 0 || at+size > len(p) || at < 132+12*n {
			t.Errorf("tag %s at %d, %d bytes, outside the profile", sig, at, size)
		}
		tags[sig] = true
	}
	for _, want := range []string{"desc", "cprt", "wtpt", "rXYZ", "gXYZ", "bXYZ", "rTRC", "gTRC", "bTRC"} {
		if !tags[want] {
			t.Errorf("no %s tag", want)
		}
	}
}
