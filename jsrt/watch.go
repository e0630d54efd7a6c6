package jsrt

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"runtime"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dlclark/regexp2/v2"
)

// DefaultMaxHeap is how much memory (the Go heap's objects and goroutine stacks) the process may hold
// while Actions run before they are stopped; it stands in for Auth0's memory limit, so that an Action
// that allocates without end fails instead of taking the machine down. It is checked every
// HeapSampleInterval. The caps in limits.go keep any one step of an Action far smaller; the largest
// step left is a string concatenation (s + s), which doubles a string: with 128 MiB, a string stops
// doubling at 128 MiB, and the process stays under about a gigabyte (the string may double once
// more while the collector confirms it). A program holding much data
// of its own sets the limit above what it holds (mfactl simulate does).
const DefaultMaxHeap = 128 << 20

var maxHeap atomic.Uint64

// SetMaxHeap changes the memory limit of DefaultMaxHeap and returns the previous one.
func SetMaxHeap(bytes uint64) (old uint64) {
	return maxHeap.Swap(bytes)
}

// HeapInUse is the memory the limit counts (heap objects, garbage not yet swept included, and
// goroutine stacks), after a collection.
func HeapInUse() uint64 {
	runtime.GC()
	return memoryInUse(make([]metrics.Sample, len(memMetrics)))
}

func memoryInUse(samples []metrics.Sample) uint64 {
	for i, name := range memMetrics {
		samples[i].Name = name
	}
	metrics.Read(samples)
	var n uint64
	for _, s := range samples {
		if s.Value.Kind() == metrics.KindUint64 {
			n += s.Value.Uint64()
		}
	}
	return n
}

// HeapSampleInterval is how often the memory is checked.
const HeapSampleInterval = 10 * time.Millisecond

func init() {
	maxHeap.Store(DefaultMaxHeap)
	// goja runs regular expressions that Go's regexp cannot (backreferences, lookaround) with regexp2,
	// which backtracks; without a match timeout one match could run for hours inside Go.
	regexp2.DefaultMatchTimeout = Timeout
}

// SetRegExpTimeout sets how long one regular expression match may run, for every Action run from now
// on; the simulator sets it to the Action timeout. A match that times out finds nothing, and the run,
// by then past its own timeout, stops with action_timeout. Call it before running Actions, not while
// they run: regexp2 reads the setting without synchronisation when a pattern is compiled.
func SetRegExpTimeout(d time.Duration) {
	regexp2.DefaultMatchTimeout = d
}

// watched are the runs executing now; one sampler goroutine checks the memory for all of them.
var watched struct {
	sync.Mutex
	runs map[*watcher]bool
}

var startSampler sync.Once

var memMetrics = []string{"/memory/classes/heap/objects:bytes", "/memory/classes/heap/stacks:bytes"}

// watcher interrupts one run: at its timeout, when its context ends, or when the memory is over
// MaxHeap. The first reason wins; fired is closed then.
type watcher struct {
	r      *run
	once   sync.Once
	fired  chan struct{}
	reason *Error
	timer  *time.Timer
	ctx    func() bool
}

// watch starts watching r; stop ends it.
func watch(ctx context.Context, r *run, timeout, run time.Duration) *watcher {
	w := &watcher{r: r, fired: make(chan struct{})}
	msg := fmt.Sprintf("the Action did not finish within %s and was stopped", timeout)
	if run > 0 && run < timeout {
		msg = fmt.Sprintf("the Action ran for %s of real time and was stopped: answered requests and simulated timers take none, so it loops (Auth0 stops an Action after %s)", run, timeout)
		timeout = run
	}
	w.timer = time.AfterFunc(timeout, func() {
		w.interrupt(&Error{Class: "action_timeout", Offset: -1, Message: msg})
	})
	w.ctx = context.AfterFunc(ctx, func() {
		w.interrupt(&Error{Class: "action_timeout", Offset: -1, Message: "interrupted"})
	})
	startSampler.Do(func() { go sampleHeap() })
	watched.Lock()
	if watched.runs == nil {
		watched.runs = map[*watcher]bool{}
	}
	watched.runs[w] = true
	watched.Unlock()
	return w
}

// interrupt stops the run: the engine at its next instruction, mfactl's own Go loops at their next
// check.
func (w *watcher) interrupt(e *Error) {
	w.once.Do(func() {
		w.reason = e
		w.r.reason = e
		w.r.stopped.Store(true)
		w.r.vm.Interrupt(e)
		close(w.fired)
	})
}

// stop ends the watch; it may be called more than once. Once it returns, the run is not interrupted
// any more: an interrupt under way has finished (and set the run's stopped flag), one not yet begun
// does nothing, so a runtime whose run has ended can safely run another.
func (w *watcher) stop() {
	w.timer.Stop()
	w.ctx()
	w.once.Do(func() {})
	watched.Lock()
	delete(watched.runs, w)
	watched.Unlock()
}

// sampleHeap reads the memory every HeapSampleInterval, without holding the registry lock (which
// every Action run takes twice), and interrupts the running Actions when it is over the limit.
//
// The heap's objects include garbage not yet swept, and how much of it there is depends on the
// collector's settings (GOGC, GOMEMLIMIT) and on the load, not on the Actions: over the limit, the
// sampler has the garbage collected (and waits for it) and blames the Actions only when the memory
// still in use is over the limit. A string that doubles keeps its size through a collection, so it is
// still caught, one collection later.
func sampleHeap() {
	samples := make([]metrics.Sample, len(memMetrics))
	for {
		time.Sleep(HeapSampleInterval)
		limit := maxHeap.Load()
		if memoryInUse(samples) <= limit {
			continue
		}
		// Only the runs that were running before the collection can be blamed for what it found.
		watched.Lock()
		suspects := make(map[*watcher]bool, len(watched.runs))
		for w := range watched.runs {
			suspects[w] = true
		}
		watched.Unlock()
		if len(suspects) == 0 {
			continue
		}
		runtime.GC()
		if memoryInUse(samples) <= limit {
			continue
		}
		watched.Lock()
		for w := range watched.runs {
			if suspects[w] {
				w.interrupt(&Error{Class: "action_error", Offset: -1,
					Message: fmt.Sprintf("the Action used more than %d MB of memory and was stopped", limit>>20)})
			}
		}
		watched.Unlock()
	}
}

func hmacSHA256(secret, data string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(data))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}
