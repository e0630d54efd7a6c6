package findings

import (
	"strings"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"
)

// excerptWidth is about how many columns of a source line the text format shows: a long line is cut
// to a window around the finding's span, with "…" on each side that was cut, so that a finding costs
// the same to print whatever the length of its line.
const excerptWidth = 120

// excerptContext is the least context shown before a span that does not fit in the window.
const excerptContext = 20

// ellipsis marks where an excerpt was cut.
const ellipsis = "…"

// sourceLine is one decoded source line, kept while the findings on it are printed.
type sourceLine struct {
	// runes are the line's characters; an invalid byte b is the rune 0xDC00+b (a lone surrogate,
	// which decoding never yields), so that it keeps its own column and prints as \xHH.
	runes []rune
	blank bool
}

// decodeLine splits line into characters, one per column.
func decodeLine(line string) sourceLine {
	l := sourceLine{runes: make([]rune, 0, len(line)), blank: strings.TrimSpace(line) == ""}
	for i := 0; i < len(line); {
		r, size := utf8.DecodeRuneInString(line[i:])
		if r == utf8.RuneError && size == 1 {
			r = 0xdc00 + rune(line[i])
		}
		l.runes = append(l.runes, r)
		i += size
	}
	return l
}

// cell is how one source character prints in an excerpt.
type cell struct {
	text  string // "" means the character itself
	width int    // terminal columns (0 for a tab, which the marker copies)
}

func cellOf(r, prev1, prev2 rune) cell {
	if r == '\t' {
		return cell{}
	}
	if r == '[' && prev1 == '#' && prev2 == '#' {
		return cell{`\x5b`, 4}
	}
	if e := escapeRune(r); e != "" {
		return cell{e, len(e)}
	}
	return cell{"", runewidth.RuneWidth(r)}
}

// budget is what a character costs against excerptWidth: at least 1, so that a window never holds
// more than excerptWidth characters, even of zero-width ones.
func (l sourceLine) budget(i int) int {
	if r := l.runes[i]; r >= 0x20 && r < 0x7f && r != '[' {
		return 1
	}
	var p1, p2 rune
	if i > 0 {
		p1 = l.runes[i-1]
	}
	if i > 1 {
		p2 = l.runes[i-2]
	}
	return max(1, cellOf(l.runes[i], p1, p2).width)
}

// window returns the characters [lo, hi) of the line to show for a span starting at character s
// and ending before e: the whole line when it fits, else the span with context on both sides, and at
// least excerptContext columns before it. It looks at no more than about 2*excerptWidth characters.
func (l sourceLine) window(s, e int) (lo, hi int) {
	n := len(l.runes)
	used := 0
	for hi = 0; hi < n; hi++ {
		if used += l.budget(hi); used > excerptWidth {
			break
		}
	}
	if hi == n {
		return 0, n
	}
	spanW := 0
	for i := s; i < e && spanW < excerptWidth; i++ {
		spanW += l.budget(i)
	}
	ctx := max(excerptContext, (excerptWidth-spanW)/2)
	lo, used = s, 0
	for lo > 0 && used+l.budget(lo-1) <= ctx {
		lo--
		used += l.budget(lo)
	}
	for hi = s; hi < n && used+l.budget(hi) <= excerptWidth; hi++ {
		used += l.budget(hi)
	}
	if hi == n {
		for lo > 0 && used+l.budget(lo-1) <= excerptWidth {
			lo--
			used += l.budget(lo)
		}
	}
	return lo, hi
}

// excerpt returns the source line to print for a span on it, cut to a window when long, and the
// ^~~~ marker to print under it: spaces up to the start column (tabs kept so that columns line up),
// ^ at the start and ~ up to the end column, which is end of the line for a span that goes on to
// the next lines. col and endCol are 1-based; endCol is exclusive.
func (l sourceLine) excerpt(col, endCol int, toEOL bool) (text, mark string) {
	n := len(l.runes)
	s := min(max(col-1, 0), n)
	e := endCol - 1
	if toEOL {
		e = n
	}
	e = min(max(e, s), n)
	lo, hi := l.window(s, e)
	var t, m strings.Builder
	if lo > 0 {
		t.WriteString(ellipsis)
		m.WriteString(strings.Repeat(" ", runewidth.StringWidth(ellipsis)))
	}
	var p1, p2 rune // the last two characters printed, for "##["
	if lo > 0 {
		p1 = '…'
	}
	for i := lo; i < hi; i++ {
		r := l.runes[i]
		c := cellOf(r, p1, p2)
		p2, p1 = p1, r
		switch {
		case r == '\t':
			t.WriteByte('\t')
		case c.text != "":
			t.WriteString(c.text)
		default:
			t.WriteRune(r)
		}
		switch {
		case i < s && r == '\t':
			m.WriteByte('\t')
		case i < s:
			m.WriteString(strings.Repeat(" ", c.width))
		case i == s:
			m.WriteString("^" + strings.Repeat("~", max(1, c.width)-1))
		case i < e:
			m.WriteString(strings.Repeat("~", max(1, c.width)))
		}
	}
	if s == hi {
		// The span starts at the end of the line (or of the window).
		m.WriteByte('^')
	}
	if hi < n {
		t.WriteString(ellipsis)
	}
	return t.String(), m.String()
}
