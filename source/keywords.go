package source

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Keyword is one keyword-replacement mapping, held in the two forms the Deploy CLI substitutes: JSON
// (JSON.stringify of the value, for @@KEY@@) and literal (String(value), for ##KEY##).
type Keyword struct {
	Key     string
	JSON    string
	Literal string
}

// StringKeyword returns the mapping of key to a plain string value.
// Bytes that are not UTF-8 (from an environment variable or an argument) become U+FFFD, as they do
// when Node.js decodes process.env and process.argv into the strings the Deploy CLI inserts.
func StringKeyword(key, value string) Keyword {
	value = strings.ToValidUTF8(value, "\uFFFD")
	return Keyword{Key: key, JSON: jsonString(value), Literal: value}
}

// JSONKeyword returns the mapping of key to a JSON value given as raw JSON text, printed as the
// Deploy CLI prints the value it gets from JSON.parse (jsvalue.go).
func JSONKeyword(key string, raw json.RawMessage) (Keyword, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	v, err := decodeJS(dec)
	if err == nil {
		if _, extra := dec.Token(); extra == nil {
			err = fmt.Errorf("unexpected data after the value")
		}
	}
	if err != nil {
		return Keyword{}, fmt.Errorf("value of %q is not valid JSON: %w", key, err)
	}
	if s, ok := v.(string); ok {
		return StringKeyword(key, s), nil
	}
	var b bytes.Buffer
	jsJSON(&b, v)
	return Keyword{Key: key, JSON: b.String(), Literal: jsText(v)}, nil
}

