package jsrt

import (
	"strings"
	"testing"
)

// TestNodeStream: the stream module moves data in the order Node's does, and reports errors where
// Node does.
func TestNodeStream(t *testing.T) {
	tests := []struct {
		name, expr, want string
	}{
		{"module shape", "(() => { const s = require('stream'); return [s === s.Stream, require('node:stream') === s, typeof s.Readable, typeof s.Writable, typeof s.Duplex, typeof s.Transform, typeof s.PassThrough, typeof s.pipeline, typeof s.finished, require('stream/promises') === s.promises, require('_stream_readable') === s.Readable].join(); })()",
			"true,true,function,function,function,function,function,function,function,true,true"},
		{"legacy Stream with util.inherits", `(() => {
			const Stream = require('stream'); const util = require('util');
			function Source() { Stream.call(this); this.readable = true; }
			util.inherits(Source, Stream);
			const src = new Source(); const got = [];
			const dest = new Stream(); dest.writable = true; dest.write = (c) => { got.push(c); return true; }; dest.end = () => got.push('end');
			src.pipe(dest); src.emit('data', 'a'); src.emit('data', 'b'); src.emit('end');
			return [src instanceof Stream, src instanceof require('events'), got.join()].join();
		})()`, "true,true,a,b,end"},
		{"push, data, end", `new Promise((resolve) => {
			const { Readable } = require('stream'); const out = [];
			const r = new Readable({ read() {} });
			r.on('data', (c) => out.push(c.toString())); r.on('end', () => { out.push('end'); }); r.on('close', () => resolve(out.join()));
			r.push('a'); r.push(Buffer.from('b')); r.push(null); out.push('sync');
		})`, "sync,a,b,end"},
		{"_read pulls", `new Promise((resolve) => {
			const { Readable } = require('stream'); let n = 0; const out = [];
			class Count extends Readable { _read() { n++; this.push(n <= 3 ? String(n) : null); } }
			new Count({ encoding: 'utf8' }).on('data', (c) => out.push(c)).on('end', () => resolve(out.join('') + ' ' + typeof out[0]));
		})`, "123 string"},
		{"read() in paused mode", `(() => {
			const { Readable } = require('stream'); const r = new Readable({ read() {} });
			r.push('ab'); r.push('cd');
			return [r.read(1).toString(), r.read().toString(), r.read(), r.readableLength].join('|');
		})()`, "a|bcd||0"},
		{"readable event", `new Promise((resolve) => {
			const { Readable } = require('stream'); const r = new Readable({ read() {} }); const out = [];
			r.on('readable', () => { let c; while ((c = r.read()) !== null) { out.push(c.toString()); } });
			r.on('end', () => resolve(out.join('+')));
			r.push('x'); r.push('y'); setTimeout(() => { r.push('z'); r.push(null); }, 1);
		})`, "xy+z"},
		{"objectMode", `new Promise((resolve) => {
			const { Readable } = require('stream'); const out = [];
			const r = new Readable({ objectMode: true, read() {} });
			r.push({ a: 1 }); r.push(2); r.push(null);
			r.on('data', (o) => out.push(JSON.stringify(o))).on('end', () => resolve(out.join() + ' ' + r.readableObjectMode));
		})`, `{"a":1},2 true`},
		{"Readable.from and its async iterator", `(async () => {
			const { Readable } = require('stream'); const out = [];
			const it = Readable.from(['a', 'b', 'c'])[Symbol.asyncIterator]();
			for (let x = await it.next(); !x.done; x = await it.next()) { out.push(x.value); }
			return out.join();
		})()`, "a,b,c"},
		{"Writable write, end, finish", `new Promise((resolve) => {
			const { Writable } = require('stream'); const out = [];
			const w = new Writable({ write(chunk, enc, cb) { out.push(chunk.toString() + ':' + enc); cb(); } });
			w.on('finish', () => out.push('finish')); w.on('close', () => resolve(out.join()));
			out.push(String(w.write('a'))); w.end('b', () => out.push('cb'));
		})`, "a:buffer,true,b:buffer,cb,finish"},
		{"Writable drain", `new Promise((resolve) => {
			const { Writable } = require('stream'); const out = [];
			const w = new Writable({ highWaterMark: 2, write(c, e, cb) { setTimeout(cb, 1); } });
			out.push(w.write('abc'), w.writableNeedDrain); w.on('drain', () => { out.push('drain'); resolve(out.join()); });
		})`, "false,true,drain"},
		{"Writable final", `new Promise((resolve) => {
			const { Writable } = require('stream'); const out = [];
			const w = new Writable({ write(c, e, cb) { out.push('w'); cb(); }, final(cb) { out.push('final'); cb(); } });
			w.on('finish', () => resolve(out.concat('finish').join()));
			w.write('x'); w.end();
		})`, "w,final,finish"},
		{"write after end", `new Promise((resolve) => {
			const { Writable } = require('stream');
			const w = new Writable({ write(c, e, cb) { cb(); } });
			w.on('error', (e) => resolve(e.code));
			w.end(); w.write('x');
		})`, "ERR_STREAM_WRITE_AFTER_END"},
		{"Transform", `new Promise((resolve) => {
			const { Transform } = require('stream'); const out = [];
			const up = new Transform({ transform(c, e, cb) { cb(null, c.toString().toUpperCase()); }, flush(cb) { this.push('!'); cb(); } });
			up.on('data', (c) => out.push(c.toString())).on('end', () => resolve(out.join('')));
			up.write('ab'); up.end('cd');
		})`, "ABCD!"},
		{"Duplex is a Writable", `(() => {
			const { Duplex, Writable, Readable, PassThrough, Transform } = require('stream');
			const d = new Duplex({ read() {}, write(c, e, cb) { cb(); } });
			return [d instanceof Writable, d instanceof Readable, new PassThrough() instanceof Transform, new Readable() instanceof Writable, {} instanceof Writable].join();
		})()`, "true,true,true,false,false"},
		{"pipe with backpressure", `new Promise((resolve) => {
			const { Readable, Writable } = require('stream'); const got = [];
			const src = Readable.from(['1', '2', '3', '4'], { objectMode: false });
			const slow = new Writable({ highWaterMark: 1, write(c, e, cb) { got.push(c.toString()); setTimeout(cb, 5); } });
			slow.on('finish', () => resolve(got.join() + ' ' + (Date.now() - event.startedAt >= 20)));
			src.pipe(slow);
		})`, "1,2,3,4 true"},
		{"pipeline", `new Promise((resolve) => {
			const { Readable, Transform, Writable, pipeline } = require('stream'); let s = '';
			pipeline(Readable.from(['a', 'b']), new Transform({ objectMode: true, transform(c, e, cb) { cb(null, c + c); } }),
				new Writable({ objectMode: true, write(c, e, cb) { s += c; cb(); } }), (err) => resolve(String(err) + ' ' + s));
		})`, "undefined aabb"},
		{"pipeline error", `new Promise((resolve) => {
			const { Readable, Transform, PassThrough, pipeline } = require('stream');
			const sink = new PassThrough();
			pipeline(Readable.from(['a']), new Transform({ transform(c, e, cb) { cb(new Error('bad ' + c)); } }), sink,
				(err) => resolve(err.message + ' ' + sink.destroyed));
		})`, "bad a true"},
		{"stream/promises pipeline", `(async () => {
			const { Readable, Writable } = require('stream'); let s = '';
			await require('stream/promises').pipeline(Readable.from(['x', 'y']), new Writable({ objectMode: true, write(c, e, cb) { s += c; cb(); } }));
			return s;
		})()`, "xy"},
		{"finished", `new Promise((resolve) => {
			const { PassThrough, finished } = require('stream'); const p = new PassThrough();
			finished(p, (err) => resolve('done ' + err)); p.resume(); p.end('x');
		})`, "done undefined"},
		{"finished on premature close", `new Promise((resolve) => {
			const { PassThrough, finished } = require('stream'); const p = new PassThrough();
			finished(p, (err) => resolve(err.code)); p.destroy();
		})`, "ERR_STREAM_PREMATURE_CLOSE"},
		{"destroy with an error", `new Promise((resolve) => {
			const { Readable } = require('stream'); const out = [];
			const r = new Readable({ read() {} });
			r.on('error', (e) => out.push(e.message)); r.on('close', () => resolve(out.concat('close', r.destroyed).join()));
			r.destroy(new Error('boom'));
		})`, "boom,close,true"},
		{"an error thrown in _transform", `new Promise((resolve) => {
			const { Transform } = require('stream');
			const t = new Transform({ transform() { throw new Error('thrown'); } });
			t.on('error', (e) => resolve(e.message)); try { t.write('x'); } catch (e) { resolve('sync ' + e.message); }
		})`, "sync thrown"},
		{"not implemented", `new Promise((resolve) => {
			const { Readable } = require('stream'); const r = new Readable();
			r.on('error', (e) => resolve(e.code)); r.read();
		})`, "ERR_METHOD_NOT_IMPLEMENTED"},
		// tty: no terminal.
		{"tty", "(() => { const tty = require('tty'); let e; try { new tty.WriteStream(1); } catch (x) { e = x.code; } return [tty.isatty(0), tty.isatty(1), require('node:tty') === tty, e].join(); })()", "false,false,true,ERR_TTY_INIT_FAILED"},
		{"process.stderr", "(() => { process.stderr.write('to stderr\\n'); process.stdout.write(Buffer.from('to stdout')); return [process.stderr.fd, process.stdout.fd, process.stderr.isTTY].join(); })()", "2,1,"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runLines(t, "event.startedAt = Date.now(); console.log(String(await ("+tt.expr+")));", Options{Seed: 7})
			if r.Err != nil {
				t.Fatal(errText(r))
			}
			want := tt.want
			if tt.name == "process.stderr" {
				want = "error: to stderr\nto stdout\n" + want
			}
			if got := strings.Join(r.Console, "\n"); got != want {
				t.Errorf("got  %q\nwant %q", got, want)
			}
		})
	}
}

