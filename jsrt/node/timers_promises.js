// The timers/promises module on mfactl's simulated clock, written for mfactl.
(function (host, I, require) {
  'use strict';
  const PromiseCtor = I.Promise;

  function aborted(signal) {
    const e = new I.Error('The operation was aborted');
    e.name = 'AbortError';
    e.code = 'ABORT_ERR';
    e.cause = signal.reason;
    return e;
  }

  function setTimeout(delay, value, options) {
    return new PromiseCtor(function (resolve, reject) {
      const signal = options && options.signal;
      if (signal && signal.aborted) { reject(aborted(signal)); return; }
      const id = host.setTimeout(function () { resolve(value); }, delay);
      if (signal) {
        signal.addEventListener('abort', function () { host.clearTimeout(id); reject(aborted(signal)); }, { once: true });
      }
    });
  }

  function setImmediate(value, options) { return setTimeout(0, value, options); }

  // setInterval is an async iterator that yields value every delay ms (goja has no async generators).
  function setInterval(delay, value, options) {
    const it = {
      next: function () { return I.apply(I.then, setTimeout(delay, value, options), [function (v) { return { value: v, done: false }; }]); },
      return: function () { return I.apply(I.resolve, PromiseCtor, [{ value: undefined, done: true }]); },
    };
    it[I.Symbol.asyncIterator] = function () { return it; };
    return it;
  }

  return {
    setTimeout: setTimeout,
    setImmediate: setImmediate,
    setInterval: setInterval,
    scheduler: { wait: function (delay, options) { return setTimeout(delay, undefined, options); }, yield: function () { return setImmediate(); } },
  };
})
