package layout

import (
	"strconv"

	"github.com/galleyprint/galley/article"
)

// markers returns the footnotes whose markers are among a box's items: a
// number set as text, followed by the link to the note's address.
func (f *flow) markers(items []Item) []int {
	var notes []int
	for j := 0; j+1 < len(items); j++ {
		it, link := &items[j], &items[j+1]
		if it.Kind != ItemText || link.Kind != ItemLink {
			continue
		}
		n, err := strconv.Atoi(it.Text)
		if err != nil || n < 1 || n > len(f.noteURLs) || f.noteURLs[n-1] != link.URL {
			continue
		}
		f.setNote(n)
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
	saved, savedURLs := f.boxes, f.noteURLs
	savedX, savedW, savedPending, savedHeight, savedHyph := f.x, f.w, f.pending, f.height, f.s.hyph
	f.boxes, f.noteURLs, f.x, f.w, f.pending, f.s.hyph = nil, nil, 0, f.colW, 0, nil
	t := f.th.caption
	link := savedURLs[n-1]
	text := article.Text{{Text: strconv.Itoa(n) + ". "}, {Text: shownURL(link), Link: link}}
	f.setParagraph(f.s.paragraph(text, t.run()), t, alignLeft, 0, true, RoleNote)
	f.notes[n] = f.boxes
	f.boxes, f.noteURLs = saved, savedURLs
	f.x, f.w, f.pending, f.height, f.s.hyph = savedX, savedW, savedPending, savedHeight, savedHyph
}

// noteHeights returns the height of every footnote set.
func (f *flow) noteHeights() map[int]Unit {
	if len(f.notes) == 0 {
		return nil
	}
	h := map[int]Unit{}
	for n, boxes := range f.notes {
		for _, b := range boxes {
			h[n] += b.before + b.h
		}
	}
	return h
}
