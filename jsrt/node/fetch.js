// The global fetch and the node-fetch module (v2's CommonJS API), answered by the host's table of
// answers (jsrt/http.go, host.http) instead of the network. Written for mfactl; built on first use,
// once per run.
(function (host, I, require) {
  'use strict';
  const apply = I.apply;
  const defineProperty = I.defineProperty;
  const PromiseCtor = I.Promise;
  const TypeErrorCtor = I.TypeError;
  const ErrorCtor = I.Error;
  const web = host.script('web');
  const Request = web.Request;
  const Response = web.Response;
  const Headers = web.Headers;

  function resolved(v) { return apply(I.resolve, PromiseCtor, [v]); }
  function rejected(e) { return apply(I.reject, PromiseCtor, [e]); }

  const NULL_BODY = [101, 204, 205, 304];

  // send answers one request: a Response with the answer's status, headers and body, and the URL.
  function send(via, input, init) {
    let req;
    try {
      req = new Request(input, init);
    } catch (e) {
      return rejected(e);
    }
    if (req.signal && req.signal.aborted) { return rejected(req.signal.reason); }
    const href = req.url;
    const colon = href.indexOf(':');
    const scheme = colon < 0 ? '' : href.slice(0, colon);
    if (scheme !== 'http' && scheme !== 'https') {
      const err = new TypeErrorCtor('fetch failed');
      defineProperty(err, 'cause', { value: new ErrorCtor('mfactl answers only http: and https: requests, not ' + scheme + ':'), writable: true, configurable: true });
      return rejected(err);
    }
    let answer;
    try {
      answer = host.http(via, req.method, href);
    } catch (e) {
      return rejected(e);
    }
    const status = answer[0];
    const empty = req.method === 'HEAD' || NULL_BODY.indexOf(status) >= 0;
    const res = new Response(empty ? null : answer[3], { status: status, statusText: answer[1], headers: answer[2] });
    defineProperty(res, 'url', { value: href, enumerable: true, configurable: true });
    defineProperty(res, 'type', { value: 'basic', enumerable: true, configurable: true });
    return resolved(res);
  }

  function fetch(input, init) {
    if (arguments.length === 0) {
      return rejected(new TypeErrorCtor("Failed to execute 'fetch' on 'Window': 1 argument required, but only 0 present."));
    }
    return send('fetch', input, init);
  }

  class FetchError extends ErrorCtor {
    constructor(message, type, systemError) {
      super(message);
      this.name = 'FetchError';
      this.type = type;
      if (systemError) { this.code = this.errno = systemError.code; }
    }
  }

  function nodeFetch(url, opts) { return send('node-fetch', url, opts); }
  nodeFetch.default = nodeFetch;
  nodeFetch.Headers = Headers;
  nodeFetch.Request = Request;
  nodeFetch.Response = Response;
  nodeFetch.FetchError = FetchError;
  nodeFetch.isRedirect = function (code) { return code === 301 || code === 302 || code === 303 || code === 307 || code === 308; };
  nodeFetch.Promise = PromiseCtor;

  return { fetch: fetch, nodeFetch: nodeFetch };
})
