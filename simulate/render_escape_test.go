package simulate

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/mfactl/mfactl/jsrt"
)

// hostile is what an untrusted Action or scenarios file can put in any string of a result: a
// workflow command on a line of its own (after \n, \r, or U+2028), a legacy one, terminal escapes,
// C1 controls and an invalid byte.
const hostile = "\n::error file=x::pwned\r::warning::w\u2028::notice::n\n\x1b[31m ##[error]legacy \u0085\u009b\x00\x7f\xff"

// hostileResult has hostile text in every string a renderer prints, and a step of every kind.
func hostileResult() *Result {
	h := func(s string) string { return s + hostile }
	return &Result{
		Name: h("name"), Outcome: h("denied"), Error: h("error"),
		Actions: []ActionRun{{Name: h("action"), Handler: h("handler"), Error: h("thrown"),
			Calls:   []jsrt.Call{{Method: h("access.deny"), Args: []any{h("reason"), map[string]any{"k": h("v")}}}},
			Console: []string{h("console")}}},
		Prompts: []Prompt{
			{Action: h("a"), Command: h("c"), Kind: h("challenge"), Screen: "picker", Factors: []string{h("f1"), h("f2")}, Chosen: h("ch"), Method: h("m"), Result: h("r")},
			{Command: h("c"), Kind: h("enroll"), Screen: "factor", Factors: []string{h("d"), h("o")}, Default: h("d"), Chosen: h("ch"), Result: h("r")},
		},
		Logs:     []Log{{Type: h("f"), Description: h("desc")}},
		Requests: []Request{{Method: h("GET"), URL: h("https://x"), Status: 200, Action: h("action"), Via: h("fetch")}},
		Expect:   &ExpectResult{Failures: []string{h("failure")}},
		Steps: []Step{
			{Kind: "action"}, {Kind: "call"}, {Kind: "console"}, {Kind: "error", Text: h("error step")},
			{Kind: "redirect", Text: h("https://x")}, {Kind: "note", Text: h("note")},
			{Kind: "prompt", Index: 0}, {Kind: "prompt", Index: 1}, {Kind: "log"}, {Kind: "request"}, {Kind: "snippet", Text: h("snippet")},
		},
		ScenarioError: true,
	}
}

var sgr = regexp.MustCompile(`\x1b\[[0-9;]*m`)

// checkOutput fails when a line of out could be taken for a workflow command by a GitHub runner
// (which skips leading white space, and takes "##[" anywhere), or holds a raw control character.
func checkOutput(t *testing.T, name, out string) {
	t.Helper()
	for i, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(strings.TrimLeftFunc(line, unicode.IsSpace), "::") || strings.Contains(line, "##[") {
			t.Errorf("%s: line %d is a workflow command: %q", name, i+1, line)
		}
		for _, r := range line {
			if r == utf8.RuneError || (unicode.IsControl(r) && r != '\t') || r == '\u2028' || r == '\u2029' {
				t.Errorf("%s: line %d holds %U: %q", name, i+1, r, line)
				break
			}
		}
	}
}

func TestRenderEscapesUntrustedText(t *testing.T) {
	for _, format := range Formats() {
		for _, color := range []bool{false, true} {
			if color && format != "text" {
				continue
			}
			var b bytes.Buffer
			if err := Render(&b, format, NewReport([]*Result{hostileResult()}), RenderOptions{Color: color, ScenariosPath: "s" + hostile}); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			if color && !sgr.MatchString(out) {
				t.Fatalf("no colour: %s", out)
			}
			name := fmt.Sprintf("%s (colour %v)", format, color)
			out = sgr.ReplaceAllString(out, "")
			checkOutput(t, name, out)
			switch format {
			case "text":
				if want := `console: console\n::error file=x::pwned\r::warning::w\u2028::notice::n\n\x1b[31m ##\x5berror]legacy \u0085\u009b\x00\x7f\xff`; !strings.Contains(out, want) {
					t.Errorf("%s: console line not escaped:\n%s", name, out)
				}
			case "json":
				var doc struct{ Scenarios []Result }
				if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
					t.Fatal(err)
				}
				// The JSON decodes to the exact text (invalid UTF-8 aside).
				if got, want := doc.Scenarios[0].Actions[0].Console[0], strings.ToValidUTF8("console"+hostile, "\ufffd"); got != want {
					t.Errorf("json: console %q, want %q", got, want)
				}
			case "junit":
				if err := xml.Unmarshal(b.Bytes(), new(struct{})); err != nil {
					t.Errorf("junit: %v\n%s", err, out)
				}
				if !strings.Contains(out, `name="name\n::error file=x::pwned`) {
					t.Errorf("junit: name not escaped:\n%s", out)
				}
			}
		}
	}
}
