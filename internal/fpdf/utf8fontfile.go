// Copyright ©2023 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

/*
 * Copyright (c) 2019 Arteom Korotkiy (Gmail: arteomkorotkiy)
 *
 * Permission to use, copy, modify, and distribute this software for any
 * purpose with or without fee is hereby granted, provided that the above
 * copyright notice and this permission notice appear in all copies.
 *
 * THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES
 * WITH REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF
 * MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR
 * ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES
 * WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN
 * ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF
 * OR IN CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE.
 */

package fpdf

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"sort"
)

// flags
const symbolWords = 1 << 0
const symbolScale = 1 << 3
const symbolContinue = 1 << 5
const symbolAllScale = 1 << 6
const symbol2x2 = 1 << 7

// CID map Init
const toUnicode = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"

type utf8FontFile struct {
	fileReader           *fileReader
	LastRune             int
	tableDescriptions    map[string]*tableDescription
	outTablesData        map[string][]byte
	Ascent               int
	Descent              int
	fontElementSize      int
	Bbox                 fontBoxType
	CapHeight            int
	StemV                int
	ItalicAngle          int
	Flags                int
	UnderlinePosition    float64
	UnderlineThickness   float64
	CharWidths           []int
	DefaultWidth         float64
	CodeSymbolDictionary map[int]int
	cmap                 *cmapCache // galley patch: shared by a font's copies
	cids                 *cidTable  // galley patch 9: the subset's cmap maps these CIDs
	// galley patch 69: the characters of the subset cutFont made last,
	// and the new glyph of each (-1: none), by their index
	subsetRunes []rune
	glyphOf     []int

	// galley patch 35: the loca table, read where it lies (glyphOffset)
	locaFormat   int
	locaPosition int
	numGlyphs    int

	// galley patch 36: CharWidths is made by setCharWidths, on first use
	// when lazyWidths is set, from the hmtx table's first hMetrics
	// entries and the font's numGlyphs glyphs
	lazyWidths bool
	hMetrics   int

	// galley patch 46: the memory of the subset being made, kept for the
	// next subset by releaseSubset
	buffers *subsetBuffers

	// kept keeps the deflated runs of unchanged tables of the font's
	// subsets and the tables' checksums, shared by the font's copies
	// (galley patch 58); nil for a font not parsed once for all documents
	kept *subsetCache
}

type tableDescription struct {
	name     string
	checksum []int
	position int
	size     int
}

type fileReader struct {
	readerPosition int64
	array          []byte
}

func (fr *fileReader) Read(s int) []byte {
	b := fr.array[fr.readerPosition : fr.readerPosition+int64(s)]
	fr.readerPosition += int64(s)
	return b
}

func (fr *fileReader) seek(shift int64, flag int) (int64, error) {
	if flag == 0 {
		fr.readerPosition = shift
	} else if flag == 1 {
		fr.readerPosition += shift
	} else if flag == 2 {
		fr.readerPosition = int64(len(fr.array)) - shift
	}
	return int64(fr.readerPosition), nil
}

func newUTF8Font(reader *fileReader) *utf8FontFile {
	utf := utf8FontFile{
		fileReader: reader,
	}
	return &utf
}

func (utf *utf8FontFile) parseFile() error {
	utf.fileReader.readerPosition = 0
	utf.tableDescriptions = make(map[string]*tableDescription)
	utf.Ascent = 0
	utf.Descent = 0
	if utf.cmap == nil {
		utf.cmap = &cmapCache{}
	}
	codeType := uint32(utf.readUint32())
	if codeType == 0x4F54544F {
		return fmt.Errorf("not supported\n ")
	}
	if codeType == 0x74746366 {
		return fmt.Errorf("not supported\n ")
	}
	if codeType != 0x00010000 && codeType != 0x74727565 {
		return fmt.Errorf("not a TrueType font: codeType=%v\n ", codeType)
	}
	utf.generateTableDescriptions()
	utf.parseTables()
	return nil
}

func (utf *utf8FontFile) generateTableDescriptions() {

	tablesCount := utf.readUint16()
	_ = utf.readUint16()
	_ = utf.readUint16()
	_ = utf.readUint16()
	utf.tableDescriptions = make(map[string]*tableDescription)

	for range tablesCount {
		record := tableDescription{
			name:     utf.readTableName(),
			checksum: []int{utf.readUint16(), utf.readUint16()},
			position: utf.readUint32(),
			size:     utf.readUint32(),
		}
		utf.tableDescriptions[record.name] = &record
	}
}

func (utf *utf8FontFile) readTableName() string {
	return string(utf.fileReader.Read(4))
}

func (utf *utf8FontFile) readUint16() int {
	s := utf.fileReader.Read(2)
	return (int(s[0]) << 8) + int(s[1])
}

func (utf *utf8FontFile) readUint32() int {
	s := utf.fileReader.Read(4)
	return (int(s[0]) * 16777216) + (int(s[1]) << 16) + (int(s[2]) << 8) + int(s[3]) // 	16777216  = 1<<24
}

