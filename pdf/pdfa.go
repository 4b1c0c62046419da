package pdf

import (
	"fmt"
	"strings"
	"time"

	"github.com/galleyprint/galley/internal/fpdf"
)

// Profile is the standard a PDF is written to (page.Info.Profile).
type Profile string

// The profiles.
const (
	// ProfileA2A is PDF/A-2a and PDF/UA-1: archival, tagged, accessible.
	ProfileA2A Profile = "a2a"
	// ProfileA2U is PDF/A-2u: archival, its text extractable as Unicode,
	// untagged.
	ProfileA2U Profile = "a2u"
	// ProfilePlain is PDF as fpdf writes it, claiming no standard: the
	// smallest files.
	ProfilePlain Profile = "plain"
)

// DefaultProfile is the profile of a document that names none.
const DefaultProfile = ProfileA2A

// Profiles lists the profiles, the default first.
var Profiles = []Profile{ProfileA2A, ProfileA2U, ProfilePlain}

// ParseProfile reads a profile's name; "" is DefaultProfile.
func ParseProfile(s string) (Profile, error) {
	switch p := Profile(strings.ToLower(strings.TrimSpace(s))); p {
	case "":
		return DefaultProfile, nil
	case ProfileA2A, ProfileA2U, ProfilePlain:
		return p, nil
	}
	return "", fmt.Errorf("%w: PDF profile %q is not a2a, a2u or plain", ErrProfile, s)
}

// ErrProfile is wrapped by the error for a profile galley does not know.
var ErrProfile = fmt.Errorf("unknown PDF profile")

// archival reports whether p claims PDF/A.
func (p Profile) archival() bool { return p == ProfileA2A || p == ProfileA2U }

// tagged reports whether p writes tagged PDF.
func (p Profile) tagged() bool { return p == ProfileA2A }

// untitled is the title of a document that gives none: PDF/UA asks for
// one, shown in the reader's title bar.
const untitled = "Untitled"

// setArchive makes w's PDF archival, before its header is written.
func (w *Writer) setArchive() {
	p := w.p
	p.SetArchive(&fpdf.Archive{
		Tagged: w.profile.tagged(),
		End:    w.endArchive,
		XMP:    w.xmp,
	})
	p.AddOutputIntent(fpdf.OutputIntentType{
		SubtypeIdent:              fpdf.OutputIntent_GTS_PDFA1,
		OutputConditionIdentifier: "sRGB IEC61966-2.1",
		Info:                      "sRGB IEC61966-2.1",
		ICCProfile:                srgbProfile(),
	})
}

// endArchive writes the structure tree of a tagged PDF and returns the
// catalog's entries for it.
func (w *Writer) endArchive() string {
	if w.tags == nil {
		return ""
	}
	return w.tags.write(w.p, w.pages)
}

// xmp returns the document's XMP metadata, which repeats its document
// information and states its conformance, with id as its document and
// instance identifiers.
func (w *Writer) xmp(id [16]byte) []byte {
	info := w.info
	var b strings.Builder
	b.WriteString("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<dc:format>application/pdf</dc:format>
`)
	fmt.Fprintf(&b, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:title>\n", xmlText(w.title()))
	if a := metaText(info.Author); a != "" {
		fmt.Fprintf(&b, "<dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>\n", xmlText(a))
	}
	if s := metaText(info.Subject); s != "" {
		fmt.Fprintf(&b, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:description>\n", xmlText(s))
	}
	if isLanguageTag(info.Language) {
		fmt.Fprintf(&b, "<dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>\n", info.Language)
	}
	date := w.created().Format("2006-01-02T15:04:05Z")
	fmt.Fprintf(&b, "<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n", date, date)
	fmt.Fprintf(&b, "<xmp:CreatorTool>%s</xmp:CreatorTool>\n<pdf:Producer>%s</pdf:Producer>\n", Producer, Producer)
	if k := metaText(info.Keywords); k != "" {
		fmt.Fprintf(&b, "<pdf:Keywords>%s</pdf:Keywords>\n", xmlText(k))
	}
	uuid := fmt.Sprintf("uuid:%x-%x-%x-%x-%x", id[0:4], id[4:6], id[6:8], id[8:10], id[10:16])
	fmt.Fprintf(&b, "<xmpMM:DocumentID>%s</xmpMM:DocumentID>\n<xmpMM:InstanceID>%s</xmpMM:InstanceID>\n", uuid, uuid)
	conformance := "U"
	if w.profile.tagged() {
		conformance = "A"
	}
	fmt.Fprintf(&b, "<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>%s</pdfaid:conformance>\n", conformance)
	if w.profile.tagged() {
		b.WriteString("<pdfuaid:part>1</pdfuaid:part>\n")
	}
	b.WriteString("</rdf:Description>\n")
	if w.profile.tagged() {
		// PDF/A-2 knows the schemas of XMP's own specification; any other
		// (PDF/UA's identification) is described where it is used
		b.WriteString(pdfuaExtension)
	}
	b.WriteString("</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>")
	return []byte(b.String())
}

// pdfuaExtension describes the pdfuaid schema as a PDF/A extension schema.
const pdfuaExtension = `<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates which part of ISO 14289 the document conforms to</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
`

// title is the document's title as written: Info's, or untitled for an
// archival document that has none.
func (w *Writer) title() string {
	t := metaText(w.info.Title)
	if t == "" && w.profile.archival() {
		return untitled
	}
	return t
}

// created is the document's creation date as written: UTC, or fixedDate
// when it has none or one a PDF date cannot hold.
func (w *Writer) created() time.Time {
	t := w.info.Created.UTC()
	if t.IsZero() || t.Year() < 1 || t.Year() > 9999 {
		return fixedDate
	}
	return t
}

// metaText is s as document information holds it: valid UTF-8 without
// control characters, which XML cannot hold, and without surrounding
// space.
func metaText(s string) string {
	s = Encode(s)
	if strings.IndexFunc(s, isControl) >= 0 {
		s = strings.Map(func(r rune) rune {
			if isControl(r) {
				return ' '
			}
			return r
		}, s)
	}
	return strings.TrimSpace(s)
}

func isControl(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0xfffe || r == 0xffff
}

// xmlEscaper escapes XML character data. A Replacer builds its tables on
// first use, and one made for every call built them for every string.
var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// xmlText escapes s for XML character data.
func xmlText(s string) string {
	return xmlEscaper.Replace(s)
}
