//go:build unix

package source

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

func TestReadContained(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "repo")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(dir, "actions", "a"), 0o755))
	must(os.WriteFile(filepath.Join(root, "host.txt"), []byte("HOST"), 0o644))
	must(os.WriteFile(filepath.Join(dir, "tenant.yaml"), []byte("tenant: {}\n"), 0o644))
	must(os.WriteFile(filepath.Join(dir, "actions", "a", "code.js"), []byte("x"), 0o644))
	must(os.WriteFile(filepath.Join(dir, "bin"), []byte("a\x00b"), 0o644))
	must(os.WriteFile(filepath.Join(dir, "latin1"), []byte("caf\xe9"), 0o644))
	must(os.WriteFile(filepath.Join(dir, "big"), make([]byte, 2048), 0o644))
	must(os.Symlink("../host.txt", filepath.Join(dir, "out-rel")))
	must(os.Symlink(filepath.Join(root, "host.txt"), filepath.Join(dir, "out-abs")))
	must(os.Symlink("tenant.yaml", filepath.Join(dir, "in")))
	must(os.Symlink("actions/a", filepath.Join(dir, "dirlink")))
	must(os.Symlink("..", filepath.Join(dir, "up")))
	must(os.Symlink("/dev/null", filepath.Join(dir, "devnull")))
	must(os.Symlink("missing", filepath.Join(dir, "dangling")))
	must(syscall.Mkfifo(filepath.Join(dir, "fifo"), 0o644))

	tests := []struct {
		name string
		text bool
		want error // nil: read
	}{
		{"tenant.yaml", true, nil},
		{"in", true, nil},
		{"actions/a/code.js", true, nil},
		{"dirlink/code.js", true, nil},
		{"out-rel", true, ErrOutside},
		{"out-abs", true, ErrOutside},
		{"up/host.txt", true, ErrOutside},
		{"../host.txt", true, ErrOutside},
		{filepath.Join(root, "host.txt"), true, ErrOutside},
		{"devnull", true, ErrOutside},
		{"fifo", true, ErrNotRegular},
		{"actions", true, ErrNotRegular},
		{"dangling", true, fs.ErrNotExist},
		{"missing", true, fs.ErrNotExist},
		{"bin", true, ErrNotText},
		{"bin", false, nil},
		{"latin1", true, ErrNotText},
		{"big", false, ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			done := make(chan struct{})
			var data []byte
			var err error
			go func() {
				data, err = ReadContained(dir, tt.name, 1024, tt.text)
				close(done)
			}()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("ReadContained hangs")
			}
			if tt.want == nil {
				if err != nil {
					t.Fatalf("got %v", err)
				}
				if len(data) == 0 {
					t.Fatal("read nothing")
				}
				return
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
			if string(data) == "HOST" {
				t.Fatal("read the host file")
			}
		})
	}
}

func TestReadContainedMessages(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "p"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/etc/hostname", filepath.Join(dir, "l")); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"p": "is a named pipe, not a regular file",
		"l": `is a link to a file outside the folder "` + filepath.ToSlash(dir) + `"; mfactl reads only files inside it`,
	} {
		_, err := ReadContained(dir, name, 100, true)
		if err == nil || err.Error() != want {
			t.Errorf("%s: got %v, want %q", name, err, want)
		}
	}
}