func (utf *utf8FontFile) calcInt32(x, y []int) []int {
	answer := make([]int, 2)
	if y[1] > x[1] {
		x[1] += 1 << 16
		x[0]++
	}
	answer[1] = x[1] - y[1]
	if y[0] > x[0] {
		x[0] += 1 << 16
	}
	answer[0] = x[0] - y[0]
	answer[0] = answer[0] & 0xFFFF
	return answer
}

func (utf *utf8FontFile) generateChecksum(data []byte) []int {
	if (len(data) % 4) != 0 {
		for i := 0; (len(data) % 4) != 0; i++ {
			data = append(data, 0)
		}
	}
	answer := []int{0x0000, 0x0000}
	for i := 0; i < len(data); i += 4 {
		answer[0] += (int(data[i]) << 8) + int(data[i+1])
		answer[1] += (int(data[i+2]) << 8) + int(data[i+3])
		answer[0] += answer[1] >> 16
		answer[1] = answer[1] & 0xFFFF
		answer[0] = answer[0] & 0xFFFF
	}
	return answer
}

func (utf *utf8FontFile) seek(shift int) {
	_, _ = utf.fileReader.seek(int64(shift), 0)
}

func (utf *utf8FontFile) skip(delta int) {
	_, _ = utf.fileReader.seek(int64(delta), 1)
}

// SeekTable position
func (utf *utf8FontFile) SeekTable(name string) int {
	return utf.seekTable(name, 0)
}

func (utf *utf8FontFile) seekTable(name string, offsetInTable int) int {
	_, _ = utf.fileReader.seek(int64(utf.tableDescriptions[name].position+offsetInTable), 0)
	return int(utf.fileReader.readerPosition)
}

func (utf *utf8FontFile) readInt16() int16 {
	s := utf.fileReader.Read(2)
	a := (int16(s[0]) << 8) + int16(s[1])
	if (int(a) & (1 << 15)) == 0 {
		a = int16(int(a) - (1 << 16))
	}
	return a
}

func (utf *utf8FontFile) getUint16(pos int) int {
	_, _ = utf.fileReader.seek(int64(pos), 0)
	s := utf.fileReader.Read(2)
	return (int(s[0]) << 8) + int(s[1])
}

func (utf *utf8FontFile) splice(stream []byte, offset int, value []byte) []byte {
	stream = append([]byte{}, stream...)
	return append(append(stream[:offset], value...), stream[offset+len(value):]...)
}

func (utf *utf8FontFile) insertUint16(stream []byte, offset int, value int) []byte {
	up := make([]byte, 2)
	binary.BigEndian.PutUint16(up, uint16(value))
	return utf.splice(stream, offset, up)
}

func (utf *utf8FontFile) getRange(pos, length int) []byte {
	_, _ = utf.fileReader.seek(int64(pos), 0)
	if length < 1 {
		return make([]byte, 0)
	}
	s := utf.fileReader.Read(length)
	return s
}

func (utf *utf8FontFile) getTableData(name string) []byte {
	desckrip := utf.tableDescriptions[name]
	if desckrip == nil {
		return nil
	}
	if desckrip.size == 0 {
		return nil
	}
	_, _ = utf.fileReader.seek(int64(desckrip.position), 0)
	s := utf.fileReader.Read(desckrip.size)
	return s
}

func (utf *utf8FontFile) setOutTable(name string, data []byte) {
	if data == nil {
		return
	}
	if name == "head" {
		data = utf.splice(data, 8, []byte{0, 0, 0, 0})
	}
	utf.outTablesData[name] = data
}

func arrayKeys(arr map[int]string) []int {
	answer := make([]int, len(arr))
	i := 0
	for key := range arr {
		answer[i] = key
		i++
	}
	return answer
}

func inArray(s int, arr []int) bool {
	return slices.Contains(arr, s)
}

func (utf *utf8FontFile) parseNAMETable() int {
	namePosition := utf.SeekTable("name")
	format := utf.readUint16()
	if format != 0 {
		fmt.Printf("Illegal format %d\n", format)
		return format
	}
	nameCount := utf.readUint16()
	stringDataPosition := namePosition + utf.readUint16()
	names := map[int]string{1: "", 2: "", 3: "", 4: "", 6: ""}
	keys := arrayKeys(names)
	counter := len(names)
	for range nameCount {
		system := utf.readUint16()
		code := utf.readUint16()
		local := utf.readUint16()
		nameID := utf.readUint16()
		size := utf.readUint16()
		position := utf.readUint16()
		if !inArray(nameID, keys) {
			continue
		}
		currentName := ""
		if system == 3 && code == 1 && local == 0x409 {
			oldPos := utf.fileReader.readerPosition
			utf.seek(stringDataPosition + position)
			if size%2 != 0 {
				fmt.Printf("name is not binar byte format\n")
				return format
			}
			size /= 2
			currentName = ""
			for size > 0 {
				char := utf.readUint16()
				currentName += string(rune(char))
				size--
			}
			utf.fileReader.readerPosition = oldPos
			utf.seek(int(oldPos))
		} else if system == 1 && code == 0 && local == 0 {
			oldPos := utf.fileReader.readerPosition
			currentName = string(utf.getRange(stringDataPosition+position, size))
			utf.fileReader.readerPosition = oldPos
			utf.seek(int(oldPos))
		}
		if currentName != "" && names[nameID] == "" {
			names[nameID] = currentName
			counter--
			if counter == 0 {
				break
			}
		}
	}
	return format
}

