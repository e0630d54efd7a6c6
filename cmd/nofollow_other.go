//go:build !unix

package cmd

// noFollow: without O_NOFOLLOW, create relies on its check before opening.
const noFollow = 0