// TestNodeStreamUnhandledError: a stream error nobody listens for fails the Action, as an uncaught
// exception ends Node.
func TestNodeStreamUnhandledError(t *testing.T) {
	r := runLines(t, "new (require('stream').Readable)({ read() {} }).destroy(new Error('nobody listens')); await new Promise((r) => setTimeout(r, 1));", Options{})
	if r.Err == nil || !strings.Contains(r.Err.Error(), "nobody listens") {
		t.Fatalf("got %v, want the stream's error", r.Err)
	}
}

// TestNodeStreamOrder: the order of events, callbacks and return values, as Node.js prints them for
// the same code (the wants were recorded with Node).
func TestNodeStreamOrder(t *testing.T) {
	tests := []struct {
		name, expr, want string
	}{
		{"readable order", `new Promise((done) => { const { Readable } = require('stream'); const log = [];
  const r = new Readable({ read(n) { log.push('read'); } });
  for (const ev of ['data', 'end', 'close', 'pause', 'resume']) r.on(ev, (x) => log.push(ev + (x ? ':' + x : '')));
  r.push('a'); log.push('pushed'); r.push('b'); r.push(null); setTimeout(() => done(log.join()), 5); })`, "pushed,resume,data:a,data:b,end,close"},
		{"writable order", `new Promise((done) => { const { Writable } = require('stream'); const log = [];
  const w = new Writable({ write(c, e, cb) { log.push('write:' + c); cb(); }, final(cb) { log.push('final'); cb(); } });
  for (const ev of ['finish', 'close', 'prefinish', 'drain']) w.on(ev, () => log.push(ev));
  log.push(w.write('a', () => log.push('cb-a'))); w.write('b', () => log.push('cb-b')); w.end(() => log.push('endcb')); log.push('sync');
  setTimeout(() => done(log.join()), 5); })`, "write:a,true,write:b,final,prefinish,sync,cb-a,cb-b,endcb,finish,close"},
		{"async writes", `new Promise((done) => { const { Writable } = require('stream'); const log = [];
  const w = new Writable({ highWaterMark: 3, write(c, e, cb) { log.push('write:' + c); setTimeout(cb, 1); } });
  for (const ev of ['finish', 'close', 'drain']) w.on(ev, () => log.push(ev));
  log.push(w.write('ab')); log.push(w.write('cd')); log.push(w.write('e')); w.end();
  setTimeout(() => done(log.join()), 20); })`, "write:ab,true,false,false,write:cd,write:e,finish,close"},
		{"transform order", `new Promise((done) => { const { Transform } = require('stream'); const log = [];
  const t = new Transform({ transform(c, e, cb) { log.push('t:' + c); cb(null, c + '!'); }, flush(cb) { log.push('flush'); cb(null, 'F'); } });
  for (const ev of ['data', 'end', 'finish', 'close']) t.on(ev, (x) => log.push(ev + (x ? ':' + x : '')));
  t.write('a'); t.write('b'); t.end(); log.push('sync');
  setTimeout(() => done(log.join()), 5); })`, "t:a,data:a!,t:b,data:b!,flush,data:F,sync,end,finish,close"},
		{"pipe order", `new Promise((done) => { const { Readable, Writable } = require('stream'); const log = [];
  const r = Readable.from(['a', 'b', 'c']);
  const w = new Writable({ objectMode: true, write(c, e, cb) { log.push('w:' + c); cb(); } });
  r.on('end', () => log.push('r-end')); w.on('finish', () => log.push('w-finish')); w.on('pipe', () => log.push('pipe')); w.on('unpipe', () => log.push('unpipe'));
  r.on('close', () => log.push('r-close')); w.on('close', () => log.push('w-close'));
  r.pipe(w); setTimeout(() => done(log.join()), 5); })`, "pipe,w:a,w:b,w:c,r-end,w-finish,unpipe,w-close,r-close"},
		{"read sizes", `(() => { const { Readable } = require('stream'); const r = new Readable({ read() {} });
  r.push('hello'); r.push('world'); const out = [r.read(3), r.read(4), r.read(10), r.read(), r.read()].map(String); r.push(null); out.push(String(r.read())); return out.join('|'); })()`, "hel|lowo|null|rld|null|null"},
		{"setEncoding", `new Promise((done) => { const { Readable } = require('stream'); const r = new Readable({ read() {} });
  r.setEncoding('utf8'); const b = Buffer.from('é€'); r.push(b.slice(0, 1)); r.push(b.slice(1, 4)); r.push(b.slice(4)); r.push(null);
  const out = []; r.on('data', (c) => out.push(typeof c + ':' + c)); r.on('end', () => done(out.join())); })`, "string:\u00e9,string:\u20ac"},
		{"pause resume", `new Promise((done) => { const { Readable } = require('stream'); const log = [];
  const r = new Readable({ read() {} }); r.on('data', (c) => { log.push('d:' + c); if (String(c) === 'a') { r.pause(); setTimeout(() => { log.push('resume'); r.resume(); }, 2); } });
  r.push('a'); setTimeout(() => { r.push('b'); r.push(null); }, 1); r.on('end', () => done(log.concat('end', r.isPaused()).join())); })`, "d:a,resume,d:b,end,false"},
		{"error order", `new Promise((done) => { const { Writable } = require('stream'); const log = [];
  const w = new Writable({ write(c, e, cb) { cb(new Error('bad')); } });
  for (const ev of ['error', 'close', 'finish']) w.on(ev, (x) => log.push(ev + (x ? ':' + x.message : '')));
  w.write('x', (e) => log.push('cb:' + (e && e.message))); log.push('sync'); setTimeout(() => done(log.join() + ' ' + w.destroyed + ' ' + w.writable), 5); })`, "sync,cb:bad,error:bad,close true false"},
		{"readable state props", `new Promise((done) => { const { Readable } = require('stream'); const r = new Readable({ read() {} });
  const out = [r.readable, r.readableFlowing, r.readableEnded, r.readableHighWaterMark, r.readableObjectMode, r.destroyed];
  r.on('data', () => {}); out.push(r.readableFlowing); r.push(null); r.on('end', () => { out.push(r.readable, r.readableEnded); setTimeout(() => { out.push(r.destroyed, r.closed); done(out.join()); }, 1); }); })`, "true,,false,16384,false,false,true,false,true,true,true"},
		{"writable state props", `new Promise((done) => { const { Writable } = require('stream'); const w = new Writable({ write(c, e, cb) { cb(); } });
  const out = [w.writable, w.writableEnded, w.writableFinished, w.writableHighWaterMark, w.writableLength];
  w.end('x'); out.push(w.writable, w.writableEnded, w.writableFinished); w.on('finish', () => { out.push(w.writableFinished); setTimeout(() => { out.push(w.destroyed); done(out.join()); }, 1); }); })`, "true,false,false,16384,0,false,true,false,true,true"},
		{"duplex halfopen", `new Promise((done) => { const { Duplex } = require('stream'); const log = [];
  const d = new Duplex({ allowHalfOpen: false, read() {}, write(c, e, cb) { log.push('w:' + c); cb(); } });
  for (const ev of ['end', 'finish', 'close']) d.on(ev, () => log.push(ev));
  d.resume(); d.write('x'); d.push(null); setTimeout(() => done(log.join()), 5); })`, "w:x,end,finish,close"},
		{"passthrough pipeline to array", `(async () => { const { PassThrough, Readable, Writable } = require('stream'); const { pipeline } = require('stream/promises'); const out = [];
  await pipeline(Readable.from(['1', '2']), new PassThrough({ objectMode: true }), new Writable({ objectMode: true, write(c, e, cb) { out.push(c); cb(); } })); return out.join(); })()`, "1,2"},
		{"legacy pipe to Writable", `new Promise((done) => { const Stream = require('stream'); const { Writable } = Stream; const s = new Stream(); s.readable = true; const got = [];
  const w = new Writable({ write(c, e, cb) { got.push(String(c)); cb(); } }); w.on('finish', () => done(got.join() + ' finished')); s.pipe(w); s.emit('data', 'x'); s.emit('data', Buffer.from('y')); s.emit('end'); })`, "x,y finished"},
		{"unshift", `(() => { const { Readable } = require('stream'); const r = new Readable({ read() {} }); r.push('bc'); r.unshift('a'); return String(r.read()); })()`, "abc"},
		{"highWaterMark push return", `(() => { const { Readable } = require('stream'); const r = new Readable({ highWaterMark: 4, read() {} }); return [r.push('ab'), r.push('cd'), r.push('e'), r.readableLength].join(); })()`, "true,false,false,5"},
		{"finished writable", `new Promise((done) => { const { Writable, finished } = require('stream'); const w = new Writable({ write(c, e, cb) { cb(); } }); finished(w, (err) => done('fin ' + err)); w.end('x'); })`, "fin undefined"},
		{"destroy during flow", `new Promise((done) => { const { Readable } = require('stream'); const log = []; const r = new Readable({ read() {} });
  r.on('data', (c) => { log.push('d:' + c); r.destroy(); }); r.on('close', () => { log.push('close'); setTimeout(() => done(log.join() + ' ' + r.readableAborted), 1); }); r.on('end', () => log.push('end')); r.push('a'); r.push('b'); })`, "d:a,d:b,close true"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runLines(t, "console.log(String(await ("+tt.expr+")));", Options{Seed: 7})
			if r.Err != nil {
				t.Fatal(errText(r))
			}
			if got := strings.Join(r.Console, "\n"); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
