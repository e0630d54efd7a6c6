package config

import (
	"strings"
	"unicode/utf8"
)

// SanitizeName makes an Action name a safe folder name exactly as the Deploy CLI does, with the
// sanitize-filename package and "-" as the replacement: each character illegal in file names on some
// platform (/ ? < > \ : * | ") or a control character becomes "-"; a name of only dots, a reserved
// Windows device name (con, prn, aux, nul, com0-9, lpt0-9, with any extension) and a trailing run
// of dots and spaces each become one "-"; the result is cut to 255 bytes. Spaces are kept.
func SanitizeName(name string) string {
	var b strings.Builder
	for _, r := range name {
		if r < 0x20 || (r >= 0x80 && r <= 0x9f) || strings.ContainsRune(`/?<>\:*|"`, r) {
			b.WriteByte('-')
			continue
		}
		b.WriteRune(r)
	}
	s := b.String()
	if s != "" && strings.Trim(s, ".") == "" {
		s = "-"
	}
	base, _, _ := strings.Cut(strings.ToLower(s), ".")
	if len(base) == 3 && (base == "con" || base == "prn" || base == "aux" || base == "nul") ||
		len(base) == 4 && (strings.HasPrefix(base, "com") || strings.HasPrefix(base, "lpt")) && base[3] >= '0' && base[3] <= '9' {
		s = "-"
	}
	if trimmed := strings.TrimRight(s, ". "); trimmed != s {
		s = trimmed + "-"
	}
	for len(s) > 255 {
		_, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
	}
	return s
}