func (utf *utf8FontFile) parseHEADTable() {
	utf.SeekTable("head")
	utf.skip(18)
	utf.fontElementSize = utf.readUint16()
	scale := 1000.0 / float64(utf.fontElementSize)
	utf.skip(16)
	xMin := utf.readInt16()
	yMin := utf.readInt16()
	xMax := utf.readInt16()
	yMax := utf.readInt16()
	utf.Bbox = fontBoxType{int(float64(xMin) * scale), int(float64(yMin) * scale), int(float64(xMax) * scale), int(float64(yMax) * scale)}
	utf.skip(3 * 2)
	_ = utf.readUint16()
	symbolDataFormat := utf.readUint16()
	if symbolDataFormat != 0 {
		fmt.Printf("Unknown symbol data format %d\n", symbolDataFormat)
		return
	}
}

func (utf *utf8FontFile) parseHHEATable() int {
	metricsCount := 0
	if _, OK := utf.tableDescriptions["hhea"]; OK {
		scale := 1000.0 / float64(utf.fontElementSize)
		utf.SeekTable("hhea")
		utf.skip(4)
		hheaAscender := utf.readInt16()
		hheaDescender := utf.readInt16()
		utf.Ascent = int(float64(hheaAscender) * scale)
		utf.Descent = int(float64(hheaDescender) * scale)
		utf.skip(24)
		metricDataFormat := utf.readUint16()
		if metricDataFormat != 0 {
			fmt.Printf("Unknown horizontal metric data format %d\n", metricDataFormat)
			return 0
		}
		metricsCount = utf.readUint16()
		if metricsCount == 0 {
			fmt.Printf("Number of horizontal metrics is 0\n")
			return 0
		}
	}
	return metricsCount
}

func (utf *utf8FontFile) parseOS2Table() int {
	var weightType int
	scale := 1000.0 / float64(utf.fontElementSize)
	if _, OK := utf.tableDescriptions["OS/2"]; OK {
		utf.SeekTable("OS/2")
		version := utf.readUint16()
		utf.skip(2)
		weightType = utf.readUint16()
		utf.skip(2)
		fsType := utf.readUint16()
		if fsType == 0x0002 || (fsType&0x0300) != 0 {
			fmt.Printf("ERROR - copyright restrictions.\n")
			return 0
		}
		utf.skip(20)
		_ = utf.readInt16()

		utf.skip(36)
		sTypoAscender := utf.readInt16()
		sTypoDescender := utf.readInt16()
		if utf.Ascent == 0 {
			utf.Ascent = int(float64(sTypoAscender) * scale)
		}
		if utf.Descent == 0 {
			utf.Descent = int(float64(sTypoDescender) * scale)
		}
		if version > 1 {
			utf.skip(16)
			sCapHeight := utf.readInt16()
			utf.CapHeight = int(float64(sCapHeight) * scale)
		} else {
			utf.CapHeight = utf.Ascent
		}
	} else {
		weightType = 500
		if utf.Ascent == 0 {
			utf.Ascent = int(float64(utf.Bbox.Ymax) * scale)
		}
		if utf.Descent == 0 {
			utf.Descent = int(float64(utf.Bbox.Ymin) * scale)
		}
		utf.CapHeight = utf.Ascent
	}
	utf.StemV = 50 + int(math.Pow(float64(weightType)/65.0, 2))
	return weightType
}

func (utf *utf8FontFile) parsePOSTTable(weight int) {
	utf.SeekTable("post")
	utf.skip(4)
	utf.ItalicAngle = int(utf.readInt16()) + utf.readUint16()/65536.0
	scale := 1000.0 / float64(utf.fontElementSize)
	utf.UnderlinePosition = float64(utf.readInt16()) * scale
	utf.UnderlineThickness = float64(utf.readInt16()) * scale
	fixed := utf.readUint32()

	utf.Flags = 4

	if utf.ItalicAngle != 0 {
		utf.Flags = utf.Flags | 64
	}
	if weight >= 600 {
		utf.Flags = utf.Flags | 262144
	}
	if fixed != 0 {
		utf.Flags = utf.Flags | 1
	}
}

func (utf *utf8FontFile) parseCMAPTable(format int) int {
	cmapPosition := utf.SeekTable("cmap")
	utf.skip(2)
	cmapTableCount := utf.readUint16()
	cidCMAPPosition := 0
	for range cmapTableCount {
		system := utf.readUint16()
		coded := utf.readUint16()
		position := utf.readUint32()
		oldReaderPosition := utf.fileReader.readerPosition
		if (system == 3 && coded == 1) || system == 0 { // Microsoft, Unicode
			v := utf.getUint16(cmapPosition + position)
			if v == 4 {
				if cidCMAPPosition == 0 {
					cidCMAPPosition = cmapPosition + position
				}
				break
			}
		}
		utf.seek(int(oldReaderPosition))
	}
	if cidCMAPPosition == 0 {
		fmt.Printf("Font does not have cmap for Unicode\n")
		return cidCMAPPosition
	}
	return cidCMAPPosition
}

