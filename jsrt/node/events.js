// The events module: EventEmitter and events.once, written for mfactl.
(function (host, I, require) {
  'use strict';
  const apply = I.apply;
  const create = I.create;
  const TypeErrorCtor = I.TypeError;
  const PromiseCtor = I.Promise;

  function checkListener(listener) {
    if (typeof listener !== 'function') {
      throw new TypeErrorCtor('The "listener" argument must be of type function. Received ' + (listener === null ? 'null' : typeof listener));
    }
  }

  function EventEmitter(opts) {
    EventEmitter.init.call(this, opts);
  }
  EventEmitter.EventEmitter = EventEmitter;
  EventEmitter.defaultMaxListeners = 10;
  EventEmitter.captureRejections = false;
  EventEmitter.errorMonitor = I.Symbol('events.errorMonitor');
  EventEmitter.init = function () {
    if (this._events === undefined || this._events === I.getPrototypeOf(this)._events) {
      this._events = create(null);
      this._eventsCount = 0;
    }
    this._maxListeners = this._maxListeners || undefined;
  };

  function events(emitter) {
    if (emitter._events === undefined) { EventEmitter.init.call(emitter); }
    return emitter._events;
  }

  function add(emitter, type, listener, prepend) {
    checkListener(listener);
    const evs = events(emitter);
    if (evs.newListener !== undefined) {
      emitter.emit('newListener', type, listener.listener ? listener.listener : listener);
    }
    const list = evs[type];
    if (list === undefined) {
      evs[type] = [listener];
      emitter._eventsCount++;
    } else if (prepend) {
      list.unshift(listener);
    } else {
      list[list.length] = listener;
    }
    return emitter;
  }

  function onceWrapper(emitter, type, listener) {
    const state = { fired: false };
    function wrapped(...args) {
      if (state.fired) { return undefined; }
      state.fired = true;
      emitter.removeListener(type, wrapped);
      return apply(listener, emitter, args);
    }
    wrapped.listener = listener;
    return wrapped;
  }

  const proto = EventEmitter.prototype;
  proto._events = undefined;
  proto._eventsCount = 0;
  proto._maxListeners = undefined;
  proto.setMaxListeners = function (n) { this._maxListeners = n; return this; };
  proto.getMaxListeners = function () { return this._maxListeners === undefined ? EventEmitter.defaultMaxListeners : this._maxListeners; };
  proto.on = proto.addListener = function (type, listener) { return add(this, type, listener, false); };
  proto.prependListener = function (type, listener) { return add(this, type, listener, true); };
  proto.once = function (type, listener) { checkListener(listener); return add(this, type, onceWrapper(this, type, listener), false); };
  proto.prependOnceListener = function (type, listener) { checkListener(listener); return add(this, type, onceWrapper(this, type, listener), true); };
  proto.off = proto.removeListener = function (type, listener) {
    checkListener(listener);
    const evs = events(this);
    const list = evs[type];
    if (list === undefined) { return this; }
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i] === listener || list[i].listener === listener) {
        list.splice(i, 1);
        if (list.length === 0) { delete evs[type]; this._eventsCount--; }
        if (evs.removeListener !== undefined) { this.emit('removeListener', type, listener); }
        break;
      }
    }
    return this;
  };
  proto.removeAllListeners = function (type) {
    const evs = events(this);
    if (type === undefined) {
      this._events = create(null);
      this._eventsCount = 0;
    } else if (evs[type] !== undefined) {
      delete evs[type];
      this._eventsCount--;
    }
    return this;
  };
  proto.emit = function (type, ...args) {
    const evs = events(this);
    if (type === 'error' && evs[EventEmitter.errorMonitor] !== undefined) {
      apply(proto.emit, this, [EventEmitter.errorMonitor, ...args]);
    }
    const list = evs[type];
    if (list === undefined) {
      if (type === 'error') {
        const err = args[0];
        if (err instanceof I.Error) { throw err; }
        const e = new I.Error('Unhandled error. (' + host.inspect(err, 2) + ')');
        e.code = 'ERR_UNHANDLED_ERROR';
        e.context = err;
        throw e;
      }
      return false;
    }
    const handlers = list.slice();
    for (let i = 0; i < handlers.length; i++) { apply(handlers[i], this, args); }
    return true;
  };
  proto.listenerCount = function (type) {
    const list = events(this)[type];
    return list === undefined ? 0 : list.length;
  };
  proto.listeners = function (type) {
    const list = events(this)[type] || [];
    return list.map((l) => l.listener || l);
  };
  proto.rawListeners = function (type) { return (events(this)[type] || []).slice(); };
  proto.eventNames = function () { return I.keys(events(this)); };

  EventEmitter.listenerCount = function (emitter, type) { return emitter.listenerCount(type); };

  EventEmitter.once = function (emitter, name, options) {
    return new PromiseCtor(function (resolve, reject) {
      const signal = options && options.signal;
      if (signal && signal.aborted) {
        const e = new I.Error('The operation was aborted');
        e.name = 'AbortError';
        e.code = 'ABORT_ERR';
        e.cause = signal.reason;
        reject(e);
        return;
      }
      if (typeof emitter.addEventListener === 'function' && typeof emitter.on !== 'function') {
        emitter.addEventListener(name, function (ev) { resolve([ev]); }, { once: true });
        return;
      }
      function onError(err) {
        emitter.removeListener(name, onEvent);
        reject(err);
      }
      function onEvent(...args) {
        if (name !== 'error') { emitter.removeListener('error', onError); }
        resolve(args);
      }
      emitter.once(name, onEvent);
      if (name !== 'error') { emitter.once('error', onError); }
    });
  };
  EventEmitter.default = EventEmitter;
  return EventEmitter;
})
