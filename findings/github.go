package findings

import (
	"fmt"
	"io"
	"strings"
)

// renderGitHub writes one GitHub Actions workflow command per finding, escaped as actions/toolkit
// escapes them, so that each shows as an annotation on the pull request.
func renderGitHub(w io.Writer, r *Report, _ Options) error {
	var b strings.Builder
	for _, f := range r.Findings {
		level := map[Severity]string{Error: "error", Warning: "warning", Info: "notice"}[f.Severity]
		var props []string
		if f.File != "" {
			props = append(props, "file="+escapeProperty(f.File))
		}
		add := func(name string, v int) {
			if v > 0 {
				props = append(props, fmt.Sprintf("%s=%d", name, v))
			}
		}
		add("line", f.Line)
		add("col", f.Col)
		add("endLine", f.EndLine)
		add("endColumn", f.EndCol)
		if f.Rule != "" {
			props = append(props, "title="+escapeProperty(f.Rule))
		}
		fmt.Fprintf(&b, "::%s %s::%s\n", level, strings.Join(props, ","), escapeData(f.Message))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// escapeData escapes a workflow command's message.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
