package findings

import (
	"bufio"
	"io"
	"strconv"
)

// renderGitHub writes one GitHub Actions workflow command per finding, finding by finding. Values
// are escaped as the runner unescapes them (actions/toolkit's rules: %, \r and \n in the message,
// also : and , in properties), and any other control character is in Escape's visible notation, so
// that nothing from tenant.yaml can end the command, start another, or reach the log raw.
func renderGitHub(w io.Writer, r *Report, _ Options) error {
	bw := bufio.NewWriter(w)
	var b []byte
	for _, f := range r.Findings {
		b = append(b[:0], "::"...)
		b = append(b, map[Severity]string{Error: "error", Warning: "warning", Info: "notice"}[f.Severity]...)
		sep := byte(' ')
		prop := func(name string) {
			b = append(b, sep)
			b = append(b, name...)
			b = append(b, '=')
			sep = ','
		}
		if f.File != "" {
			prop("file")
			b = appendEscaped(b, f.File, modeGitHubProperty, 0)
		}
		for _, p := range []struct {
			name string
			v    int
		}{{"line", f.Line}, {"col", f.Col}, {"endLine", f.EndLine}, {"endColumn", f.EndCol}} {
			if p.v > 0 {
				prop(p.name)
				b = strconv.AppendInt(b, int64(p.v), 10)
			}
		}
		if f.Rule != "" {
			prop("title")
			b = appendEscaped(b, f.Rule, modeGitHubProperty, 0)
		}
		b = append(b, "::"...)
		b = appendEscaped(b, f.Message, modeGitHubData, maxMessage)
		b = append(b, '\n')
		if _, err := bw.Write(b); err != nil {
			return err
		}
	}
	return bw.Flush()
}
