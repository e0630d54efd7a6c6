package config

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"go.yaml.in/yaml/v4"
)

// parseJSON parses a JSON file of the directory format into the same yaml.Node tree the YAML
// loader reads, with the line and character column (1-based, in the replaced text) of every value,
// so the section readers do not know which format they read. It follows JSON.parse's grammar, not
// YAML's: YAML's parser refuses some valid JSON (a lone surrogate escape such as "\ud800", a key
// longer than 1024 characters) and accepts much that JSON.parse refuses.
//
// placeholders are the byte ranges of keyword placeholders left with no mapping. Where one stands
// outside a string, the Deploy CLI's JSON.parse would fail, but its value is only unknown to mfactl:
// a run of text holding one is read as a plain string scalar (a value that is unknown), a key
// without a value is given null, as YAML reads `{ ##MORE## }`. With no placeholders the grammar is
// exactly JSON's.
func parseJSON(text []byte, placeholders [][2]int) (*yaml.Node, *jsonError) {
	p := &jsonParser{text: text, ph: placeholders, line: 1}
	p.ws()
	n := p.value(0)
	if p.err != nil {
		return nil, p.err
	}
	p.ws()
	if p.off < len(text) {
		p.fail("unexpected %s after the top-level value", p.what())
		return nil, p.err
	}
	return n, nil
}

// jsonError is a syntax error at a byte offset of the text.
type jsonError struct {
	off int
	msg string
}

// maxJSONDepth bounds nesting, as encoding/json does (JSON.parse's own bound is the stack).
const maxJSONDepth = 10000

type jsonParser struct {
	text []byte
	ph   [][2]int // placeholder ranges, in order
	next int      // index of the first placeholder not before off
	off  int
	err  *jsonError

	// Position: line, the offset its line starts at, and a known column at colOff on that line.
	line, lineStart, colOff, col int
}

func (p *jsonParser) fail(format string, args ...any) {
	if p.err == nil {
		p.err = &jsonError{off: p.off, msg: fmt.Sprintf(format, args...)}
	}
}

// what names the character at off for a message.
func (p *jsonParser) what() string {
	if p.off >= len(p.text) {
		return "end of file"
	}
	r, _ := utf8.DecodeRune(p.text[p.off:])
	return fmt.Sprintf("character %q", r)
}

// ws skips JSON whitespace (space, tab, line feed, carriage return), counting lines.
func (p *jsonParser) ws() {
	for p.off < len(p.text) {
		switch p.text[p.off] {
		case '\n':
			p.line++
			p.lineStart, p.colOff, p.col = p.off+1, p.off+1, 0
		case ' ', '\t', '\r':
		default:
			return
		}
		p.off++
	}
}

// pos returns the 1-based line and character column of off (never before the last position asked).
func (p *jsonParser) pos() (int, int) {
	if p.colOff < p.lineStart {
		p.colOff, p.col = p.lineStart, 0
	}
	p.col += utf8.RuneCount(p.text[p.colOff:p.off])
	p.colOff = p.off
	return p.line, p.col + 1
}

// placeholderAt returns the end of the placeholder that starts at off, or -1.
func (p *jsonParser) placeholderAt(off int) int {
	for p.next < len(p.ph) && p.ph[p.next][1] <= off {
		p.next++
	}
	if p.next < len(p.ph) && p.ph[p.next][0] == off {
		return p.ph[p.next][1]
	}
	return -1
}

func (p *jsonParser) node(kind yaml.Kind, tag, value string, style yaml.Style) *yaml.Node {
	line, col := p.pos()
	return &yaml.Node{Kind: kind, Tag: tag, Value: value, Style: style, Line: line, Column: col}
}

func (p *jsonParser) value(depth int) *yaml.Node {
	if p.off >= len(p.text) {
		p.fail("unexpected end of file where a value is expected")
		return nil
	}
	switch c := p.text[p.off]; {
	case (c == '{' || c == '[') && depth >= maxJSONDepth:
		p.fail("objects and arrays nested more than %d deep", maxJSONDepth)
		return nil
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		n := p.node(yaml.ScalarNode, "!!str", "", yaml.DoubleQuotedStyle)
		n.Value = p.str()
		return n
	default:
		return p.bare()
	}
}

func (p *jsonParser) object(depth int) *yaml.Node {
	n := p.node(yaml.MappingNode, "!!map", "", yaml.FlowStyle)
	p.off++ // {
	p.ws()
	if p.off < len(p.text) && p.text[p.off] == '}' {
		p.off++
		return n
	}
	for p.err == nil {
		var k *yaml.Node
		switch {
		case p.off < len(p.text) && p.text[p.off] == '"':
			k = p.node(yaml.ScalarNode, "!!str", "", yaml.DoubleQuotedStyle)
			k.Value = p.str()
		case p.placeholderAt(p.off) >= 0:
			k = p.bare()
		default:
			p.fail("unexpected %s where a key (a string in double quotes) is expected", p.what())
			return nil
		}
		p.ws()
		var v *yaml.Node
		if p.off < len(p.text) && p.text[p.off] == ':' {
			p.off++
			p.ws()
			v = p.value(depth + 1)
		} else if k.Style == 0 {
			v = p.node(yaml.ScalarNode, "!!null", "", 0) // a placeholder standing for members
		} else {
			p.fail("unexpected %s after a key; expected ':'", p.what())
		}
		if p.err != nil {
			return nil
		}
		n.Content = append(n.Content, k, v)
		p.ws()
		switch {
		case p.off < len(p.text) && p.text[p.off] == ',':
			p.off++
			p.ws()
		case p.off < len(p.text) && p.text[p.off] == '}':
			p.off++
			return n
		default:
			p.fail("unexpected %s in an object; expected ',' or '}'", p.what())
		}
	}
	return nil
}

