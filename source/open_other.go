//go:build !unix

package source

// openFlags: without O_NONBLOCK, ReadContained relies on its check before opening.
const openFlags = 0
