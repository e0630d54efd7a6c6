package findings

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/mattn/go-runewidth"
	"github.com/muesli/termenv"
)

// textStyles are the colours of the text format; with colour off every style renders plain text.
type textStyles struct {
	pos, rule, gutter lipgloss.Style
	sev               map[Severity]lipgloss.Style
}

func newTextStyles(w io.Writer, color bool) textStyles {
	r := lipgloss.NewRenderer(w)
	if color {
		r.SetColorProfile(termenv.ANSI256)
	} else {
		r.SetColorProfile(termenv.Ascii)
	}
	// Keep tabs: the marker line copies the source line's tabs so that columns line up.
	base := r.NewStyle().TabWidth(lipgloss.NoTabConversion)
	return textStyles{
		pos:    base.Bold(true),
		rule:   base.Faint(true),
		gutter: base.Faint(true),
		sev: map[Severity]lipgloss.Style{
			Error:   base.Foreground(lipgloss.Color("9")).Bold(true),
			Warning: base.Foreground(lipgloss.Color("11")).Bold(true),
			Info:    base.Foreground(lipgloss.Color("12")),
		},
	}
}

// renderText prints each finding as `file:line:col: severity: message [rule]`, then the source line
// with a ^~~~ marker under the span (actionlint's layout).
func renderText(w io.Writer, r *Report, opts Options) error {
	st := newTextStyles(w, opts.Color)
	var b strings.Builder
	for _, f := range r.Findings {
		pos := f.File
		switch {
		case f.Line > 0 && f.Col > 0:
			pos = fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Col)
		case f.Line > 0:
			pos = fmt.Sprintf("%s:%d", f.File, f.Line)
		}
		fmt.Fprintf(&b, "%s: %s: %s %s\n", st.pos.Render(pos), st.sev[f.Severity].Render(f.Severity.String()), f.Message, st.rule.Render("["+f.Rule+"]"))
		file := r.File(f.File)
		if file == nil || f.Line == 0 || f.Col == 0 {
			continue
		}
		line := file.Line(f.Line)
		if strings.TrimSpace(line) == "" {
			continue
		}
		num := strconv.Itoa(f.Line)
		pad := strings.Repeat(" ", len(num))
		bar := st.gutter.Render("|")
		fmt.Fprintf(&b, "%s %s\n%s %s %s\n%s %s %s\n", pad, bar, st.gutter.Render(num), bar, line, pad, bar, st.sev[f.Severity].Render(marker(line, f)))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// marker returns the ^~~~ line for a finding on line: spaces up to the start column (tabs kept so
// columns line up), ^ at the start and ~ up to the end column when the span is on one line.
func marker(line string, f Finding) string {
	runes := []rune(line)
	var b strings.Builder
	for i := 0; i < f.Col-1 && i < len(runes); i++ {
		if runes[i] == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteString(strings.Repeat(" ", runewidth.RuneWidth(runes[i])))
		}
	}
	b.WriteByte('^')
	end := f.EndCol
	if f.EndLine > f.Line {
		end = len(runes) + 1
	}
	for i := f.Col; i < end-1 && i < len(runes); i++ {
		b.WriteString(strings.Repeat("~", max(1, runewidth.RuneWidth(runes[i]))))
	}
	return b.String()
}
