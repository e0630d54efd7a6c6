//go:build race

package jsrt

// raceEnabled slows the hostile tests' clock: the race detector makes JavaScript about ten times slower.
const raceEnabled = true
