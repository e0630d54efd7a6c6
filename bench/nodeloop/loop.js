#!/usr/bin/env node
// The floor for `mfactl simulate`: the same post-login Actions called in plain Node, with nothing
// mfactl adds (no sandbox, no guards, no MFA engine, no report). bench/simulate.sh runs it beside
// mfactl on the same scenarios (issue 10, "Speed").
//
//   node bench/nodeloop/loop.js WORK.json     run every scenario of WORK.json (genscenarios -json)
//   node bench/nodeloop/loop.js --count R.json  count the scenarios and api calls of mfactl's
//                                               `simulate --format json` report R.json
//
// Both print one line, "scenarios N calls M", so the script can check that both sides did the same
// work. No npm dependencies.
//
// For each scenario the loop builds mfactl's default event (simulate/event.go, copied below) with the
// scenarios file's defaults, the scenario's event, user and roles deep-merged over it and the derived
// fields filled, as mfactl does;
// then calls each bound Action's onExecutePostLogin(event, api) in binding order, awaiting it, with a
// recording api (every method records its name and a JSON copy of its arguments). Each Action's code
// is loaded once, through Node's CommonJS module wrapper, as Auth0 loads it once per container.
//
// The one thing of the MFA engine the loop keeps, so that later Actions branch as they do in mfactl:
// after each Action, each MFA command it queued adds an `mfa` method to event.authentication.methods,
// for the first factor it offers that this login has not used yet (what mfactl's engine gives when
// the scenario has no answers). Without it admin-step-up would challenge admins that mfactl's flow
// already took through a security key, and the call counts would differ.
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { createRequire } = require('node:module');

function isoTime(ms) {
  return new Date(ms).toISOString();
}

// defaultUser, defaultEvent and complete mirror simulate/event.go (the whole post-login event of
// issue 10); keep them in step with it. Left out: event.refresh_token, only made for the
// oauth2-refresh-token protocol, and user.multifactor following enrollments made during the login.
const CLIENT_ID = 'aBcDeFgHiJkLmNoPqRsTuVwXyZ012345';
const HOSTNAME = 'example.us.auth0.com';
const REDIRECT = 'https://app.example.com/callback';
const STATE = 'c3RhdGUtMDAwMDAwMDAwMDAwMDAwMQ';
const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';

function defaultUser() {
  return {
    user_id: 'auth0|000000000000000000000001',
    email: 'user@example.com',
    email_verified: false,
    name: 'user@example.com',
    nickname: 'user',
    app_metadata: {},
    user_metadata: {},
    enrolledFactors: [],
    created_at: '2025-01-01T00:00:00.000Z',
    updated_at: '2025-01-01T00:00:00.000Z',
  };
}

function defaultEvent(now) {
  const at = isoTime(now);
  return {
    tenant: { id: 'example' },
    client: { client_id: CLIENT_ID, name: 'Example App', metadata: {} },
    connection: { id: 'con_0000000000000001', name: 'Username-Password-Authentication', strategy: 'auth0', metadata: {} },
    authorization: { roles: [] },
    authentication: { methods: [{ name: 'pwd', timestamp: at }] },
    request: {
      ip: '203.0.113.10', asn: 'AS64496', method: 'GET', hostname: HOSTNAME, language: 'en', user_agent: USER_AGENT,
      query: { redirect_uri: REDIRECT, response_type: 'code', response_mode: 'query', scope: 'openid profile email', state: STATE },
      body: {},
      geoip: { cityName: 'Berlin', continentCode: 'EU', countryCode: 'DE', countryCode3: 'DEU', countryName: 'Germany',
        latitude: 52.52, longitude: 13.405, subdivisionCode: 'BE', subdivisionName: 'Berlin', timeZone: 'Europe/Berlin' },
    },
    transaction: {
      id: 'txn_0000000000000001', locale: 'en', protocol: 'oidc-basic-profile',
      acr_values: [], prompt: [], ui_locales: [], requested_scopes: ['openid', 'profile', 'email'],
      redirect_uri: REDIRECT, response_mode: 'query', response_type: ['code'], state: STATE, metadata: {},
    },
    session: {
      id: 'sess_0000000000000001', created_at: at, updated_at: at, authenticated_at: at,
      last_interacted_at: at, cookie: { mode: 'persistent' },
    },
    stats: { logins_count: 1 },
    secrets: {},
    configuration: {},
    user: defaultUser(),
    security_context: {},
  };
}

const DEPENDENT_FACTORS = ['email', 'webauthn-platform', 'recovery-code'];