func (utf *utf8FontFile) parseTables() {
	f := utf.parseNAMETable()
	utf.parseHEADTable()
	n := utf.parseHHEATable()
	w := utf.parseOS2Table()
	utf.parsePOSTTable(w)
	runeCMAPPosition := utf.parseCMAPTable(f)

	utf.SeekTable("maxp")
	utf.skip(4)
	numSymbols := utf.readUint16()

	// galley patch 35: the cmap is indexed where it lies, once per font
	utf.cmap.index = utf.readCMAPIndex(runeCMAPPosition)
	utf.hMetrics, utf.numGlyphs = n, numSymbols
	if n > 0 {
		// galley patch 36: the missing width, as parseHMTXTable sets it
		a := unpackUint16(utf.getRange(utf.SeekTable("hmtx"), 2))
		if a >= 1<<15 {
			a = 0
		}
		utf.DefaultWidth = 1000.0 / float64(utf.fontElementSize) * float64(a)
	}
	if !utf.lazyWidths {
		utf.setCharWidths()
	}
}

// parseSymbols returns the subset's glyphs for usedRunes: each
// character's new glyph, each old glyph's new one, and the old glyphs in
// the order of the new ones (glyph 0, the characters' glyphs ascending,
// then the components of composite glyphs as they are met).
//
// Galley patch 34: the maps are made at their size, and the sorted glyphs
// are not sorted twice; patch 47: the characters come in a slice, not a
// map made for them; patch 51: the glyphs are a slice sorted once, and the
// characters' glyphs pairs in a slice, not two maps (fpdf's map of glyphs
// to characters was read only for its keys and its length, which the
// slice's is).
//
// Galley patch 69: the characters' new glyphs are returned in a slice
// by the characters' index in usedRunes (-1 for those the font lacks),
// not in a map by character (symbolDictionary makes it when asked).
func (utf *utf8FontFile) parseSymbols(usedRunes []rune) (glyphOf []int, newOf *glyphNumbers, symbolKeys []int) {
	glyphOf = slices.Grow(utf.glyphOf[:0], len(usedRunes))[:len(usedRunes)]
	symbolKeys = make([]int, 1, len(usedRunes)+1) // glyph 0 first
	cmap := utf.cmap.index                        // galley patch 35
	for i, r := range usedRunes {
		char := int(r)
		glyphOf[i] = -1
		if g, OK := cmap.glyph(char); OK {
			glyphOf[i] = g // the old glyph, until the new ones are known
			symbolKeys = append(symbolKeys, g)
		}
		utf.LastRune = max(utf.LastRune, char)
	}
	slices.Sort(symbolKeys)
	symbolKeys = slices.Compact(symbolKeys)

	begin := utf.tableDescriptions["glyf"].position

	newOf = utf.subsetBuffers().glyphNumbers(utf.numGlyphs) // galley patch 63
	for i, oldSymbolIndex := range symbolKeys {
		newOf.set(oldSymbolIndex, i)
	}
	for i, g := range glyphOf {
		if g >= 0 {
			glyphOf[i] = newOf.of(g)
		}
	}
	utf.subsetRunes, utf.glyphOf, utf.CodeSymbolDictionary = usedRunes, glyphOf, nil

	for _, oldSymbolIndex := range symbolKeys {
		symbolKeys = utf.getSymbols(oldSymbolIndex, begin, newOf, symbolKeys)
	}

	return glyphOf, newOf, symbolKeys
}

// generateCMAPTable makes the subset's cmap: one format 4 subtable (3, 1)
// mapping each CID of cidSymbolPairCollection to its glyph, in segments
// of consecutive CIDs with consecutive glyphs. Galley patch 34: the
// segments are found in one pass over the sorted CIDs and the table
// written into one buffer (fpdf kept a map of slices, a slice per
// segment, and a two-byte slice per number); same bytes.
func (utf *utf8FontFile) generateCMAPTable(cidSymbolPairCollection map[int]int, numSymbols int) []byte {
	cids := keySortInt(cidSymbolPairCollection)
	glyphs := make([]int, len(cids))
	for i, cid := range cids {
		glyphs[i] = cidSymbolPairCollection[cid]
	}
	return cmapTable(cids, glyphs, numSymbols)
}

