package simulate

import (
	"hash/fnv"
	"strconv"
)

// actionSeed seeds an Action run's randomness (Math.random, crypto.randomUUID …): a stable hash of
// the scenario, the run's place in the flow and the handler, so that a scenario prints the same on
// every run and two scenarios (or two Actions) get different values.
func actionSeed(scenario string, index int, handler string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(scenario))
	h.Write([]byte{0})
	h.Write([]byte(strconv.Itoa(index)))
	h.Write([]byte{0})
	h.Write([]byte(handler))
	return h.Sum64()
}
