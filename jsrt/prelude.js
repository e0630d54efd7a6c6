// The post-login api object and the sandbox globals, built in JavaScript for every Action run, after
// guards.js. Go provides __host: record(method, args) and console(level, args) (both read the
// arguments in Go, within limits), hmac(secret, data) -> base64url, now() -> ms.
//
// The Action can replace any global or prototype method before it calls api: what the api and the
// console rely on is taken here, before the Action runs.
(function (__host) {
  'use strict';
  const apply = Reflect.apply;
  const defineProperty = Object.defineProperty;
  const keys = Object.keys;
  const assign = Object.assign;
  const isArray = Array.isArray;
  const indexOf = Array.prototype.indexOf;
  const join = Array.prototype.join;
  const split = String.prototype.split;
  const test = RegExp.prototype.test;
  const StringCtor = String;
  const stringify = JSON.stringify;
  const parse = JSON.parse;
  const floor = Math.floor;
  const min = Math.min;
  const PromiseCtor = Promise;
  const resolve = Promise.resolve;
  const reject = Promise.reject;
  const ErrorCtor = Error;
  const TypeErrorCtor = TypeError;
  function has(list, item) {
    return apply(indexOf, list, [item]) >= 0;
  }
  const promiseThen = __host.then;
  const promiseResolve = __host.resolve;
  const promiseReject = __host.reject;
  function resolved(value) {
    return promiseResolve(value);
  }
  const RESTRICTED_CLAIMS = ['acr', 'act', 'amr', 'at_hash', 'aud', 'auth_time', 'azp', 'c_hash', 'client_id', 'cnf',
    'exp', 'gty', 'iat', 'iss', 'jti', 'may_act', 'nbf', 'nonce', 'org_id', 'org_name', 'permissions', 'scope', 'sid',
    'sub', 'sub_jwk'];
  const MFA_PROVIDERS = ['any', 'none', 'guardian', 'google-authenticator', 'duo'];

  // memo replaces a lazy getter with the value it built, so a namespace is built once, on first use.
  function memo(target, name, value) {
    defineProperty(target, name, { value: value, enumerable: true, writable: false, configurable: false });
    return value;
  }

  function makeApi(event, state) {
    const record = (method, args) => __host.record(method, args);
    let api;
    function assertString(value, what) {
      if (typeof value !== 'string' || value.length === 0) {
        throw new TypeErrorCtor(what + ' must be a non-empty string');
      }
    }
    function assertClaim(key) {
      assertString(key, 'The claim name');
      if (has(RESTRICTED_CLAIMS, key)) {
        throw new ErrorCtor('Cannot set restricted claim "' + key + '"');
      }
    }
    function b64url(s) {
      return __host.base64url(s);
    }
    const cache = state.cache;
    api = {
      get access() {
        return memo(this, 'access', {
        deny(reason) { record('access.deny', arguments); return api; },
        });
      },
      get accessToken() {
        return memo(this, 'accessToken', {
        setCustomClaim(key, value) { assertClaim(key); record('accessToken.setCustomClaim', arguments); return api; },
        addScope(scope) { assertString(scope, 'The scope'); record('accessToken.addScope', arguments); },
        removeScope(scope) { assertString(scope, 'The scope'); record('accessToken.removeScope', arguments); },
        });
      },
      get idToken() {
        return memo(this, 'idToken', {
        setCustomClaim(key, value) { assertClaim(key); record('idToken.setCustomClaim', arguments); return api; },
        });
      },
      get authentication() {
        return memo(this, 'authentication', {
        challengeWith(factor, options) { record('authentication.challengeWith', arguments); },
        challengeWithAny(factors) { record('authentication.challengeWithAny', arguments); },
        enrollWith(factor, options) { record('authentication.enrollWith', arguments); },
        enrollWithAny(factors) { record('authentication.enrollWithAny', arguments); },
        recordMethod(providerUrl) { assertString(providerUrl, 'The provider URL'); record('authentication.recordMethod', arguments); return api; },
        setPrimaryUser(primaryUserId) {
          if (state.primaryUserSet) { throw new ErrorCtor('The primary user can only be altered once per transaction'); }
          if (typeof primaryUserId !== 'string' || primaryUserId.length === 0) { throw new ErrorCtor('The provided primary_user_id must be a non-empty string'); }
          state.primaryUserSet = true;
          record('authentication.setPrimaryUser', arguments);
        },
        });
      },
      get multifactor() {
        return memo(this, 'multifactor', {
        enable(provider, options) {
          if (!has(MFA_PROVIDERS, provider)) {
            throw new TypeErrorCtor('Invalid MFA provider "' + provider + '"; expected one of ' + apply(join, MFA_PROVIDERS, [', ']));
          }
          record('multifactor.enable', arguments);
          return api;
        },
        });
      },
      get redirect() {
        return memo(this, 'redirect', {
        sendUserTo(url, options) {
          if (state.rendered) { throw new ErrorCtor('Redirect and render commands cannot be used in the same action.'); }
          assertString(url, 'The redirect URL');
          state.redirected = true;
          record('redirect.sendUserTo', arguments);
          return api;
        },
        encodeToken(options) {
          const o = options || {};
          assertString(o.secret, 'The secret');
          const iat = floor(__host.now() / 1000);
          const claims = assign({}, o.payload || {}, {
            iat: iat, iss: event.request && event.request.hostname, sub: event.user && event.user.user_id,
            exp: iat + (o.expiresInSeconds === undefined ? 900 : o.expiresInSeconds), ip: event.request && event.request.ip,
          });
          const head = b64url(stringify({ alg: 'HS256', typ: 'JWT' }));
          const body = b64url(stringify(claims));
          return head + '.' + body + '.' + __host.hmac(o.secret, head + '.' + body);
        },
        validateToken(options) {
          const o = options || {};
          const name = o.tokenParameterName || 'session_token';
          const req = event.request || {};
          const token = (req.body && req.body[name]) || (req.query && req.query[name]);
          if (!token) {
            throw new ErrorCtor("There is no parameter called '" + name + "' available in either the POST body or query string.");
          }
          const parts = apply(split, StringCtor(token), ['.']);
          if (parts.length !== 3 || __host.hmac(o.secret, parts[0] + '.' + parts[1]) !== parts[2]) {
            throw new ErrorCtor('The session token is invalid: invalid signature');
          }
          const payload = parse(__host.unbase64url(parts[1]));
          if (payload.exp !== undefined && payload.exp * 1000 < __host.now()) {
            throw new ErrorCtor('The session token is invalid: jwt expired');
          }
          if (payload.sub !== undefined && event.user && payload.sub !== event.user.user_id) {
            throw new ErrorCtor('The session token is invalid: the subject does not match the user');
          }
          return payload;
        },
        canRedirect() {
          const t = event.transaction || {};
          const q = (event.request && event.request.query) || {};
          // Auth0's runtime lists the first four; the rest are the other flows with no page to show
          // (simulate/protocol.go, docs/simulation.md §7).
          return q.prompt !== 'none' && !has(['oauth2-resource-owner', 'oauth2-refresh-token', 'oauth2-password', 'oauth2-webauthn',
            'oauth2-resource-owner-jwt-bearer', 'oauth2-token-exchange', 'oauth2-access-token', 'oidc-ciba', 'wstrust-usernamemixed'], t.protocol);
        },
        });
      },
      get user() {
        return memo(this, 'user', {
        setAppMetadata(key, value) {
          if (event.user && event.user.app_metadata !== undefined && (typeof event.user.app_metadata !== 'object' || event.user.app_metadata === null)) {
            throw new ErrorCtor('Unexpected app_metadata format. Must be a valid JSON object');
          }
          record('user.setAppMetadata', arguments); return api;
        },
        setUserMetadata(key, value) {
          if (event.user && event.user.user_metadata !== undefined && (typeof event.user.user_metadata !== 'object' || event.user.user_metadata === null)) {
            throw new ErrorCtor('Unexpected user_metadata format. Must be a valid JSON object.');
          }
          record('user.setUserMetadata', arguments); return api;
        },
        });
      },
      get cache() {
        return memo(this, 'cache', {
        get(key) {
          const r = cache[key];
          if (!r || r.expires_at <= __host.now()) { return undefined; }
          return { value: r.value, expires_at: r.expires_at };
        },
        set(key, value, options) {
          const o = options || {};
          if (StringCtor(key).length > 64) { return { type: 'error', code: 'CacheKeySizeExceeded' }; }
          if (StringCtor(value).length > 4096) { return { type: 'error', code: 'CacheValueSizeExceeded' }; }
          let expires = __host.now() + (o.ttl !== undefined ? o.ttl : 15 * 60 * 1000);
          if (o.expires_at !== undefined) { expires = min(expires, o.expires_at); }
          if (!(expires > __host.now())) { return { type: 'error', code: 'ItemAlreadyExpired' }; }
          const count = keys(cache).length + (cache[key] ? 0 : 1);
          if (count > 20) { return { type: 'error', code: 'CacheSizeExceeded' }; }
          cache[key] = { value: StringCtor(value), expires_at: expires };
          state.cacheChanged = true;
          record('cache.set', [key, value]);
          return { type: 'success', record: { value: StringCtor(value), expires_at: expires } };
        },
        delete(key) {
          if (!cache[key]) { return { type: 'error', code: 'CacheKeyDoesNotExist' }; }
          delete cache[key];
          state.cacheChanged = true;
          record('cache.delete', [key]);
          return { type: 'success' };
        },
        });
      },
      get session() {
        return memo(this, 'session', {
        revoke(reason, options) { record('session.revoke', arguments); },
        setExpiresAt(ms) { if (!ms) { throw new ErrorCtor('setExpiresAt requires a time in milliseconds since the epoch'); } record('session.setExpiresAt', arguments); },
        setIdleExpiresAt(ms) { if (!ms) { throw new ErrorCtor('setIdleExpiresAt requires a time in milliseconds since the epoch'); } record('session.setIdleExpiresAt', arguments); },
        setCookieMode(mode) {
          if (mode !== 'persistent' && mode !== 'non-persistent') { throw new TypeErrorCtor('Invalid cookie mode "' + mode + '"; expected persistent or non-persistent'); }
          event.session = event.session || {};
          event.session.cookie = { mode: mode };
          state.eventChanged = true;
          record('session.setCookieMode', arguments);
        },
        setMetadata(key, value) {
          if (!apply(test, /^[a-zA-Z0-9_-]{1,255}$/, [StringCtor(key)])) { throw new ErrorCtor('Failed to set session metadata: invalid key'); }
          if (value !== null && StringCtor(value).length > 255) { throw new ErrorCtor('Failed to set session metadata: value longer than 255 characters'); }
          event.session = event.session || {};
          event.session.metadata = event.session.metadata || {};
          if (value === null) { delete event.session.metadata[key]; } else { event.session.metadata[key] = StringCtor(value); }
          state.eventChanged = true;
          record('session.setMetadata', arguments);
        },
        deleteMetadata(key) { if (event.session && event.session.metadata) { delete event.session.metadata[key]; } state.eventChanged = true; record('session.deleteMetadata', arguments); },
        evictMetadata() { if (event.session) { event.session.metadata = {}; } state.eventChanged = true; record('session.evictMetadata', arguments); },
        });
      },
      get refreshToken() {
        return memo(this, 'refreshToken', {
        revoke(reason) { record('refreshToken.revoke', arguments); },
        setExpiresAt(ms) { if (!ms) { throw new ErrorCtor('setExpiresAt requires a time in milliseconds since the epoch'); } record('refreshToken.setExpiresAt', arguments); },
        setIdleExpiresAt(ms) { if (!ms) { throw new ErrorCtor('setIdleExpiresAt requires a time in milliseconds since the epoch'); } record('refreshToken.setIdleExpiresAt', arguments); },
        setMetadata(key, value) { record('refreshToken.setMetadata', arguments); },
        deleteMetadata(key) { record('refreshToken.deleteMetadata', arguments); },
        evictMetadata() { record('refreshToken.evictMetadata', arguments); },
        });
      },
      get transaction() {
        return memo(this, 'transaction', {
        setMetadata(key, value) {
          const t = value === null ? 'null' : typeof value;
          if (!has(['string', 'number', 'boolean', 'null'], t)) { throw new TypeErrorCtor('Transaction metadata values must be strings, numbers, booleans or null'); }
          event.transaction = event.transaction || {};
          event.transaction.metadata = event.transaction.metadata || {};
          if (value === null) { delete event.transaction.metadata[key]; } else { event.transaction.metadata[key] = value; }
          state.eventChanged = true;
          record('transaction.setMetadata', arguments);
        },
        });
      },
      get samlResponse() {
        return memo(this, 'samlResponse', samlResponse());
      },
      get prompt() {
        return memo(this, 'prompt', {
        render(promptId, options) {
          if (state.rendered) { throw new ErrorCtor('Only 1 render command per action is allowed.'); }
          if (state.redirected) { throw new ErrorCtor('Redirect and render commands cannot be used in the same action.'); }
          state.rendered = true;
          record('prompt.render', arguments);
        },
        });
      },
      get validation() {
        return memo(this, 'validation', {
        error(errorCode, errorMessage) { record('validation.error', arguments); return api; },
        });
      },
      get rules() {
        return memo(this, 'rules', {
        wasExecuted(ruleId) { return false; },
        });
      },
      get groups() {
        return memo(this, 'groups', {
        getUserGroups(options) { return resolved([]); },
        hasGroupMembership(groups) {
          if (!isArray(groups)) { return apply(reject, PromiseCtor, [new TypeErrorCtor('groups must be an array of group names')]); }
          return resolved(false);
        },
        });
      },
      get roles() {
        return memo(this, 'roles', {
        getUserEffectiveRoles() { return resolved(((event.authorization && event.authorization.roles) || []).map((name) => ({ name: name }))); },
        getUserEffectiveRolesByIds(ids) { return resolved([]); },
        getUserEffectiveRolesByNames(names) {
          const have = (event.authorization && event.authorization.roles) || [];
          return resolved((names || []).filter((n) => have.indexOf(n) >= 0).map((name) => ({ name: name })));
        },
        });
      },
    };
    function samlResponse() {
      const saml = {};
      for (let i = 0; i < SAML_SETTERS.length; i++) {
        const name = SAML_SETTERS[i];
        saml[name] = function () { record('samlResponse.' + name, arguments); return api; };
      }
      return saml;
    }
    return api;
  }
  const SAML_SETTERS = ['setAttribute', 'setAudience', 'setRecipient', 'setCreateUpnClaim', 'setPassthroughClaimsWithNoMapping', 'setMapUnknownClaimsAsIs',
      'setMapIdentities', 'setSignatureAlgorithm', 'setDigestAlgorithm', 'setDestination', 'setLifetimeInSeconds', 'setSignResponse',
      'setNameIdentifierFormat', 'setNameIdentifierProbes', 'setAuthnContextClassRef', 'setSigningCert', 'setIncludeAttributeNameFormat',
      'setTypedAttributes', 'setEncryptionCert', 'setEncryptionPublicKey', 'setCert', 'setKey', 'setRelayState', 'setIssuer',
      'setEncryptionAlgorithm'];

  // console formats its arguments in Go (strings as they are, errors with their stack, other values as
  // JSON) within what is left of the 256 KiB the run keeps. makeConsole makes one per run: an Action
  // may replace its methods, and the next run must not see that.
  const LEVELS = ['log', 'info', 'warn', 'error', 'debug', 'trace'];
  function makeConsole() {
    const console = {};
    for (let i = 0; i < LEVELS.length; i++) {
      const level = LEVELS[i];
      console[level] = function () { __host.console(level, arguments); };
    }
    return console;
  }
  // What the Node surface (node/*.js, built on first use, after the Action's code may have replaced
  // globals) takes instead of the globals. Only built-ins that exist by now are taken: reading Map,
  // Set, Symbol, Date or RegExp would make goja build them in every run; node.go adds those (from the
  // global object) when the Action first uses the Node surface.
  const intrinsics = {
    Object: Object, Array: Array, Promise: PromiseCtor, Error: ErrorCtor, TypeError: TypeErrorCtor,
    RangeError: RangeError, String: StringCtor, apply: apply, defineProperty: defineProperty,
    create: Object.create, keys: keys, getPrototypeOf: Object.getPrototypeOf, setPrototypeOf: Object.setPrototypeOf,
    getOwnPropertyDescriptor: Object.getOwnPropertyDescriptor, is: Object.is, isArray: isArray,
    then: PromiseCtor.prototype.then, resolve: resolve, reject: reject, stringify: stringify, parse: parse,
    hasOwn: Object.prototype.hasOwnProperty,
    promiseThen: promiseThen, promiseResolve: promiseResolve, promiseReject: promiseReject,
  };
  return { makeApi: makeApi, makeConsole: makeConsole, intrinsics: intrinsics };
})