// cmapTable is generateCMAPTable of the CIDs cids, ascending, mapped to
// glyphs (galley patch 37: the segments' slices made at their most).
func cmapTable(cids, glyphs []int, numSymbols int) []byte {
	starts := make([]int, 0, len(cids)) // of each segment
	ends := make([]int, 0, len(cids))
	deltas := make([]int, 0, len(cids))
	for i, cid := range cids {
		g := glyphs[i]
		if i > 0 && cid == cids[i-1]+1 && g == glyphs[i-1]+1 {
			ends[len(ends)-1] = cid
			continue
		}
		starts = append(starts, cid)
		ends = append(ends, cid)
		deltas = append(deltas, g-cid)
	}
	segCount := len(starts) + 1

	searchRange := 1
	entrySelector := 0
	for searchRange*2 <= segCount {
		searchRange = searchRange * 2
		entrySelector = entrySelector + 1
	}
	searchRange = searchRange * 2
	rangeShift := segCount*2 - searchRange
	length := 16 + (8 * segCount) + (numSymbols + 1)

	out := make([]byte, 0, 2*(13+4*segCount+1+len(glyphs)+1))
	put := func(vs ...int) {
		for _, v := range vs {
			out = binary.BigEndian.AppendUint16(out, uint16(v))
		}
	}
	put(0, 1, 3, 1, 0, 12, 4, length, 0, segCount*2, searchRange, entrySelector, rangeShift)
	put(ends...)
	put(0xFFFF, 0)
	put(starts...)
	put(0xFFFF)
	put(deltas...)
	put(1)
	for range starts {
		put(0)
	}
	put(0)
	put(glyphs...)
	put(0)
	return out
}

// GenerateCutFont fill utf8FontFile from .utf file, only with runes from usedRunes
func (utf *utf8FontFile) GenerateCutFont(usedRunes map[int]int) []byte {
	chars := make([]rune, 0, len(usedRunes))
	for _, r := range usedRunes {
		chars = append(chars, rune(r))
	}
	return utf.cutFont(chars)
}

// cutFont is GenerateCutFont of the characters usedRunes (galley patch
// 47: putfonts gives a font's characters as its CID table has them).
func (utf *utf8FontFile) cutFont(usedRunes []rune) []byte {
	utf.fileReader.readerPosition = 0
	utf.outTablesData = make(map[string][]byte)
	utf.Ascent = 0
	utf.Descent = 0
	utf.LastRune = 0
	// galley patch 35: the table directory is the parsed font's, read
	// once and then only read
	if utf.tableDescriptions == nil {
		utf.skip(4)
		utf.generateTableDescriptions()
	}

	utf.SeekTable("head")
	utf.skip(50)
	LocaFormat := utf.readUint16()

	utf.SeekTable("hhea")
	utf.skip(34)
	metricsCount := utf.readUint16()
	oldMetrics := metricsCount

	utf.SeekTable("maxp")
	utf.skip(4)
	numSymbols := utf.readUint16()

	// galley patch: the cmap dictionaries are the font's, built once; the
	// widths parseHMTXTable computed here were never read
	if !utf.cachedCMAP() {
		return nil
	}

	utf.locaFormat, utf.locaPosition, utf.numGlyphs = LocaFormat, utf.tableDescriptions["loca"].position, numSymbols // galley patch 35

	_, newOf, symbolCollectionKeys := utf.parseSymbols(usedRunes)

	metricsCount = len(symbolCollectionKeys)
	numSymbols = metricsCount

	utf.setOutTable("name", utf.getTableData("name"))
	utf.setOutTable("cvt ", utf.getTableData("cvt "))
	utf.setOutTable("fpgm", utf.getTableData("fpgm"))
	utf.setOutTable("prep", utf.getTableData("prep"))
	utf.setOutTable("gasp", utf.getTableData("gasp"))

	postTable := utf.getTableData("post")
	postTable = append(append([]byte{0x00, 0x03, 0x00, 0x00}, postTable[4:16]...), []byte{0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00}...)
	utf.setOutTable("post", postTable)

	utf.setOutTable("cmap", utf.subsetCMAP(numSymbols)) // galley patches 9, 37, 69

	symbolData := utf.getTableData("glyf")

	// galley patch 17: the subset's tables are made at their size, and
	// the composite glyphs' components are no longer also recorded in a
	// map of maps nothing read
	glyfSize := 0
	for _, originalSymbolIdx := range symbolCollectionKeys {
		glyfSize += (utf.glyphOffset(originalSymbolIdx+1) - utf.glyphOffset(originalSymbolIdx) + 3) &^ 3
	}
	offsets := make([]int, 0, len(symbolCollectionKeys)+1)
	// galley patch 46: the tables are made in the buffers of the subset
	// made before, each glyph copied once and its components' glyphs
	// renumbered in the copy
	buffers := utf.subsetBuffers()
	glyfData := slices.Grow(buffers.glyf[:0], glyfSize)
	pos := 0
	hmtxData := slices.Grow(buffers.hmtx[:0], 4*len(symbolCollectionKeys))
	hmtx := utf.tableDescriptions["hmtx"].position

	for _, originalSymbolIdx := range symbolCollectionKeys {
		hmtxData = utf.appendMetrics(hmtxData, hmtx, oldMetrics, originalSymbolIdx)

		offsets = append(offsets, pos)
		symbolPos := utf.glyphOffset(originalSymbolIdx)
		symbolLen := utf.glyphOffset(originalSymbolIdx+1) - symbolPos
		start := len(glyfData)
		glyfData = append(glyfData, symbolData[symbolPos:symbolPos+symbolLen]...)
		data := glyfData[start:]
		var up int
		if symbolLen > 0 {
			up = unpackUint16(data[0:2])
		}

		if symbolLen > 2 && (up&(1<<15)) != 0 {
			posInSymbol := 10
			flags := symbolContinue
			nComponentElements := 0
			for (flags & symbolContinue) != 0 {
				nComponentElements++
				up = unpackUint16(data[posInSymbol : posInSymbol+2])
				flags = up
				up = unpackUint16(data[posInSymbol+2 : posInSymbol+4])
				symbolIdx := up
				binary.BigEndian.PutUint16(data[posInSymbol+2:], uint16(newOf.of(symbolIdx)))
				posInSymbol += 4
				if (flags & symbolWords) != 0 {
					posInSymbol += 4
				} else {
					posInSymbol += 2
				}
				if (flags & symbolScale) != 0 {
					posInSymbol += 2
				} else if (flags & symbolAllScale) != 0 {
					posInSymbol += 4
				} else if (flags & symbol2x2) != 0 {
					posInSymbol += 8
				}
			}
		}

		pos += symbolLen
		if pos%4 != 0 {
			padding := 4 - (pos % 4)
			for range padding {
				glyfData = append(glyfData, 0)
			}
			pos += padding
		}
	}

	newOf.clear(symbolCollectionKeys) // galley patch 63: for the next subset
	offsets = append(offsets, pos)
	utf.setOutTable("glyf", glyfData)

	utf.setOutTable("hmtx", hmtxData)

	locaData := buffers.loca[:0]
	if ((pos + 1) >> 1) > 0xFFFF {
		LocaFormat = 1
		locaData = slices.Grow(locaData, 4*len(offsets))
		for _, offset := range offsets {
			locaData = binary.BigEndian.AppendUint32(locaData, uint32(offset))
		}
	} else {
		LocaFormat = 0
		locaData = slices.Grow(locaData, 2*len(offsets))
		for _, offset := range offsets {
			locaData = binary.BigEndian.AppendUint16(locaData, uint16(offset/2))
		}
	}
	buffers.glyf, buffers.hmtx, buffers.loca = glyfData, hmtxData, locaData
	utf.setOutTable("loca", locaData)

	headData := utf.getTableData("head")
	headData = utf.insertUint16(headData, 50, LocaFormat)
	utf.setOutTable("head", headData)

	hheaData := utf.getTableData("hhea")
	hheaData = utf.insertUint16(hheaData, 34, metricsCount)
	utf.setOutTable("hhea", hheaData)

	maxp := utf.getTableData("maxp")
	maxp = utf.insertUint16(maxp, 4, numSymbols)
	utf.setOutTable("maxp", maxp)

	os2Data := utf.getTableData("OS/2")
	utf.setOutTable("OS/2", os2Data)

	return utf.assembleTables()
}

