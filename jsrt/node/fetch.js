// The global fetch and the node-fetch module (v2's CommonJS API), answered by the host's table of
// answers (jsrt/http.go, host.http) instead of the network. Written for mfactl. A sealed engine
// builds this once and seals it (http.go); makeNodeFetch makes node-fetch's function for each run.
(function (host, I, require) {
  'use strict';
  const apply = I.apply;
  const defineProperty = I.defineProperty;
  const PromiseCtor = I.Promise;
  const TypeErrorCtor = I.TypeError;
  const ErrorCtor = I.Error;
  const StringCtor = I.String;
  const web = host.script('web');
  const Request = web.Request;
  const Response = web.Response;
  const Headers = web.Headers;
  const answered = web.answered;

  const resolved = I.promiseResolve;
  const rejected = I.promiseReject;

  // The methods fetch writes in upper case whatever case they are given in.
  const STANDARD = I.create(null);
  STANDARD.DELETE = STANDARD.GET = STANDARD.HEAD = STANDARD.OPTIONS = STANDARD.POST = STANDARD.PUT = true;
  function nullBody(status) { return status === 101 || status === 204 || status === 205 || status === 304; }

  // send answers one request: a Response with the answer's status, headers and body, and the URL.
  // A Request is read as it is; a URL and init are read directly (what new Request would keep of
  // them), which spares building a Request and a URL for every call.
  function send(via, input, init) {
    let href, method;
    if (input instanceof Request) {
      let req;
      try {
        req = init === undefined ? input : new Request(input, init);
      } catch (e) {
        return rejected(e);
      }
      if (req.signal && req.signal.aborted) { return rejected(req.signal.reason); }
      href = req.url;
      method = req.method;
    } else {
      const o = init === undefined || init === null ? {} : init;
      // Each member is read once, as jsrt/fetch.go reads them.
      let m, body, signal;
      try {
        href = StringCtor(input);
        m = o.method;
        method = m === undefined ? 'GET' : StringCtor(m);
      } catch (e) {
        return rejected(e);
      }
      const upper = method.toUpperCase();
      if (STANDARD[upper] === true) { method = upper; }
      try {
        body = o.body;
        if (body !== undefined && body !== null && (method === 'GET' || method === 'HEAD')) {
          return rejected(new TypeErrorCtor('Request with GET/HEAD method cannot have body.'));
        }
        signal = o.signal;
        if (signal && signal.aborted) { return rejected(signal.reason); }
      } catch (e) {
        return rejected(e);
      }
    }
    const scheme = host.scheme(href);
    if (scheme === null) { return rejected(new TypeErrorCtor('Failed to parse URL from ' + href)); }
    if (scheme !== 'http' && scheme !== 'https') {
      const err = new TypeErrorCtor('fetch failed');
      defineProperty(err, 'cause', { value: new ErrorCtor('mfactl answers only http: and https: requests, not ' + scheme + ':'), writable: true, configurable: true });
      return rejected(err);
    }
    let answer;
    try {
      answer = host.http(via, method, href);
    } catch (e) {
      return rejected(e);
    }
    const status = answer[0];
    const empty = method === 'HEAD' || nullBody(status);
    return resolved(answered(status, answer[1], answer, empty ? null : answer[2], answer[3]));
  }

  // The global fetch and node-fetch's calls are answered in Go (jsrt/fetch.go) for the usual call,
  // a string URL, and by send for the rest.
  const natives = host.fetchNative(I, web.internals, send, function (s) { return s.toUpperCase(); });
  const fetch = natives[0];
  const sendNative = natives[1];

  class FetchError extends ErrorCtor {
    constructor(message, type, systemError) {
      super(message);
      this.name = 'FetchError';
      this.type = type;
      if (systemError) { this.code = this.errno = systemError.code; }
    }
  }

  function isRedirect(code) { return code === 301 || code === 302 || code === 303 || code === 307 || code === 308; }

  // makeNodeFetch makes node-fetch's module.exports for one run: a function of its own, which the
  // Action may change (node-fetch v2 users set fetch.Promise, for one).
  function makeNodeFetch() {
    const nodeFetch = function fetch(url, opts) { return sendNative('node-fetch', url, opts); };
    nodeFetch.default = nodeFetch;
    nodeFetch.Headers = Headers;
    nodeFetch.Request = Request;
    nodeFetch.Response = Response;
    nodeFetch.FetchError = FetchError;
    nodeFetch.isRedirect = isRedirect;
    nodeFetch.Promise = PromiseCtor;
    return nodeFetch;
  }

  return { fetch: fetch, makeNodeFetch: makeNodeFetch };
})
