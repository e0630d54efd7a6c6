package simulate

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/mfactl/mfactl/findings"
)

// ContainedFolder checks that dir (a path as the user gave it) is a folder inside the folder of
// tenant.yaml, tenantDir, with no link on the way that leads out of it: the node_modules folder is
// repository content, like the Actions' code, and mfactl reads nothing outside the tenant's folder
// for it. It returns the cleaned path, or why not.
func ContainedFolder(tenantDir, dir string) (string, error) {
	if tenantDir == "" {
		tenantDir = "."
	}
	absTenant, err := filepath.Abs(tenantDir)
	if err != nil {
		return "", err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(absTenant, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return "", fmt.Errorf("%q is outside the folder of tenant.yaml (%s); the node_modules folder must be inside it, as the Actions' code is", filepath.ToSlash(dir), filepath.ToSlash(tenantDir))
	}
	root, err := os.OpenRoot(tenantDir)
	if err != nil {
		return "", err
	}
	defer root.Close()
	info, err := root.Stat(rel)
	switch {
	case err != nil && strings.Contains(err.Error(), "path escapes from parent"):
		return "", fmt.Errorf("%q is a link to a folder outside the folder of tenant.yaml (%s); mfactl reads only files inside it", filepath.ToSlash(dir), filepath.ToSlash(tenantDir))
	case err != nil:
		return "", fmt.Errorf("%q: %v", filepath.ToSlash(dir), osErrText(err))
	case !info.IsDir():
		return "", fmt.Errorf("%q is not a folder; give the node_modules folder that npm install filled", filepath.ToSlash(dir))
	}
	return filepath.Clean(dir), nil
}

func osErrText(err error) string {
	if pe, ok := err.(*os.PathError); ok {
		if os.IsNotExist(pe.Err) {
			return "no such folder; run npm install first"
		}
		return pe.Err.Error()
	}
	return err.Error()
}

// ResolveNodeModules checks the file's node_modules: folder (relative to the file) against the
// folder of tenant.yaml, and returns its path; a folder that is missing or outside is a problem of
// the scenarios file, at the key's position.
func (f *File) ResolveNodeModules(tenantDir string) (string, error) {
	if f.NodeModules == "" {
		return "", nil
	}
	p := f.NodeModules
	if !filepath.IsAbs(p) {
		p = filepath.Join(filepath.Dir(filepath.FromSlash(f.Path)), filepath.FromSlash(p))
	}
	dir, err := ContainedFolder(tenantDir, p)
	if err != nil {
		return "", &LoadError{Source: f.Source, Findings: []findings.Finding{
			findings.New(f.NodeModulesSpan, findings.Error, "scenarios", "node_modules: %v", err)}}
	}
	return dir, nil
}
