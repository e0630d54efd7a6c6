package config

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/mfactl/mfactl/findings"
	"github.com/mfactl/mfactl/source"
)

// loadCode reads an Action's code file relative to the folder of tenant.yaml, refusing paths that
// leave that folder (a pull request must not make CI print other files of the machine).
func (l *loader) loadCode(a *Action) {
	if !a.Code.Set {
		return
	}
	rel := a.Code.Value
	if strings.TrimSpace(rel) == "" {
		l.report(a.Code.Span, findings.Error, RuleCodeMissing, "action%s has an empty code path; expected ./actions/<name>/code.js", nameSuffix(a))
		return
	}
	if filepath.IsAbs(rel) || strings.HasPrefix(rel, "/") {
		l.report(a.Code.Span, findings.Error, RuleCodeOutsideDir,
			"code path %q is absolute; it must be relative to the folder of %s (the Deploy CLI will block paths outside it)", rel, l.t.File.Path)
		return
	}
	clean := filepath.Clean(filepath.FromSlash(rel))
	if clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
		l.report(a.Code.Span, findings.Error, RuleCodeOutsideDir,
			"code path %q leaves the folder of %s; keep Action code beside it (the Deploy CLI will block this)", rel, l.t.File.Path)
		return
	}
	full := filepath.Join(l.t.Dir, clean)
	display := filepath.ToSlash(filepath.Join(filepath.Dir(filepath.FromSlash(l.t.File.Path)), clean))
	if real, err := filepath.EvalSymlinks(full); err == nil {
		if dirReal, err := filepath.EvalSymlinks(l.t.Dir); err == nil {
			if r, err := filepath.Rel(dirReal, real); err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
				l.report(a.Code.Span, findings.Error, RuleCodeOutsideDir,
					"code path %q is a link to a file outside the folder of %s", rel, l.t.File.Path)
				return
			}
		}
	}
	a.CodePath = full
	info, err := os.Stat(full)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		l.report(a.Code.Span, findings.Error, RuleCodeMissing, "code file %q does not exist", display)
		return
	case err != nil:
		l.report(a.Code.Span, findings.Error, RuleCodeUnreadable, "could not read code file %q: %v", display, unwrapPathError(err))
		return
	case info.IsDir():
		l.report(a.Code.Span, findings.Error, RuleCodeUnreadable, "code path %q is a directory; expected a .js file", display)
		return
	case info.Size() > MaxCodeSize:
		l.report(a.Code.Span, findings.Error, RuleCodeUnreadable,
			"code file %q is %d bytes; Auth0 accepts at most %d bytes of Action source", display, info.Size(), MaxCodeSize)
		return
	}
	file, err := os.Open(full)
	if err != nil {
		l.report(a.Code.Span, findings.Error, RuleCodeUnreadable, "could not read code file %q: %v", display, unwrapPathError(err))
		return
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, maxReadCodeSize))
	if err != nil {
		l.report(a.Code.Span, findings.Error, RuleCodeUnreadable, "could not read code file %q: %v", display, unwrapPathError(err))
		return
	}
	if i := bytes.IndexByte(data, 0); i >= 0 || !utf8.Valid(data) {
		l.report(a.Code.Span, findings.Error, RuleCodeUnreadable, "code file %q is not UTF-8 text; expected JavaScript", display)
		return
	}
	cf := source.NewFile(display, data)
	cf.Replace(l.opts.Keywords)
	a.CodeFile = cf
	l.unresolvedKeywords(cf)
}
