// Web globals of Node 22 that Actions use: queueMicrotask, structuredClone, DOMException, Event,
// EventTarget, AbortController, AbortSignal, TextEncoder, TextDecoder, Headers, Request, Response.
// Written for mfactl; built on first use with the intrinsics the prelude took before the Action ran.
(function (host, I, require) {
  'use strict';
  const apply = I.apply;
  const defineProperty = I.defineProperty;
  const keys = I.keys;
  const PromiseCtor = I.Promise;
  const TypeErrorCtor = I.TypeError;
  const RangeErrorCtor = I.RangeError;
  const MapCtor = I.Map;
  const SetCtor = I.Set;
  const StringCtor = I.String;
  const SymbolCtor = I.Symbol;

  const resolved = I.promiseResolve;
  const rejected = I.promiseReject;

  function queueMicrotask(callback) {
    if (typeof callback !== 'function') {
      throw new TypeErrorCtor('The "callback" argument must be of type function. Received ' + typeof callback);
    }
    I.promiseThen(resolved(undefined), function () {
      try { callback(); } catch (e) { host.uncaught(e); }
    });
  }

  function nextTick(callback, ...args) {
    if (typeof callback !== 'function') {
      throw new TypeErrorCtor('The "callback" argument must be of type function. Received ' + typeof callback);
    }
    I.promiseThen(resolved(undefined), function () {
      try { apply(callback, undefined, args); } catch (e) { host.uncaught(e); }
    });
  }

  const DOM_CODES = { IndexSizeError: 1, HierarchyRequestError: 3, InvalidCharacterError: 5, NotFoundError: 8,
    NotSupportedError: 9, InvalidStateError: 11, SyntaxError: 12, TypeMismatchError: 17, SecurityError: 18,
    NetworkError: 19, AbortError: 20, QuotaExceededError: 22, TimeoutError: 23, DataCloneError: 25 };

  class DOMException extends I.Error {
    constructor(message, options) {
      super(message === undefined ? '' : StringCtor(message));
      let name = 'Error';
      if (options !== null && typeof options === 'object') {
        if (options.name !== undefined) { name = StringCtor(options.name); }
        if ('cause' in options) { defineProperty(this, 'cause', { value: options.cause, writable: true, configurable: true }); }
      } else if (options !== undefined) {
        name = StringCtor(options);
      }
      defineProperty(this, 'name', { value: name, writable: true, configurable: true });
      defineProperty(this, 'code', { value: DOM_CODES[name] || 0, writable: true, configurable: true });
    }
  }

  // ---- events ----

  const kStop = SymbolCtor('stop');
  const kListeners = SymbolCtor('listeners');

  class Event {
    constructor(type, options) {
      if (arguments.length === 0) { throw new TypeErrorCtor('The "type" argument must be specified'); }
      const o = options || {};
      this.type = StringCtor(type);
      this.bubbles = !!o.bubbles;
      this.cancelable = !!o.cancelable;
      this.composed = !!o.composed;
      this.defaultPrevented = false;
      this.isTrusted = false;
      this.target = null;
      this.currentTarget = null;
      this.timeStamp = 0;
      this[kStop] = false;
    }
    preventDefault() { if (this.cancelable) { this.defaultPrevented = true; } }
    stopImmediatePropagation() { this[kStop] = true; }
    stopPropagation() {}
  }

  class EventTarget {
    constructor() { this[kListeners] = new MapCtor(); }
    addEventListener(type, listener, options) {
      if (listener === null || listener === undefined) { return; }
      const once = options !== null && typeof options === 'object' && !!options.once;
      const list = this[kListeners].get(StringCtor(type)) || [];
      for (let i = 0; i < list.length; i++) { if (list[i].listener === listener) { return; } }
      list[list.length] = { listener: listener, once: once };
      this[kListeners].set(StringCtor(type), list);
      const signal = options !== null && typeof options === 'object' ? options.signal : undefined;
      if (signal) {
        const target = this;
        signal.addEventListener('abort', function () { target.removeEventListener(type, listener); }, { once: true });
      }
    }
    removeEventListener(type, listener) {
      const list = this[kListeners].get(StringCtor(type));
      if (!list) { return; }
      const kept = [];
      for (let i = 0; i < list.length; i++) { if (list[i].listener !== listener) { kept[kept.length] = list[i]; } }
      this[kListeners].set(StringCtor(type), kept);
    }
    dispatchEvent(event) {
      if (!(event instanceof Event)) { throw new TypeErrorCtor('The "event" argument must be an instance of Event.'); }
      event.target = this;
      event.currentTarget = this;
      const handler = this['on' + event.type];
      const list = (this[kListeners].get(event.type) || []);
      const calls = [];
      if (typeof handler === 'function') { calls[0] = { listener: handler, once: false }; }
      for (let i = 0; i < list.length; i++) { calls[calls.length] = list[i]; }
      for (let i = 0; i < calls.length; i++) {
        const l = calls[i];
        if (l.once) { this.removeEventListener(event.type, l.listener); }
        try {
          if (typeof l.listener === 'function') { apply(l.listener, this, [event]); } else { l.listener.handleEvent(event); }
        } catch (e) {
          host.uncaught(e);
        }
        if (event[kStop]) { break; }
      }
      event.currentTarget = null;
      return !event.defaultPrevented;
    }
  }

  const kCreate = SymbolCtor('create');

  function abortSignal(signal, reason) {
    if (signal.aborted) { return; }
    defineProperty(signal, 'aborted', { value: true, configurable: true });
    defineProperty(signal, 'reason', { value: reason === undefined ? new DOMException('This operation was aborted', 'AbortError') : reason, configurable: true });
    signal.dispatchEvent(new Event('abort'));
  }

  class AbortSignal extends EventTarget {
    constructor(key) {
      if (key !== kCreate) { throw new TypeErrorCtor('Illegal constructor'); }
      super();
      defineProperty(this, 'aborted', { value: false, configurable: true });
      defineProperty(this, 'reason', { value: undefined, configurable: true });
      this.onabort = null;
    }
    throwIfAborted() { if (this.aborted) { throw this.reason; } }
    static abort(reason) {
      const s = new AbortSignal(kCreate);
      abortSignal(s, reason);
      return s;
    }
    static timeout(ms) {
      const s = new AbortSignal(kCreate);
      host.setTimeout(function () { abortSignal(s, new DOMException('The operation was aborted due to timeout', 'TimeoutError')); }, ms);
      return s;
    }
    static any(signals) {
      const s = new AbortSignal(kCreate);
      for (const x of signals) {
        if (x.aborted) { abortSignal(s, x.reason); return s; }
      }
      for (const x of signals) {
        x.addEventListener('abort', function () { abortSignal(s, x.reason); }, { once: true });
      }
      return s;
    }
  }

  class AbortController {
    constructor() { defineProperty(this, 'signal', { value: new AbortSignal(kCreate), enumerable: true }); }
    abort(reason) { abortSignal(this.signal, reason); }
  }

  // ---- text ----

  const kFatal = SymbolCtor('fatal');
  const kBOM = SymbolCtor('ignoreBOM');

  class TextEncoder {
    get encoding() { return 'utf-8'; }
    encode(input) { return host.utf8Encode(input === undefined ? '' : input); }
    encodeInto(source, destination) {
      const done = host.utf8EncodeInto(source, destination);
      return { read: done[0], written: done[1] };
    }
  }

  class TextDecoder {
    constructor(label, options) {
      const l = label === undefined ? 'utf-8' : StringCtor(label).trim().toLowerCase();
      if (l !== 'utf-8' && l !== 'utf8' && l !== 'unicode-1-1-utf-8') {
        throw new RangeErrorCtor('The "' + l + '" encoding is not supported (mfactl decodes utf-8 only)');
      }
      this[kFatal] = !!(options && options.fatal);
      this[kBOM] = !!(options && options.ignoreBOM);
    }
    get encoding() { return 'utf-8'; }
    get fatal() { return this[kFatal]; }
    get ignoreBOM() { return this[kBOM]; }
    decode(input) {
      if (input === undefined) { return ''; }
      return host.utf8Decode(input, this[kFatal], this[kBOM]);
    }
  }

  // ---- structuredClone ----

  const MAX_CLONE_VALUES = 131072;
  const MAX_CLONE_DEPTH = 500;
  const ERRORS = { Error: I.Error, TypeError: I.TypeError, RangeError: I.RangeError };

  function cannotClone(what) {
    return new DOMException(what + ' could not be cloned.', 'DataCloneError');
  }

  function structuredClone(value, options) {
    if (arguments.length === 0) { throw new TypeErrorCtor('The "value" argument must be specified'); }
    const seen = new MapCtor();
    let count = 0;
    function clone(v, depth) {
      const t = typeof v;
      if (t === 'symbol') { throw cannotClone(StringCtor(v)); }
      if (t === 'function') { throw cannotClone(host.inspect(v, 0)); }
      if (v === null || t !== 'object') { return v; }
      if (seen.has(v)) { return seen.get(v); }
      if (++count > MAX_CLONE_VALUES) { throw new RangeErrorCtor('structuredClone: more than mfactl\'s limit of ' + MAX_CLONE_VALUES + ' values'); }
      if (depth > MAX_CLONE_DEPTH) { throw new RangeErrorCtor('structuredClone: the value nests deeper than mfactl\'s limit of ' + MAX_CLONE_DEPTH); }
      const cls = host.className(v);
      let out;
      switch (cls) {
        case 'Date':
          out = new I.Date(apply(I.Date.prototype.getTime, v, []));
          seen.set(v, out);
          return out;
        case 'RegExp':
          out = new I.RegExp(v.source, v.flags);
          seen.set(v, out);
          return out;
        case 'String': case 'Number': case 'Boolean':
          out = I.Object(v.valueOf());
          seen.set(v, out);
          return out;
        case 'ArrayBuffer':
          out = host.copyBuffer(v);
          seen.set(v, out);
          return out;
        case 'TypedArray': {
          const name = host.isBuffer(v) ? 'Uint8Array' : I.getPrototypeOf(I.getPrototypeOf(v)) && v.constructor && v.constructor.name;
          const C = host.typed(typeof name === 'string' ? name : 'Uint8Array') || host.typed('Uint8Array');
          out = new C(v);
          seen.set(v, out);
          return out;
        }
        case 'Map':
          out = new MapCtor();
          seen.set(v, out);
          for (const entry of v) { out.set(clone(entry[0], depth + 1), clone(entry[1], depth + 1)); }
          return out;
        case 'Set':
          out = new SetCtor();
          seen.set(v, out);
          for (const item of v) { out.add(clone(item, depth + 1)); }
          return out;
        case 'Error': {
          const C = ERRORS[v.name] || I.Error;
          out = new C(v.message);
          seen.set(v, out);
          if (v.stack !== undefined) { defineProperty(out, 'stack', { value: v.stack, writable: true, configurable: true }); }
          if ('cause' in v) { defineProperty(out, 'cause', { value: clone(v.cause, depth + 1), writable: true, configurable: true }); }
          return out;
        }
        case 'Array':
          if (v.length > MAX_CLONE_VALUES) { throw new RangeErrorCtor('structuredClone: more than mfactl\'s limit of ' + MAX_CLONE_VALUES + ' values'); }
          out = [];
          out.length = v.length;
          break;
        case 'Object':
          out = {};
          break;
        default:
          throw cannotClone(cls === 'Promise' ? '#<Promise>' : '#<' + cls + '>');
      }
      seen.set(v, out);
      const ks = keys(v);
      for (let i = 0; i < ks.length; i++) {
        if (++count > MAX_CLONE_VALUES) { throw new RangeErrorCtor('structuredClone: more than mfactl\'s limit of ' + MAX_CLONE_VALUES + ' values'); }
        out[ks[i]] = clone(v[ks[i]], depth + 1);
      }
      return out;
    }
    return clone(value, 0);
  }

  // ---- Headers, Request, Response (fetch stays unavailable) ----

  function headerName(name) {
    const n = StringCtor(name);
    if (n.length === 0) { throw new TypeErrorCtor('Header name must be a valid HTTP token ["' + n + '"]'); }
    for (let i = 0; i < n.length; i++) {
      const c = n.charCodeAt(i);
      const ok = c > 32 && c < 127 && '"(),/:;<=>?@[\\]{}'.indexOf(n[i]) < 0;
      if (!ok) { throw new TypeErrorCtor('Header name must be a valid HTTP token ["' + n + '"]'); }
    }
    return n.toLowerCase();
  }
  function headerValue(value) {
    const v = StringCtor(value).trim();
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      if (c === 0 || c === 10 || c === 13) { throw new TypeErrorCtor('Invalid header value "' + v + '"'); }
    }
    return v;
  }

  const kHeaders = SymbolCtor('headers');
  // A Response's headers keep host.http's answer (names and values from index 4) and make their
  // map when first read: most Actions never read a response's headers.
  const kAnswer = SymbolCtor('answer');
  function mapOf(h) {
    let map = h[kHeaders];
    if (map === undefined) {
      const answer = h[kAnswer];
      map = new MapCtor();
      for (let i = 4; i < answer.length; i += 2) {
        const list = map.get(answer[i]);
        if (list) { list[list.length] = answer[i + 1]; } else { map.set(answer[i], [answer[i + 1]]); }
      }
      h[kHeaders] = map;
    }
    return map;
  }

  class Headers {
    constructor(init) {
      this[kHeaders] = new MapCtor();
      if (init === undefined || init === null) { return; }
      if (typeof init !== 'object' && typeof init !== 'function') {
        throw new TypeErrorCtor('Failed to construct \'Headers\': The provided value is not of type \'(record<ByteString, ByteString> or sequence<sequence<ByteString>>)\'.');
      }
      if (init instanceof Headers || typeof init[I.Symbol.iterator] === 'function') {
        for (const pair of init) {
          if (pair.length !== 2) { throw new TypeErrorCtor('Headers constructor: expected name/value pair to be length 2, found ' + pair.length + '.'); }
          this.append(pair[0], pair[1]);
        }
        return;
      }
      const ks = keys(init);
      for (let i = 0; i < ks.length; i++) { this.append(ks[i], init[ks[i]]); }
    }
    append(name, value) {
      const n = headerName(name);
      const list = mapOf(this).get(n) || [];
      list[list.length] = headerValue(value);
      mapOf(this).set(n, list);
    }
    delete(name) { mapOf(this).delete(headerName(name)); }
    get(name) {
      const list = mapOf(this).get(headerName(name));
      return list ? list.join(', ') : null;
    }
    getSetCookie() { return (mapOf(this).get('set-cookie') || []).slice(); }
    has(name) { return mapOf(this).has(headerName(name)); }
    set(name, value) { mapOf(this).set(headerName(name), [headerValue(value)]); }
    forEach(callback, thisArg) {
      const entries = this.entries();
      for (const e of entries) { apply(callback, thisArg, [e[1], e[0], this]); }
    }
    *entries() {
      const names = [];
      for (const k of mapOf(this).keys()) { names[names.length] = k; }
      names.sort();
      for (let i = 0; i < names.length; i++) {
        const list = mapOf(this).get(names[i]);
        if (list === undefined) { continue; }
        if (names[i] === 'set-cookie') {
          for (let j = 0; j < list.length; j++) { yield [names[i], list[j]]; }
        } else {
          yield [names[i], list.join(', ')];
        }
      }
    }
    *keys() { for (const e of this.entries()) { yield e[0]; } }
    *values() { for (const e of this.entries()) { yield e[1]; } }
    [I.Symbol.iterator]() { return this.entries(); }
  }

  const kBody = SymbolCtor('body');
  const kUsed = SymbolCtor('used');

  // bodyOf is [text or bytes, content type] for a body init.
  function bodyOf(body) {
    if (body === undefined || body === null) { return [null, null]; }
    if (typeof body === 'string') { return [body, 'text/plain;charset=UTF-8']; }
    const cls = host.className(body);
    if (cls === 'ArrayBuffer' || cls === 'TypedArray' || cls === 'DataView') { return [host.newBuffer(body), null]; }
    const url = host.builtin('url');
    if (body instanceof url.URLSearchParams) { return [StringCtor(body), 'application/x-www-form-urlencoded;charset=UTF-8']; }
    return [StringCtor(body), 'text/plain;charset=UTF-8'];
  }

  // takeBody is a message's body, marked as read (a second read throws, as in Node).
  function takeBody(message) {
    if (message[kUsed]) { throw new TypeErrorCtor('Body is unusable: Body has already been read'); }
    if (message[kBody] !== null) { message[kUsed] = true; }
    return message[kBody];
  }
  function readBody(message) {
    try {
      return resolved(takeBody(message));
    } catch (e) {
      return rejected(e);
    }
  }
  function asText(b) {
    if (b === null) { return ''; }
    return typeof b === 'string' ? b : host.utf8Decode(b, false, false);
  }

  const bodyMethods = {
    text() { return I.promiseThen(readBody(this), asText); },
    json() {
      try {
        return resolved(I.parse(asText(takeBody(this))));
      } catch (e) {
        return rejected(e);
      }
    },
    arrayBuffer() {
      return I.promiseThen(readBody(this), function (b) {
        if (b === null) { return host.copyBuffer(host.utf8Encode('').buffer); }
        return typeof b === 'string' ? host.utf8Encode(b).buffer : host.copyBuffer(b.buffer).slice(b.byteOffset, b.byteOffset + b.byteLength);
      });
    },
    bytes() {
      return I.promiseThen(readBody(this), function (b) { return b === null ? host.utf8Encode('') : (typeof b === 'string' ? host.utf8Encode(b) : host.utf8Encode(asText(b))); });
    },
  };
  // json() of a body that is text or nothing is answered in Go (jsrt/fetch.go), which calls this
  // one for the rest.
  bodyMethods.json = host.bodyJSON(kBody, kUsed, I.parse, bodyMethods.json);
  function withBody(C) {
    const names = keys(bodyMethods);
    for (let i = 0; i < names.length; i++) {
      defineProperty(C.prototype, names[i], { value: bodyMethods[names[i]], writable: true, configurable: true });
    }
    defineProperty(C.prototype, 'bodyUsed', { get() { return !!this[kUsed]; }, configurable: true });
    defineProperty(C.prototype, 'body', { get() { return this[kBody] === null ? null : host.utf8Encode(asText(this[kBody])); }, configurable: true });
  }

  const METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH'];

  class Request {
    constructor(input, init) {
      const o = init || {};
      const url = host.builtin('url');
      let base = null;
      if (input instanceof Request) { base = input; }
      let href;
      try {
        href = StringCtor(new url.URL(base ? base.url : StringCtor(input)));
      } catch (e) {
        throw new TypeErrorCtor('Failed to parse URL from ' + StringCtor(input));
      }
      let method = o.method !== undefined ? StringCtor(o.method) : (base ? base.method : 'GET');
      if (METHODS.indexOf(method.toUpperCase()) >= 0) { method = method.toUpperCase(); }
      defineProperty(this, 'url', { value: href, enumerable: true });
      defineProperty(this, 'method', { value: method, enumerable: true });
      defineProperty(this, 'headers', { value: new Headers(o.headers !== undefined ? o.headers : (base ? base.headers : undefined)), enumerable: true });
      const body = bodyOf(o.body !== undefined ? o.body : (base ? base[kBody] : null));
      if (body[0] !== null && (method === 'GET' || method === 'HEAD')) {
        throw new TypeErrorCtor('Request with GET/HEAD method cannot have body.');
      }
      if (body[1] !== null && !this.headers.has('content-type')) { this.headers.set('content-type', body[1]); }
      this[kBody] = body[0];
      this[kUsed] = false;
      defineProperty(this, 'signal', { value: o.signal || (base ? base.signal : new AbortController().signal), enumerable: true });
      this.redirect = o.redirect || 'follow';
      this.credentials = o.credentials || 'same-origin';
      this.mode = o.mode || 'cors';
      this.cache = o.cache || 'default';
      this.keepalive = !!o.keepalive;
    }
    clone() { return new Request(this); }
  }
  withBody(Request);

  class Response {
    constructor(body, init) {
      const o = init || {};
      const status = o.status === undefined ? 200 : o.status;
      if (typeof status !== 'number' || status < 200 || status > 599 || status !== Math.floor(status)) {
        throw new RangeErrorCtor('init["status"] must be in the range of 200 to 599, inclusive.');
      }
      defineProperty(this, 'status', { value: status, enumerable: true });
      defineProperty(this, 'statusText', { value: o.statusText === undefined ? '' : StringCtor(o.statusText), enumerable: true });
      defineProperty(this, 'ok', { value: status >= 200 && status < 300, enumerable: true });
      defineProperty(this, 'headers', { value: new Headers(o.headers), enumerable: true });
      defineProperty(this, 'type', { value: 'default', enumerable: true, configurable: true });
      defineProperty(this, 'url', { value: '', enumerable: true, configurable: true });
      defineProperty(this, 'redirected', { value: false, enumerable: true });
      const b = bodyOf(body);
      if (b[1] !== null && !this.headers.has('content-type')) { this.headers.set('content-type', b[1]); }
      this[kBody] = b[0];
      this[kUsed] = false;
    }
    clone() {
      if (this[kUsed]) { throw new TypeErrorCtor('Response.clone: Body has already been consumed.'); }
      const r = new Response(null, { status: this.status, statusText: this.statusText, headers: this.headers });
      r[kBody] = this[kBody];
      return r;
    }
    static json(data, init) {
      const o = init || {};
      const headers = new Headers(o.headers);
      if (!headers.has('content-type')) { headers.set('content-type', 'application/json'); }
      return new Response(I.stringify(data), { status: o.status, statusText: o.statusText, headers: headers });
    }
    static error() {
      const r = new Response(null, { status: 200 });
      defineProperty(r, 'type', { value: 'error' });
      defineProperty(r, 'status', { value: 0 });
      defineProperty(r, 'ok', { value: false });
      return r;
    }
    static redirect(url, status) {
      const s = status === undefined ? 302 : status;
      if ([301, 302, 303, 307, 308].indexOf(s) < 0) { throw new RangeErrorCtor('Invalid status code ' + s); }
      return new Response(null, { status: s, headers: { location: StringCtor(new (host.builtin('url').URL)(StringCtor(url))) } });
    }
  }
  withBody(Response);

  // answered is the Response fetch resolves with (node/fetch.js): what the constructor would make of
  // a text body and header pairs that the host already checked, without its checks and conversions.
  const responseProto = Response.prototype;
  const headersProto = Headers.prototype;
  // One descriptor, private to this script, is filled for each property: a literal per property
  // would make seven objects for every request.
  const desc = { value: undefined, enumerable: true, configurable: false };
  function define(o, name, value, configurable) {
    desc.value = value;
    desc.configurable = configurable;
    defineProperty(o, name, desc);
  }
  // answer is host.http's: header names and values from index 4.
  function answered(status, statusText, answer, body, url) {
    const headers = I.create(headersProto);
    headers[kAnswer] = answer;
    const res = I.create(responseProto);
    define(res, 'status', status, false);
    define(res, 'statusText', statusText, false);
    define(res, 'ok', status >= 200 && status < 300, false);
    define(res, 'headers', headers, false);
    define(res, 'type', 'basic', true);
    define(res, 'url', url, true);
    define(res, 'redirected', false, false);
    desc.value = undefined;
    res[kBody] = body;
    res[kUsed] = false;
    return res;
  }

  return {
    answered: answered,
    // For fetch's Go half (jsrt/fetch.go), which makes the Response answered makes.
    internals: { responseProto: responseProto, headersProto: headersProto, kAnswer: kAnswer, kBody: kBody, kUsed: kUsed },
    queueMicrotask: queueMicrotask, nextTick: nextTick, structuredClone: structuredClone, DOMException: DOMException,
    Event: Event, EventTarget: EventTarget, AbortController: AbortController, AbortSignal: AbortSignal,
    TextEncoder: TextEncoder, TextDecoder: TextDecoder, Headers: Headers, Request: Request, Response: Response,
  };
})
