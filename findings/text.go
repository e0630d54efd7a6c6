package findings

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/mfactl/mfactl/source"
)

// textStyle is a lipgloss style that is skipped entirely when colour is off: plain text needs no
// work, and lipgloss costs more than the rest of a finding.
type textStyle struct {
	s  lipgloss.Style
	on bool
}

// Render styles text.
func (st textStyle) Render(text string) string {
	if !st.on {
		return text
	}
	return st.s.Render(text)
}

// textStyles are the colours of the text format; with colour off every style renders plain text.
type textStyles struct {
	pos, rule, gutter textStyle
	sev               map[Severity]textStyle
}

func newTextStyles(w io.Writer, color bool) textStyles {
	r := lipgloss.NewRenderer(w)
	r.SetColorProfile(termenv.ANSI256)
	// Keep tabs: the marker line copies the source line's tabs so that columns line up.
	base := r.NewStyle().TabWidth(lipgloss.NoTabConversion)
	mk := func(ls lipgloss.Style) textStyle { return textStyle{s: ls, on: color} }
	return textStyles{
		pos:    mk(base.Bold(true)),
		rule:   mk(base.Faint(true)),
		gutter: mk(base.Faint(true)),
		sev: map[Severity]textStyle{
			Error:   mk(base.Foreground(lipgloss.Color("9")).Bold(true)),
			Warning: mk(base.Foreground(lipgloss.Color("11")).Bold(true)),
			Info:    mk(base.Foreground(lipgloss.Color("12"))),
		},
	}
}

// maxMessage is about how many bytes of a message the text and github formats print; a message
// that quotes a huge value from tenant.yaml is cut there, with "…".
const maxMessage = 1000

// renderText prints each finding as `file:line:col: severity: message [rule]`, then the source line
// with a ^~~~ marker under the span (actionlint's layout). It writes finding by finding through a
// small buffer, and each finding costs the same whatever the length of its source line: long lines
// are cut to a window around the span (see excerpt). Untrusted text is escaped (see Escape).
func renderText(w io.Writer, r *Report, opts Options) error {
	st := newTextStyles(w, opts.Color)
	bw := bufio.NewWriter(w)
	lines := newLineCache(r)
	bar := st.gutter.Render("|")
	for _, f := range r.Findings {
		file := safeLineStart(Escape(f.File))
		pos := file
		switch {
		case f.Line > 0 && f.Col > 0:
			pos = fmt.Sprintf("%s:%d:%d", file, f.Line, f.Col)
		case f.Line > 0:
			pos = fmt.Sprintf("%s:%d", file, f.Line)
		}
		fmt.Fprintf(bw, "%s: %s: %s %s\n", st.pos.Render(pos), st.sev[f.Severity].Render(f.Severity.String()),
			escapeLimit(f.Message, maxMessage), st.rule.Render("["+Escape(f.Rule)+"]"))
		if f.Line == 0 || f.Col == 0 {
			continue
		}
		line := lines.get(f.File, f.Line)
		if line == nil || line.blank {
			continue
		}
		text, mark := line.excerpt(f.Col, f.EndCol, f.EndLine > f.Line)
		num := strconv.Itoa(f.Line)
		pad := strings.Repeat(" ", len(num))
		fmt.Fprintf(bw, "%s %s\n%s %s %s\n%s %s %s\n", pad, bar, st.gutter.Render(num), bar, text, pad, bar, st.sev[f.Severity].Render(mark))
	}
	return bw.Flush()
}

// lineCache decodes each source line once, however many findings are on it (findings come sorted by
// file and line, so one line is enough).
type lineCache struct {
	files map[string]*source.File
	file  string
	n     int
	line  *sourceLine
}

func newLineCache(r *Report) *lineCache {
	c := &lineCache{files: map[string]*source.File{}}
	for _, f := range r.Files {
		if _, ok := c.files[f.Path]; !ok {
			c.files[f.Path] = f
		}
	}
	return c
}

// get returns line n of the named file, or nil when the file is not in the report.
func (c *lineCache) get(path string, n int) *sourceLine {
	if c.line != nil && c.file == path && c.n == n {
		return c.line
	}
	f := c.files[path]
	if f == nil {
		return nil
	}
	l := decodeLine(f.Line(n))
	c.file, c.n, c.line = path, n, &l
	return c.line
}
