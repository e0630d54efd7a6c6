// The axios module: the part of axios 1.x's API that Actions use, answered by the host's table of
// answers (jsrt/http.go, host.http) instead of the network. Written for mfactl from axios's
// documented behaviour. A sealed engine builds this once and seals it (http.go); make() makes the
// module's exports, the axios instance with its defaults and interceptors, for each run.
(function (host, I, require) {
  'use strict';
  const apply = I.apply;
  const keys = I.keys;
  const isArray = I.isArray;
  const defineProperty = I.defineProperty;
  const getPrototypeOf = I.getPrototypeOf;
  const PromiseCtor = I.Promise;
  const ErrorCtor = I.Error;
  const StringCtor = I.String;
  const ObjectProto = I.Object.prototype;
  const web = host.script('web');

  const resolved = I.promiseResolve;
  const rejected = I.promiseReject;
  const then = I.promiseThen;

  function isPlainObject(v) {
    if (v === null || typeof v !== 'object') { return false; }
    const proto = getPrototypeOf(v);
    return proto === null || proto === ObjectProto;
  }

  const CODES = ['ERR_BAD_OPTION_VALUE', 'ERR_BAD_OPTION', 'ECONNABORTED', 'ETIMEDOUT', 'ERR_NETWORK',
    'ERR_FR_TOO_MANY_REDIRECTS', 'ERR_DEPRECATED', 'ERR_BAD_RESPONSE', 'ERR_BAD_REQUEST', 'ERR_CANCELED',
    'ERR_NOT_SUPPORT', 'ERR_INVALID_URL'];

  class AxiosError extends ErrorCtor {
    constructor(message, code, config, request, response) {
      super(message);
      this.name = 'AxiosError';
      this.isAxiosError = true;
      if (code) { this.code = code; }
      if (config) { this.config = config; }
      if (request) { this.request = request; }
      if (response) {
        this.response = response;
        this.status = response.status;
      }
    }
    toJSON() {
      return {
        message: this.message, name: this.name, stack: this.stack, config: this.config, code: this.code,
        status: this.status === undefined ? null : this.status,
      };
    }
  }
  for (let i = 0; i < CODES.length; i++) { AxiosError[CODES[i]] = CODES[i]; }

  class CanceledError extends AxiosError {
    constructor(message, config, request) {
      super(message === undefined || message === null ? 'canceled' : message, 'ERR_CANCELED', config, request);
      this.name = 'CanceledError';
      this.__CANCEL__ = true;
    }
  }

  function InterceptorManager() { this.handlers = []; }
  InterceptorManager.prototype.use = function (fulfilled, rejectedFn, options) {
    this.handlers[this.handlers.length] = { fulfilled: fulfilled, rejected: rejectedFn,
      synchronous: options ? !!options.synchronous : false, runWhen: options ? options.runWhen : null };
    return this.handlers.length - 1;
  };
  InterceptorManager.prototype.eject = function (id) { if (this.handlers[id]) { this.handlers[id] = null; } };
  InterceptorManager.prototype.clear = function () { this.handlers = []; };
  InterceptorManager.prototype.forEach = function (fn) {
    for (let i = 0; i < this.handlers.length; i++) { if (this.handlers[i] !== null) { fn(this.handlers[i]); } }
  };

  const METHODS = ['delete', 'get', 'head', 'options', 'post', 'put', 'patch'];

  // validateStatus is shared by every run's defaults: sealed with the module (exported for that).
  const validateStatus = (status) => status >= 200 && status < 300;

  function defaults() {
    const headers = { common: { Accept: 'application/json, text/plain, */*' } };
    for (let i = 0; i < METHODS.length; i++) { headers[METHODS[i]] = {}; }
    return {
      headers: headers, timeout: 0, xsrfCookieName: 'XSRF-TOKEN', xsrfHeaderName: 'X-XSRF-TOKEN',
      maxContentLength: -1, maxBodyLength: -1, responseType: 'json',
      transitional: { silentJSONParsing: true, forcedJSONParsing: true, clarifyTimeoutError: false },
      validateStatus: validateStatus,
    };
  }

  // BASE is the defaults as made, for requests of a module instance whose defaults the Action has
  // not touched (make, below); no Action sees it.
  const BASE = defaults();


  // copyHeaders copies one level of headers (a plain object or a Headers); the per-method groups
  // (common, get, post …) stay shared until a merge changes them.
  function copyHeaders(h) {
    const out = {};
    if (h === null || h === undefined) { return out; }
    if (h instanceof web.Headers) {
      for (const pair of h) { out[pair[0]] = pair[1]; }
      return out;
    }
    const ks = keys(h);
    for (let i = 0; i < ks.length; i++) { out[ks[i]] = h[ks[i]]; }
    return out;
  }

  // mergeConfig is axios's: the second config's values win; headers merge key by key, and so do
  // their per-method groups.
  const mergeConfig = (a, b) => {
    const out = {};
    const ka = keys(a || {});
    for (let i = 0; i < ka.length; i++) { out[ka[i]] = a[ka[i]]; }
    out.headers = copyHeaders(a && a.headers);
    const kb = keys(b || {});
    for (let i = 0; i < kb.length; i++) {
      const k = kb[i];
      const v = b[k];
      if (k === 'headers') {
        const h = copyHeaders(v);
        const hk = keys(h);
        for (let j = 0; j < hk.length; j++) {
          const cur = out.headers[hk[j]];
          if (isPlainObject(cur) && isPlainObject(h[hk[j]])) {
            const merged = copyHeaders(cur);
            const sk = keys(h[hk[j]]);
            for (let n = 0; n < sk.length; n++) { merged[sk[n]] = h[hk[j]][sk[n]]; }
            out.headers[hk[j]] = merged;
          } else {
            out.headers[hk[j]] = isPlainObject(h[hk[j]]) ? copyHeaders(h[hk[j]]) : h[hk[j]];
          }
        }
      } else if (v !== undefined) {
        out[k] = v;
      }
    }
    return out;
  };

  // withMethod is config (not changed) with a method, url and data, as the shorthands pass them.
  function withMethod(config, method, u, data) {
    const out = {};
    if (config) {
      const ks = keys(config);
      for (let i = 0; i < ks.length; i++) { out[ks[i]] = config[ks[i]]; }
    }
    out.method = method;
    out.url = u;
    if (data !== undefined) { out.data = data; }
    return out;
  }

  // GROUPS are the keys of a headers object that hold a group of headers rather than one.
  const GROUPS = I.create(null);
  GROUPS.common = true;
  for (let i = 0; i < METHODS.length; i++) { GROUPS[METHODS[i]] = true; }

  // flatHeaders is the headers the request carries: common, then the method's, then the rest.
  function flatHeaders(headers, method) {
    const out = {};
    // The name each header has in out, by its lower-case name: a later group's spelling replaces
    // an earlier one's.
    const names = I.create(null);
    addHeaders(out, names, headers.common);
    addHeaders(out, names, headers[method]);
    addHeaders(out, names, headers);
    return out;
  }
  function addHeaders(out, names, h) {
    if (!isPlainObject(h)) { return; }
    const ks = keys(h);
    for (let i = 0; i < ks.length; i++) {
      const k = ks[i];
      if (GROUPS[k] === true) { continue; }
      const lower = k.toLowerCase();
      const had = names[lower];
      if (had !== undefined) {
        delete out[had];
        names[lower] = undefined;
      }
      if (h[k] !== undefined && h[k] !== null && h[k] !== false) {
        out[k] = h[k];
        names[lower] = k;
      }
    }
  }

  // The request path is in Go (jsrt/axios.go): it reads and writes a config exactly as the
  // JavaScript it replaced did. What only JavaScript makes, it asks these helpers for.
  const GO = host.axiosNative(I, BASE, validateStatus, {
    error: function (message, code, config, request, response) { return new AxiosError(message, code, config, request, response); },
    canceled: function (config) { return new CanceledError(null, config); },
    arraybuffer: function (text) { return host.builtin('buffer').Buffer.from(text, 'utf8'); },
    lower: function (s) { return s.toLowerCase(); },
    upper: function (s) { return s.toUpperCase(); },
    plus: function (a, b) { return a + b; },
    validate: function (validate, status) { return validate(status); },
  });
  // sendFromBase(config, method, url, data): fromBase, then dispatch, for the module instance with
  // untouched defaults and no interceptor.
  const sendFromBase = GO[0];
  // fromBase(config[, method, url, data]) is mergeConfig(BASE, config) with the headers flattened,
  // for a config with no headers of its own (see fast), then the method, url and data if given.
  const fromBase = GO[1];
  // dispatch(config) sends one request (synchronously, as axios's http adapter starts it) and
  // settles with the response, or rejects as axios does.
  const dispatch = GO[2];
  // buildURL(config) is the URL a request goes to: baseURL, url and the params' query.
  const buildURL = GO[3];
  // GO[4] is the getters and setters of the usual call's response.config and response.request,
  // which are made on first read (jsrt/axios_config.go): exported below, for the seal.

  function request(instance, configOrUrl, more) {
    let config;
    if (typeof configOrUrl === 'string') {
      config = withMethod(more, more && more.method, configOrUrl, undefined);
    } else {
      config = configOrUrl || {};
    }
    return send(instance, prepare(instance, config));
  }

  // shorthand is what get(u, config), post(u, data, config) … send: config with the method, url and
  // data (withMethod's, without the copy).
  function shorthand(instance, config, method, u, data) {
    const c = config === undefined || config === null ? NO_CONFIG : config;
    if (typeof c !== 'object' || !fast(instance, c)) {
      return send(instance, prepare(instance, withMethod(config, method, u, data)));
    }
    if (!touched.interceptors) { return sendFromBase(c, method, u, data); }
    return send(instance, fromBase(c, method, u, data));
  }
  const NO_CONFIG = {}; // no Action reaches it: it stays empty

  // fast tells the usual call: the module instance with its defaults untouched, and a config with no
  // headers of its own. Its headers are then BASE's flattened, which are the same for every method.
  function fast(instance, config) {
    return instance === current && !touched.defaults && (config.headers === undefined || config.headers === null);
  }

  // prepare is the request's config as axios 1.x has it before the interceptors: the instance's
  // defaults merged with config, the method in lower case, the headers flattened.
  function prepare(instance, config) {
    if (fast(instance, config)) {
      const out = fromBase(config);
      out.method = StringCtor(out.method || 'get').toLowerCase();
      return out;
    }
    config = mergeConfig(instance === current && !touched.defaults ? BASE : instance.defaults, config);
    config.method = StringCtor(config.method || 'get').toLowerCase();
    config.headers = flatHeaders(config.headers, config.method);
    return config;
  }

  // send runs the interceptors and the request.
  function send(instance, config) {
    const interceptors = instance === current && !touched.interceptors ? null : instance.interceptors;
    const before = interceptors === null ? null : handlers(interceptors.request);
    let p;
    if (before === null) {
      // No request interceptor: axios starts the request right away.
      try { p = dispatch(config); } catch (e) { p = rejected(e); }
    } else {
      p = resolved(config);
      for (let i = before.length - 1; i >= 0; i--) { p = then(p, before[i].fulfilled, before[i].rejected); }
      p = then(p, dispatch);
    }
    const after = interceptors === null ? null : handlers(interceptors.response);
    if (after !== null) {
      for (let i = 0; i < after.length; i++) { p = then(p, after[i].fulfilled, after[i].rejected); }
    }
    return p;
  }

  // handlers lists a manager's interceptors that are not ejected, or gives null when there are none
  // (the usual case, which then costs no list and no callback).
  function handlers(manager) {
    if (manager instanceof InterceptorManager) {
      const hs = manager.handlers;
      let out = null;
      for (let i = 0; i < hs.length; i++) {
        if (hs[i] !== null) {
          if (out === null) { out = []; }
          out[out.length] = hs[i];
        }
      }
      return out;
    }
    // An object the Action put in their place: read through its forEach, as axios does.
    const out = [];
    manager.forEach(function (h) { out[out.length] = h; });
    return out.length === 0 ? null : out;
  }

  // createInstance is axios.create's instance: a function with its own defaults, interceptors and
  // bound methods, as axios makes it (its methods keep working when taken off the instance).
  function createInstance(defaultConfig) {
    const instance = function axios(configOrUrl, config) { return request(instance, configOrUrl, config); };
    instance.defaults = defaultConfig;
    instance.interceptors = { request: new InterceptorManager(), response: new InterceptorManager() };
    instance.request = function (configOrUrl, config) { return request(instance, configOrUrl, config); };
    for (let i = 0; i < BODYLESS.length; i++) {
      const m = BODYLESS[i];
      instance[m] = function (u, config) { return request(instance, withMethod(config, m, u, undefined)); };
    }
    for (let i = 0; i < WITH_BODY.length; i++) {
      const m = WITH_BODY[i];
      instance[m] = function (u, data, config) { return request(instance, withMethod(config, m, u, data)); };
      instance[m + 'Form'] = function (u, data, config) { return request(instance, formConfig(config, m, u, data)); };
    }
    instance.getUri = function (config) { return buildURL(mergeConfig(instance.defaults, config || {})); };
    instance.create = function (config) { return createInstance(mergeConfig(instance.defaults, config || {})); };
    return instance;
  }

  const BODYLESS = ['delete', 'get', 'head', 'options'];
  const WITH_BODY = ['post', 'put', 'patch'];
  function formConfig(config, m, u, data) {
    return mergeConfig(withMethod(config, m, u, data), { headers: { 'Content-Type': 'multipart/form-data' } });
  }


  // The module's own instance (require('axios')) is made for every run, and most Actions only call
  // one method of it; so its methods and the module's other members live on one prototype that this
  // engine builds once and seals (exported as shared, so http.go's seal reaches it). A method finds
  // its instance in this, or, taken off the instance (const { get } = require('axios')), the run's
  // module instance, as axios binds them. Assigning a member (axios.get = mock) still defines the
  // instance's own property, as seal.js makes every sealed property overridable.
  let current = null;
  function self(t) { return t === current || (typeof t === 'function' && t.interceptors !== undefined) ? t : current; }
  // Written as methods, which have no prototype object: every function here is sealed with the
  // engine (a prototype, and its accessor pairs, for each plain function).
  const shared = I.create(getPrototypeOf(createInstance));
  const members = {
    request(configOrUrl, config) { return request(self(this), configOrUrl, config); },
    delete(u, config) { return shorthand(self(this), config, 'delete', u, undefined); },
    get(u, config) { return shorthand(self(this), config, 'get', u, undefined); },
    head(u, config) { return shorthand(self(this), config, 'head', u, undefined); },
    options(u, config) { return shorthand(self(this), config, 'options', u, undefined); },
    post(u, data, config) { return shorthand(self(this), config, 'post', u, data); },
    postForm(u, data, config) { return request(self(this), formConfig(config, 'post', u, data)); },
    put(u, data, config) { return shorthand(self(this), config, 'put', u, data); },
    putForm(u, data, config) { return request(self(this), formConfig(config, 'put', u, data)); },
    patch(u, data, config) { return shorthand(self(this), config, 'patch', u, data); },
    patchForm(u, data, config) { return request(self(this), formConfig(config, 'patch', u, data)); },
    getUri(config) { return buildURL(mergeConfig(self(this).defaults, config || {})); },
    create(config) { return createInstance(mergeConfig(self(this).defaults, config || {})); },
    isCancel(v) { return !!(v && v.__CANCEL__); },
    isAxiosError(v) { return v !== null && typeof v === 'object' && v.isAxiosError === true; },
    all(promises) { return apply(I.Promise.all, PromiseCtor, [promises]); },
    spread(callback) { return function (arr) { return apply(callback, null, arr); }; },
  };
  const memberNames = keys(members);
  for (let i = 0; i < memberNames.length; i++) { shared[memberNames[i]] = members[memberNames[i]]; }
  shared.Axios = createInstance;
  shared.AxiosError = AxiosError;
  shared.CanceledError = CanceledError;
  shared.Cancel = CanceledError;
  shared.mergeConfig = mergeConfig;
  shared.VERSION = '1.7.9';

  // The module instance's defaults and interceptors are made when the Action first reads or sets
  // them: most Actions only call a method, and those objects were most of the cost of require. Until
  // then its requests use BASE, defaults as made, which no Action sees (mergeConfig copies what it
  // takes; BASE's header groups are copied before any change), and no interceptor.
  const touched = { defaults: false, interceptors: false };
  function lazy(name, make) {
    return {
      get() {
        const v = make();
        if (this === current) { touched[name] = true; }
        defineProperty(this, name, { value: v, writable: true, enumerable: true, configurable: true });
        return v;
      },
      set(v) {
        if (this === current) { touched[name] = true; }
        defineProperty(this, name, { value: v, writable: true, enumerable: true, configurable: true });
      },
    };
  }
  const lazyDefaults = lazy('defaults', defaults);
  const lazyInterceptors = lazy('interceptors', () => {
    return { request: new InterceptorManager(), response: new InterceptorManager() };
  });
  const lazyDefaultsDesc = { get: lazyDefaults.get, set: lazyDefaults.set, enumerable: true, configurable: true };
  const lazyInterceptorsDesc = { get: lazyInterceptors.get, set: lazyInterceptors.set, enumerable: true, configurable: true };
  const esModuleDesc = { value: true };

  // make is require('axios') for one run.
  const make = () => {
    const axios = function axios(configOrUrl, config) { return request(axios, configOrUrl, config); };
    I.setPrototypeOf(axios, shared);
    touched.defaults = false;
    touched.interceptors = false;
    current = axios;
    defineProperty(axios, 'defaults', lazyDefaultsDesc);
    defineProperty(axios, 'interceptors', lazyInterceptorsDesc);
    axios.default = axios;
    defineProperty(axios, '__esModule', esModuleDesc);
    return axios;
  };
  // BASE and the accessors are reachable from an Action (response.config, a property descriptor):
  // exported so that http.go seals them with the rest.
  return { make: make, shared: shared, validateStatus: validateStatus, base: BASE, accessors: [lazyDefaults, lazyInterceptors, GO[4]] };
})
