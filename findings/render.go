package findings

import (
	"fmt"
	"io"
	"strings"
)

// Options control rendering.
type Options struct {
	// Color turns on ANSI colour in the text format (never in the others).
	Color bool
	// Strict makes warnings count as failures (JUnit failure elements).
	Strict bool
}

var renderers = []struct {
	name   string
	render func(io.Writer, *Report, Options) error
}{
	{"text", renderText},
	{"json", renderJSON},
	{"sarif", renderSARIF},
	{"github", renderGitHub},
	{"junit", renderJUnit},
}

// Formats lists the format names, in the order help text shows them.
func Formats() []string {
	out := make([]string, len(renderers))
	for i, r := range renderers {
		out[i] = r.name
	}
	return out
}

// Render writes r to w in the named format.
func Render(w io.Writer, format string, r *Report, opts Options) error {
	if r == nil {
		r = &Report{}
	}
	for _, rd := range renderers {
		if rd.name == format {
			return rd.render(w, r, opts)
		}
	}
	return fmt.Errorf("unknown format %q; expected one of %s", format, strings.Join(Formats(), ", "))
}

// SummaryLine is the one-line summary printed after text output, e.g. "2 errors, 1 warning in 3
// files" or "no problems found in 3 files".
func SummaryLine(s Summary) string {
	files := plural(s.Files, "file")
	if s.Errors+s.Warnings+s.Infos == 0 {
		return "no problems found in " + files
	}
	var parts []string
	for _, c := range []struct {
		n    int
		word string
	}{{s.Errors, "error"}, {s.Warnings, "warning"}, {s.Infos, "info"}} {
		if c.n > 0 {
			if c.word == "info" {
				parts = append(parts, fmt.Sprintf("%d info", c.n))
			} else {
				parts = append(parts, plural(c.n, c.word))
			}
		}
	}
	return strings.Join(parts, ", ") + " in " + files
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