func (p *jsonParser) array(depth int) *yaml.Node {
	n := p.node(yaml.SequenceNode, "!!seq", "", yaml.FlowStyle)
	p.off++ // [
	p.ws()
	if p.off < len(p.text) && p.text[p.off] == ']' {
		p.off++
		return n
	}
	for p.err == nil {
		v := p.value(depth + 1)
		if p.err != nil {
			return nil
		}
		n.Content = append(n.Content, v)
		p.ws()
		switch {
		case p.off < len(p.text) && p.text[p.off] == ',':
			p.off++
			p.ws()
		case p.off < len(p.text) && p.text[p.off] == ']':
			p.off++
			return n
		default:
			p.fail("unexpected %s in an array; expected ',' or ']'", p.what())
		}
	}
	return nil
}

// str reads a string at off (its opening quote) and returns its value.
func (p *jsonParser) str() string {
	start := p.off
	p.off++
	plain := true
	for p.off < len(p.text) {
		c := p.text[p.off]
		switch {
		case c == '"':
			p.off++
			if plain {
				return string(p.text[start+1 : p.off-1])
			}
			return unescapeJSON(p.text[start+1 : p.off-1])
		case c == '\\':
			plain = false
			p.off++
			if p.off >= len(p.text) {
				continue
			}
			switch e := p.text[p.off]; e {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				p.off++
			case 'u':
				p.off++
				for i := 0; i < 4; i++ {
					if p.off >= len(p.text) || !isHex(p.text[p.off]) {
						p.fail("invalid \\u escape in a string; expected four hexadecimal digits")
						return ""
					}
					p.off++
				}
			default:
				p.off--
				p.fail("invalid escape \\%c in a string", e)
				return ""
			}
		case c < 0x20:
			p.fail("control character %q in a string; write it as an escape", rune(c))
			return ""
		default:
			p.off++
		}
	}
	p.off = start
	p.fail("string not closed before the end of the file")
	return ""
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// unescapeJSON decodes the escapes of a string already checked; a lone surrogate, which JSON.parse
// keeps and Go strings cannot hold, becomes U+FFFD.
func unescapeJSON(b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c != '\\' {
			sb.WriteByte(c)
			continue
		}
		i++
		switch b[i] {
		case 'b':
			sb.WriteByte('\b')
		case 'f':
			sb.WriteByte('\f')
		case 'n':
			sb.WriteByte('\n')
		case 'r':
			sb.WriteByte('\r')
		case 't':
			sb.WriteByte('\t')
		case 'u':
			r := hex4(b[i+1 : i+5])
			i += 4
			if utf16.IsSurrogate(r) {
				if i+6 < len(b) && b[i+1] == '\\' && b[i+2] == 'u' {
					if r2 := hex4(b[i+3 : i+7]); utf16.DecodeRune(r, r2) != utf8.RuneError {
						r = utf16.DecodeRune(r, r2)
						i += 6
						sb.WriteRune(r)
						continue
					}
				}
				r = utf8.RuneError
			}
			sb.WriteRune(r)
		default: // " \ /
			sb.WriteByte(b[i])
		}
	}
	return sb.String()
}

func hex4(b []byte) rune {
	v, _ := strconv.ParseUint(string(b), 16, 32)
	return rune(v)
}

// bare reads true, false, null or a number; or, where a placeholder with no mapping is in the run of
// text, the run as a plain scalar.
func (p *jsonParser) bare() *yaml.Node {
	n := p.node(yaml.ScalarNode, "", "", 0)
	start := p.off
	hasPlaceholder := false
	for p.off < len(p.text) {
		if end := p.placeholderAt(p.off); end >= 0 {
			hasPlaceholder = true
			p.off = end
			continue
		}
		c := p.text[p.off]
		if c == ',' || c == ':' || c == '{' || c == '}' || c == '[' || c == ']' || c == '"' || c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			break
		}
		p.off++
	}
	tok := string(p.text[start:p.off])
	switch {
	case hasPlaceholder:
		n.Tag, n.Value = "!!str", tok
	case tok == "true" || tok == "false":
		n.Tag, n.Value = "!!bool", tok
	case tok == "null":
		n.Tag, n.Value = "!!null", tok
	case jsonNumber(tok):
		n.Tag, n.Value = "!!int", tok
		if strings.ContainsAny(tok, ".eE") {
			n.Tag = "!!float"
		}
	default:
		p.off = start
		p.fail("unexpected %s where a value is expected", p.what())
		return nil
	}
	return n
}

// jsonNumber reports whether s is a number in JSON's grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func jsonNumber(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	digits := func() int {
		j := i
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
		return i - j
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case digits() == 0:
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}
