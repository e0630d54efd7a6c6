package findings

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"
)

func TestEscape(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", `unknown MFA factor "sms2"`, `unknown MFA factor "sms2"`},
		{"tab stays", "a\tb", "a\tb"},
		{"line feed and carriage return", "a\nb\r\nc", `a\nb\r\nc`},
		{"workflow command on a new line", "\n::error file=x::pwned\n", `\n::error file=x::pwned\n`},
		{"ESC and BEL", "\x1b[31mred\x1b]0;title\x07", `\x1b[31mred\x1b]0;title\x07`},
		{"NUL, vertical tab, form feed, DEL", "\x00\v\f\x7f", `\x00\x0b\x0c\x7f`},
		{"C1 controls", "a\u0085b\u009bc", `a\u0085b\u009bc`},
		{"line and paragraph separators", "a\u2028b\u2029c", `a\u2028b\u2029c`},
		{"bidi overrides", "\u202eabc\u2066", `\u202eabc\u2066`},
		{"invalid UTF-8", "a\xffb\xc2", `a\xffb\xc2`},
		{"8-bit CSI byte", "\x9b31m", `\x9b31m`},
		{"legacy workflow command", "x ##[error]pwned", `x ##\x5berror]pwned`},
		{"legacy command after more hashes", "###[warning]", `###\x5bwarning]`},
		{"one hash is fine", "#[x] and # [", "#[x] and # ["},
		{"unicode stays", "héllo ✗ 日本", "héllo ✗ 日本"},
		{"percent and colon are fine in text", "100%: a,b", "100%: a,b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Escape(tt.in); got != tt.want {
				t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestEscapeGitHub(t *testing.T) {
	tests := []struct {
		name, in, data, prop string
	}{
		{"plain", "abc", "abc", "abc"},
		{"GitHub's own rules", "100% a,b: c\r\nd", "100%25 a,b: c%0D%0Ad", "100%25 a%2Cb%3A c%0D%0Ad"},
		{"controls are visible", "\x1b[31m\x00\u0085\u2028", `\x1b[31m\x00\u0085\u2028`, `\x1b[31m\x00\u0085\u2028`},
		{"a command in the message", "\n::warning::x", "%0A::warning::x", "%0A%3A%3Awarning%3A%3Ax"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(appendEscaped(nil, tt.in, modeGitHubData, 0)); got != tt.data {
				t.Errorf("data %q = %q, want %q", tt.in, got, tt.data)
			}
			if got := string(appendEscaped(nil, tt.in, modeGitHubProperty, 0)); got != tt.prop {
				t.Errorf("property %q = %q, want %q", tt.in, got, tt.prop)
			}
		})
	}
}

func TestEscapeLimit(t *testing.T) {
	if got := escapeLimit("short", 10); got != "short" {
		t.Errorf("got %q", got)
	}
	if got := escapeLimit(strings.Repeat("a", 50), 10); got != "aaaaaaaaaa…" {
		t.Errorf("got %q", got)
	}
	// The cut never splits an escape.
	if got := escapeLimit(strings.Repeat("\x1b", 10), 10); got != `\x1b\x1b…` {
		t.Errorf("got %q", got)
	}
}

func TestSafeLineStart(t *testing.T) {
	for in, want := range map[string]string{
		"tenant.yaml":          "tenant.yaml",
		"/abs/x.js":            "/abs/x.js",
		"::error::x.js":        "./::error::x.js",
		" ::error::x.js":       "./ ::error::x.js",
		"\u00a0::warning::.js": "./\u00a0::warning::.js",
		"a::b.js":              "a::b.js",
	} {
		if got := safeLineStart(in); got != want {
			t.Errorf("safeLineStart(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestExcerpt(t *testing.T) {
	long := strings.Repeat("abcdefghij", 30) // 300 characters
	tests := []struct {
		name        string
		line        string
		col, endCol int
		toEOL       bool
		text, mark  string
	}{
		{"short line is whole", "  - name: sms2", 11, 15, false,
			"  - name: sms2", "          ^~~~"},
		{"tabs are copied into the marker", "\t\tx: 'héllo' y", 14, 15, false,
			"\t\tx: 'héllo' y", "\t\t           ^"},
		{"wide characters take two columns", "日本 x", 4, 5, false,
			"日本 x", "     ^"},
		{"a wide character under the caret", "a日b", 2, 3, false,
			"a日b", " ^~"},
		{"span to the end of the line", "key: value", 6, 1, true,
			"key: value", "     ^~~~~"},
		{"caret after the end of the line", "abc", 5, 5, false,
			"abc", "   ^"},
		{"escaped characters widen their columns", "a\x1bb\nc d", 7, 8, false,
			`a\x1bb\nc d`, "          ^"},
		{"the marker covers an escape", "a\x1bb", 2, 3, false,
			`a\x1bb`, " ^~~~"},
		{"legacy command in the line", `log("##[error]x")`, 15, 16, false,
			`log("##\x5berror]x")`, "                 ^"},
		{"start of a long line", long, 1, 4, false,
			long[:120] + "…", "^~~"},
		{"end of a long line", long, 299, 301, false,
			"…" + long[180:], " " + strings.Repeat(" ", 118) + "^~"},
		{"middle of a long line", long, 151, 154, false,
			"…" + long[92:212] + "…", " " + strings.Repeat(" ", 58) + "^~~"},
		{"a span longer than the window", long, 101, 301, false,
			"…" + long[80:200] + "…", " " + strings.Repeat(" ", 20) + "^" + strings.Repeat("~", 99)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, mark := decodeLine(tt.line).excerpt(tt.col, tt.endCol, tt.toEOL)
			if text != tt.text || mark != tt.mark {
				t.Errorf("got\n%q\n%q\nwant\n%q\n%q", text, mark, tt.text, tt.mark)
			}
		})
	}
}

func TestEscapeJSON(t *testing.T) {
	in := "{\"a\": \"x\u0085y\x7f ##[error] é\", \"b\": [[1], \"#[\"]}"
	want := `{"a": "x\u0085y\u007f ##\u005berror] é", "b": [[1], "#["]}`
	if got := string(EscapeJSON(nil, []byte(in))); got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// Whatever the line and span, an excerpt is a bounded window that holds the span's start, with no
// control character but tabs.
func TestExcerptBounded(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune{'a', ' ', '\t', '#', '[', '\x1b', '\n', 'é', '日', '\u0301', '\u0085', '\u2028', 0xdcff}
	for range 2000 {
		runes := make([]rune, rng.IntN(600))
		for i := range runes {
			runes[i] = alphabet[rng.IntN(len(alphabet))]
		}
		line := strings.ReplaceAll(string(runes), string(rune(0xdcff)), "\xff")
		col, endCol := rng.IntN(len(runes)+3)-1, rng.IntN(len(runes)+3)-1
		text, mark := decodeLine(line).excerpt(col, endCol, rng.IntN(4) == 0)
		if n := utf8.RuneCountInString(text); n > excerptWidth+8 {
			t.Fatalf("%d characters: %q", n, text)
		}
		if !strings.Contains(mark, "^") || strings.Count(mark, "^") != 1 {
			t.Fatalf("marker %q for col %d in %q", mark, col, line)
		}
		for _, r := range text + mark {
			if r != '\t' && (unicode.IsControl(r) || r == '\u2028') {
				t.Fatalf("control %U in %q / %q", r, text, mark)
			}
		}
		if runewidth.StringWidth(strings.ReplaceAll(text, "\t", " ")) > excerptWidth+8 {
			t.Fatalf("too wide: %q", text)
		}
	}
}
