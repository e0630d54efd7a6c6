package jsrt

import (
	"strings"
	"testing"
)

// TestNodeBufferCopy: Buffer.prototype.copy and buffer.SlowBuffer, which packages of JSON Web Token
// libraries use (ecdsa-sig-formatter, buffer-equal-constant-time).
func TestNodeBufferCopy(t *testing.T) {
	tests := []struct {
		name, expr, want string
	}{
		{"copy", "(() => { const d = Buffer.alloc(6, '.'); const n = Buffer.from('abcd').copy(d, 1, 1, 3); return n + d.toString(); })()", "2.bc..."},
		{"copy defaults", "(() => { const d = Buffer.alloc(2); return Buffer.from('xyz').copy(d) + d.toString(); })()", "2xy"},
		{"copy past the end", "(() => { const d = Buffer.alloc(2); return [Buffer.from('xyz').copy(d, 5), Buffer.from('xyz').copy(d, 0, 2, 1)].join(); })()", "0,0"},
		{"copy overlapping", "(() => { const b = Buffer.from('abcdef'); b.copy(b, 2, 0, 4); return b.toString(); })()", "ababcd"},
		{"copy negative", "(() => { try { Buffer.from('a').copy(Buffer.alloc(1), -1); } catch (e) { return e.name; } })()", "RangeError"},
		{"SlowBuffer", "(() => { const { SlowBuffer } = require('buffer'); const b = SlowBuffer(3); return [b.length, Buffer.isBuffer(b), typeof SlowBuffer.prototype].join(); })()", "3,true,object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runLines(t, "console.log(String("+tt.expr+"));", Options{})
			if r.Err != nil {
				t.Fatal(errText(r))
			}
			if got := strings.Join(r.Console, "\n"); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
