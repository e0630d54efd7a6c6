package redact

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
)

const secret = `s3cr3t/Val+ue"<&>`

func TestStringForms(t *testing.T) {
	s := &Set{}
	s.Add(secret, "##KEY##")
	jsonHTML, _ := json.Marshal(secret)
	cases := map[string]string{
		"plain":             "x " + secret + " y",
		"json html-escaped": "x " + string(jsonHTML) + " y",
		"json plain":        `x "s3cr3t/Val+ue\"<&>" y`,
		"xml":               "x s3cr3t/Val+ue&#34;&lt;&amp;&gt; y",
		"query":             "x=" + url.QueryEscape(secret) + "&y",
		"path":              "/a/" + url.PathEscape(secret) + "/b",
		"base64 std":        "Basic " + base64.StdEncoding.EncodeToString([]byte(secret)),
		"base64 url":        "t=" + base64.RawURLEncoding.EncodeToString([]byte(secret)),
		"base64 inside 1":   base64.StdEncoding.EncodeToString([]byte("u:" + secret + "!")),
		"base64 inside 2":   base64.StdEncoding.EncodeToString([]byte("user:" + secret + "!!")),
		"base64 inside 3":   base64.StdEncoding.EncodeToString([]byte("use:" + secret)),
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			out := s.String(in)
			if strings.Contains(out, secret) || out == in {
				t.Fatalf("not redacted: %q -> %q", in, out)
			}
			for _, f := range forms(secret) {
				if len(f) >= minEncoded && strings.Contains(out, f) {
					t.Fatalf("form %q left in %q", f, out)
				}
			}
		})
	}
}

func TestShortAndLiteralValuesIgnored(t *testing.T) {
	s := &Set{}
	for _, v := range []string{"", "dev", "1", "true", "false", "null"} {
		s.Add(v, "***")
	}
	if s.Len() != 0 {
		t.Fatalf("registered %d forms of values too short to redact", s.Len())
	}
	if got := s.String("dev true null"); got != "dev true null" {
		t.Fatalf("got %q", got)
	}
}

func TestLongestValueWins(t *testing.T) {
	s := &Set{}
	s.Add("abcd", "<short>")
	s.Add("abcdefgh", "<long>")
	if got := s.String("xabcdefghx abcd"); got != "x<long>x <short>" {
		t.Fatalf("got %q", got)
	}
}

// TestWriterSplitWrites writes the secret split at every byte boundary, and one byte at a time.
func TestWriterSplitWrites(t *testing.T) {
	s := &Set{}
	s.Add(secret, "##KEY##")
	text := "before " + secret + " middle " + secret + secret + " after, and a near miss: " + secret[:len(secret)-1]
	want := s.String(text)
	if strings.Contains(want, secret) {
		t.Fatal("String did not redact")
	}
	for cut := 0; cut <= len(text); cut++ {
		var out bytes.Buffer
		w := NewWriter(&out, s)
		_, _ = w.Write([]byte(text[:cut]))
		_, _ = w.Write([]byte(text[cut:]))
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		if out.String() != want {
			t.Fatalf("cut at %d: got %q, want %q", cut, out.String(), want)
		}
	}
	var out bytes.Buffer
	w := NewWriter(&out, s)
	for i := 0; i < len(text); i++ {
		_, _ = w.Write([]byte{text[i]})
	}
	_ = w.Flush()
	if out.String() != want {
		t.Fatalf("byte by byte: got %q, want %q", out.String(), want)
	}
}

// TestWriterHoldsOnlyPrefixes checks that a Writer passes through at once what cannot start a value,
// so progress output on a terminal is not delayed.
func TestWriterHoldsOnlyPrefixes(t *testing.T) {
	s := &Set{}
	s.Add("password123", "***")
	var out bytes.Buffer
	w := NewWriter(&out, s)
	_, _ = w.Write([]byte("⠋ building mfa-selection\r"))
	if out.String() != "⠋ building mfa-selection\r" {
		t.Fatalf("held back %q", out.String())
	}
	_, _ = w.Write([]byte("x pass"))
	if out.String() != "⠋ building mfa-selection\rx " {
		t.Fatalf("got %q", out.String())
	}
	_, _ = w.Write([]byte("word123!"))
	_ = w.Flush()
	if out.String() != "⠋ building mfa-selection\rx ***!" {
		t.Fatalf("got %q", out.String())
	}
}

func TestWriterNoValues(t *testing.T) {
	var out bytes.Buffer
	w := NewWriter(&out, &Set{})
	_, _ = w.Write([]byte("plain"))
	if out.String() != "plain" {
		t.Fatalf("got %q", out.String())
	}
}

func TestPlaceholder(t *testing.T) {
	for key, want := range map[string]string{"API_KEY": "##API_KEY##", "a.b-c": "##a.b-c##", `x"<`: "***", "": "***"} {
		if got := Placeholder(key); got != want {
			t.Errorf("Placeholder(%q) = %q, want %q", key, got, want)
		}
	}
}

func FuzzWriter(f *testing.F) {
	f.Add("k3y-value", "some text k3y-value more", 3)
	f.Fuzz(func(t *testing.T, value, text string, cut int) {
		if len(value) < MinLen || value == "true" || value == "false" || value == "null" || strings.Contains(value, "#") {
			return
		}
		s := &Set{}
		s.Add(value, "#")
		want := s.String(text)
		if strings.Contains(want, value) {
			t.Fatalf("String left %q in %q", value, want)
		}
		if cut < 0 {
			cut = -cut
		}
		cut %= len(text) + 1
		var out bytes.Buffer
		w := NewWriter(&out, s)
		_, _ = w.Write([]byte(text[:cut]))
		_, _ = w.Write([]byte(text[cut:]))
		_ = w.Flush()
		if out.String() != want {
			t.Fatalf("split at %d: got %q, want %q", cut, out.String(), want)
		}
	})
}