// getSymbols adds to symbolSet and SymbolsCollectionKeys the components
// of glyph originalSymbolIdx, and theirs, that they lack; start is the
// position of the glyf table. Galley patch 51: a component's new glyph is
// the number of glyphs before it, SymbolsCollectionKeys' length (fpdf's
// map of them, of that length, is gone), and the arguments not changed
// are not returned.
func (utf *utf8FontFile) getSymbols(originalSymbolIdx int, start int, newOf *glyphNumbers, SymbolsCollectionKeys []int) []int {
	symbolPos := utf.glyphOffset(originalSymbolIdx)
	symbolSize := utf.glyphOffset(originalSymbolIdx+1) - symbolPos
	if symbolSize == 0 {
		return SymbolsCollectionKeys
	}
	utf.seek(start + symbolPos)

	lineCount := utf.readInt16()

	if lineCount < 0 {
		utf.skip(8)
		flags := symbolContinue
		for flags&symbolContinue != 0 {
			flags = utf.readUint16()
			symbolIndex := utf.readUint16()
			if !newOf.has(symbolIndex) {
				newOf.set(symbolIndex, len(SymbolsCollectionKeys))
				SymbolsCollectionKeys = append(SymbolsCollectionKeys, symbolIndex)
			}
			oldPosition, _ := utf.fileReader.seek(0, 1)
			SymbolsCollectionKeys = utf.getSymbols(symbolIndex, start, newOf, SymbolsCollectionKeys)
			utf.seek(int(oldPosition))
			if flags&symbolWords != 0 {
				utf.skip(4)
			} else {
				utf.skip(2)
			}
			if flags&symbolScale != 0 {
				utf.skip(2)
			} else if flags&symbolAllScale != 0 {
				utf.skip(4)
			} else if flags&symbol2x2 != 0 {
				utf.skip(8)
			}
		}
	}
	return SymbolsCollectionKeys
}

