package jsrt

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"runtime/metrics"
	"sync"
	"time"

	"github.com/dop251/goja"
)

// MaxHeap is how much heap the Actions running at once may hold before they are stopped; it stands
// in for Auth0's memory limit, so that an Action that allocates without end fails instead of
// taking the machine down.
var MaxHeap uint64 = 1 << 30

// watched are the runtimes executing now; one sampler goroutine checks the heap for all of them.
var watched struct {
	sync.Mutex
	vms map[*goja.Runtime]bool
}

var startSampler sync.Once

const heapMetric = "/memory/classes/heap/objects:bytes"

// watch interrupts vm when ctx ends, after timeout, or when the heap grows past MaxHeap. The
// returned function stops watching.
func watch(ctx context.Context, vm *goja.Runtime, timeout time.Duration) func() {
	t := time.AfterFunc(timeout, func() {
		vm.Interrupt(&Error{Class: "action_timeout", Offset: -1,
			Message: fmt.Sprintf("the Action did not finish within %s and was stopped", timeout)})
	})
	stopCtx := context.AfterFunc(ctx, func() {
		vm.Interrupt(&Error{Class: "action_timeout", Offset: -1, Message: "interrupted"})
	})
	startSampler.Do(func() { go sampleHeap() })
	watched.Lock()
	if watched.vms == nil {
		watched.vms = map[*goja.Runtime]bool{}
	}
	watched.vms[vm] = true
	watched.Unlock()
	return func() {
		t.Stop()
		stopCtx()
		watched.Lock()
		delete(watched.vms, vm)
		watched.Unlock()
	}
}

// sampleHeap reads the heap size every 25 ms, without holding the registry lock (which every
// Action run takes twice), and interrupts the running Actions when it is over MaxHeap.
func sampleHeap() {
	sample := []metrics.Sample{{Name: heapMetric}}
	for {
		time.Sleep(25 * time.Millisecond)
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 || sample[0].Value.Uint64() <= MaxHeap {
			continue
		}
		watched.Lock()
		for vm := range watched.vms {
			vm.Interrupt(&Error{Class: "action_error", Offset: -1,
				Message: fmt.Sprintf("the Action used more than %d MB of memory and was stopped", MaxHeap>>20)})
		}
		watched.Unlock()
	}
}

func hmacSHA256(secret, data string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(data))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}
