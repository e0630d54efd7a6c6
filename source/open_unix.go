//go:build unix

package source

import "syscall"

// openFlags makes opening a named pipe that replaced a regular file return at once instead of
// waiting for a writer.
const openFlags = syscall.O_NONBLOCK