func (utf *utf8FontFile) parseHMTXTable(numberOfHMetrics, numSymbols int, symbolToChar map[int][]int, scale float64) {
	var widths int
	start := utf.SeekTable("hmtx")
	arrayWidths := 0
	var arr []int
	utf.CharWidths = make([]int, 256*256)
	charCount := 0
	arr = unpackUint16Array(utf.getRange(start, numberOfHMetrics*4))
	for symbol := range numberOfHMetrics {
		arrayWidths = arr[(symbol*2)+1]
		if _, OK := symbolToChar[symbol]; OK || symbol == 0 {

			if arrayWidths >= (1 << 15) {
				arrayWidths = 0
			}
			if symbol == 0 {
				utf.DefaultWidth = scale * float64(arrayWidths)
				continue
			}
			for _, char := range symbolToChar[symbol] {
				if char != 0 && char != 65535 {
					widths = int(math.Round(scale * float64(arrayWidths)))
					if widths == 0 {
						widths = 65535
					}
					if char < 196608 {
						utf.CharWidths[char] = widths
						charCount++
					}
				}
			}
		}
	}
	diff := numSymbols - numberOfHMetrics
	for pos := range diff {
		symbol := pos + numberOfHMetrics
		if _, OK := symbolToChar[symbol]; OK {
			for _, char := range symbolToChar[symbol] {
				if char != 0 && char != 65535 {
					widths = int(math.Round(scale * float64(arrayWidths)))
					if widths == 0 {
						widths = 65535
					}
					if char < 196608 {
						utf.CharWidths[char] = widths
						charCount++
					}
				}
			}
		}
	}
	utf.CharWidths[0] = charCount
}

// appendMetrics appends the hmtx entry of glyph gid to dst: its advance
// width and left side bearing, from the hmtx table at position hmtx
// (galley patch 46: appended, not made anew; patch 63: read where they
// lie, the table not looked up for each glyph).
func (utf *utf8FontFile) appendMetrics(dst []byte, hmtx, metricCount, gid int) []byte {
	data := utf.fileReader.array
	if gid < metricCount {
		return append(dst, data[hmtx+gid*4:][:4]...)
	}
	dst = append(dst, data[hmtx+(metricCount-1)*4:][:2]...)
	return append(dst, data[hmtx+metricCount*2+gid*2:][:2]...)
}

// generateSCCSDictionaries reads a format 4 cmap into the characters of
// each glyph, for parseHMTXTable when setCharWidths cannot do without
// (galley patch 35).
//
// galley patch 30: the map is made here, sized to the cmap's characters
// (growing it one character at a time was most of the time of parsing a
// font), and the map of characters to glyphs, which parseTables threw
// away, is no longer made.
func (utf *utf8FontFile) generateSCCSDictionaries(runeCmapPosition int) (symbolCharDictionary map[int][]int) {
	utf.seek(runeCmapPosition + 2)
	size := utf.readUint16()
	rim := runeCmapPosition + size
	utf.skip(2)

	segmentSize := utf.readUint16() / 2
	utf.skip(6)
	completers := make([]int, 0)
	for range segmentSize {
		completers = append(completers, utf.readUint16())
	}
	utf.skip(2)
	beginners := make([]int, 0)
	for range segmentSize {
		beginners = append(beginners, utf.readUint16())
	}
	sizes := make([]int, 0)
	for range segmentSize {
		sizes = append(sizes, int(utf.readInt16()))
	}
	readerPositionStart := utf.fileReader.readerPosition
	positions := make([]int, 0)
	for range segmentSize {
		positions = append(positions, utf.readUint16())
	}
	chars := 0
	for n := range segmentSize {
		chars += max(completers[n]+1-beginners[n], 0)
	}
	symbolCharDictionary = make(map[int][]int, chars)
	var symbol int
	for n := range segmentSize {
		completePosition := completers[n] + 1
		for char := beginners[n]; char < completePosition; char++ {
			if positions[n] == 0 {
				symbol = (char + sizes[n]) & 0xFFFF
			} else {
				position := (char-beginners[n])*2 + positions[n]
				position = int(readerPositionStart) + 2*n + position
				if position >= rim {
					symbol = 0
				} else {
					symbol = utf.getUint16(position)
					if symbol != 0 {
						symbol = (symbol + sizes[n]) & 0xFFFF
					}
				}
			}
			symbolCharDictionary[symbol] = append(symbolCharDictionary[symbol], char)
		}
	}
	return symbolCharDictionary
}

func (utf *utf8FontFile) assembleTables() []byte {
	// galley patch 17: the font file is assembled in one buffer of its
	// size, from the tables as they are (fpdf copied each table twice and
	// the whole file once more to set its checksum)
	tablesCount := len(utf.outTablesData)
	findSize := 1
	writer := 0
	for findSize*2 <= tablesCount {
		findSize = findSize * 2
		writer = writer + 1
	}
	findSize = findSize * 16
	rOffset := tablesCount*16 - findSize

	tablesNames := keySortStrings(utf.outTablesData)
	size := 12 + tablesCount*16
	for _, name := range tablesNames {
		size += (len(utf.outTablesData[name]) + 3) &^ 3
	}
	buffers := utf.subsetBuffers() // galley patch 46
	answer := slices.Grow(buffers.file[:0], size)
	answer = append(answer, packHeader(0x00010000, tablesCount, findSize, writer, rOffset)...)

	offset := 12 + tablesCount*16
	begin := 0

	var sum uint32 // of the tables, padded: each starts at a multiple of 4
	for _, name := range tablesNames {
		data := utf.outTablesData[name]
		if name == "head" {
			begin = offset
		}
		answer = append(answer, name...)
		ts := utf.kept.tableSum(name, data) // galley patch 58
		sum += ts
		answer = binary.BigEndian.AppendUint32(answer, ts)
		answer = binary.BigEndian.AppendUint32(answer, uint32(offset))
		answer = binary.BigEndian.AppendUint32(answer, uint32(len(data)))
		offset += (len(data) + 3) &^ 3
	}

	runs := append(buffers.runs[:0], fileRun{end: len(answer)}) // galley patch 58
	for _, key := range tablesNames {
		data := utf.outTablesData[key]
		answer = append(answer, data...)
		for pad := (4 - len(data)%4) % 4; pad > 0; pad-- {
			answer = append(answer, 0)
		}
		runs = appendRun(runs, len(answer), unchangedTable(key))
	}
	buffers.runs = runs

	sum += tableSum(answer[:12+tablesCount*16]) // and the directory's: the file's
	checksum := utf.calcInt32([]int{0xB1B0, 0xAFBA}, []int{int(sum >> 16), int(sum & 0xFFFF)})
	binary.BigEndian.PutUint16(answer[begin+8:], uint16(checksum[0]))
	binary.BigEndian.PutUint16(answer[begin+10:], uint16(checksum[1]))
	buffers.file = answer
	return answer
}

