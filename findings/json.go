package findings

import (
	"encoding/json"
	"io"
)

type jsonFinding struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	Severity  string `json:"severity"`
	Rule      string `json:"rule"`
	Message   string `json:"message"`
}

type jsonReport struct {
	Version  int           `json:"version"`
	Findings []jsonFinding `json:"findings"`
	Summary  Summary       `json:"summary"`
}

// renderJSON writes {"version":1,"findings":[…],"summary":{…}}, with [] when there are none.
func renderJSON(w io.Writer, r *Report, _ Options) error {
	out := jsonReport{Version: 1, Findings: []jsonFinding{}, Summary: Summarize(r.Findings, len(r.Files))}
	for _, f := range r.Findings {
		out.Findings = append(out.Findings, jsonFinding{File: f.File, Line: f.Line, Column: f.Col, EndLine: f.EndLine,
			EndColumn: f.EndCol, Severity: f.Severity.String(), Rule: f.Rule, Message: f.Message})
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
