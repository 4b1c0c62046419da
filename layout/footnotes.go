package layout

import (
	"strconv"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/page"
)

// markers returns the footnotes whose markers are among a box's items: a
// number set as text, followed by the link to the note's address.
func (f *flow) markers(items []page.Item) []int {
	var notes []int
	for j := 0; j+1 < len(items); j++ {
		it, link := &items[j], &items[j+1]
		if it.Kind != page.ItemText || link.Kind != page.ItemLink {
			continue
		}
		n, err := strconv.Atoi(it.Text)
		if err != nil || n < 1 || n > len(f.noteURLs) || f.noteURLs[n-1] != link.URL() {
			continue
		}
		f.setNote(n)
		f.tagReference(it, link)
		notes = append(notes, n)
	}
	return notes
}

// setNote sets footnote n, "n. address", in the caption style on the
// column's measure, once.
func (f *flow) setNote(n int) {
	if _, ok := f.notes[n]; ok {
		return
	}
	if f.notes == nil {
		f.notes = map[int][]vbox{}
	}
	// the note is set by a copy of the flow with a vertical list of its
	// own, unhyphenated, on the column's measure
	note := *f
	note.boxes, note.noteURLs, note.x, note.w, note.pending = nil, nil, 0, f.colW, 0
	// the note's boxes are not the flow's: its page limit is not theirs
	note.height, note.maxHeight = 0, 0
	hyph := f.s.hyph // the shaper is shared
	f.s.hyph = nil
	defer func() { f.s.hyph = hyph }()
	t := f.th.caption
	link := f.noteURLs[n-1]
	text := article.Text{{Text: strconv.Itoa(n) + ". "}, {Text: shownURL(link), Link: link}}
	e := note.openElem("Note")
	note.setText(text, t, alignLeft, 0, true, page.RoleNote)
	note.closeElem(e)
	f.notes[n] = note.boxes
	f.reports = note.reports
}

// noteHeights returns the height of every footnote set.
func (f *flow) noteHeights() map[int]page.Unit {
	if len(f.notes) == 0 {
		return nil
	}
	h := map[int]page.Unit{}
	for n, boxes := range f.notes {
		for _, b := range boxes {
			h[n] += b.before + b.h
		}
	}
	return h
}
