package cmd

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/mfactl/mfactl/config"
)

func TestWriteTree(t *testing.T) {
	dir := t.TempDir()
	files := []config.TreeFile{{Path: "actions/"}, {Path: "tenant.json", Data: []byte("{}\n")}, {Path: "actions/a/code.js", Data: []byte("x")}}
	res, err := writeTree(dir, files, false)
	if err != nil || res.Written != 2 || len(res.Conflicts) > 0 {
		t.Fatalf("first write: %+v, %v", res, err)
	}
	// The same bytes again: nothing to write, no conflict.
	res, err = writeTree(dir, files, false)
	if err != nil || res.Written != 0 || res.Unchanged != 2 {
		t.Fatalf("second write: %+v, %v", res, err)
	}
	// Other bytes: a conflict, and nothing written, not even the new file.
	changed := []config.TreeFile{{Path: "new.json", Data: []byte("1")}, {Path: "tenant.json", Data: []byte("[]\n")}}
	res, err = writeTree(dir, changed, false)
	if err != nil || len(res.Conflicts) != 1 || res.Written != 0 {
		t.Fatalf("conflict: %+v, %v", res, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "new.json")); err == nil {
		t.Fatal("new.json was written despite the conflict")
	}
	// Overwriting is allowed when asked.
	if res, err = writeTree(dir, changed, true); err != nil || res.Written != 2 {
		t.Fatalf("overwrite: %+v, %v", res, err)
	}

	for _, tt := range []struct {
		name  string
		setup func(d string)
		file  string
		want  string
	}{
		{"outside", func(string) {}, "../x.json", "not a path inside"},
		{"absolute", func(string) {}, "/x.json", "not a path inside"},
		{"file on the way", func(d string) { _ = os.WriteFile(filepath.Join(d, "actions"), nil, 0o644) }, "actions/a.json", "is a file, not a folder"},
		{"folder at the path", func(d string) { _ = os.MkdirAll(filepath.Join(d, "a.json"), 0o755) }, "a.json", "it is a folder"},
		{"link at the path", func(d string) { _ = os.Symlink(filepath.Join(d, "..", "elsewhere"), filepath.Join(d, "a.json")) }, "a.json", "does not write through links"},
		{"link on the way", func(d string) { _ = os.Symlink(os.TempDir(), filepath.Join(d, "actions")) }, "actions/a.json", "does not write through links"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if strings.HasPrefix(tt.name, "link") && runtime.GOOS == "windows" {
				t.Skip("links need privileges on Windows")
			}
			d := t.TempDir()
			tt.setup(d)
			_, err := writeTree(d, []config.TreeFile{{Path: tt.file, Data: []byte("x")}}, true)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
}
