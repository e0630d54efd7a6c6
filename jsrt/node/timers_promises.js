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

  async function* setInterval(delay, value, options) {
    for (;;) { yield await setTimeout(delay, value, options); }
  }

  return {
    setTimeout: setTimeout,
    setImmediate: setImmediate,
    setInterval: setInterval,
    scheduler: { wait: function (delay, options) { return setTimeout(delay, undefined, options); }, yield: function () { return setImmediate(); } },
  };
})
