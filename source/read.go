package source

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// Errors of ReadContained, for errors.Is.
var (
	// ErrOutside: the path, or a link on the way to it, leads out of the folder it must stay in.
	ErrOutside = errors.New("leads outside its folder")
	// ErrNotRegular: the path is a directory, a named pipe, a device or a socket.
	ErrNotRegular = errors.New("is not a regular file")
	// ErrTooLarge: the file is larger than the limit.
	ErrTooLarge = errors.New("is too large")
	// ErrNotText: the file is not UTF-8 text (or holds NUL bytes), so none of it is shown.
	ErrNotText = errors.New("is not UTF-8 text")
)

// ContainedError says why ReadContained refused or failed to read a file.
type ContainedError struct {
	// Kind is one of the Err… values above, or the operating system's error.
	Kind error
	// Detail completes the message (the folder, the size, the kind of file).
	Detail string
}

func (e *ContainedError) Error() string {
	var msg string
	switch e.Kind {
	case ErrOutside:
		msg = "is a link to a file outside " + e.Detail + "; mfactl reads only files inside it"
	case ErrNotRegular:
		msg = "is " + e.Detail + ", not a regular file"
	case ErrTooLarge, ErrNotText:
		msg = e.Detail
	default:
		msg = e.Kind.Error()
	}
	return msg
}

func (e *ContainedError) Unwrap() error { return e.Kind }

// ReadContained reads the file name inside the folder dir, as mfactl reads every file that repository
// content leads it to (tenant.yaml, code, scenarios, keyword and config files):
//
//   - name and every link on the way to it must stay inside dir (os.Root enforces it when opening);
//   - only a regular file is read: a directory, named pipe, device or socket is refused before it is
//     opened, so a pipe cannot hang the run and /dev/zero cannot fill memory;
//   - a file larger than limit is refused without being read;
//   - with text set, a file that is not valid UTF-8 or holds a NUL byte is refused, so that no error
//     excerpt can print bytes of a binary file.
//
// dir "" means the current directory.
func ReadContained(dir, name string, limit int64, text bool) ([]byte, error) {
	if dir == "" {
		dir = "."
	}
	where := displayDir(dir)
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, &ContainedError{Kind: osErr(err)}
	}
	defer root.Close()
	name = filepath.Clean(name)
	if filepath.IsAbs(name) || name == ".." || strings.HasPrefix(name, ".."+string(filepath.Separator)) {
		return nil, &ContainedError{Kind: ErrOutside, Detail: where}
	}
	info, err := root.Stat(name)
	if err != nil {
		if isEscape(err) {
			return nil, &ContainedError{Kind: ErrOutside, Detail: where}
		}
		return nil, &ContainedError{Kind: osErr(err)}
	}
	if !info.Mode().IsRegular() {
		return nil, &ContainedError{Kind: ErrNotRegular, Detail: kindOf(info.Mode())}
	}
	if info.Size() > limit {
		return nil, &ContainedError{Kind: ErrTooLarge, Detail: fmt.Sprintf("is %s; mfactl reads files of up to %s", size(info.Size()), size(limit))}
	}
	f, err := root.OpenFile(name, os.O_RDONLY|openFlags, 0)
	if err != nil {
		if isEscape(err) {
			return nil, &ContainedError{Kind: ErrOutside, Detail: where}
		}
		return nil, &ContainedError{Kind: osErr(err)}
	}
	defer f.Close()
	// The file may have been swapped between Stat and Open: check what was opened.
	if opened, err := f.Stat(); err != nil || !opened.Mode().IsRegular() {
		mode := fs.ModeIrregular
		if err == nil {
			mode = opened.Mode()
		}
		return nil, &ContainedError{Kind: ErrNotRegular, Detail: kindOf(mode)}
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, &ContainedError{Kind: osErr(err)}
	}
	if int64(len(data)) > limit {
		return nil, &ContainedError{Kind: ErrTooLarge, Detail: fmt.Sprintf("is larger than %s, the most mfactl reads", size(limit))}
	}
	if text && (bytes.IndexByte(data, 0) >= 0 || !utf8.Valid(data)) {
		return nil, &ContainedError{Kind: ErrNotText, Detail: "is not UTF-8 text (it holds binary data), so mfactl does not read it"}
	}
	return data, nil
}

// SplitContained returns the folder and the file name that ReadContained reads path with: a path
// given by the user may name any folder, and the file (with the links it passes) must stay in it.
func SplitContained(path string) (dir, name string) {
	return filepath.Dir(path), filepath.Base(path)
}

// isEscape recognises os.Root's refusal of a path that leaves the root. The standard library exports
// no sentinel for it.
func isEscape(err error) bool {
	return err != nil && strings.Contains(err.Error(), "path escapes from parent")
}

func osErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func kindOf(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	default:
		return "a special file"
	}
}

func displayDir(dir string) string {
	if filepath.Clean(dir) == "." {
		return "the working directory"
	}
	return fmt.Sprintf("the folder %q", filepath.ToSlash(dir))
}

func size(n int64) string {
	switch {
	case n%(1<<10) != 0:
		return fmt.Sprintf("%d bytes", n)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d kB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
