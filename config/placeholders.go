package config

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v4"

	"github.com/mfactl/mfactl/source"
)

// Placeholders with no mapping stay in the text, as with the Deploy CLI. A bare @@KEY@@ cannot start
// a YAML scalar (@ is a reserved indicator) and a bare ##KEY## after a space starts a comment, so a
// file that is well-formed once its placeholders are values would not parse, or would lose the
// value. The loader parses a masked copy of the text instead, in which the first character of each
// such placeholder is a private-use character that YAML reads as the start of a plain scalar. A
// character stands for a character, so every line and column is the same as in the text, and the
// scalars are restored to what was written before anything reads them. Such a value is *unknown*
// (String.Unknown, Bool.Unknown): it may be anything, so no rule judges it; the unresolved-keyword
// warning at its position is the one finding.

// maskPlaceholders returns the text to parse, with the placeholders masked, the mask character (0
// when nothing was masked), and the offsets of the placeholders that are in YAML comments (they are
// left alone, and are no value).
//
// With all set, every placeholder is masked, comments included: the fallback when the file does not
// parse with its comments kept (a line-start ##KEY## inside a flow list, say).
func maskPlaceholders(f *source.File, all bool) ([]byte, rune, map[int]bool) {
	text := f.Text
	ranges := f.UnresolvedRanges()
	if len(ranges) == 0 {
		return text, 0, nil
	}
	comments := map[int]bool{}
	mask := rune(0xE000)
	for ; mask < 0xF8FF && bytes.ContainsRune(text, mask); mask++ {
	}
	starts := make(map[int]int, len(ranges))
	for _, r := range ranges {
		starts[r[0]] = r[1]
	}
	var b bytes.Buffer
	b.Grow(len(text) + 2*len(ranges))
	last := 0
	for _, r := range ranges {
		if r[0] < last || (!all && inComment(text, r[0], starts)) {
			comments[r[0]] = true
			continue
		}
		b.Write(text[last:r[0]])
		b.WriteRune(mask)
		last = r[0] + 1
	}
	b.Write(text[last:])
	return b.Bytes(), mask, comments
}

// inComment reports whether a placeholder at off is in a YAML comment as the file is written: it
// follows a comment, or is a ##KEY## that stands alone on its line (a ##KEY## at the start of a line
// that goes on, as in ##MORE##] closing a flow list, is a value). Quoted text and other placeholders on the
// line are skipped; a quote only opens a quoted scalar where one can start.
func inComment(text []byte, off int, placeholders map[int]int) bool {
	ls := bytes.LastIndexByte(text[:off], '\n') + 1
	if text[off] == '#' && len(bytes.TrimSpace(text[ls:off])) == 0 {
		le := bytes.IndexByte(text[off:], '\n')
		if le < 0 {
			le = len(text) - off
		}
		rest := bytes.TrimSpace(text[placeholders[off] : off+le])
		return len(rest) == 0 || rest[0] == '#'
	}
	var quote byte
	for i := ls; i < off; i++ {
		if end, ok := placeholders[i]; ok && quote == 0 {
			i = end - 1
			continue
		}
		c := text[i]
		switch {
		case quote == '\'':
			if c == '\'' {
				quote = 0
			}
		case quote == '"':
			if c == '\\' {
				i++
			} else if c == '"' {
				quote = 0
			}
		case c == '#' && (i == ls || text[i-1] == ' ' || text[i-1] == '\t'):
			return true
		case (c == '\'' || c == '"') && (i == ls || strings.IndexByte(" \t[{,:-?", text[i-1]) >= 0):
			quote = c
		}
	}
	return false
}

// unmask restores every scalar of a document parsed from masked text to the text as written.
func unmask(doc *yaml.Node, mask rune) {
	if mask == 0 {
		return
	}
	m := string(mask)
	r := strings.NewReplacer(m+"@", "@@", m+"#", "##")
	stack := []*yaml.Node{doc}
	seen := map[*yaml.Node]bool{}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n == nil || seen[n] {
			continue
		}
		seen[n] = true
		if strings.Contains(n.Value, m) {
			n.Value = r.Replace(n.Value)
		}
		stack = append(stack, n.Content...)
	}
}

// unknown reports whether n is a scalar that holds a placeholder with no mapping.
func unknown(n *yaml.Node) bool {
	n = resolve(n)
	return n != nil && n.Kind == yaml.ScalarNode && source.IsPlaceholder(n.Value)
}

// unknownValue is unknown(n), and records n's position in Tenant.Unknown when it is.
func (l *loader) unknownValue(n *yaml.Node) bool {
	if !unknown(n) {
		return false
	}
	l.t.Unknown = append(l.t.Unknown, l.span(resolve(n)))
	return true
}

// keywordsIn returns the keywords that were replaced inside the token of scalar n.
func (l *loader) keywordsIn(n *yaml.Node) []source.Replacement {
	if n == nil || n.Line == 0 || len(l.f.Replacements) == 0 {
		return nil
	}
	start := l.f.OffsetAt(n.Line, n.Column)
	end := start
	text := l.f.Text
	for c := tokenLength(n); c > 0 && end < len(text) && text[end] != '\n'; c-- {
		_, size := utf8.DecodeRune(text[end:])
		end += size
	}
	return l.f.ReplacementsIn(start, end)
}

// written describes a scalar's value for a message. A value that a keyword produced is named by the
// placeholder the user wrote, never shown: keyword values are secrets.
func (l *loader) written(n *yaml.Node) (string, []source.Replacement) {
	kws := l.keywordsIn(n)
	if len(kws) == 0 {
		return kindName(n), nil
	}
	kind := "a value"
	switch n.Tag {
	case "!!str":
		kind = "a string"
	case "!!int", "!!float":
		kind = "a number"
	case "!!bool":
		kind = "a boolean"
	case "!!null":
		kind = "null"
	}
	return fmt.Sprintf("%s (from %s)", kind, placeholderText(kws[0])), kws
}

// placeholderText is a replaced keyword as it was written.
func placeholderText(r source.Replacement) string {
	return r.Marker + r.Key + r.Marker
}

// boolHint explains how to write a boolean where n (a string) is, speaking of what the user wrote.
func (l *loader) boolHint(n *yaml.Node, kws []source.Replacement) string {
	word := ""
	switch strings.ToLower(n.Value) {
	case "yes", "on", "true", "y":
		word = "true"
	case "no", "off", "false", "n":
		word = "false"
	}
	quoted := n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle) != 0
	if len(kws) == 0 {
		if word != "" {
			return "; write " + word + " without quotes"
		}
		return ""
	}
	kw := kws[0]
	ph := placeholderText(kw)
	if kw.Marker == "@@" {
		// JSON.stringify of a string value brings its own quotes, whether or not the user wrote any.
		if n.Style&yaml.DoubleQuotedStyle == 0 {
			return fmt.Sprintf("; the value of %s must be the JSON value true or false", ph)
		}
		return fmt.Sprintf("; %s inserts its value JSON-encoded, and its value is a string (as every value from --keyword, --env-keyword and the environment is): write ##%s## without quotes to insert the text as it is, or map %s to the JSON value true or false in AUTH0_KEYWORD_REPLACE_MAPPINGS or a --keywords-file",
			ph, kw.Key, kw.Key)
	}
	if quoted {
		return fmt.Sprintf("; remove the quotes around %s so that its value is read as a boolean", ph)
	}
	return fmt.Sprintf("; the value of %s must be true or false", ph)
}
