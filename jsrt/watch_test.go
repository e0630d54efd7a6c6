package jsrt

import (
	"runtime/debug"
	"testing"
	"time"
)

// garbage keeps the allocation below reachable until the test drops it.
var garbage [][]byte

// TestGarbageIsNotBlamedOnTheAction: garbage that the collector has not swept yet (GOGC=off, a high
// GOGC, GOMEMLIMIT=off, a loaded machine) counts in the heap's objects; an Action that allocates
// little must not be stopped for it.
func TestGarbageIsNotBlamedOnTheAction(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	defer SetMaxHeap(SetMaxHeap(HeapInUse() + 64<<20))
	for i := 0; i < 40; i++ {
		garbage = append(garbage, make([]byte, 8<<20)) // 320 MB, five times the limit
	}
	garbage = nil
	// The sampler sees the garbage at its next samples, while this Action counts for some 50 ms.
	loops := "5e6"
	if raceEnabled {
		loops = "5e5" // the race detector slows JavaScript down about tenfold
	}
	res := runAction(t, `exports.onExecutePostLogin = async (event, api) => {
  let n = 0;
  while (n < `+loops+`) { n++; }
  api.access.deny(String(n));
};`, Options{Timeout: 5 * time.Second})
	if res.Err != nil {
		t.Fatalf("the Action was stopped: %v", res.Err)
	}
	if len(res.Calls) != 1 || res.Calls[0].Method != "access.deny" {
		t.Fatalf("calls = %+v", res.Calls)
	}
}
