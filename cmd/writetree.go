package cmd

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/mfactl/mfactl/config"
)

// treeWrite is what writeTree did.
type treeWrite struct {
	// Written and Unchanged count the files written and those that already held the same bytes.
	Written, Unchanged int
	// Conflicts are the existing files that hold something else; nothing is written when there are
	// any and overwriting is not allowed.
	Conflicts []string
}

// writeTree writes files (paths relative to dir, with slashes; a path ending in "/" is a folder)
// under dir, which it creates. Like --output files, it never writes through a link: a link at a
// file's path, or on the way to it inside dir, is refused before anything is written (a committed
// actions -> /etc would otherwise send the files anywhere), every file is opened inside dir with
// os.Root (which refuses a link that leads out of it) and with O_NOFOLLOW. A file that already holds
// the same bytes is left alone; one that holds something else is a conflict, and with overwrite
// false nothing is written.
func writeTree(dir string, files []config.TreeFile, overwrite bool) (treeWrite, error) {
	var res treeWrite
	if info, err := os.Lstat(dir); err == nil && !info.IsDir() && info.Mode()&os.ModeSymlink == 0 {
		return res, fmt.Errorf("could not write into %q: it is a file, not a folder", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return res, fmt.Errorf("could not create %q: %w", dir, unwrapPath(err))
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return res, fmt.Errorf("could not open %q: %w", dir, unwrapPath(err))
	}
	defer root.Close()

	// Check every path first, so that a refusal leaves the folder as it was.
	type plan struct {
		f      config.TreeFile
		exists bool
	}
	var plans []plan
	checked := map[string]bool{}
	show := func(p string) string { return filepath.Join(dir, filepath.FromSlash(p)) }
	for _, f := range files {
		p := strings.TrimSuffix(f.Path, "/")
		isFolder := p != f.Path
		if p == "" || path.IsAbs(p) || path.Clean(p) != p || p == ".." || strings.HasPrefix(p, "../") {
			return res, fmt.Errorf("refusing to write %q: not a path inside %q", f.Path, dir)
		}
		// The folders on the way: each must be a folder, not a link or a file.
		parts := strings.Split(p, "/")
		for i := 1; i < len(parts); i++ {
			parent := strings.Join(parts[:i], "/")
			if checked[parent] {
				continue
			}
			info, err := root.Lstat(filepath.FromSlash(parent))
			switch {
			case errors.Is(err, fs.ErrNotExist):
			case err != nil:
				return res, fmt.Errorf("could not write %s: %w", show(parent), unwrapPath(err))
			case info.Mode()&os.ModeSymlink != 0:
				return res, fmt.Errorf("could not write %s: it is a link, and mfactl does not write through links (remove it first)", show(parent))
			case !info.IsDir():
				return res, fmt.Errorf("could not write %s: %s is a file, not a folder", show(p), show(parent))
			}
			checked[parent] = true
		}
		info, err := root.Lstat(filepath.FromSlash(p))
		exists := err == nil
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return res, fmt.Errorf("could not write %s: %w", show(p), unwrapPath(err))
		case info.Mode()&os.ModeSymlink != 0:
			return res, fmt.Errorf("could not write %s: it is a link, and mfactl does not write through links (remove it first)", show(p))
		case isFolder && !info.IsDir():
			return res, fmt.Errorf("could not create the folder %s: it is a file", show(p))
		case !isFolder && info.IsDir():
			return res, fmt.Errorf("could not write %s: it is a folder", show(p))
		case !isFolder && !info.Mode().IsRegular():
			return res, fmt.Errorf("could not write %s: it is not a regular file", show(p))
		}
		if isFolder {
			checked[p] = true
			plans = append(plans, plan{f: f, exists: exists})
			continue
		}
		if exists {
			same, err := sameContent(root, p, f.Data)
			if err != nil {
				return res, fmt.Errorf("could not read %s: %w", show(p), unwrapPath(err))
			}
			if same {
				res.Unchanged++
				continue
			}
			res.Conflicts = append(res.Conflicts, show(p))
		}
		plans = append(plans, plan{f: f, exists: exists})
	}
	if len(res.Conflicts) > 0 && !overwrite {
		return res, nil
	}
	for _, pl := range plans {
		p := filepath.FromSlash(strings.TrimSuffix(pl.f.Path, "/"))
		if strings.HasSuffix(pl.f.Path, "/") {
			if err := root.MkdirAll(p, 0o755); err != nil {
				return res, fmt.Errorf("could not create %s: %w", show(pl.f.Path), unwrapPath(err))
			}
			continue
		}
		if d := filepath.Dir(p); d != "." {
			if err := root.MkdirAll(d, 0o755); err != nil {
				return res, fmt.Errorf("could not create %s: %w", filepath.Join(dir, d), unwrapPath(err))
			}
		}
		flags := os.O_WRONLY | os.O_CREATE | os.O_TRUNC | noFollow
		if !pl.exists {
			flags |= os.O_EXCL // created since it was checked: refuse rather than overwrite it
		}
		out, err := root.OpenFile(p, flags, 0o644)
		if err != nil {
			return res, fmt.Errorf("could not write %s: %w", show(pl.f.Path), unwrapPath(err))
		}
		_, err = out.Write(pl.f.Data)
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return res, fmt.Errorf("could not write %s: %w", show(pl.f.Path), unwrapPath(err))
		}
		res.Written++
	}
	return res, nil
}

func sameContent(root *os.Root, p string, data []byte) (bool, error) {
	f, err := root.OpenFile(p, os.O_RDONLY|noFollow, 0)
	if err != nil {
		return false, err
	}
	defer f.Close()
	got, err := io.ReadAll(io.LimitReader(f, int64(len(data))+1))
	if err != nil {
		return false, err
	}
	return bytes.Equal(got, data), nil
}

// strayJSON lists the .json files in dir's actions/, guardian/factors/ and triggers/ that files does
// not hold: left from an earlier export or conversion, they are still read as Actions and factors
// (and the Deploy CLI reads the first .json file of triggers/, whatever its name).
func strayJSON(dir string, files []config.TreeFile) []string {
	written := map[string]bool{}
	for _, f := range files {
		written[f.Path] = true
	}
	var stray []string
	for _, folder := range []string{"actions", "guardian/factors", "triggers"} {
		if !written[folder+"/"] && !(folder == "triggers" && written["triggers/triggers.json"]) {
			continue
		}
		entries, err := os.ReadDir(filepath.Join(dir, filepath.FromSlash(folder)))
		if err != nil {
			continue
		}
		for _, e := range entries {
			if !e.IsDir() && path.Ext(e.Name()) == ".json" && !written[folder+"/"+e.Name()] {
				stray = append(stray, filepath.Join(dir, filepath.FromSlash(folder), e.Name()))
			}
		}
	}
	sort.Strings(stray)
	return stray
}
