// The stream module, written for mfactl: the legacy Stream (an EventEmitter with pipe), Readable,
// Writable, Duplex, Transform and PassThrough, with pipe, pipeline, finished and the promises API.
// Data moves on the simulated clock's turns (process.nextTick), in the order Node's streams move it:
// 'data' after push, 'end' once the buffer is drained, 'finish' once every write is done, 'close'
// last.
(function (host, I, require) {
  'use strict';
  const EE = host.builtin('events');
  const Buffer = host.builtin('buffer').Buffer;
  const StringDecoder = host.script('string_decoder').StringDecoder;
  const web = host.script('web');
  const nextTick = web.nextTick;
  const apply = I.apply;
  const defineProperty = I.defineProperty;
  const setPrototypeOf = I.setPrototypeOf;
  const PromiseCtor = I.Promise;
  const TypeErrorCtor = I.TypeError;

  let defaultHWM = 16 * 1024;
  const defaultObjectHWM = 16;

  function codedError(Ctor, code, msg) {
    const e = new Ctor(msg);
    e.code = code;
    return e;
  }

  function inherit(ctor, parent) {
    setPrototypeOf(ctor.prototype, parent.prototype);
    setPrototypeOf(ctor, parent);
  }

  function hwmOf(options, key, objectMode) {
    let v = options ? options[key] : undefined;
    if (v === undefined && options && key !== 'highWaterMark') { v = options.highWaterMark; }
    if (v === undefined || v === null) { return objectMode ? defaultObjectHWM : defaultHWM; }
    if (typeof v !== 'number' || v < 0 || v !== v) {
      throw codedError(TypeErrorCtor, 'ERR_INVALID_ARG_VALUE', "The property 'options." + key + "' is invalid. Received " + v);
    }
    return v - (v % 1);
  }

  function chunkLength(state, chunk) { return state.objectMode ? 1 : chunk.length; }

  // ---- Stream: the legacy stream, an EventEmitter with pipe ----

  function Stream(options) {
    apply(EE, this, [options]);
  }
  inherit(Stream, EE);

  Stream.prototype.pipe = function (dest, options) {
    const source = this;
    function ondata(chunk) {
      if (dest.writable && dest.write(chunk) === false && source.pause) { source.pause(); }
    }
    function ondrain() {
      if (source.readable && source.resume) { source.resume(); }
    }
    source.on('data', ondata);
    dest.on('drain', ondrain);
    let ended = false;
    function onend() {
      if (ended) { return; }
      ended = true;
      dest.end();
    }
    function onclose() {
      if (ended) { return; }
      ended = true;
      if (typeof dest.destroy === 'function') { dest.destroy(); }
    }
    if (!dest._isStdio && (!options || options.end !== false)) {
      source.on('end', onend);
      source.on('close', onclose);
    }
    function onerror(er) {
      cleanup();
      if (EE.listenerCount(this, 'error') === 0) { this.emit('error', er); }
    }
    source.prependListener('error', onerror);
    dest.prependListener('error', onerror);
    function cleanup() {
      source.removeListener('data', ondata);
      dest.removeListener('drain', ondrain);
      source.removeListener('end', onend);
      source.removeListener('close', onclose);
      source.removeListener('error', onerror);
      dest.removeListener('error', onerror);
      source.removeListener('end', cleanup);
      source.removeListener('close', cleanup);
      dest.removeListener('close', cleanup);
    }
    source.on('end', cleanup);
    source.on('close', cleanup);
    dest.on('close', cleanup);
    dest.emit('pipe', source);
    return dest;
  };

  // ---- destroying ----

  function destroy(err, cb) {
    const r = this._readableState;
    const w = this._writableState;
    const s = w || r;
    if (s.destroyed) {
      if (typeof cb === 'function') { cb(); }
      return this;
    }
    if (err) {
      if (r && !r.errored) { r.errored = err; }
      if (w && !w.errored) { w.errored = err; }
    }
    if (r) { r.destroyed = true; }
    if (w) { w.destroyed = true; }
    const self = this;
    let called = false;
    this._destroy(err || null, function (er) {
      if (called) { return; }
      called = true;
      if (er) {
        if (r && !r.errored) { r.errored = er; }
        if (w && !w.errored) { w.errored = er; }
      }
      if (r) { r.closed = true; }
      if (w) { w.closed = true; }
      if (typeof cb === 'function') { cb(er); }
      if (w && w.onFinished.length) {
        const callbacks = w.onFinished.splice(0);
        const reason = er || w.errored || codedError(I.Error, 'ERR_STREAM_PREMATURE_CLOSE', 'Premature close');
        nextTick(function () { for (let i = 0; i < callbacks.length; i++) { callbacks[i](reason); } });
      }
      nextTick(function () {
        if (er && !(r && r.errorEmitted) && !(w && w.errorEmitted)) {
          if (r) { r.errorEmitted = true; }
          if (w) { w.errorEmitted = true; }
          self.emit('error', er);
        }
        if ((r ? r.emitClose : true) && (w ? w.emitClose : true)) {
          self.emit('close');
        }
      });
    });
    return this;
  }

  function errorOrDestroy(stream, err) {
    const r = stream._readableState;
    const w = stream._writableState;
    if ((r && r.destroyed) || (w && w.destroyed)) { return; }
    if ((r && r.autoDestroy) || (w && w.autoDestroy)) {
      stream.destroy(err);
    } else {
      if (r && !r.errored) { r.errored = err; }
      if (w && !w.errored) { w.errored = err; }
      nextTick(function () { stream.emit('error', err); });
    }
  }

  function defaultDestroy(err, cb) { cb(err); }

  // ---- Readable ----

  function ReadableState(options, stream, isDuplex) {
    options = options || {};
    this.objectMode = !!(options.objectMode || (isDuplex && options.readableObjectMode));
    this.highWaterMark = hwmOf(options, isDuplex ? 'readableHighWaterMark' : 'highWaterMark', this.objectMode);
    this.buffer = [];
    this.length = 0;
    this.pipes = [];
    this.flowing = null;
    this.ended = false;
    this.endEmitted = false;
    this.reading = false;
    this.constructed = true;
    this.sync = true;
    this.needReadable = false;
    this.emittedReadable = false;
    this.readableListening = false;
    this.resumeScheduled = false;
    this.flowScheduled = false;
    this.errorEmitted = false;
    this.emitClose = options.emitClose !== false;
    this.autoDestroy = options.autoDestroy !== false;
    this.destroyed = false;
    this.errored = null;
    this.closed = false;
    this.dataEmitted = false;
    this.decoder = null;
    this.encoding = null;
    if (options.encoding) {
      this.decoder = new StringDecoder(options.encoding);
      this.encoding = this.decoder.encoding;
    }
  }

  function Readable(options) {
    if (!(this instanceof Readable)) { return new Readable(options); }
    const isDuplex = this instanceof Duplex;
    this._readableState = new ReadableState(options, this, isDuplex);
    if (options) {
      if (typeof options.read === 'function') { this._read = options.read; }
      if (typeof options.destroy === 'function') { this._destroy = options.destroy; }
    }
    apply(Stream, this, [options]);
  }
  inherit(Readable, Stream);
  Readable.ReadableState = ReadableState;

  Readable.prototype.destroy = destroy;
  Readable.prototype._destroy = defaultDestroy;
  Readable.prototype._undestroy = function () {};

  Readable.prototype._read = function () {
    throw codedError(I.Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The _read() method is not implemented');
  };

  function addChunk(stream, state, chunk, front) {
    if (state.flowing && state.length === 0 && !state.sync && stream.listenerCount('data') > 0) {
      state.dataEmitted = true;
      stream.emit('data', chunk);
    } else {
      state.length += chunkLength(state, chunk);
      if (front) { state.buffer.unshift(chunk); } else { state.buffer.push(chunk); }
      if (state.needReadable) { emitReadable(stream); }
    }
    maybeReadMore(stream, state);
  }

  function readableAddChunk(stream, chunk, encoding, front) {
    const state = stream._readableState;
    if (chunk === null) {
      state.reading = false;
      onEofChunk(stream, state);
      return false;
    }
    if (!state.objectMode) {
      if (typeof chunk === 'string') {
        encoding = encoding || 'utf8';
        if (state.encoding !== encoding) {
          chunk = Buffer.from(chunk, encoding);
        }
      } else if (chunk instanceof Buffer) {
        // as is
      } else if (chunk instanceof host.typed('Uint8Array')) {
        chunk = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      } else if (chunk !== undefined) {
        errorOrDestroy(stream, codedError(TypeErrorCtor, 'ERR_INVALID_ARG_TYPE', 'The "chunk" argument must be of type string or an instance of Buffer or Uint8Array. Received ' + typeof chunk));
        return false;
      }
    }
    if (chunk === undefined) {
      state.reading = false;
      return state.length < state.highWaterMark;
    }
    if (state.ended && !front) {
      errorOrDestroy(stream, codedError(I.Error, 'ERR_STREAM_PUSH_AFTER_EOF', 'stream.push() after EOF'));
      return false;
    }
    if (state.destroyed || state.errored) { return false; }
    state.reading = false;
    if (state.decoder && typeof chunk !== 'string' && !state.objectMode) {
      chunk = state.decoder.write(chunk);
      if (chunk.length === 0) {
        maybeReadMore(stream, state);
        return state.length < state.highWaterMark;
      }
    }
    addChunk(stream, state, chunk, front);
    return !state.ended && (state.length < state.highWaterMark || state.length === 0);
  }

  Readable.prototype.push = function (chunk, encoding) { return readableAddChunk(this, chunk, encoding, false); };
  Readable.prototype.unshift = function (chunk, encoding) { return readableAddChunk(this, chunk, encoding, true); };

  function onEofChunk(stream, state) {
    if (state.ended) { return; }
    if (state.decoder) {
      const rest = state.decoder.end();
      if (rest && rest.length) {
        state.buffer.push(rest);
        state.length += state.objectMode ? 1 : rest.length;
      }
    }
    state.ended = true;
    if (state.sync) {
      emitReadable(stream);
    } else {
      state.needReadable = false;
      state.emittedReadable = true;
      emitReadableNow(stream);
    }
  }

  function emitReadable(stream) {
    const state = stream._readableState;
    state.needReadable = false;
    if (!state.emittedReadable) {
      state.emittedReadable = true;
      nextTick(emitReadableNow, stream);
    }
  }

  function emitReadableNow(stream) {
    const state = stream._readableState;
    if (!state.destroyed && !state.errored && (state.length || state.ended)) {
      stream.emit('readable');
      state.emittedReadable = false;
    }
    state.needReadable = !state.flowing && !state.ended && state.length <= state.highWaterMark;
    flow(stream);
  }

  function maybeReadMore(stream, state) {
    if (!state.readingMore && state.constructed) {
      state.readingMore = true;
      nextTick(function () {
        while (!state.reading && !state.ended && !state.destroyed &&
          (state.length < state.highWaterMark || (state.flowing && state.length === 0))) {
          const len = state.length;
          stream.read(0);
          if (len === state.length) { break; }
        }
        state.readingMore = false;
      });
    }
  }

  // takeChunks removes n units (bytes, characters, or objects) from the buffer.
  function takeChunks(n, state) {
    if (state.length === 0) { return null; }
    let ret;
    if (state.objectMode) {
      ret = state.buffer.shift();
    } else if (!n || n >= state.length) {
      if (state.decoder) {
        ret = state.buffer.join('');
      } else if (state.buffer.length === 1) {
        ret = state.buffer[0];
      } else {
        ret = Buffer.concat(state.buffer, state.length);
      }
      state.buffer = [];
    } else {
      const first = state.buffer[0];
      if (n < first.length) {
        ret = first.slice(0, n);
        state.buffer[0] = first.slice(n);
      } else if (n === first.length) {
        ret = state.buffer.shift();
      } else {
        const parts = [];
        let got = 0;
        while (got < n) {
          const c = state.buffer[0];
          const need = n - got;
          if (c.length <= need) {
            parts.push(state.buffer.shift());
            got += c.length;
          } else {
            parts.push(c.slice(0, need));
            state.buffer[0] = c.slice(need);
            got += need;
          }
        }
        ret = state.decoder ? parts.join('') : Buffer.concat(parts, n);
      }
    }
    return ret;
  }

  function howMuchToRead(n, state) {
    if (n <= 0 || (state.length === 0 && state.ended)) { return 0; }
    if (state.objectMode) { return 1; }
    if (n !== n) {
      // NaN: everything in flowing mode, else the first chunk.
      if (state.flowing && state.length) { return state.buffer[0].length; }
      return state.length;
    }
    if (n <= state.length) { return n; }
    return state.ended ? state.length : 0;
  }

  Readable.prototype.read = function (n) {
    if (n === undefined) {
      n = NaN;
    } else if (typeof n !== 'number') {
      n = I.Number(n);
    }
    const state = this._readableState;
    const nOrig = n;
    if (n > state.highWaterMark) {
      let hwm = 1;
      while (hwm < n) { hwm *= 2; }
      state.highWaterMark = hwm;
    }
    if (n !== 0) { state.emittedReadable = false; }
    if (n === 0 && state.needReadable &&
      ((state.highWaterMark !== 0 ? state.length >= state.highWaterMark : state.length > 0) || state.ended)) {
      if (state.length === 0 && state.ended) { endReadable(this); } else { emitReadable(this); }
      return null;
    }
    n = howMuchToRead(n, state);
    if (n === 0 && state.ended) {
      if (state.length === 0) { endReadable(this); }
      return null;
    }
    let doRead = state.needReadable;
    if (state.length === 0 || state.length - n < state.highWaterMark) { doRead = true; }
    if (state.ended || state.reading || state.destroyed || state.errored || !state.constructed) { doRead = false; }
    if (doRead) {
      state.reading = true;
      state.sync = true;
      if (state.length === 0) { state.needReadable = true; }
      try {
        this._read(state.highWaterMark);
      } catch (e) {
        errorOrDestroy(this, e);
      }
      state.sync = false;
      if (!state.reading) { n = howMuchToRead(nOrig, state); }
    }
    let ret = n > 0 ? takeChunks(n, state) : null;
    if (ret === null) {
      state.needReadable = state.length <= state.highWaterMark;
      n = 0;
    } else {
      state.length -= state.objectMode ? 1 : ret.length;
    }
    if (state.length === 0) {
      if (!state.ended) { state.needReadable = true; }
      if (nOrig !== n && state.ended) { endReadable(this); }
    }
    if (ret !== null && !state.errorEmitted && !state.closeEmitted) {
      state.dataEmitted = true;
      this.emit('data', ret);
    }
    return ret;
  };

  function endReadable(stream) {
    const state = stream._readableState;
    if (!state.endEmitted) {
      state.ended = true;
      nextTick(endReadableNT, state, stream);
    }
  }

  function endReadableNT(state, stream) {
    if (!state.errored && !state.closeEmitted && !state.endEmitted && state.length === 0) {
      state.endEmitted = true;
      stream.emit('end');
      const w = stream._writableState;
      if (w && !w.ending && stream.allowHalfOpen === false) {
        stream.end();
      }
      if (state.autoDestroy && (!w || (w.autoDestroy && (w.finished || w.writable === false)))) {
        stream.destroy();
      }
    }
  }

  function flow(stream) {
    const state = stream._readableState;
    while (state.flowing && stream.read() !== null) { /* read emits 'data' */ }
  }

  Readable.prototype.resume = function () {
    const state = this._readableState;
    if (!state.flowing) {
      state.flowing = !state.readableListening;
      if (!state.resumeScheduled) {
        state.resumeScheduled = true;
        nextTick(resumeNow, this, state);
      }
    }
    state.paused = false;
    return this;
  };

  function resumeNow(stream, state) {
    if (!state.reading) { stream.read(0); }
    state.resumeScheduled = false;
    stream.emit('resume');
    flow(stream);
    if (state.flowing && !state.reading) { stream.read(0); }
  }

  Readable.prototype.pause = function () {
    const state = this._readableState;
    if (state.flowing !== false) {
      state.flowing = false;
      this.emit('pause');
    }
    state.paused = true;
    return this;
  };

  Readable.prototype.isPaused = function () {
    const state = this._readableState;
    return state.paused === true || state.flowing === false;
  };

  Readable.prototype.setEncoding = function (enc) {
    const state = this._readableState;
    const decoder = new StringDecoder(enc);
    state.decoder = decoder;
    state.encoding = decoder.encoding;
    let content = '';
    for (let i = 0; i < state.buffer.length; i++) { content += decoder.write(state.buffer[i]); }
    state.buffer = content === '' ? [] : [content];
    state.length = content.length;
    return this;
  };

  Readable.prototype.on = function (ev, fn) {
    const res = apply(Stream.prototype.on, this, [ev, fn]);
    const state = this._readableState;
    if (ev === 'data') {
      state.readableListening = this.listenerCount('readable') > 0;
      if (state.flowing !== false) { this.resume(); }
    } else if (ev === 'readable') {
      if (!state.endEmitted && !state.readableListening) {
        state.readableListening = state.needReadable = true;
        state.flowing = false;
        state.emittedReadable = false;
        if (state.length) {
          emitReadable(this);
        } else if (!state.reading) {
          const self = this;
          nextTick(function () { self.read(0); });
        }
      }
    }
    return res;
  };
  Readable.prototype.addListener = Readable.prototype.on;

  Readable.prototype.removeListener = function (ev, fn) {
    const res = apply(Stream.prototype.removeListener, this, [ev, fn]);
    if (ev === 'readable') {
      const state = this._readableState;
      const self = this;
      nextTick(function () {
        state.readableListening = self.listenerCount('readable') > 0;
        if (!state.readableListening && state.paused === false) { state.flowing = true; }
        else if (self.listenerCount('data') > 0 && !state.readableListening) { self.resume(); }
      });
    }
    return res;
  };
  Readable.prototype.off = Readable.prototype.removeListener;

  Readable.prototype.pipe = function (dest, options) {
    const src = this;
    const state = this._readableState;
    state.pipes.push(dest);
    const doEnd = !options || options.end !== false;
    let waitingDrain = false;
    function ondata(chunk) {
      const ret = dest.write(chunk);
      if (ret === false && !waitingDrain) {
        waitingDrain = true;
        dest.once('drain', ondrain);
        src.pause();
      }
    }
    function ondrain() {
      waitingDrain = false;
      if (state.flowing === false && !state.readableListening) { src.resume(); }
    }
    function onend() {
      if (doEnd) { dest.end(); }
    }
    function onerror(er) {
      unpipe();
      dest.removeListener('error', onerror);
      if (dest.listenerCount('error') === 0) {
        const ws = dest._writableState || dest._readableState;
        if (ws && !ws.errorEmitted && typeof dest.destroy === 'function') {
          // a destroyed stream emits the error itself
          dest.destroy(er);
        } else {
          dest.emit('error', er);
        }
      }
    }
    function onclose() { dest.removeListener('finish', onfinish); unpipe(); }
    function onfinish() { dest.removeListener('close', onclose); unpipe(); }
    function unpipe() { src.unpipe(dest); }
    function onunpipe(readable) {
      if (readable === src) { cleanup(); }
    }
    function cleanup() {
      dest.removeListener('close', onclose);
      dest.removeListener('finish', onfinish);
      dest.removeListener('drain', ondrain);
      dest.removeListener('error', onerror);
      dest.removeListener('unpipe', onunpipe);
      src.removeListener('end', onend);
      src.removeListener('end', unpipe);
      src.removeListener('data', ondata);
    }
    if (state.endEmitted) {
      if (doEnd) { nextTick(onend); }
    } else {
      src.once('end', doEnd ? onend : unpipe);
    }
    dest.on('unpipe', onunpipe);
    src.on('data', ondata);
    dest.prependListener('error', onerror);
    dest.once('close', onclose);
    dest.once('finish', onfinish);
    dest.emit('pipe', src);
    if (dest.writableNeedDrain === true) {
      waitingDrain = true;
      dest.once('drain', ondrain);
      src.pause();
    } else if (!state.flowing) {
      src.resume();
    }
    return dest;
  };

  Readable.prototype.unpipe = function (dest) {
    const state = this._readableState;
    if (state.pipes.length === 0) { return this; }
    const targets = dest ? [dest] : state.pipes.slice();
    for (let i = 0; i < targets.length; i++) {
      const at = state.pipes.indexOf(targets[i]);
      if (at === -1) { continue; }
      state.pipes.splice(at, 1);
      if (state.pipes.length === 0) { this.pause(); }
      targets[i].emit('unpipe', this, { hasUnpiped: false });
    }
    return this;
  };

  Readable.prototype.wrap = function (old) {
    const self = this;
    let paused = false;
    old.on('data', function (chunk) {
      if (!self.push(chunk) && old.pause) { paused = true; old.pause(); }
    });
    old.on('end', function () { self.push(null); });
    old.on('error', function (e) { errorOrDestroy(self, e); });
    old.on('close', function () { self.destroy(); });
    this._read = function () {
      if (paused && old.resume) { paused = false; old.resume(); }
    };
    return this;
  };

  Readable.prototype[I.Symbol.asyncIterator] = function () {
    const stream = this;
    const queue = [];
    let error = null;
    let done = false;
    let waiting = null;
    function wake() {
      if (waiting) { const w = waiting; waiting = null; w(); }
    }
    stream.on('readable', function () {
      let chunk;
      while ((chunk = stream.read()) !== null) { queue.push(chunk); }
      wake();
    });
    stream.on('end', function () { done = true; wake(); });
    stream.on('error', function (e) { error = e; wake(); });
    stream.on('close', function () { done = true; wake(); });
    function next() {
      if (queue.length) { return PromiseCtor.resolve({ value: queue.shift(), done: false }); }
      if (error) { const e = error; error = null; done = true; return PromiseCtor.reject(e); }
      if (done) { return PromiseCtor.resolve({ value: undefined, done: true }); }
      return new PromiseCtor(function (resolve) { waiting = resolve; }).then(next);
    }
    const it = {
      next: next,
      return: function () {
        done = true;
        stream.destroy();
        return PromiseCtor.resolve({ value: undefined, done: true });
      },
    };
    it[I.Symbol.asyncIterator] = function () { return it; };
    return it;
  };

  Readable.from = function (iterable, options) {
    if (typeof iterable === 'string' || iterable instanceof Buffer) {
      const once = iterable;
      let pushed = false;
      return new Readable(I.Object.assign({ objectMode: true }, options, {
        read: function () {
          if (pushed) { this.push(null); return; }
          pushed = true;
          this.push(once);
          this.push(null);
        },
      }));
    }
    let it;
    let isAsync = false;
    if (iterable && typeof iterable[I.Symbol.asyncIterator] === 'function') {
      it = iterable[I.Symbol.asyncIterator]();
      isAsync = true;
    } else if (iterable && typeof iterable[I.Symbol.iterator] === 'function') {
      it = iterable[I.Symbol.iterator]();
    } else {
      throw codedError(TypeErrorCtor, 'ERR_INVALID_ARG_TYPE', 'The "iterable" argument must be an instance of Iterable. Received ' + typeof iterable);
    }
    let reading = false;
    const readable = new Readable(I.Object.assign({ objectMode: true, highWaterMark: 1 }, options, {
      read: function () {
        if (reading) { return; }
        reading = true;
        const self = this;
        function step() {
          let r;
          try {
            r = it.next();
          } catch (e) {
            self.destroy(e);
            return;
          }
          PromiseCtor.resolve(isAsync ? r : r).then(function (res) {
            if (res.done) {
              self.push(null);
              return;
            }
            return PromiseCtor.resolve(res.value).then(function (v) {
              if (v === null) {
                self.destroy(codedError(TypeErrorCtor, 'ERR_STREAM_NULL_VALUES', 'May not write null values to stream'));
                return;
              }
              if (self.push(v)) { step(); } else { reading = false; }
            });
          }, function (e) { self.destroy(e); });
        }
        step();
      },
      destroy: function (err, cb) {
        // The iterator is closed (return) before the stream is, a turn later, as in Node.
        PromiseCtor.resolve().then(function () {
          return typeof it.return === 'function' ? it.return() : undefined;
        }).then(function () { nextTick(cb, err); }, function (e) { nextTick(cb, e || err); });
      },
    }));
    return readable;
  };

  function readableGetter(name, get, set) {
    defineProperty(Readable.prototype, name, { get: get, set: set, enumerable: false, configurable: true });
  }
  readableGetter('readable', function () {
    const r = this._readableState;
    return !!r && r.readable !== false && !r.destroyed && !r.errored && !r.endEmitted;
  }, function (v) { if (this._readableState) { this._readableState.readable = !!v; } });
  readableGetter('readableFlowing', function () { return this._readableState.flowing; },
    function (v) { if (this._readableState) { this._readableState.flowing = v; } });
  readableGetter('readableLength', function () { return this._readableState.length; });
  readableGetter('readableHighWaterMark', function () { return this._readableState.highWaterMark; });
  readableGetter('readableObjectMode', function () { return this._readableState.objectMode; });
  readableGetter('readableEncoding', function () { return this._readableState.encoding; });
  readableGetter('readableEnded', function () { return this._readableState.endEmitted; });
  readableGetter('readableAborted', function () {
    const r = this._readableState;
    return !!(r.destroyed || r.errored) && !r.endEmitted;
  });
  readableGetter('readableDidRead', function () { return this._readableState.dataEmitted; });
  readableGetter('errored', function () { return (this._readableState && this._readableState.errored) || null; });
  readableGetter('closed', function () { return !!this._readableState && this._readableState.closed; });
  readableGetter('destroyed', function () { return !!this._readableState && this._readableState.destroyed; },
    function (v) { if (this._readableState) { this._readableState.destroyed = !!v; } });

  // ---- Writable ----

  function WritableState(options, stream, isDuplex) {
    options = options || {};
    this.objectMode = !!(options.objectMode || (isDuplex && options.writableObjectMode));
    this.highWaterMark = hwmOf(options, isDuplex ? 'writableHighWaterMark' : 'highWaterMark', this.objectMode);
    this.decodeStrings = options.decodeStrings !== false;
    this.defaultEncoding = options.defaultEncoding || 'utf8';
    this.length = 0;
    this.writing = false;
    this.corked = 0;
    this.sync = true;
    this.buffered = [];
    this.pendingcb = 0;
    this.needDrain = false;
    this.ending = false;
    this.ended = false;
    this.finished = false;
    this.prefinished = false;
    this.finalCalled = false;
    this.destroyed = false;
    this.errored = null;
    this.errorEmitted = false;
    this.closed = false;
    this.emitClose = options.emitClose !== false;
    this.autoDestroy = options.autoDestroy !== false;
    this.writecb = null;
    this.writelen = 0;
    this.onFinished = []; // end()'s callbacks, called before 'finish' (or with the error)
  }

  function Writable(options) {
    const isDuplex = this instanceof Duplex;
    if (!isDuplex && !(this instanceof Writable)) { return new Writable(options); }
    this._writableState = new WritableState(options, this, isDuplex);
    if (options) {
      if (typeof options.write === 'function') { this._write = options.write; }
      if (typeof options.writev === 'function') { this._writev = options.writev; }
      if (typeof options.destroy === 'function') { this._destroy = options.destroy; }
      if (typeof options.final === 'function') { this._final = options.final; }
    }
    apply(Stream, this, [options]);
  }
  inherit(Writable, Stream);
  Writable.WritableState = WritableState;
  function inherits(obj, proto) {
    if (obj === null || (typeof obj !== 'object' && typeof obj !== 'function')) { return false; }
    for (let p = I.getPrototypeOf(obj); p !== null; p = I.getPrototypeOf(p)) {
      if (p === proto) { return true; }
    }
    return false;
  }
  // A Duplex is a Writable too (instanceof), as in Node.
  defineProperty(Writable, I.Symbol.hasInstance, {
    value: function (obj) {
      if (typeof this === 'function' && inherits(obj, this.prototype)) { return true; }
      if (this !== Writable) { return false; }
      return !!obj && obj._writableState instanceof WritableState;
    },
  });

  Writable.prototype.destroy = function (err, cb) {
    const state = this._writableState;
    if (!state.destroyed && (state.buffered.length || state.writing)) {
      // pending writes fail
      const pending = state.buffered.splice(0);
      for (let i = 0; i < pending.length; i++) {
        const cbi = pending[i].callback;
        nextTick(cbi, codedError(I.Error, 'ERR_STREAM_DESTROYED', 'Cannot call write after a stream was destroyed'));
      }
    }
    return apply(destroy, this, [err, cb]);
  };
  Writable.prototype._destroy = defaultDestroy;
  Writable.prototype._undestroy = function () {};

  Writable.prototype._write = function (chunk, encoding, cb) {
    if (this._writev) {
      this._writev([{ chunk: chunk, encoding: encoding }], cb);
    } else {
      throw codedError(I.Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The _write() method is not implemented');
    }
  };
  Writable.prototype._writev = null;

  function nop() {}

  Writable.prototype.write = function (chunk, encoding, cb) {
    const state = this._writableState;
    if (typeof encoding === 'function') {
      cb = encoding;
      encoding = state.defaultEncoding;
    } else {
      if (!encoding) { encoding = state.defaultEncoding; } else if (encoding !== 'buffer' && !Buffer.isEncoding(encoding)) {
        throw codedError(TypeErrorCtor, 'ERR_UNKNOWN_ENCODING', 'Unknown encoding: ' + encoding);
      }
      if (typeof cb !== 'function') { cb = nop; }
    }
    if (chunk === null) {
      throw codedError(TypeErrorCtor, 'ERR_STREAM_NULL_VALUES', 'May not write null values to stream');
    }
    if (!state.objectMode) {
      if (typeof chunk === 'string') {
        if (state.decodeStrings !== false) {
          chunk = Buffer.from(chunk, encoding);
          encoding = 'buffer';
        }
      } else if (chunk instanceof Buffer) {
        encoding = 'buffer';
      } else if (chunk instanceof host.typed('Uint8Array')) {
        chunk = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        encoding = 'buffer';
      } else {
        throw codedError(TypeErrorCtor, 'ERR_INVALID_ARG_TYPE', 'The "chunk" argument must be of type string or an instance of Buffer or Uint8Array. Received ' + (chunk === undefined ? 'undefined' : typeof chunk));
      }
    }
    let err;
    if (state.ending) {
      err = codedError(I.Error, 'ERR_STREAM_WRITE_AFTER_END', 'write after end');
    } else if (state.destroyed) {
      err = codedError(I.Error, 'ERR_STREAM_DESTROYED', 'Cannot call write after a stream was destroyed');
    }
    if (err) {
      nextTick(cb, err);
      errorOrDestroy(this, err);
      return false;
    }
    state.pendingcb++;
    return writeOrBuffer(this, state, chunk, encoding, cb);
  };

  function writeOrBuffer(stream, state, chunk, encoding, callback) {
    const len = state.objectMode ? 1 : chunk.length;
    state.length += len;
    const ret = state.length < state.highWaterMark;
    if (!ret) { state.needDrain = true; }
    if (state.writing || state.corked || state.errored) {
      state.buffered.push({ chunk: chunk, encoding: encoding, callback: callback });
    } else {
      doWrite(stream, state, len, chunk, encoding, callback);
    }
    return ret && !state.errored && !state.destroyed;
  }

  function doWrite(stream, state, len, chunk, encoding, cb) {
    state.writelen = len;
    state.writecb = cb;
    state.writing = true;
    state.sync = true;
    if (state.destroyed) {
      onwrite(stream, codedError(I.Error, 'ERR_STREAM_DESTROYED', 'Cannot call write after a stream was destroyed'));
    } else {
      let called = false;
      stream._write(chunk, encoding, function (er) {
        if (called) {
          errorOrDestroy(stream, codedError(I.Error, 'ERR_MULTIPLE_CALLBACK', 'Callback called multiple times'));
          return;
        }
        called = true;
        onwrite(stream, er);
      });
    }
    state.sync = false;
  }

  function onwrite(stream, er) {
    const state = stream._writableState;
    const sync = state.sync;
    const cb = state.writecb;
    state.writing = false;
    state.writecb = null;
    state.length -= state.writelen;
    state.writelen = 0;
    if (er) {
      if (!state.errored) { state.errored = er; }
      if (stream._readableState && !stream._readableState.errored) { stream._readableState.errored = er; }
      if (sync) { nextTick(onwriteError, stream, state, er, cb); } else { onwriteError(stream, state, er, cb); }
      return;
    }
    if (state.buffered.length) { clearBuffer(stream, state); }
    if (sync) {
      nextTick(afterWrite, stream, state, 1, cb);
    } else {
      afterWrite(stream, state, 1, cb);
    }
  }

  function onwriteError(stream, state, er, cb) {
    --state.pendingcb;
    cb(er);
    const pending = state.buffered.splice(0);
    for (let i = 0; i < pending.length; i++) {
      state.pendingcb--;
      pending[i].callback(er);
    }
    errorOrDestroy(stream, er);
  }

  function afterWrite(stream, state, count, cb) {
    if (!state.ending && !stream.destroyed && state.length === 0 && state.needDrain) {
      state.needDrain = false;
      stream.emit('drain');
    }
    while (count-- > 0) {
      state.pendingcb--;
      cb();
    }
    if (state.destroyed) { return; }
    finishMaybe(stream, state);
  }

  function clearBuffer(stream, state) {
    if (state.corked || state.destroyed || state.writing || !state.buffered.length) { return; }
    if (stream._writev && state.buffered.length > 1) {
      const entries = state.buffered.splice(0);
      const callbacks = entries.map(function (e) { return e.callback; });
      const total = state.objectMode ? entries.length : entries.reduce(function (n, e) { return n + e.chunk.length; }, 0);
      state.pendingcb -= entries.length - 1;
      state.writelen = total;
      state.writecb = function (er) { for (let i = 0; i < callbacks.length; i++) { callbacks[i](er); } };
      state.writing = true;
      state.sync = true;
      stream._writev(entries.map(function (e) { return { chunk: e.chunk, encoding: e.encoding }; }), function (er) { onwrite(stream, er); });
      state.sync = false;
      return;
    }
    const e = state.buffered.shift();
    doWrite(stream, state, state.objectMode ? 1 : e.chunk.length, e.chunk, e.encoding, e.callback);
  }

  Writable.prototype.cork = function () { this._writableState.corked++; };
  Writable.prototype.uncork = function () {
    const state = this._writableState;
    if (state.corked) {
      state.corked--;
      if (!state.writing) { clearBuffer(this, state); }
    }
  };
  Writable.prototype.setDefaultEncoding = function (encoding) {
    if (typeof encoding === 'string') { encoding = encoding.toLowerCase(); }
    if (!Buffer.isEncoding(encoding)) {
      throw codedError(TypeErrorCtor, 'ERR_UNKNOWN_ENCODING', 'Unknown encoding: ' + encoding);
    }
    this._writableState.defaultEncoding = encoding;
    return this;
  };

  Writable.prototype.end = function (chunk, encoding, cb) {
    const state = this._writableState;
    if (typeof chunk === 'function') {
      cb = chunk;
      chunk = null;
      encoding = null;
    } else if (typeof encoding === 'function') {
      cb = encoding;
      encoding = null;
    }
    if (chunk !== null && chunk !== undefined) { this.write(chunk, encoding); }
    if (state.corked) {
      state.corked = 1;
      this.uncork();
    }
    let err;
    if (!state.errored && !state.ending) {
      state.ending = true;
      finishMaybe(this, state, true);
      state.ended = true;
    } else if (state.finished) {
      err = codedError(I.Error, 'ERR_STREAM_ALREADY_FINISHED', 'Cannot call end after a stream was finished');
    } else if (state.destroyed) {
      err = codedError(I.Error, 'ERR_STREAM_DESTROYED', 'Cannot call end after a stream was destroyed');
    }
    if (typeof cb === 'function') {
      if (err || state.finished) {
        nextTick(cb, err);
      } else {
        state.onFinished.push(cb);
      }
    }
    return this;
  };

  function needFinish(state) {
    return state.ending && !state.destroyed && state.length === 0 && !state.errored &&
      state.buffered.length === 0 && !state.finished && !state.writing && !state.errorEmitted && !state.closeEmitted;
  }

  function prefinish(stream, state) {
    if (!state.prefinished && !state.finalCalled) {
      if (typeof stream._final === 'function' && !state.destroyed) {
        state.finalCalled = true;
        state.sync = true;
        state.pendingcb++;
        let called = false;
        const onFinal = function (err) {
          if (called) { return; }
          called = true;
          state.pendingcb--;
          if (err) {
            const pending = state.buffered.splice(0);
            for (let i = 0; i < pending.length; i++) { pending[i].callback(err); }
            errorOrDestroy(stream, err);
          } else if (needFinish(state)) {
            state.prefinished = true;
            stream.emit('prefinish');
            state.pendingcb++;
            nextTick(finish, stream, state);
          }
        };
        try {
          stream._final(onFinal);
        } catch (e) {
          onFinal(e);
        }
        state.sync = false;
      } else {
        state.prefinished = true;
        stream.emit('prefinish');
      }
    }
  }

  function finishMaybe(stream, state, sync) {
    if (needFinish(state)) {
      prefinish(stream, state);
      if (state.pendingcb === 0 && needFinish(state)) {
        state.pendingcb++;
        if (sync) { nextTick(finish, stream, state); } else { finish(stream, state); }
      }
    }
  }

  function finish(stream, state) {
    state.pendingcb--;
    if (state.finished || state.errorEmitted || state.destroyed) { return; }
    state.finished = true;
    const callbacks = state.onFinished.splice(0);
    for (let i = 0; i < callbacks.length; i++) { callbacks[i](); }
    stream.emit('finish');
    if (state.autoDestroy) {
      const r = stream._readableState;
      if (!r || (r.autoDestroy && (r.endEmitted || r.readable === false))) {
        stream.destroy();
      }
    }
  }

  function writableGetter(name, get, set) {
    defineProperty(Writable.prototype, name, { get: get, set: set, enumerable: false, configurable: true });
  }
  writableGetter('writable', function () {
    const w = this._writableState;
    return !!w && w.writable !== false && !w.destroyed && !w.errored && !w.ending && !w.ended;
  }, function (v) { if (this._writableState) { this._writableState.writable = !!v; } });
  writableGetter('writableFinished', function () { return !!this._writableState && this._writableState.finished; });
  writableGetter('writableObjectMode', function () { return !!this._writableState && this._writableState.objectMode; });
  writableGetter('writableEnded', function () { return !!this._writableState && this._writableState.ending; });
  writableGetter('writableNeedDrain', function () {
    const w = this._writableState;
    return !!w && !w.destroyed && !w.ending && w.needDrain;
  });
  writableGetter('writableHighWaterMark', function () { return this._writableState && this._writableState.highWaterMark; });
  writableGetter('writableCorked', function () { return this._writableState ? this._writableState.corked : 0; });
  writableGetter('writableLength', function () { return this._writableState && this._writableState.length; });
  writableGetter('errored', function () { return (this._writableState && this._writableState.errored) || null; });
  writableGetter('closed', function () { return !!this._writableState && this._writableState.closed; });
  writableGetter('destroyed', function () { return !!this._writableState && this._writableState.destroyed; },
    function (v) { if (this._writableState) { this._writableState.destroyed = !!v; } });

  // ---- Duplex, Transform, PassThrough ----

  function Duplex(options) {
    if (!(this instanceof Duplex)) { return new Duplex(options); }
    apply(Readable, this, [options]);
    this._writableState = new WritableState(options, this, true);
    if (options) {
      this.allowHalfOpen = options.allowHalfOpen !== false;
      if (options.readable === false) {
        this._readableState.readable = false;
        this._readableState.ended = true;
        this._readableState.endEmitted = true;
      }
      if (options.writable === false) {
        this._writableState.writable = false;
        this._writableState.ending = true;
        this._writableState.ended = true;
        this._writableState.finished = true;
      }
      if (typeof options.write === 'function') { this._write = options.write; }
      if (typeof options.writev === 'function') { this._writev = options.writev; }
      if (typeof options.final === 'function') { this._final = options.final; }
    } else {
      this.allowHalfOpen = true;
    }
  }
  inherit(Duplex, Readable);
  {
    const names = I.Object.getOwnPropertyNames(Writable.prototype);
    for (let i = 0; i < names.length; i++) {
      const k = names[i];
      if (k === 'constructor' || k === 'destroy' || k === 'errored' || k === 'closed') { continue; }
      if (!I.hasOwn.call(Duplex.prototype, k)) {
        defineProperty(Duplex.prototype, k, I.getOwnPropertyDescriptor(Writable.prototype, k));
      }
    }
    Duplex.prototype.destroy = Writable.prototype.destroy;
    defineProperty(Duplex.prototype, 'destroyed', {
      get: function () {
        const r = this._readableState;
        const w = this._writableState;
        return !!r && !!w && r.destroyed && w.destroyed;
      },
      set: function (v) {
        if (this._readableState) { this._readableState.destroyed = !!v; }
        if (this._writableState) { this._writableState.destroyed = !!v; }
      },
      configurable: true,
    });
  }

  const kCallback = I.Symbol('transform callback');

  function Transform(options) {
    if (!(this instanceof Transform)) { return new Transform(options); }
    apply(Duplex, this, [options]);
    this._readableState.sync = false;
    this[kCallback] = null;
    if (options) {
      if (typeof options.transform === 'function') { this._transform = options.transform; }
      if (typeof options.flush === 'function') { this._flush = options.flush; }
    }
  }
  inherit(Transform, Duplex);

  Transform.prototype._final = function (cb) {
    const self = this;
    if (typeof this._flush === 'function' && !this.destroyed) {
      this._flush(function (er, data) {
        if (er) {
          if (cb) { cb(er); } else { self.destroy(er); }
          return;
        }
        if (data !== null && data !== undefined) { self.push(data); }
        self.push(null);
        if (cb) { cb(); }
      });
    } else {
      this.push(null);
      if (cb) { cb(); }
    }
  };

  Transform.prototype._transform = function () {
    throw codedError(I.Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The _transform() method is not implemented');
  };

  Transform.prototype._write = function (chunk, encoding, callback) {
    const self = this;
    const rState = this._readableState;
    const wState = this._writableState;
    const length = rState.length;
    this._transform(chunk, encoding, function (err, val) {
      if (err) {
        callback(err);
        return;
      }
      if (val !== null && val !== undefined) { self.push(val); }
      if (rState.ended) {
        nextTick(callback);
      } else if (wState.ended || length === rState.length || rState.length < rState.highWaterMark) {
        callback();
      } else {
        self[kCallback] = callback;
      }
    });
  };

  Transform.prototype._read = function () {
    if (this[kCallback]) {
      const cb = this[kCallback];
      this[kCallback] = null;
      cb();
    }
  };

  function PassThrough(options) {
    if (!(this instanceof PassThrough)) { return new PassThrough(options); }
    apply(Transform, this, [options]);
  }
  inherit(PassThrough, Transform);
  PassThrough.prototype._transform = function (chunk, encoding, cb) { cb(null, chunk); };

  // ---- finished, pipeline ----

  function isReadableStream(s) { return !!s && typeof s.pipe === 'function' && typeof s.on === 'function' && s._readableState !== undefined; }
  function isWritableStream(s) { return !!s && typeof s.write === 'function' && typeof s.on === 'function'; }

  function finished(stream, options, callback) {
    if (typeof options === 'function') {
      callback = options;
      options = {};
    }
    options = options || {};
    if (typeof callback !== 'function') {
      throw codedError(TypeErrorCtor, 'ERR_INVALID_ARG_TYPE', 'The "callback" argument must be of type function. Received ' + typeof callback);
    }
    let called = false;
    const done = function (err) {
      if (called) { return; }
      called = true;
      apply(callback, stream, err === undefined ? [] : [err]);
    };
    const r = stream._readableState;
    const w = stream._writableState;
    const readable = options.readable !== undefined ? options.readable :
      (r ? r.readable !== false && !(w && r.ended && r.endEmitted && !r.buffer) : isReadableStream(stream));
    const writable = options.writable !== undefined ? options.writable :
      (w ? w.writable !== false : (!r && isWritableStream(stream)));
    let readableDone = !readable || (r && r.endEmitted);
    let writableDone = !writable || (w && w.finished);
    function onfinish() {
      writableDone = true;
      if (!readable || readableDone) { done(); }
    }
    function onend() {
      readableDone = true;
      if (!writable || writableDone) { done(); }
    }
    function onerror(err) { done(err); }
    function onclose() {
      const err = (r && r.errored) || (w && w.errored);
      if (err) { done(err); return; }
      if ((readable && !readableDone) || (writable && !writableDone)) {
        done(codedError(I.Error, 'ERR_STREAM_PREMATURE_CLOSE', 'Premature close'));
        return;
      }
      done();
    }
    stream.on('end', onend);
    stream.on('finish', onfinish);
    if (options.error !== false) { stream.on('error', onerror); }
    stream.on('close', onclose);
    const erroredAlready = (r && r.errored) || (w && w.errored);
    if (erroredAlready && ((r && r.errorEmitted) || (w && w.errorEmitted))) {
      nextTick(done, erroredAlready);
    } else if ((r && r.closed) || (w && w.closed)) {
      nextTick(onclose);
    } else if (readableDone && writableDone && (r || w)) {
      nextTick(done);
    }
    return function cleanup() {
      stream.removeListener('end', onend);
      stream.removeListener('finish', onfinish);
      stream.removeListener('error', onerror);
      stream.removeListener('close', onclose);
    };
  }

  function pipeline(...streams) {
    let callback = streams.length && typeof streams[streams.length - 1] === 'function' ? streams.pop() : null;
    if (streams.length === 1 && I.isArray(streams[0])) { streams = streams[0]; }
    if (!callback) {
      throw codedError(TypeErrorCtor, 'ERR_INVALID_ARG_TYPE', 'The "streams[stream.length - 1]" argument must be of type function. Received undefined');
    }
    if (streams.length < 2) {
      throw codedError(TypeErrorCtor, 'ERR_MISSING_ARGS', 'The "streams" argument must be specified');
    }
    for (let i = 0; i < streams.length; i++) {
      const s = streams[i];
      if (i === 0 && !(s && typeof s.on === 'function') && s && (typeof s[I.Symbol.asyncIterator] === 'function' || typeof s[I.Symbol.iterator] === 'function')) {
        streams[0] = Readable.from(s);
      } else if (!s || typeof s.on !== 'function') {
        throw codedError(TypeErrorCtor, 'ERR_INVALID_ARG_TYPE', 'pipeline: every argument but the last callback must be a stream (mfactl supports streams and an iterable source)');
      }
    }
    let error;
    let pending = streams.length;
    let ended = false;
    function finishAll(err) {
      if (err && !error) {
        error = err;
        for (let i = 0; i < streams.length; i++) {
          const s = streams[i];
          if (typeof s.destroy === 'function' && !s.destroyed) { s.destroy(err); }
        }
      }
      if (--pending === 0 || err) {
        if (ended) { return; }
        ended = true;
        const cb = callback;
        callback = null;
        nextTick(function () { cb(error); });
      }
    }
    for (let i = 0; i < streams.length; i++) {
      const s = streams[i];
      const last = i === streams.length - 1;
      finished(s, { readable: last ? undefined : true, writable: i > 0 }, function (err) {
        if (err && err.code === 'ERR_STREAM_PREMATURE_CLOSE' && !last && s._readableState && s._readableState.ended) {
          err = undefined;
        }
        finishAll(err);
      });
      if (i > 0) {
        streams[i - 1].pipe(s);
      }
    }
    return streams[streams.length - 1];
  }

  const promises = {
    pipeline: function (...streams) {
      return new PromiseCtor(function (resolve, reject) {
        if (streams.length && streams[streams.length - 1] && typeof streams[streams.length - 1] === 'object' &&
          typeof streams[streams.length - 1].on !== 'function' && !I.isArray(streams[streams.length - 1])) {
          streams.pop(); // options
        }
        streams.push(function (err, value) { if (err) { reject(err); } else { resolve(value); } });
        apply(pipeline, undefined, streams);
      });
    },
    finished: function (stream, options) {
      return new PromiseCtor(function (resolve, reject) {
        finished(stream, options, function (err) { if (err) { reject(err); } else { resolve(); } });
      });
    },
  };
  defineProperty(finished, I.Symbol.for('nodejs.util.promisify.custom'), { value: promises.finished, configurable: true });
  defineProperty(pipeline, I.Symbol.for('nodejs.util.promisify.custom'), { value: promises.pipeline, configurable: true });

  function isDisturbed(s) { return !!(s && s._readableState && (s._readableState.dataEmitted || s._readableState.endEmitted || s._readableState.destroyed)); }
  function isErrored(s) { return !!(s && ((s._readableState && s._readableState.errored) || (s._writableState && s._writableState.errored))); }
  function isReadable(s) { return !!(s && s._readableState) && s.readable; }
  function isWritable(s) { return !!(s && s._writableState) && s.writable; }

  Stream.Stream = Stream;
  Stream.Readable = Readable;
  Stream.Writable = Writable;
  Stream.Duplex = Duplex;
  Stream.Transform = Transform;
  Stream.PassThrough = PassThrough;
  Stream.pipeline = pipeline;
  Stream.finished = finished;
  Stream.promises = promises;
  Stream.isDisturbed = isDisturbed;
  Stream.isErrored = isErrored;
  Stream.isReadable = isReadable;
  Stream.isWritable = isWritable;
  Stream.destroy = function (s, err) { if (s && typeof s.destroy === 'function') { s.destroy(err); } };
  Stream.getDefaultHighWaterMark = function (objectMode) { return objectMode ? defaultObjectHWM : defaultHWM; };
  Stream.setDefaultHighWaterMark = function (objectMode, value) { if (!objectMode) { defaultHWM = value; } };
  Stream._isUint8Array = function (v) { return v instanceof host.typed('Uint8Array'); };
  Stream._uint8ArrayToBuffer = function (v) { return Buffer.from(v.buffer, v.byteOffset, v.byteLength); };
  return Stream;
})
