package jsrt

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"
)

// fuzzAction builds a value from the ops in event.ops (one byte each: the low four bits choose the
// step, the high four its size) and hands it to everything that copies values into Go: the
// recorder, the console, JSON.stringify, String(), join, flat, the event after the run.
const fuzzAction = `exports.onExecutePostLogin = async (event, api) => {
  const ops = event.ops;
  const stack = [[]];
  const top = () => stack[stack.length - 1];
  const pop = () => (stack.length > 1 ? stack.pop() : stack[0]);
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i] & 15, n = ops[i] >> 4;
    try {
      switch (op) {
        case 0: stack.push([]); break;
        case 1: stack.push({}); break;
        case 2: stack.push(n * 1e300 * (n % 2 ? -1 : 1) || n); break;
        case 3: stack.push('x\u2028\ud800"'.repeat(1 << n)); break;
        case 4: { const v = pop(); stack.push([v, v]); break; }
        case 5: { const v = pop(); stack.push({ k: v, [n]: v }); break; }
        case 6: { const v = top(); if (Array.isArray(v)) { v.length = 2 ** (n * 2 + 2) - 1; } break; }
        case 7: { const v = top(); if (typeof v === 'object' && v !== null) { v.self = v; } break; }
        case 8: { const v = pop(); stack.push({ toJSON() { return v; } }); break; }
        case 9: { const v = pop(); stack.push({ get g() { return v; } }); break; }
        case 10: { const v = pop(); stack.push(typeof v === 'object' && v !== null ? new Proxy(v, {}) : v); break; }
        case 11: stack.push(new Uint8Array(1 << n)); break;
        case 12: stack.push([undefined, () => 1, Symbol('s'), null, NaN, new Date(n), new Number(n), Object('s')]); break;
        case 13: { let v = pop(); for (let j = 0; j < n * 200; j++) { v = [v]; } stack.push(v); break; }
        case 14: { const v = pop(); stack.push(Object.assign(Object.create(null), { a: v })); break; }
        case 15: { let v = pop(); for (let j = 0; j < 40; j++) { v = [v, v]; } stack.push(v); break; }
      }
    } catch (e) {}
  }
  const v = top();
  const tries = [
    () => api.idToken.setCustomClaim('https://x', v),
    () => api.authentication.challengeWithAny(v),
    () => console.log(v, [v]),
    () => JSON.stringify(v, null, 2),
    () => String(v),
    () => Array.isArray(v) && v.join(','),
    () => Array.isArray(v) && v.flat(Infinity),
    () => api.transaction.setMetadata('k', 'v') && (event.transaction.extra = v),
  ];
  for (const t of tries) {
    try { t(); } catch (e) {}
  }
  event.transaction = event.transaction || {};
  event.transaction.extra = v;
  api.transaction.setMetadata('k', 'v');
};`

var fuzzProgram struct {
	once sync.Once
	p    *Program
	err  error
}

func FuzzExport(f *testing.F) {
	for _, seed := range [][]byte{
		{0x00}, {0x03, 0x04, 0x04}, {0x60, 0x06}, {0xf6}, {0x01, 0x07, 0x05}, {0x0b, 0x08},
		{0xfd, 0x09}, {0x0f, 0x0f, 0x0f}, {0x31, 0x0a, 0x0e, 0x0c}, {0x83, 0x0f}, {0x02, 0x12, 0xf2},
	} {
		f.Add(seed)
	}
	// The fuzzing engine holds memory of its own: give the Actions their budget above it, as mfactl
	// simulate does.
	defer SetMaxHeap(SetMaxHeap(HeapInUse() + DefaultMaxHeap))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 64 {
			data = data[:64]
		}
		fuzzProgram.once.Do(func() { fuzzProgram.p, fuzzProgram.err = Compile("fuzz.js", []byte(fuzzAction)) })
		if fuzzProgram.err != nil {
			t.Fatal(fuzzProgram.err)
		}
		ops := make([]any, len(data))
		for i, b := range data {
			ops[i] = float64(b)
		}
		ev := event()
		ev["ops"] = ops
		timeout := 200 * time.Millisecond
		if raceEnabled {
			timeout *= 10
		}
		start := time.Now()
		r := fuzzProgram.p.Run(context.Background(), Options{Handler: "onExecutePostLogin", Event: ev, Now: now, Timeout: timeout})
		if d := time.Since(start); d > timeout+time.Second {
			t.Fatalf("ops %x: Run took %v", data, d)
		}
		if r.Err != nil && strings.HasPrefix(r.Err.Message, internalError) {
			t.Fatalf("ops %x: %s", data, r.Err.Message)
		}
		total := 0
		for _, c := range r.Calls {
			b, err := json.Marshal(c.Args)
			if err != nil {
				t.Fatalf("ops %x: %v", data, err)
			}
			if len(b) > MaxRecordBytes+64 {
				t.Fatalf("ops %x: %s recorded %d bytes", data, c.Method, len(b))
			}
			if d := depth(c.Args); d > MaxRecordDepth+1 {
				t.Fatalf("ops %x: %s recorded %d levels", data, c.Method, d)
			}
			total += len(b)
		}
		if total > MaxRecordedBytes+64*len(r.Calls) {
			t.Fatalf("ops %x: recorded %d bytes", data, total)
		}
		for _, line := range r.Console {
			if len(line) > maxConsole+100 {
				t.Fatalf("ops %x: a console line of %d bytes", data, len(line))
			}
		}
		if r.Event != nil {
			if b, _ := json.Marshal(r.Event); len(b) > 2*MaxRecordBytes+64 {
				t.Fatalf("ops %x: an event of %d bytes", data, len(b))
			}
		}
	})
}

// depth is how deeply JSON data nests, with arrays and objects.
func depth(v any) int {
	d := 0
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			d = max(d, depth(e))
		}
		return d + 1
	case map[string]any:
		for _, e := range x {
			d = max(d, depth(e))
		}
		return d + 1
	}
	return 0
}
