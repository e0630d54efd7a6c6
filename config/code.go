package config

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/mfactl/mfactl/findings"
	"github.com/mfactl/mfactl/source"
)

// loadCode reads an Action's code file relative to the folder of tenant.yaml, refusing paths that
// leave that folder (a pull request must not make CI print other files of the machine).
func (l *loader) loadCode(a *Action) {
	if !a.Code.Set || a.Code.Unknown {
		return // a path from a keyword with no mapping: the unresolved-keyword warning says it
	}
	// Both of the Deploy CLI's readers turn every backslash into a slash before resolving the path
	// (actions.ts in the directory format, YAMLContext.loadFile in YAML), so actions\\a\\code.js is
	// actions/a/code.js on every system.
	rel := strings.ReplaceAll(a.Code.Value, `\`, "/")
	if looksLikeCode(rel) {
		l.report(a.Code.Span, findings.Error, RuleCodeMissing,
			"action%s has its JavaScript written inline in code:; the Deploy CLI takes a file path there (code: ./actions/%s/code.js) and reads the code from that file, so move the script into one",
			nameSuffix(a), exportName(a))
		return
	}
	if strings.TrimSpace(rel) == "" {
		l.report(a.Code.Span, findings.Error, RuleCodeMissing, "action%s has an empty code path; expected ./actions/<name>/code.js", nameSuffix(a))
		return
	}
	if filepath.IsAbs(rel) || strings.HasPrefix(rel, "/") {
		l.report(a.Code.Span, findings.Error, RuleCodeOutsideDir,
			"code path %q is absolute; it must be relative to %s (the Deploy CLI will block paths outside it)", shortPath(rel), l.folder)
		return
	}
	clean := filepath.Clean(filepath.FromSlash(rel))
	if clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
		l.report(a.Code.Span, findings.Error, RuleCodeOutsideDir,
			"code path %q leaves %s; keep Action code beside it (the Deploy CLI will block this)", shortPath(rel), l.folder)
		return
	}
	full := filepath.Join(l.t.Dir, clean)
	display := filepath.ToSlash(filepath.Join(filepath.Dir(filepath.FromSlash(l.t.File.Path)), clean))
	a.CodePath = full
	data, err := source.ReadContained(l.t.Dir, clean, MaxCodeSize, true)
	switch {
	case err == nil:
	case errors.Is(err, source.ErrOutside):
		l.report(a.Code.Span, findings.Error, RuleCodeOutsideDir,
			"code path %q is a link to a file outside %s", rel, l.folder)
		return
	case errors.Is(err, fs.ErrNotExist):
		l.report(a.Code.Span, findings.Error, RuleCodeMissing, "code file %q does not exist", display)
		return
	case errors.Is(err, source.ErrNotRegular):
		if info, serr := os.Stat(full); serr == nil && info.IsDir() {
			l.report(a.Code.Span, findings.Error, RuleCodeUnreadable, "code path %q is a directory; expected a .js file", display)
		} else {
			l.report(a.Code.Span, findings.Error, RuleCodeUnreadable, "code path %q %v; expected a .js file", display, err)
		}
		return
	case errors.Is(err, source.ErrTooLarge):
		size := int64(MaxCodeSize + 1)
		if info, serr := os.Stat(full); serr == nil {
			size = info.Size()
		}
		l.report(a.Code.Span, findings.Error, RuleCodeUnreadable,
			"code file %q is %d bytes; Auth0 accepts at most %d bytes of Action source", display, size, MaxCodeSize)
		return
	case errors.Is(err, source.ErrNotText):
		l.report(a.Code.Span, findings.Error, RuleCodeUnreadable, "code file %q is not UTF-8 text; expected JavaScript", display)
		return
	default:
		l.report(a.Code.Span, findings.Error, RuleCodeUnreadable, "could not read code file %q: %v", display, err)
		return
	}
	cf := source.NewFile(display, data)
	cf.Replace(l.opts.Keywords)
	a.CodeFile = cf
	l.unresolvedKeywords(cf, nil)
}

// looksLikeCode reports whether a code: value is a script rather than a path: it spans lines, or
// holds JavaScript that no file name has.
func looksLikeCode(v string) bool {
	if strings.ContainsAny(v, "\n\r") {
		return true
	}
	for _, js := range []string{"exports.", "exports =", "=>", "function(", "function (", "async (", "require(", "/**", "*/"} {
		if strings.Contains(v, js) {
			return true
		}
	}
	return false
}

// exportName is the folder name an export gives an Action's code: its name with characters that
// cannot be in a file name replaced by -.
func exportName(a *Action) string {
	if !a.Name.Set || a.Name.Unknown || a.Name.Value == "" {
		return "<name>"
	}
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\?<>:*|"`, r) || r < 0x20 {
			return '-'
		}
		return r
	}, a.Name.Value)
}

// shortPath keeps a path short enough for a one-line message.
func shortPath(p string) string {
	const max = 80
	if r := []rune(p); len(r) > max {
		return string(r[:max]) + "…"
	}
	return p
}
