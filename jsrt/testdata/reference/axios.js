// The axios request path as JavaScript, before it moved to Go (jsrt/axios.go): node/axios.js as of
// commit 0a8e832, kept as the reference TestHTTPGoMatchesScript runs the same calls through. Not loaded by
// mfactl itself.
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
  function validateStatus(status) { return status >= 200 && status < 300; }

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
  function mergeConfig(a, b) {
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
  }

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

  function hasHeader(h, name) {
    const ks = keys(h);
    for (let i = 0; i < ks.length; i++) { if (ks[i].toLowerCase() === name) { return true; } }
    return false;
  }

  const KEPT = { '%3A': ':', '%24': '$', '%2C': ',', '%20': '+', '%5B': '[', '%5D': ']' };
  const ENCODED = /%(?:3A|24|2C|20|5B|5D)/gi;
  function kept(m) { return KEPT[m.toUpperCase()]; }
  // encode is encodeURIComponent with : $ , [ ] kept and spaces as +, as axios writes params.
  function encode(v) {
    const e = encodeURIComponent(v);
    return e.indexOf('%') < 0 ? e : e.replace(ENCODED, kept);
  }
  const ABSOLUTE = /^([a-z][a-z\d+\-.]*:)?\/\//i;
  const TRAILING = /\/?\/$/;
  const LEADING = /^\/+/;

  // isSearchParams: a URLSearchParams (told by its methods: the url module is built only when used).
  function isSearchParams(v) {
    return v !== null && typeof v === 'object' && !isPlainObject(v) && typeof v.append === 'function' &&
      typeof v.getAll === 'function' && typeof v.toString === 'function';
  }

  // serializeParams writes params as axios does: arrays as key[]=, dates as ISO, objects as key[k]=.
  function serializeParams(params) {
    if (isSearchParams(params)) { return StringCtor(params); }
    const ks = keys(params);
    let query = '';
    for (let i = 0; i < ks.length; i++) { query = addParam(query, ks[i], params[ks[i]]); }
    return query;
  }
  function addParam(query, key, v) {
    if (v === null || v === undefined) { return query; }
    if (isArray(v)) {
      for (let i = 0; i < v.length; i++) { query = addParam(query, key + '[]', v[i]); }
      return query;
    }
    if (isPlainObject(v)) {
      const ks = keys(v);
      for (let i = 0; i < ks.length; i++) { query = addParam(query, key + '[' + ks[i] + ']', v[ks[i]]); }
      return query;
    }
    const pair = encode(key) + '=' + encode(v instanceof I.Date ? v.toISOString() : v);
    return query === '' ? pair : query + '&' + pair;
  }

  function buildURL(config) {
    let u = config.url === undefined || config.url === null ? '' : StringCtor(config.url);
    const base = config.baseURL;
    if (base && (config.allowAbsoluteUrls === false || !ABSOLUTE.test(u))) {
      u = u ? StringCtor(base).replace(TRAILING, '') + '/' + u.replace(LEADING, '') : StringCtor(base);
    }
    if (config.params) {
      let query;
      const ser = config.paramsSerializer;
      if (typeof ser === 'function') {
        query = ser(config.params);
      } else if (ser && typeof ser.serialize === 'function') {
        query = ser.serialize(config.params);
      } else {
        query = serializeParams(config.params);
      }
      if (query) {
        const hash = u.indexOf('#');
        if (hash >= 0) { u = u.slice(0, hash); }
        u += (u.indexOf('?') === -1 ? '?' : '&') + query;
      }
    }
    return u;
  }

  // body is the request data as axios sends it (objects as JSON), setting its content type.
  function body(data, headers) {
    if (data === undefined || data === null || typeof data === 'string') { return data; }
    if (isSearchParams(data)) {
      if (!hasHeader(headers, 'content-type')) { headers['Content-Type'] = 'application/x-www-form-urlencoded;charset=utf-8'; }
      return StringCtor(data);
    }
    if (host.className(data) === 'ArrayBuffer' || host.className(data) === 'TypedArray') { return data; }
    if (typeof data === 'object') {
      if (!hasHeader(headers, 'content-type')) { headers['Content-Type'] = 'application/json'; }
      return I.stringify(data);
    }
    return data;
  }

  // responseHeaders reads the header names and values of host.http's answer (from index 4).
  function responseHeaders(answer) {
    const out = {};
    for (let i = 4; i < answer.length; i += 2) {
      const name = answer[i];
      const value = answer[i + 1];
      if (name === 'set-cookie') {
        out[name] = out[name] ? out[name].concat([value]) : [value];
      } else {
        out[name] = out[name] === undefined ? value : out[name] + ', ' + value;
      }
    }
    return out;
  }

  function responseData(text, config) {
    const type = config.responseType;
    if (type === 'arraybuffer') { return host.builtin('buffer').Buffer.from(text, 'utf8'); }
    if (type === 'text' || type === 'document') { return text; }
    if (text === '') { return text; }
    try {
      return I.parse(text);
    } catch (e) {
      const t = config.transitional;
      if (type === 'json' && t && t.silentJSONParsing === false) {
        throw new AxiosError(e.message, 'ERR_BAD_RESPONSE', config);
      }
      return text;
    }
  }

  // dispatch sends one request (synchronously, as axios's http adapter starts it) and settles with
  // the response, or rejects as axios does.
  function dispatch(config) {
    if (config.signal && config.signal.aborted) { return rejected(new CanceledError(null, config)); }
    if (config.cancelToken && config.cancelToken.reason) { return rejected(config.cancelToken.reason); }
    const method = StringCtor(config.method || 'get').toLowerCase();
    config.method = method;
    const headers = isPlainObject(config.headers) ? config.headers : {};
    config.data = body(config.data, headers);
    config.headers = headers;
    const full = buildURL(config);
    const scheme = host.scheme(full);
    if (scheme === null) { return rejected(new AxiosError('Invalid URL', 'ERR_INVALID_URL', config)); }
    const protocol = scheme + ':';
    if (protocol !== 'http:' && protocol !== 'https:') {
      return rejected(new AxiosError('Unsupported protocol ' + protocol, 'ERR_BAD_REQUEST', config));
    }
    let answer;
    try {
      answer = host.http('axios', method, full);
    } catch (e) {
      if (e instanceof I.TypeError && e.message.indexOf('Failed to parse URL') === 0) {
        return rejected(new AxiosError('Invalid URL', 'ERR_INVALID_URL', config));
      }
      return rejected(e);
    }
    const href = answer[3];
    const rest = href.slice(protocol.length + 2);
    const slash = rest.indexOf('/');
    const request = { method: method.toUpperCase(), protocol: protocol, host: rest.slice(0, slash), path: rest.slice(slash) };
    const status = answer[0];
    let data;
    try {
      data = method === 'head' || answer[2] === null ? '' : responseData(answer[2], config);
    } catch (e) {
      return rejected(e);
    }
    const response = { data: data, status: status, statusText: answer[1], headers: responseHeaders(answer), config: config, request: request };
    const validate = config.validateStatus;
    if (!status || !validate || validate(status)) { return resolved(response); }
    const code = status >= 400 && status < 500 ? 'ERR_BAD_REQUEST' : (status >= 500 ? 'ERR_BAD_RESPONSE' : undefined);
    return rejected(new AxiosError('Request failed with status code ' + status, code, config, request, response));
  }

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
    const out = fromBase(c);
    out.method = method;
    out.url = u;
    if (data !== undefined) { out.data = data; }
    return send(instance, out);
  }
  const NO_CONFIG = {}; // no Action reaches it: it stays empty

  // fast tells the usual call: the module instance with its defaults untouched, and a config with no
  // headers of its own. Its headers are then BASE's flattened, which are the same for every method.
  function fast(instance, config) {
    return instance === current && !touched.defaults && (config.headers === undefined || config.headers === null);
  }
  const BASE_KEYS = keys(BASE);
  const BASE_ACCEPT = BASE.headers.common.Accept;
  // fromBase is mergeConfig(BASE, config) with the headers flattened, for a fast config.
  function fromBase(config) {
    const out = {};
    for (let i = 0; i < BASE_KEYS.length; i++) { out[BASE_KEYS[i]] = BASE[BASE_KEYS[i]]; }
    out.headers = { Accept: BASE_ACCEPT };
    const ks = keys(config);
    for (let i = 0; i < ks.length; i++) {
      const k = ks[i];
      const v = config[k];
      if (k !== 'headers' && v !== undefined) { out[k] = v; }
    }
    return out;
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

  function isCancel(v) { return !!(v && v.__CANCEL__); }
  function isAxiosError(v) { return v !== null && typeof v === 'object' && v.isAxiosError === true; }
  function all(promises) { return apply(I.Promise.all, PromiseCtor, [promises]); }
  function spread(callback) { return function (arr) { return apply(callback, null, arr); }; }

  // The module's own instance (require('axios')) is made for every run, and most Actions only call
  // one method of it; so its methods and the module's other members live on one prototype that this
  // engine builds once and seals (exported as shared, so http.go's seal reaches it). A method finds
  // its instance in this, or, taken off the instance (const { get } = require('axios')), the run's
  // module instance, as axios binds them. Assigning a member (axios.get = mock) still defines the
  // instance's own property, as seal.js makes every sealed property overridable.
  let current = null;
  function self(t) { return t === current || (typeof t === 'function' && t.interceptors !== undefined) ? t : current; }
  const shared = I.create(getPrototypeOf(createInstance));
  shared.request = function request_(configOrUrl, config) { return request(self(this), configOrUrl, config); };
  for (let i = 0; i < BODYLESS.length; i++) {
    const m = BODYLESS[i];
    shared[m] = function (u, config) { return shorthand(self(this), config, m, u, undefined); };
  }
  for (let i = 0; i < WITH_BODY.length; i++) {
    const m = WITH_BODY[i];
    shared[m] = function (u, data, config) { return shorthand(self(this), config, m, u, data); };
    shared[m + 'Form'] = function (u, data, config) { return request(self(this), formConfig(config, m, u, data)); };
  }
  shared.getUri = function getUri(config) { return buildURL(mergeConfig(self(this).defaults, config || {})); };
  shared.create = function create(config) { return createInstance(mergeConfig(self(this).defaults, config || {})); };
  shared.Axios = createInstance;
  shared.AxiosError = AxiosError;
  shared.CanceledError = CanceledError;
  shared.Cancel = CanceledError;
  shared.isCancel = isCancel;
  shared.isAxiosError = isAxiosError;
  shared.all = all;
  shared.spread = spread;
  shared.mergeConfig = mergeConfig;
  shared.VERSION = '1.7.9';

  // The module instance's defaults and interceptors are made when the Action first reads or sets
  // them: most Actions only call a method, and those objects were most of the cost of require. Until
  // then its requests use BASE, defaults as made, which no Action sees (mergeConfig copies what it
  // takes; BASE's header groups are copied before any change), and no interceptor.
  const touched = { defaults: false, interceptors: false };
  function lazy(name, make) {
    return {
      get: function () {
        const v = make();
        if (this === current) { touched[name] = true; }
        defineProperty(this, name, { value: v, writable: true, enumerable: true, configurable: true });
        return v;
      },
      set: function (v) {
        if (this === current) { touched[name] = true; }
        defineProperty(this, name, { value: v, writable: true, enumerable: true, configurable: true });
      },
    };
  }
  const lazyDefaults = lazy('defaults', defaults);
  const lazyInterceptors = lazy('interceptors', function () {
    return { request: new InterceptorManager(), response: new InterceptorManager() };
  });
  const lazyDefaultsDesc = { get: lazyDefaults.get, set: lazyDefaults.set, enumerable: true, configurable: true };
  const lazyInterceptorsDesc = { get: lazyInterceptors.get, set: lazyInterceptors.set, enumerable: true, configurable: true };
  const esModuleDesc = { value: true };

  // make is require('axios') for one run.
  function make() {
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
  }
  // BASE and the accessors are reachable from an Action (response.config, a property descriptor):
  // exported so that http.go seals them with the rest.
  return { make: make, shared: shared, validateStatus: validateStatus, base: BASE, accessors: [lazyDefaults, lazyInterceptors] };
})
