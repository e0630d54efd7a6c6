// Deep equality for util.isDeepStrictEqual and assert (strict and loose), written for mfactl.
(function (host, I, require) {
  'use strict';
  const keys = I.keys;
  const getPrototypeOf = I.getPrototypeOf;
  const is = I.is;
  const apply = I.apply;
  const hasOwn = I.hasOwn;
  const MAX_DEPTH = 500;

  function primitiveEqual(a, b, strict) {
    if (strict) { return is(a, b); }
    return a == b || (a !== a && b !== b); // eslint-disable-line eqeqeq
  }

  function deepEqual(a, b, strict, depth, memo) {
    if (a === b) { return a !== 0 || !strict || is(a, b); }
    const ta = typeof a, tb = typeof b;
    if (a === null || b === null || ta !== 'object' || tb !== 'object') {
      if (ta === 'object' && a !== null || tb === 'object' && b !== null) { return false; }
      return primitiveEqual(a, b, strict);
    }
    if (depth > MAX_DEPTH) { throw new I.RangeError('deep equality: the values nest deeper than mfactl\'s limit of ' + MAX_DEPTH); }
    if (strict && getPrototypeOf(a) !== getPrototypeOf(b)) { return false; }
    const ca = host.className(a), cb = host.className(b);
    if (ca !== cb || I.isArray(a) !== I.isArray(b)) { return false; }
    for (let i = 0; i < memo.length; i++) {
      if (memo[i][0] === a && memo[i][1] === b) { return true; }
    }
    memo[memo.length] = [a, b];
    switch (ca) {
      case 'Date':
        if (apply(I.Date.prototype.getTime, a, []) !== apply(I.Date.prototype.getTime, b, [])) { return false; }
        break;
      case 'RegExp':
        if (a.source !== b.source || a.flags !== b.flags) { return false; }
        break;
      case 'Error':
        if (a.message !== b.message || a.name !== b.name) { return false; }
        break;
      case 'String': case 'Number': case 'Boolean':
        if (!is(a.valueOf(), b.valueOf())) { return false; }
        break;
      case 'ArrayBuffer':
        return deepEqual(new (host.typed('Uint8Array'))(a), new (host.typed('Uint8Array'))(b), strict, depth + 1, memo);
      case 'Map': {
        if (a.size !== b.size) { return false; }
        for (const e of a) {
          if (!b.has(e[0]) || !deepEqual(e[1], b.get(e[0]), strict, depth + 1, memo)) { return false; }
        }
        return true;
      }
      case 'Set': {
        if (a.size !== b.size) { return false; }
        for (const v of a) {
          if (b.has(v)) { continue; }
          if (typeof v !== 'object' || v === null) { return false; }
          let found = false;
          for (const w of b) {
            if (typeof w === 'object' && w !== null && deepEqual(v, w, strict, depth + 1, memo)) { found = true; break; }
          }
          if (!found) { return false; }
        }
        return true;
      }
    }
    const ka = keys(a), kb = keys(b);
    if (ka.length !== kb.length) { return false; }
    for (let i = 0; i < ka.length; i++) {
      if (!apply(hasOwn, b, [ka[i]])) { return false; }
    }
    for (let i = 0; i < ka.length; i++) {
      if (!deepEqual(a[ka[i]], b[ka[i]], strict, depth + 1, memo)) { return false; }
    }
    return true;
  }

  return {
    deepEqual: function (a, b, strict) { return deepEqual(a, b, strict, 0, []); },
  };
})
