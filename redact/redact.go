// Package redact keeps secret values out of everything mfactl prints. A Set holds the values (keyword
// values, the client secret, tokens, Action secret values) with the text that replaces each, and
// matches every value in the forms it can take in output: as written, JSON-escaped, URL-encoded and
// base64-encoded (also when it sits inside a longer base64 string). A Writer applies a Set to a stream
// as it is written, holding back only a tail that could be the start of a value.
package redact

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/url"
	"sort"
	"strings"
	"sync"
)

// MinLen is the shortest value a Set redacts. Shorter values ("dev", "1", "eu") cannot be secrets
// worth the name, and masking every occurrence of them would garble the output.
const MinLen = 4

// minEncoded is the shortest encoded form (base64 inside a longer string) that is matched; shorter
// fragments would match unrelated text.
const minEncoded = 8

// Set is a set of values to redact. It is safe for concurrent use; values added while a Writer is in
// use apply from the next write on.
type Set struct {
	mu      sync.RWMutex
	needles []needle
	seen    map[string]bool
	maxLen  int
	first   [256]bool // first bytes of the needles
}

type needle struct {
	text []byte
	repl []byte
}

// Add registers value, to be replaced by repl wherever it or one of its encodings appears. Values
// shorter than MinLen, and the JSON literals true, false and null, are ignored.
func (s *Set) Add(value, repl string) {
	if len(value) < MinLen || value == "true" || value == "false" || value == "null" {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.seen == nil {
		s.seen = map[string]bool{}
	}
	for _, form := range forms(value) {
		if s.seen[form] {
			continue
		}
		s.seen[form] = true
		s.needles = append(s.needles, needle{text: []byte(form), repl: []byte(repl)})
		s.maxLen = max(s.maxLen, len(form))
		s.first[form[0]] = true
	}
	// Longer needles first, so that a value containing another is replaced whole.
	sort.SliceStable(s.needles, func(i, j int) bool { return len(s.needles[i].text) > len(s.needles[j].text) })
}

// Len returns the number of forms registered.
func (s *Set) Len() int {
	if s == nil {
		return 0
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.needles)
}

// forms returns the texts under which value may appear in output.
func forms(value string) []string {
	out := []string{value}
	add := func(f string) {
		if len(f) >= MinLen && f != value {
			out = append(out, f)
		}
	}
	// JSON, with and without HTML escaping (Go's encoders differ from JavaScript's JSON.stringify).
	if b, err := json.Marshal(value); err == nil {
		add(string(b[1 : len(b)-1]))
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if enc.Encode(value) == nil {
		b := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
		add(string(b[1 : len(b)-1]))
	}
	// XML text and attributes (JUnit, SARIF viewers).
	buf.Reset()
	if xml.EscapeText(&buf, []byte(value)) == nil {
		add(buf.String())
	}
	// URLs: query and path escaping.
	add(url.QueryEscape(value))
	add(url.PathEscape(value))
	// base64, standard and URL alphabets; also the characters that encode value wherever it starts
	// inside a longer encoded string (three alignments).
	for _, e := range []*base64.Encoding{base64.RawStdEncoding, base64.RawURLEncoding} {
		add(e.EncodeToString([]byte(value)))
		for k := 1; k <= 2; k++ {
			enc := e.EncodeToString(append(make([]byte, k), value...))
			// The first 4 characters mix the k prefix bytes with 3-k bytes of value; after them come
			// whole groups of value's bytes only; a last partial group depends on what follows.
			groups := (len(value) - (3 - k)) / 3
			if groups <= 0 {
				continue
			}
			if f := enc[4 : 4+4*groups]; len(f) >= minEncoded {
				add(f)
			}
		}
		if groups := len(value) / 3; 4*groups >= minEncoded {
			add(e.EncodeToString([]byte(value))[:4*groups])
		}
	}
	return out
}

// String returns s with every registered value replaced.
func (s *Set) String(str string) string {
	if s == nil || str == "" {
		return str
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if len(s.needles) == 0 {
		return str
	}
	out, _ := s.replace([]byte(str), true)
	return string(out)
}

// replace returns b with every needle replaced. Unless final, it stops before a tail of b that is the
// start of a needle, and returns how many bytes of b it consumed.
func (s *Set) replace(b []byte, final bool) ([]byte, int) {
	var out []byte
	i := 0
	// next[k] is the position of needle k's next occurrence at or after i, or -1.
	next := make([]int, len(s.needles))
	for k, n := range s.needles {
		next[k] = index(b, 0, n.text)
	}
	for {
		best := -1
		for k, pos := range next {
			if pos >= 0 && (best < 0 || pos < next[best]) {
				best = k
			}
		}
		if best < 0 {
			break
		}
		pos := next[best]
		if !final && s.longerPending(b[pos:], len(s.needles[best].text)) {
			// A longer value may start here and end in the next write: wait for it.
			if out == nil {
				return b[:pos], pos
			}
			return append(out, b[i:pos]...), pos
		}
		if out == nil {
			out = make([]byte, 0, len(b))
		}
		out = append(out, b[i:pos]...)
		out = append(out, s.needles[best].repl...)
		i = pos + len(s.needles[best].text)
		for k, p := range next {
			if p >= 0 && p < i {
				next[k] = index(b, i, s.needles[k].text)
			}
		}
	}
	end := len(b)
	if !final {
		end -= s.heldTail(b[i:])
	}
	if out == nil {
		return b[:end], end
	}
	return append(out, b[i:end]...), end
}

func index(b []byte, from int, needle []byte) int {
	if j := bytes.Index(b[from:], needle); j >= 0 {
		return from + j
	}
	return -1
}

// longerPending reports whether rest (which starts with a match of length n) is the incomplete start
// of a longer needle.
func (s *Set) longerPending(rest []byte, n int) bool {
	for _, nd := range s.needles {
		if len(nd.text) > len(rest) && len(nd.text) > n && bytes.HasPrefix(nd.text, rest) {
			return true
		}
	}
	return false
}

// heldTail returns the length of the longest suffix of b that is a proper prefix of a needle: those
// bytes must wait for the next write to know whether they start a value.
func (s *Set) heldTail(b []byte) int {
	for j := max(0, len(b)-(s.maxLen-1)); j < len(b); j++ {
		if !s.first[b[j]] {
			continue
		}
		tail := b[j:]
		for _, nd := range s.needles {
			if len(nd.text) > len(tail) && bytes.HasPrefix(nd.text, tail) {
				return len(tail)
			}
		}
	}
	return 0
}

// Writer redacts what is written through it. Call Flush (or Close) when the output is complete.
type Writer struct {
	mu      sync.Mutex
	set     *Set
	w       io.Writer
	pending []byte
}

// NewWriter returns a Writer that writes to w with the values of set replaced.
func NewWriter(w io.Writer, set *Set) *Writer {
	return &Writer{set: set, w: w}
}

// Write redacts p and writes all of it that cannot be the start of a value.
func (rw *Writer) Write(p []byte) (int, error) {
	rw.mu.Lock()
	defer rw.mu.Unlock()
	rw.set.mu.RLock()
	if len(rw.set.needles) == 0 && len(rw.pending) == 0 {
		rw.set.mu.RUnlock()
		return rw.w.Write(p)
	}
	buf := p
	if len(rw.pending) > 0 {
		buf = append(rw.pending, p...)
	}
	out, used := rw.set.replace(buf, false)
	rw.set.mu.RUnlock()
	rw.pending = append([]byte(nil), buf[used:]...)
	if len(out) > 0 {
		if _, err := rw.w.Write(out); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// WriteString is Write for a string.
func (rw *Writer) WriteString(s string) (int, error) { return rw.Write([]byte(s)) }

// Flush writes what was held back.
func (rw *Writer) Flush() error {
	rw.mu.Lock()
	defer rw.mu.Unlock()
	if len(rw.pending) == 0 {
		return nil
	}
	rw.set.mu.RLock()
	out, _ := rw.set.replace(rw.pending, true)
	rw.set.mu.RUnlock()
	rw.pending = nil
	_, err := rw.w.Write(out)
	return err
}

// Unwrap returns the underlying writer (to decide, for instance, whether it is a terminal).
func (rw *Writer) Unwrap() io.Writer { return rw.w }

// Placeholder is the text that replaces a keyword's value: the ##KEY## the user wrote, or *** when the
// key has characters that could break a structured format.
func Placeholder(key string) string {
	if key == "" || strings.IndexFunc(key, func(r rune) bool {
		return !(r == '_' || r == '-' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
	}) >= 0 {
		return "***"
	}
	return "##" + key + "##"
}