// tableChecksum is generateChecksum's sum of data, as two 16-bit halves,
// without padding a copy of data (galley patch 17): the sum of its
// big-endian 32-bit words, modulo 2³², the last padded with zeros.
func tableChecksum(data []byte) (hi, lo int) {
	sum := tableSum(data)
	return int(sum >> 16), int(sum & 0xFFFF)
}

func tableSum(data []byte) uint32 {
	var sum uint32
	n := len(data) &^ 7
	for i := 0; i < n; i += 8 { // two words a load (galley patch 47)
		v := binary.BigEndian.Uint64(data[i:])
		sum += uint32(v>>32) + uint32(v)
	}
	if n+4 <= len(data) {
		sum += binary.BigEndian.Uint32(data[n:])
		n += 4
	}
	if n < len(data) {
		var w [4]byte
		copy(w[:], data[n:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}

func unpackUint16Array(data []byte) []int {
	answer := make([]int, 1)
	r := bytes.NewReader(data)
	bs := make([]byte, 2)
	var e error
	var c int
	c, e = r.Read(bs)
	for e == nil && c > 0 {
		answer = append(answer, int(binary.BigEndian.Uint16(bs)))
		c, e = r.Read(bs)
	}
	return answer
}

func unpackUint16(data []byte) int {
	return int(binary.BigEndian.Uint16(data))
}

func packHeader(N uint32, n1, n2, n3, n4 int) []byte {
	answer := make([]byte, 0)
	bs4 := make([]byte, 4)
	binary.BigEndian.PutUint32(bs4, N)
	answer = append(answer, bs4...)
	bs := make([]byte, 2)
	binary.BigEndian.PutUint16(bs, uint16(n1))
	answer = append(answer, bs...)
	binary.BigEndian.PutUint16(bs, uint16(n2))
	answer = append(answer, bs...)
	binary.BigEndian.PutUint16(bs, uint16(n3))
	answer = append(answer, bs...)
	binary.BigEndian.PutUint16(bs, uint16(n4))
	answer = append(answer, bs...)
	return answer
}

func pack2Uint16(n1, n2 int) []byte {
	answer := make([]byte, 0)
	bs := make([]byte, 2)
	binary.BigEndian.PutUint16(bs, uint16(n1))
	answer = append(answer, bs...)
	binary.BigEndian.PutUint16(bs, uint16(n2))
	answer = append(answer, bs...)
	return answer
}

func pack2Uint32(n1, n2 int) []byte {
	answer := make([]byte, 0)
	bs := make([]byte, 4)
	binary.BigEndian.PutUint32(bs, uint32(n1))
	answer = append(answer, bs...)
	binary.BigEndian.PutUint32(bs, uint32(n2))
	answer = append(answer, bs...)
	return answer
}

func packUint32(n1 int) []byte {
	bs := make([]byte, 4)
	binary.BigEndian.PutUint32(bs, uint32(n1))
	return bs
}

func packUint16(n1 int) []byte {
	bs := make([]byte, 2)
	binary.BigEndian.PutUint16(bs, uint16(n1))
	return bs
}

func keySortStrings(s map[string][]byte) []string {
	keys := make([]string, len(s))
	i := 0
	for key := range s {
		keys[i] = key
		i++
	}
	sort.Strings(keys)
	return keys
}

func keySortInt(s map[int]int) []int {
	keys := make([]int, len(s))
	i := 0
	for key := range s {
		keys[i] = key
		i++
	}
	sort.Ints(keys)
	return keys
}

// UTF8CutFont is a utility function that generates a TrueType font composed
// only of the runes included in cutset. The rune glyphs are copied from This
// function is demonstrated in ExampleUTF8CutFont().
func UTF8CutFont(inBuf []byte, cutset string) (outBuf []byte) {
	f := newUTF8Font(&fileReader{readerPosition: 0, array: inBuf})
	runes := map[int]int{}
	for i, r := range cutset {
		runes[i] = int(r)
	}
	outBuf = f.GenerateCutFont(runes)
	return
}