// jsonString encodes s as JSON.stringify does: only the quote, the backslash and control characters
// are escaped (no HTML escaping; U+2028 and U+2029 as they are).
func jsonString(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"':
			b.WriteString(`\"`)
		case c == '\\':
			b.WriteString(`\\`)
		case c == '\b':
			b.WriteString(`\b`)
		case c == '\f':
			b.WriteString(`\f`)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\r':
			b.WriteString(`\r`)
		case c == '\t':
			b.WriteString(`\t`)
		case c < 0x20:
			fmt.Fprintf(&b, `\u%04x`, c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// Mappings is an ordered set of keywords. Keys iterate in the order JavaScript's Object.keys gives for
// the Deploy CLI's mappings object: integer-like keys first, ascending, then the rest in the order
// they were first set. Setting an existing key replaces its value and keeps its place, as
// Object.assign does.
type Mappings struct {
	order []string
	byKey map[string]Keyword
}

// Set adds or replaces a keyword.
func (m *Mappings) Set(k Keyword) {
	if m.byKey == nil {
		m.byKey = map[string]Keyword{}
	}
	if _, ok := m.byKey[k.Key]; !ok {
		m.order = append(m.order, k.Key)
	}
	m.byKey[k.Key] = k
}

// Len returns the number of keywords.
func (m *Mappings) Len() int { return len(m.order) }

// Get returns the keyword for key.
func (m *Mappings) Get(key string) (Keyword, bool) {
	k, ok := m.byKey[key]
	return k, ok
}

// Keys returns the keys in Object.keys order.
func (m *Mappings) Keys() []string { return objectKeyOrder(m.order) }

// objectKeyOrder is keys (in insertion order) as JavaScript lists an object's keys: the array
// indices first, in numeric order, then the others as inserted.
func objectKeyOrder(keys []string) []string {
	var ints, rest []string
	for _, k := range keys {
		if isArrayIndex(k) {
			ints = append(ints, k)
		} else {
			rest = append(rest, k)
		}
	}
	sort.Slice(ints, func(i, j int) bool {
		a, _ := strconv.ParseUint(ints[i], 10, 32)
		b, _ := strconv.ParseUint(ints[j], 10, 32)
		return a < b
	})
	return append(ints, rest...)
}

func isArrayIndex(k string) bool {
	if k == "" || (len(k) > 1 && k[0] == '0') {
		return false
	}
	n, err := strconv.ParseUint(k, 10, 32)
	return err == nil && n < 1<<32-1
}

// ParseJSONMappings decodes a JSON object of keyword mappings (the value of
// AUTH0_KEYWORD_REPLACE_MAPPINGS), keeping the order of its keys.
func ParseJSONMappings(data []byte) (*Mappings, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil {
		return nil, fmt.Errorf("not valid JSON: %w", err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, fmt.Errorf("must be a JSON object of KEY: value pairs")
	}
	m := &Mappings{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("not valid JSON: %w", err)
		}
		key, _ := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, fmt.Errorf("not valid JSON at key %q: %w", key, err)
		}
		kw, err := JSONKeyword(key, raw)
		if err != nil {
			return nil, err
		}
		m.Set(kw)
	}
	if _, err := dec.Token(); err != nil {
		return nil, fmt.Errorf("not valid JSON: %w", err)
	}
	if dec.More() {
		return nil, fmt.Errorf("not valid JSON: unexpected data after the object")
	}
	if _, err := dec.Token(); err == nil {
		return nil, fmt.Errorf("not valid JSON: unexpected data after the object")
	}
	return m, nil
}

// Replace applies keyword replacement to f exactly as the Deploy CLI's keywordReplace does: for each
// key in order, every '@@KEY@@', "@@KEY@@" or bare @@KEY@@ becomes the JSON value; then for each key,
// every ##KEY## becomes the literal value. Each key's pass sees the output of the previous one.
// Keys are matched literally (the Deploy CLI puts them into a regular expression unescaped).
func (f *File) Replace(m *Mappings) {
	if m == nil || m.Len() == 0 {
		return
	}
	keys := m.Keys()
	if bytes.Contains(f.Text, []byte("@@")) {
		for _, k := range keys {
			kw := m.byKey[k]
			f.replacePass("@@", k, kw.JSON, true)
		}
	}
	if bytes.Contains(f.Text, []byte("##")) {
		for _, k := range keys {
			kw := m.byKey[k]
			f.replacePass("##", k, kw.Literal, false)
		}
	}
	f.textLines = nil
	f.textPos.line, f.origCur = 0, nil
}

func (f *File) replacePass(marker, key, value string, swallowQuotes bool) {
	needle := []byte(marker + key + marker)
	text := f.Text
	if !bytes.Contains(text, needle) {
		return
	}
	var out bytes.Buffer
	out.Grow(len(text))
	var edits []edit
	last := 0 // end of the previous match in text
	for {
		i := bytes.Index(text[last:], needle)
		if i < 0 {
			break
		}
		i += last
		start, end := i, i+len(needle)
		if swallowQuotes && start-1 >= last && end < len(text) {
			if q := text[start-1]; (q == '\'' || q == '"') && text[end] == q {
				start, end = start-1, end+1
			}
		}
		out.Write(text[last:start])
		ns := out.Len()
		out.WriteString(value)
		edits = append(edits, edit{newStart: ns, newEnd: out.Len(), oldStart: start, oldEnd: end})
		last = end
	}
	out.Write(text[last:])
	// Record where each keyword stands in the original file (offsets increase within a pass).
	f.ensureOrigLines()
	if f.keywordEnds == nil {
		f.keywordEnds = map[int]int{}
	}
	cur := newCursor(f.Original, f.origLines)
	for _, e := range edits {
		os, oe := f.originalOffset(e.oldStart), f.originalOffset(e.oldEnd)
		oe = max(oe, os)
		l, c := cur.at(os)
		el, ec := cur.at(oe)
		f.keywordEnds[os] = oe
		f.Replacements = append(f.Replacements, Replacement{Key: key, Marker: marker,
			Span: Span{File: f.Path, Line: l, Col: c, EndLine: el, EndCol: ec, ByteStart: os}})
	}
	f.Text = out.Bytes()
	f.passes = append(f.passes, edits)
}

func (f *File) ensureOrigLines() {
	if f.origLines == nil {
		f.origLines = lineStarts(f.Original)
	}
}

var placeholderRe = regexp.MustCompile(`@@[A-Za-z0-9_]+@@|##[A-Za-z0-9_]+##`)

// Placeholder is a @@KEY@@ or ##KEY## left in the text after replacement.
type Placeholder struct {
	Text string
	Key  string
	Span Span
	// Start is the placeholder's byte offset in Text.
	Start int
}

// MaxUnresolved is how many unresolved placeholders Unresolved reports per file.
const MaxUnresolved = 100

// Unresolved returns the keyword placeholders that are still in Text after replacement (at most
// MaxUnresolved), and how many there are in all.
func (f *File) Unresolved() ([]Placeholder, int) {
	if !bytes.Contains(f.Text, []byte("@@")) && !bytes.Contains(f.Text, []byte("##")) {
		return nil, 0
	}
	locs := placeholderRe.FindAllIndex(f.Text, -1)
	var out []Placeholder
	for _, loc := range locs[:min(len(locs), MaxUnresolved)] {
		t := string(f.Text[loc[0]:loc[1]])
		out = append(out, Placeholder{Text: t, Key: t[2 : len(t)-2], Span: f.SpanOf(loc[0], loc[1]), Start: loc[0]})
	}
	return out, len(locs)
}

// IsPlaceholder reports whether s holds a @@KEY@@ or ##KEY## placeholder anywhere.
func IsPlaceholder(s string) bool {
	return (strings.Contains(s, "@@") || strings.Contains(s, "##")) && placeholderRe.MatchString(s)
}

// UnresolvedRanges returns the byte ranges [start, end) in Text of every placeholder left after
// replacement, in order.
func (f *File) UnresolvedRanges() [][2]int {
	if !bytes.Contains(f.Text, []byte("@@")) && !bytes.Contains(f.Text, []byte("##")) {
		return nil
	}
	locs := placeholderRe.FindAllIndex(f.Text, -1)
	out := make([][2]int, len(locs))
	for i, loc := range locs {
		out[i] = [2]int{loc[0], loc[1]}
	}
	return out
}

// ReplacementsIn returns the keywords that were replaced inside the byte range [start, end) of Text,
// in order.
func (f *File) ReplacementsIn(start, end int) []Replacement {
	if len(f.Replacements) == 0 {
		return nil
	}
	os, oe := f.originalOffset(start), f.originalOffset(end)
	if oe == os && end > start {
		oe = f.keywordEnd(os)
	}
	var out []Replacement
	for _, r := range f.Replacements {
		if r.Span.ByteStart >= os && r.Span.ByteStart < max(oe, os+1) {
			out = append(out, r)
		}
	}
	return out
}
