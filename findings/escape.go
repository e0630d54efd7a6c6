package findings

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Untrusted text (messages that quote tenant.yaml, source lines, file names, and in simulate the
// console lines, names and reasons that Action code produces) is printed through Escape, so that it
// can never start a new output line, move the cursor, recolour the terminal, or be read by a CI
// runner as a workflow command. The notation, documented in docs/usage.md ("Untrusted text in the
// output"), is Go's:
//
//   - a tab stays a tab;
//   - a line feed and a carriage return are \n and \r;
//   - any other C0 control, and DEL, is \xHH (ESC is \x1b);
//   - a C1 control (U+0080 to U+009F), U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR and the
//     bidirectional embedding, override and isolate controls are \uHHHH;
//   - a byte that is not part of valid UTF-8 is \xHH;
//   - the [ of "##[" is \x5b, since the GitHub Actions runner takes "##[command]" anywhere in a line
//     as a (legacy) workflow command.
//
// Backslashes themselves are not escaped: the notation is for reading. The json and sarif formats
// keep the exact text.

// escapeMode says which extra characters a destination needs escaped.
type escapeMode int

const (
	// modeText is the notation above.
	modeText escapeMode = iota
	// modeGitHubData is a workflow command's message: %, \r and \n percent-encoded as the runner
	// decodes them, then the notation above.
	modeGitHubData
	// modeGitHubProperty is a workflow command's property value: also : and , percent-encoded.
	modeGitHubProperty
)

// Escape returns s with every control character in the visible notation above. It returns s itself
// when there is nothing to escape.
func Escape(s string) string {
	if !needsEscape(s, modeText) {
		return s
	}
	return string(appendEscaped(make([]byte, 0, len(s)+16), s, modeText, 0))
}

// escapeLimit is Escape that stops after about limit bytes of output, ending with "…" when it cut.
func escapeLimit(s string, limit int) string {
	if len(s) <= limit && !needsEscape(s, modeText) {
		return s
	}
	return string(appendEscaped(make([]byte, 0, min(len(s), limit)+16), s, modeText, limit))
}

// escapeRune returns the visible escape of r, or "" when r prints as itself. A rune in the
// surrogate range U+DC80 to U+DCFF stands for an invalid byte (see decodeLine).
func escapeRune(r rune) string {
	switch {
	case r == '\t':
		return ""
	case r == '\n':
		return `\n`
	case r == '\r':
		return `\r`
	case r < 0x20 || r == 0x7f:
		return `\x` + hex2(int(r))
	case r >= 0x80 && r <= 0x9f, r == 0x2028, r == 0x2029, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return `\u` + hex4(int(r))
	case r >= 0xdc80 && r <= 0xdcff:
		return `\x` + hex2(int(r-0xdc00))
	}
	return ""
}

func hex2(n int) string {
	s := strconv.FormatInt(int64(n), 16)
	return strings.Repeat("0", 2-len(s)) + s
}

func hex4(n int) string {
	s := strconv.FormatInt(int64(n), 16)
	return strings.Repeat("0", 4-len(s)) + s
}

// needsEscape reports whether appendEscaped would change s.
func needsEscape(s string, mode escapeMode) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c < 0x20 && c != '\t', c == 0x7f, c >= 0x80:
			// Non-ASCII is rare in findings; let the slow path look at it.
			return true
		case c == '[' && i >= 2 && s[i-1] == '#' && s[i-2] == '#':
			return true
		case mode != modeText && c == '%':
			return true
		case mode == modeGitHubProperty && (c == ':' || c == ','):
			return true
		}
	}
	return false
}

// appendEscaped appends s to b in the given mode. With limit > 0 it stops before the output of s
// passes limit bytes, and appends "…".
func appendEscaped(b []byte, s string, mode escapeMode, limit int) []byte {
	start := len(b)
	var prev1, prev2 rune // the last two runes written, for "##["
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			r = 0xdc00 + rune(s[i])
		}
		i += size
		mark := len(b)
		switch {
		case mode != modeText && r == '%':
			b = append(b, "%25"...)
		case mode != modeText && r == '\r':
			b = append(b, "%0D"...)
		case mode != modeText && r == '\n':
			b = append(b, "%0A"...)
		case mode == modeGitHubProperty && r == ':':
			b = append(b, "%3A"...)
		case mode == modeGitHubProperty && r == ',':
			b = append(b, "%2C"...)
		case r == '[' && prev1 == '#' && prev2 == '#':
			b = append(b, `\x5b`...)
		default:
			if e := escapeRune(r); e != "" {
				b = append(b, e...)
			} else {
				b = utf8.AppendRune(b, r)
			}
		}
		if limit > 0 && len(b)-start > limit && i < len(s) {
			return append(b[:mark], "…"...)
		}
		prev2, prev1 = prev1, r
	}
	return b
}

// safeLineStart makes text that begins an output line unable to look like a workflow command: the
// GitHub runner skips leading white space and then takes "::" as the start of a command. A relative
// path that begins with white space or ":" gets "./" in front, which names the same file.
func safeLineStart(path string) string {
	r, _ := utf8.DecodeRuneInString(path)
	if r == ':' || unicode.IsSpace(r) || (r >= 0x80 && r <= 0x9f) {
		return "./" + path
	}
	return path
}
