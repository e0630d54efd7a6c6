//go:build unix

package cmd

import "syscall"

// noFollow makes opening an output file fail if it was replaced by a link after it was checked.
const noFollow = syscall.O_NOFOLLOW