// complete fills what Auth0 derives from other fields, as simulate.completeEvent and
// syncMultifactor do: identities, picture, multifactor, the query's client_id, the session's user,
// clients and device.
function complete(e, multifactorGiven) {
  const user = e.user || {};
  const conn = e.connection || {};
  const req = e.request || {};
  const clientID = (e.client || {}).client_id;
  const userID = user.user_id;
  if (user.identities === undefined && userID) {
    const i = userID.indexOf('|');
    const strategy = conn.strategy || '';
    user.identities = [{
      connection: conn.name, provider: i >= 0 ? userID.slice(0, i) : strategy, user_id: i >= 0 ? userID.slice(i + 1) : userID,
      isSocial: strategy !== '' && strategy === conn.name && strategy !== 'auth0',
    }];
  }
  if (user.picture === undefined && typeof user.email === 'string' && user.email) {
    const sum = crypto.createHash('md5').update(user.email.trim().toLowerCase()).digest('hex');
    const initials = Array.from(user.email.toLowerCase()).slice(0, 2).join('');
    user.picture = 'https://s.gravatar.com/avatar/' + sum + '?s=480&r=pg&d=' +
      encodeURIComponent('https://cdn.auth0.com/avatars/' + initials + '.png');
  }
  if (!multifactorGiven) {
    const independent = (user.enrolledFactors || []).some((f) => f && f.type && !DEPENDENT_FACTORS.includes(f.type));
    user.multifactor = independent ? ['guardian'] : [];
  }
  if (req.query && clientID && req.query.client_id === undefined) req.query.client_id = clientID;
  const session = e.session;
  if (session) {
    if (session.user_id === undefined && userID) session.user_id = userID;
    if (session.clients === undefined && clientID) session.clients = [{ client_id: clientID }];
    if (session.device === undefined) {
      const d = {};
      for (const k of ['ip', 'user_agent', 'asn']) {
        if (typeof req[k] === 'string') { d['initial_' + k] = req[k]; d['last_' + k] = req[k]; }
      }
      session.device = d;
    }
  }
}

function isPlainObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function clone(v) {
  if (Array.isArray(v)) return v.map(clone);
  if (isPlainObject(v)) {
    const o = {};
    for (const k of Object.keys(v)) o[k] = clone(v[k]);
    return o;
  }
  return v;
}

// merge deep-merges over into base (objects key by key, anything else replaces), as simulate.merge.
function merge(base, over) {
  for (const k of Object.keys(over)) {
    const v = over[k];
    if (isPlainObject(v)) {
      base[k] = merge(isPlainObject(base[k]) ? base[k] : {}, v);
    } else {
      base[k] = clone(v);
    }
  }
  return base;
}

// The api namespaces and methods of Auth0's post-login api object, as mfactl's prelude has them.
const API = {
  access: ['deny'],
  accessToken: ['setCustomClaim', 'addScope', 'removeScope'],
  idToken: ['setCustomClaim'],
  authentication: ['challengeWith', 'challengeWithAny', 'enrollWith', 'enrollWithAny', 'recordMethod', 'setPrimaryUser'],
  multifactor: ['enable'],
  redirect: ['sendUserTo', 'encodeToken', 'validateToken', 'canRedirect'],
  user: ['setAppMetadata', 'setUserMetadata'],
  cache: ['get', 'set', 'delete'],
  session: ['revoke', 'setExpiresAt', 'setIdleExpiresAt', 'setCookieMode', 'setMetadata', 'deleteMetadata', 'evictMetadata'],
  refreshToken: ['revoke', 'setExpiresAt', 'setIdleExpiresAt', 'setMetadata', 'deleteMetadata', 'evictMetadata'],
  transaction: ['setMetadata'],
  samlResponse: ['setAttribute', 'setAudience', 'setRecipient', 'setCreateUpnClaim', 'setPassthroughClaimsWithNoMapping',
    'setMapUnknownClaimsAsIs', 'setMapIdentities', 'setSignatureAlgorithm', 'setDigestAlgorithm', 'setDestination',
    'setLifetimeInSeconds', 'setSignResponse', 'setNameIdentifierFormat', 'setNameIdentifierProbes',
    'setAuthnContextClassRef', 'setSigningCert', 'setIncludeAttributeNameFormat', 'setTypedAttributes',
    'setEncryptionCert', 'setEncryptionPublicKey', 'setCert', 'setKey', 'setRelayState', 'setIssuer',
    'setEncryptionAlgorithm'],
  prompt: ['render'],
  validation: ['error'],
  rules: ['wasExecuted'],
  groups: ['getUserGroups', 'hasGroupMembership'],
  roles: ['getUserEffectiveRoles', 'getUserEffectiveRolesByIds', 'getUserEffectiveRolesByNames'],
};

