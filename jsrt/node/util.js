// The util module: format and inspect (Go, bounded), promisify, callbackify, inherits, deprecate,
// types, isDeepStrictEqual, TextEncoder and TextDecoder. Written for mfactl.
(function (host, I, require) {
  'use strict';
  const apply = I.apply;
  const defineProperty = I.defineProperty;
  const getPrototypeOf = I.getPrototypeOf;
  const setPrototypeOf = I.setPrototypeOf;
  const PromiseCtor = I.Promise;
  const TypeErrorCtor = I.TypeError;
  const web = host.script('web');
  const deep = host.script('deep');

  function cls(v) { return host.className(v); }
  const AsyncFunctionProto = getPrototypeOf(async function () {});
  const GeneratorFunctionProto = getPrototypeOf(function* () {});

  const types = {
    isDate: (v) => cls(v) === 'Date',
    isRegExp: (v) => cls(v) === 'RegExp',
    isMap: (v) => cls(v) === 'Map',
    isSet: (v) => cls(v) === 'Set',
    isWeakMap: (v) => cls(v) === 'WeakMap',
    isWeakSet: (v) => cls(v) === 'WeakSet',
    isPromise: (v) => cls(v) === 'Promise',
    isNativeError: (v) => cls(v) === 'Error',
    isArrayBuffer: (v) => cls(v) === 'ArrayBuffer',
    isAnyArrayBuffer: (v) => cls(v) === 'ArrayBuffer',
    isTypedArray: (v) => cls(v) === 'TypedArray',
    isUint8Array: (v) => cls(v) === 'TypedArray' && v instanceof host.typed('Uint8Array'),
    isArrayBufferView: (v) => cls(v) === 'TypedArray' || cls(v) === 'DataView',
    isDataView: (v) => cls(v) === 'DataView',
    isBoxedPrimitive: (v) => { const c = cls(v); return c === 'String' || c === 'Number' || c === 'Boolean' || c === 'Symbol'; },
    isAsyncFunction: (v) => typeof v === 'function' && getPrototypeOf(v) === AsyncFunctionProto,
    isGeneratorFunction: (v) => typeof v === 'function' && getPrototypeOf(v) === GeneratorFunctionProto,
    isProxy: () => false,
  };

  const customPromisify = I.Symbol.for('nodejs.util.promisify.custom');

  function promisify(original) {
    if (typeof original !== 'function') {
      throw new TypeErrorCtor('The "original" argument must be of type function. Received ' + typeof original);
    }
    if (typeof original[customPromisify] === 'function') { return original[customPromisify]; }
    function fn(...args) {
      const self = this;
      return new PromiseCtor(function (resolve, reject) {
        args[args.length] = function (err, ...values) {
          if (err) { reject(err); } else { resolve(values.length > 1 ? values : values[0]); }
        };
        apply(original, self, args);
      });
    }
    setPrototypeOf(fn, getPrototypeOf(original));
    defineProperty(fn, customPromisify, { value: fn, configurable: true });
    return fn;
  }
  promisify.custom = customPromisify;

  function callbackify(original) {
    if (typeof original !== 'function') {
      throw new TypeErrorCtor('The "original" argument must be of type function. Received ' + typeof original);
    }
    return function (...args) {
      const cb = args.pop();
      if (typeof cb !== 'function') { throw new TypeErrorCtor('The last argument must be of type function.'); }
      apply(I.then, apply(original, this, args), [
        function (v) { web.nextTick(cb, null, v); },
        function (e) { web.nextTick(cb, e || new I.Error('Promise was rejected with a falsy value')); },
      ]);
    };
  }

  function inherits(ctor, superCtor) {
    if (typeof ctor !== 'function' || typeof superCtor !== 'function' || superCtor.prototype === undefined) {
      throw new TypeErrorCtor('The "ctor" and "superCtor" arguments must be functions with a prototype.');
    }
    defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
    setPrototypeOf(ctor.prototype, superCtor.prototype);
  }

  function deprecate(fn, msg) {
    return function (...args) { return apply(fn, this, args); };
  }

  function inspect(value, options) {
    const depth = options !== null && typeof options === 'object' ? options.depth : undefined;
    return host.inspect(value, depth);
  }
  inspect.custom = I.Symbol.for('nodejs.util.inspect.custom');
  inspect.defaultOptions = { depth: 2 };

  return {
    format: function (...args) { return host.format(args); },
    formatWithOptions: function (options, ...args) { return host.format(args); },
    inspect: inspect,
    promisify: promisify,
    callbackify: callbackify,
    inherits: inherits,
    deprecate: deprecate,
    isDeepStrictEqual: function (a, b) { return deep.deepEqual(a, b, true); },
    isArray: I.isArray,
    types: types,
    TextEncoder: web.TextEncoder,
    TextDecoder: web.TextDecoder,
    stripVTControlCharacters: function (s) { return I.String(s).replace(/\u001b\[[0-9;]*[A-Za-z]/g, ''); },
  };
})
