// Package source holds the text of the files mfactl reads (tenant.yaml and Action code), applies the
// Deploy CLI's keyword replacement to them, and maps every position in the replaced text back to a
// line and column of the original file, so findings point at what the user wrote.
package source

import (
	"sort"
	"unicode/utf8"
)

// Span is a range in a file: 1-based line and column (columns count characters, not bytes), with an
// exclusive end column, as SARIF's endColumn is. A zero Line means the position is unknown.
type Span struct {
	File      string
	Line      int
	Col       int
	EndLine   int
	EndCol    int
	ByteStart int `json:"-"`
}

// IsZero reports whether s has no position.
func (s Span) IsZero() bool { return s.Line == 0 }

// File is one source file: its original bytes, its text after keyword replacement, and the edits that
// turned one into the other.
type File struct {
	// Path is the file's name as shown to the user (slash-separated, relative where possible).
	Path string
	// Original is the file as read from disk.
	Original []byte
	// Text is the file after keyword replacement; parsers read this.
	Text []byte
	// Replacements lists every keyword that was replaced, at its place in Original.
	Replacements []Replacement

	passes      [][]edit    // one entry per replacement pass, in the order they ran
	origLines   []int       // byte offsets of line starts in Original
	textLines   []int       // byte offsets of line starts in Text
	keywordEnds map[int]int // original offset of each replaced keyword -> its end

	// Conversions usually move forward through a file; remembering the last one keeps them linear
	// even on very long lines.
	origCur *cursor
	textPos struct{ line, col, off int }
}

// Replacement records one keyword that was substituted.
type Replacement struct {
	Key    string
	Marker string // "@@" or "##"
	Span   Span
}

type edit struct {
	newStart, newEnd int // in the pass's output
	oldStart, oldEnd int // in the pass's input
}

// NewFile returns a File whose text is the original, unchanged.
func NewFile(path string, data []byte) *File {
	return &File{Path: path, Original: data, Text: data}
}

// lineStarts returns the byte offsets at which each line of b starts.
func lineStarts(b []byte) []int {
	starts := make([]int, 1, 64)
	for i, c := range b {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// originalOffset maps a byte offset in Text to a byte offset in Original. An offset inside a
// replaced value maps to the start of the keyword that produced it.
func (f *File) originalOffset(off int) int {
	for p := len(f.passes) - 1; p >= 0; p-- {
		edits := f.passes[p]
		i := sort.Search(len(edits), func(i int) bool { return edits[i].newStart > off }) - 1
		if i < 0 {
			continue
		}
		e := edits[i]
		if off < e.newEnd {
			off = e.oldStart
		} else {
			off = off - e.newEnd + e.oldEnd
		}
	}
	return off
}

// lineCol converts a byte offset in b (with line starts) to a 1-based line and character column.
func lineCol(b []byte, starts []int, off int) (int, int) {
	if off < 0 {
		off = 0
	}
	if off > len(b) {
		off = len(b)
	}
	line := sort.Search(len(starts), func(i int) bool { return starts[i] > off }) - 1
	col := utf8.RuneCount(b[starts[line]:off]) + 1
	return line + 1, col
}

// offsetOf converts a 1-based line and character column in b to a byte offset.
func offsetOf(b []byte, starts []int, line, col int) int {
	if line < 1 {
		return 0
	}
	if line > len(starts) {
		return len(b)
	}
	off := starts[line-1]
	for c := 1; c < col && off < len(b) && b[off] != '\n'; c++ {
		_, size := utf8.DecodeRune(b[off:])
		off += size
	}
	return off
}

func (f *File) ensureLines() {
	if f.origLines == nil {
		f.origLines = lineStarts(f.Original)
	}
	if f.textLines == nil {
		if len(f.passes) == 0 {
			f.textLines = f.origLines
		} else {
			f.textLines = lineStarts(f.Text)
		}
	}
}

// SpanOf returns the span in the original file of the byte range [start, end) of Text.
func (f *File) SpanOf(start, end int) Span {
	f.ensureLines()
	if end < start {
		end = start
	}
	os, oe := f.originalOffset(start), f.originalOffset(end)
	if oe < os {
		oe = os
	}
	if oe == os && end > start {
		// The whole range lies inside one replaced value: underline the keyword that produced it.
		oe = f.keywordEnd(os)
	}
	if f.origCur == nil {
		f.origCur = newCursor(f.Original, f.origLines)
	}
	l, c := f.origCur.at(os)
	el, ec := f.origCur.at(oe)
	return Span{File: f.Path, Line: l, Col: c, EndLine: el, EndCol: ec, ByteStart: os}
}

// keywordEnd returns the end of the replacement that starts at off in Original, or off.
func (f *File) keywordEnd(off int) int {
	if end, ok := f.keywordEnds[off]; ok {
		return end
	}
	return off
}

// cursor converts increasing byte offsets of a text to lines and character columns in amortised
// constant time; a backwards jump restarts from the start of the line.
type cursor struct {
	b         []byte
	starts    []int
	off, line int
	col       int
}

func newCursor(b []byte, starts []int) *cursor {
	return &cursor{b: b, starts: starts, line: 1, col: 1}
}

func (c *cursor) at(off int) (int, int) {
	off = max(0, min(off, len(c.b)))
	if off < c.off {
		l, col := lineCol(c.b, c.starts, off)
		c.off, c.line, c.col = off, l, col
		return l, col
	}
	for c.off < off {
		r, size := utf8.DecodeRune(c.b[c.off:])
		if r == '\n' {
			c.line, c.col = c.line+1, 1
		} else {
			c.col++
		}
		c.off += size
	}
	return c.line, c.col
}

// SpanAt returns the original span of a token that starts at the 1-based line and character column
// of Text (as YAML nodes report them) and is length characters long.
func (f *File) SpanAt(line, col, length int) Span {
	start := f.OffsetAt(line, col)
	end := start
	for n := 0; n < length && end < len(f.Text) && f.Text[end] != '\n'; n++ {
		_, size := utf8.DecodeRune(f.Text[end:])
		end += size
	}
	return f.SpanOf(start, end)
}

// OffsetAt returns the byte offset in Text of a 1-based line and character column of Text.
func (f *File) OffsetAt(line, col int) int {
	f.ensureLines()
	p := &f.textPos
	if p.line == line && p.col > 0 && col >= p.col && line >= 1 && line <= len(f.textLines) {
		// Continue from the last position on the same line.
		off := p.off
		for c := p.col; c < col && off < len(f.Text) && f.Text[off] != '\n'; c++ {
			_, size := utf8.DecodeRune(f.Text[off:])
			off += size
		}
		p.col, p.off = col, off
		return off
	}
	off := offsetOf(f.Text, f.textLines, line, col)
	p.line, p.col, p.off = line, col, off
	return off
}

// Line returns the n-th (1-based) line of the original file without its line break, or "".
func (f *File) Line(n int) string {
	f.ensureLines()
	if n < 1 || n > len(f.origLines) {
		return ""
	}
	start := f.origLines[n-1]
	end := len(f.Original)
	if n < len(f.origLines) {
		end = f.origLines[n] - 1
	}
	if end > start && f.Original[end-1] == '\r' {
		end--
	}
	if end < start {
		return ""
	}
	return string(f.Original[start:end])
}

// WholeFile returns a span for the first line of the file, for findings about a file as a whole.
func (f *File) WholeFile() Span {
	return Span{File: f.Path, Line: 1, Col: 1, EndLine: 1, EndCol: 1}
}
