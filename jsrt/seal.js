// Seals the built-ins of a runtime that runs one Action after another (engine.go): every object
// reachable from the global object (its properties' values, getters and setters, prototypes, and the
// built-ins that only an instance leads to, such as the iterator prototypes) becomes immutable, so
// that nothing one run does to them reaches the next. The global object itself stays open: its own
// properties become non-configurable here, and engine.go puts their values back after every run.
//
// Freezing alone would break ordinary code: assigning err.name, obj.toString or proto.constructor on
// an object that inherits a frozen property fails ("the override mistake"). So every writable
// property of a sealed object becomes an accessor first: reading gives the built-in as before,
// assigning on an object that inherits it defines the object's own property, as assigning to a
// writable property would, and assigning on the built-in itself throws a TypeError that says why.
//
// Returns the global object's own property keys (strings and symbols), their values and whether each
// is writable.
//
// This program runs once per engine, before any Action: it takes the built-ins it uses then and
// returns the sealing function, which engine.go calls for the built-ins and again, during a run, for
// each of mfactl's own scripts it builds on first use (http.go). A run may have replaced the global
// Object or Reflect by then; the sealing function does not look them up. Passed the Set of what is
// already sealed (seen, returned by the first call), a later call walks only what is new.
(function () {
  'use strict';
  const getProto = Object.getPrototypeOf;
  const ownKeys = Reflect.ownKeys;
  const getDesc = Object.getOwnPropertyDescriptor;
  const defineProperty = Object.defineProperty;
  const freeze = Object.freeze;
  const StringCtor = String;
  const TypeErrorCtor = TypeError;
  const SetCtor = Set;
  const MapCtor = Map;
  const iteratorSymbol = Symbol.iterator;
  const matchAllSymbol = Symbol.matchAll;
  const PromiseCtor = Promise;

  // overridableNative(o, key, value, enumerable, owner) makes o[key] that accessor pair and returns
  // [getter, setter]; it throws, on an assignment to o itself, a TypeError naming owner.
  return function seal(global, skip, overridableNative, already) {
    const seen = already === undefined ? new SetCtor(skip) : already;
    for (let i = 0; i < skip.length; i++) { seen.add(skip[i]); }
    seen.add(global);
    const sealed = [];
    const stack = [];
    function visit(v) {
      if (v !== null && (typeof v === 'object' || typeof v === 'function') && !seen.has(v)) {
        seen.add(v);
        sealed.push(v);
        stack.push(v);
      }
    }
    function visitProperties(o, out) {
      const keys = ownKeys(o);
      for (let i = 0; i < keys.length; i++) {
        const d = getDesc(o, keys[i]);
        if (out) {
          out.push(keys[i], d);
        }
        if ('value' in d) {
          visit(d.value);
        } else {
          visit(d.get);
          visit(d.set);
        }
      }
    }
    visitProperties(global);
    visit(getProto(getProto(global)));
    // Built-ins that no property leads to, only an instance (sealed by the first call).
    const anonymous = already !== undefined ? [] : [
      () => getProto([][iteratorSymbol]()),
      () => getProto(new MapCtor().entries()),
      () => getProto(new SetCtor().values()),
      () => getProto(''[iteratorSymbol]()),
      () => getProto(/x/g[matchAllSymbol]('x')),
      () => getProto(function* () {}),
      () => getProto(function* () {}).prototype,
      () => getProto(async function () {}),
      () => getProto([].values().map((x) => x)),
      () => getProto(PromiseCtor.resolve()),
      () => getProto((function () { return arguments; })()),
    ];
    for (let i = 0; i < anonymous.length; i++) {
      try {
        visit(anonymous[i]());
      } catch (e) {
        // This goja has no such built-in.
      }
    }
    const descriptions = new MapCtor();
    while (stack.length > 0) {
      const o = stack.pop();
      visit(getProto(o));
      const out = [];
      visitProperties(o, out);
      descriptions.set(o, out);
    }

    function describe(o) {
      try {
        if (typeof o === 'function' && typeof o.name === 'string' && o.name !== '') {
          return o.name;
        }
        if (typeof o.constructor === 'function' && o.constructor.prototype === o) {
          return o.constructor.name + '.prototype';
        }
      } catch (e) {
        // fall through
      }
      return 'a built-in object';
    }
    for (let i = 0; i < sealed.length; i++) {
      const o = sealed[i];
      const list = descriptions.get(o);
      let owner = null;
      for (let j = 0; j < list.length; j += 2) {
        const d = list[j + 1];
        if ('value' in d && d.writable && d.configurable) {
          // The accessor pair is the engine's (engine.go, overridable): reading a sealed built-in,
          // which every method call on a built-in does, then costs a Go call, not a JavaScript one.
          if (owner === null) { owner = describe(o); }
          const pair = overridableNative(o, list[j], d.value, d.enumerable, owner);
          freeze(pair[0]);
          freeze(pair[1]);
        }
      }
      freeze(o);
    }

    const keys = ownKeys(global);
    const values = [];
    const writable = [];
    for (let i = 0; i < keys.length; i++) {
      const d = getDesc(global, keys[i]);
      if (!('value' in d)) {
        throw new TypeErrorCtor('the global property ' + StringCtor(keys[i]) + ' is an accessor; engine.go puts back only values');
      }
      values.push(d.value);
      writable.push(d.writable);
      if (d.configurable) {
        defineProperty(global, keys[i], { configurable: false });
      }
    }
    return { keys: keys, values: values, writable: writable, sealed: sealed.length, seen: seen };
  };
})