// makeApi returns a fresh recording api for one Action run: every method pushes {method, args} to
// calls, args copied as JSON data (mfactl keeps them as JSON data too), and returns api for chaining.
function makeApi(calls) {
  const api = {};
  for (const ns of Object.keys(API)) {
    const o = {};
    for (const m of API[ns]) {
      const method = ns + '.' + m;
      o[m] = function () {
        const args = Array.prototype.slice.call(arguments);
        calls.push({ method, args: args.length ? JSON.parse(JSON.stringify(args)) : [] });
        return api;
      };
    }
    api[ns] = o;
  }
  return api;
}

// load compiles an Action's code in Node's CommonJS module wrapper and returns its exports.
function load(action) {
  const filename = path.resolve(action.path);
  const fn = vm.compileFunction(action.code, ['exports', 'require', 'module', '__filename', '__dirname'], { filename });
  const module = { exports: {} };
  fn.call(module.exports, module.exports, createRequire(filename), module, filename, path.dirname(filename));
  const handler = module.exports && module.exports.onExecutePostLogin;
  if (typeof handler !== 'function') {
    throw new Error(`${action.name}: no exports.onExecutePostLogin`);
  }
  return { name: action.name, handler };
}

const MFA_COMMANDS = {
  'authentication.challengeWith': 'one',
  'authentication.challengeWithAny': 'any',
  'authentication.enrollWith': 'one',
  'authentication.enrollWithAny': 'any',
};

// completed returns the mfa method an MFA command's call leads to, or null.
function completed(call, methods) {
  const kind = MFA_COMMANDS[call.method];
  if (!kind) return null;
  const offered = (kind === 'one' ? [call.args[0]] : call.args[0] || []).filter((f) => f && typeof f.type === 'string');
  if (offered.length === 0) return null;
  const used = new Set(methods.filter((m) => m.name === 'mfa').map((m) => m.type));
  const factor = offered.find((f) => !used.has(f.type)) || offered[0];
  return { name: 'mfa', type: factor.type, timestamp: isoTime(Date.now()) };
}

async function run(workPath) {
  const work = JSON.parse(fs.readFileSync(workPath, 'utf8'));
  const now = Date.parse(work.now);
  const flow = work.flow.map(load);
  let calls = 0;
  let failed = 0;
  for (const sc of work.scenarios) {
    const event = defaultEvent(now);
    if (work.defaults) merge(event, work.defaults);
    if (sc.event) merge(event, sc.event);
    if (sc.user) event.user = merge(defaultUser(), sc.user);
    if (sc.roles) event.authorization.roles = sc.roles.slice();
    complete(event, 'multifactor' in event.user);
    let methods = event.authentication.methods;
    for (const action of flow) {
      const recorded = [];
      const api = makeApi(recorded);
      const ev = Object.assign({}, event, {
        authentication: Object.assign({}, event.authentication, { methods }),
        secrets: {},
      });
      try {
        await action.handler(ev, api);
      } catch (err) {
        failed++;
        calls += recorded.length;
        break;
      }
      calls += recorded.length;
      for (const c of recorded) {
        const m = completed(c, methods);
        if (m) methods = methods.concat([m]);
      }
    }
  }
  console.log(`scenarios ${work.scenarios.length} calls ${calls}` + (failed ? ` failed ${failed}` : ''));
}

// count reads mfactl's JSON report and prints the same line for it.
function count(reportPath) {
  const report = JSON.parse(fs.readFileSync(reportPath, 'utf8'));
  let calls = 0;
  let failed = 0;
  for (const s of report.scenarios) {
    for (const a of s.actions) calls += a.calls.length;
    if (s.outcome !== 'success') failed++;
  }
  console.log(`scenarios ${report.scenarios.length} calls ${calls}` + (failed ? ` failed ${failed}` : ''));
}

const args = process.argv.slice(2);
if (args.length === 2 && args[0] === '--count') {
  count(args[1]);
} else if (args.length === 1 && !args[0].startsWith('-')) {
  run(args[0]).catch((err) => {
    console.error(err && err.stack ? err.stack : String(err));
    process.exitCode = 1;
  });
} else {
  console.error('usage: node bench/nodeloop/loop.js WORK.json | --count MFACTL-REPORT.json');
  process.exitCode = 2;
}
