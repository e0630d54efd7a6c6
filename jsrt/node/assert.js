// The assert module (ok, equal, strictEqual, deepStrictEqual, throws, rejects …) and its
// AssertionError, written for mfactl. Messages follow Node's first line; Node's diffs are not made.
(function (host, I, require) {
  'use strict';
  const apply = I.apply;
  const deep = host.script('deep');
  const PromiseCtor = I.Promise;

  function show(v) { return host.inspect(v, 2); }

  class AssertionError extends I.Error {
    constructor(options) {
      const o = options || {};
      super(o.message === undefined ? 'Failed' : I.String(o.message));
      I.defineProperty(this, 'name', { value: 'AssertionError', writable: true, configurable: true });
      this.code = 'ERR_ASSERTION';
      this.actual = o.actual;
      this.expected = o.expected;
      this.operator = o.operator;
      this.generatedMessage = !o.userMessage;
    }
  }

  function fail(actual, expected, message, operator, generated) {
    if (message instanceof I.Error) { throw message; }
    const userMessage = message !== undefined;
    throw new AssertionError({ actual: actual, expected: expected, operator: operator,
      message: userMessage ? message : generated, userMessage: userMessage });
  }

  function ok(...args) {
    if (args.length === 0) {
      fail(undefined, true, undefined, '==', 'No value argument passed to `assert.ok()`');
    }
    if (!args[0]) {
      fail(args[0], true, args[1], '==', 'The expression evaluated to a falsy value:\n\n  assert.ok(' + show(args[0]) + ')\n');
    }
  }

  function make(strict) {
    const equalOp = strict ? (a, b) => I.is(a, b) : (a, b) => a == b || (a !== a && b !== b); // eslint-disable-line eqeqeq
    const assert = function (...args) { return apply(ok, undefined, args); };
    assert.ok = ok;
    assert.AssertionError = AssertionError;
    assert.fail = function (message) {
      if (message instanceof I.Error) { throw message; }
      throw new AssertionError({ message: message === undefined ? 'Failed' : message, operator: 'fail', userMessage: message !== undefined });
    };
    assert.strictEqual = function (actual, expected, message) {
      if (!I.is(actual, expected)) {
        fail(actual, expected, message, 'strictEqual', 'Expected values to be strictly equal:\n\n' + show(actual) + ' !== ' + show(expected) + '\n');
      }
    };
    assert.notStrictEqual = function (actual, expected, message) {
      if (I.is(actual, expected)) {
        fail(actual, expected, message, 'notStrictEqual', 'Expected "actual" to be strictly unequal to: ' + show(expected));
      }
    };
    assert.deepStrictEqual = function (actual, expected, message) {
      if (!deep.deepEqual(actual, expected, true)) {
        fail(actual, expected, message, 'deepStrictEqual', 'Expected values to be strictly deep-equal:\n' + show(actual) + '\n\nshould equal\n\n' + show(expected));
      }
    };
    assert.notDeepStrictEqual = function (actual, expected, message) {
      if (deep.deepEqual(actual, expected, true)) {
        fail(actual, expected, message, 'notDeepStrictEqual', 'Expected "actual" not to be strictly deep-equal to: ' + show(expected));
      }
    };
    const looseEqual = function (actual, expected, message) {
      if (!equalOp(actual, expected)) {
        fail(actual, expected, message, '==', show(actual) + ' == ' + show(expected));
      }
    };
    const looseNotEqual = function (actual, expected, message) {
      if (equalOp(actual, expected)) {
        fail(actual, expected, message, '!=', show(actual) + ' != ' + show(expected));
      }
    };
    const looseDeep = function (actual, expected, message) {
      if (!deep.deepEqual(actual, expected, strict)) {
        fail(actual, expected, message, 'deepEqual', 'Expected values to be loosely deep-equal:\n\n' + show(actual) + '\n\nshould loosely deep-equal\n\n' + show(expected));
      }
    };
    const looseNotDeep = function (actual, expected, message) {
      if (deep.deepEqual(actual, expected, strict)) {
        fail(actual, expected, message, 'notDeepEqual', '"actual" deepEqual "expected"');
      }
    };
    assert.equal = strict ? assert.strictEqual : looseEqual;
    assert.notEqual = strict ? assert.notStrictEqual : looseNotEqual;
    assert.deepEqual = strict ? assert.deepStrictEqual : looseDeep;
    assert.notDeepEqual = strict ? assert.notDeepStrictEqual : looseNotDeep;
    assert.throws = function (fn, expected, message) {
      if (typeof fn !== 'function') { throw new I.TypeError('The "fn" argument must be of type function.'); }
      let threw = false;
      let err;
      try { fn(); } catch (e) { threw = true; err = e; }
      if (typeof expected === 'string' && message === undefined) { message = expected; expected = undefined; }
      if (!threw) {
        fail(undefined, expected, message, 'throws', 'Missing expected exception' + (typeof expected === 'function' && expected.name ? ' (' + expected.name + ').' : '.'));
      }
      check(err, expected, message, 'throws');
    };
    assert.doesNotThrow = function (fn, expected, message) {
      try { fn(); } catch (e) {
        fail(e, expected, typeof expected === 'string' ? expected : message, 'doesNotThrow', 'Got unwanted exception.\nActual message: "' + (e && e.message) + '"');
      }
    };
    assert.rejects = function (promiseFn, expected, message) {
      return new PromiseCtor(function (resolve, reject) {
        let p;
        try { p = typeof promiseFn === 'function' ? promiseFn() : promiseFn; } catch (e) { reject(e); return; }
        apply(I.then, apply(I.resolve, PromiseCtor, [p]), [function () {
          try {
            if (typeof expected === 'string' && message === undefined) { message = expected; expected = undefined; }
            fail(undefined, expected, message, 'rejects', 'Missing expected rejection' + (typeof expected === 'function' && expected.name ? ' (' + expected.name + ').' : '.'));
          } catch (e) { reject(e); }
        }, function (err) {
          try {
            if (typeof expected === 'string' && message === undefined) { message = expected; expected = undefined; }
            check(err, expected, message, 'rejects');
            resolve();
          } catch (e) { reject(e); }
        }]);
      });
    };
    assert.doesNotReject = function (promiseFn, expected, message) {
      return new PromiseCtor(function (resolve, reject) {
        const p = typeof promiseFn === 'function' ? promiseFn() : promiseFn;
        apply(I.then, apply(I.resolve, PromiseCtor, [p]), [function () { resolve(); }, function (e) {
          try {
            fail(e, expected, typeof expected === 'string' ? expected : message, 'doesNotReject', 'Got unwanted rejection.\nActual message: "' + (e && e.message) + '"');
          } catch (err) { reject(err); }
        }]);
      });
    };
    assert.match = function (string, regexp, message) {
      if (typeof string !== 'string' || !regexp.test(string)) {
        fail(string, regexp, message, 'match', 'The input did not match the regular expression ' + show(regexp) + '. Input:\n\n' + show(string) + '\n');
      }
    };
    assert.doesNotMatch = function (string, regexp, message) {
      if (typeof string === 'string' && regexp.test(string)) {
        fail(string, regexp, message, 'doesNotMatch', 'The input was expected to not match the regular expression ' + show(regexp) + '. Input:\n\n' + show(string) + '\n');
      }
    };
    assert.ifError = function (value) {
      if (value !== null && value !== undefined) {
        if (value instanceof I.Error) { throw value; }
        fail(value, null, undefined, 'ifError', 'ifError got unwanted exception: ' + show(value));
      }
    };
    return assert;
  }

  function check(err, expected, message, operator) {
    if (expected === undefined) { return; }
    if (typeof expected === 'function') {
      if (expected.prototype !== undefined && err instanceof expected) { return; }
      if (I.Error.isPrototypeOf(expected) || expected === I.Error) {
        fail(err, expected, message, operator, 'The error is expected to be an instance of "' + expected.name + '". Received "' + (err && err.constructor && err.constructor.name) + '"');
      }
      if (expected.call({}, err) === true) { return; }
      fail(err, expected, message, operator, 'The validation function is expected to return "true". Received false');
    }
    if (host.className(expected) === 'RegExp') {
      if (expected.test(I.String(err))) { return; }
      fail(err, expected, message, operator, 'The input did not match the regular expression ' + show(expected) + '. Input:\n\n' + show(I.String(err)) + '\n');
    }
    if (typeof expected === 'object' && expected !== null) {
      const ks = I.keys(expected);
      for (let i = 0; i < ks.length; i++) {
        const k = ks[i];
        const want = expected[k];
        const got = err === null || err === undefined ? undefined : err[k];
        const matches = host.className(want) === 'RegExp' && typeof got === 'string' ? want.test(got) : deep.deepEqual(got, want, true);
        if (!matches) {
          fail(err, expected, message, operator, 'Expected values to be strictly deep-equal:\n' + show(got) + '\n\nshould equal\n\n' + show(want) + '\n(property "' + k + '")');
        }
      }
    }
  }

  const assert = make(false);
  assert.strict = make(true);
  assert.strict.strict = assert.strict;
  return assert;
})
