package findings

import (
	"bufio"
	"bytes"
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

// renderJSON writes {"version":1,"findings":[…],"summary":{…}}, with [] when there are none. It
// writes the envelope itself and encodes one finding at a time, so that it never holds more than one
// finding's JSON; the bytes are those of encoding the whole document with two-space indentation.
func renderJSON(w io.Writer, r *Report, _ Options) error {
	bw := bufio.NewWriter(w)
	enc := newJSONChunks()
	bw.WriteString("{\n  \"version\": 1,\n  \"findings\": [")
	for i, f := range r.Findings {
		if i > 0 {
			bw.WriteString(",")
		}
		bw.WriteString("\n    ")
		data, err := enc.encode(jsonFinding{File: f.File, Line: f.Line, Column: f.Col, EndLine: f.EndLine,
			EndColumn: f.EndCol, Severity: f.Severity.String(), Rule: f.Rule, Message: f.Message}, "    ")
		if err != nil {
			return err
		}
		bw.Write(data)
	}
	if len(r.Findings) > 0 {
		bw.WriteString("\n  ")
	}
	bw.WriteString("],\n  \"summary\": ")
	data, err := enc.encode(Summarize(r.Findings, len(r.Files)), "  ")
	if err != nil {
		return err
	}
	bw.Write(data)
	bw.WriteString("\n}\n")
	return bw.Flush()
}

// jsonChunks encodes the values of a JSON document one at a time, as json.Encoder with SetIndent
// and no HTML escaping would inside the whole document, reusing one buffer.
type jsonChunks struct {
	buf bytes.Buffer
	out []byte
}

func newJSONChunks() *jsonChunks { return &jsonChunks{} }

// encode returns v's JSON at the given indentation prefix, without a trailing newline. The result is
// valid until the next call.
func (c *jsonChunks) encode(v any, prefix string) ([]byte, error) {
	c.buf.Reset()
	enc := json.NewEncoder(&c.buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	c.out = EscapeJSON(c.out[:0], bytes.TrimSuffix(c.buf.Bytes(), []byte("\n")))
	return c.out, nil
}

// EscapeJSON appends the JSON text data to dst with DEL and the C1 controls (U+0080 to U+009F), which
// encoding/json leaves raw inside strings, written as \u escapes, and the [ of "##[" as \u005b (the
// GitHub runner takes "##[command]" anywhere in a line of a log as a workflow command, and JSON is
// printed to CI logs). The decoded value is the same. (encoding/json already escapes the C0
// controls, U+2028 and U+2029, and replaces invalid UTF-8; "##[" can only be inside a string.)
func EscapeJSON(dst, data []byte) []byte {
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case c == 0x7f:
			dst = append(dst, `\u007f`...)
		case c == '[' && i >= 2 && data[i-1] == '#' && data[i-2] == '#':
			dst = append(dst, `\u005b`...)
		case c == 0xc2 && i+1 < len(data) && data[i+1] >= 0x80 && data[i+1] <= 0x9f:
			dst = append(dst, `\u00`...)
			dst = append(dst, hex2(int(data[i+1]))...)
			i++
		default:
			dst = append(dst, c)
		}
	}
	return dst
}
