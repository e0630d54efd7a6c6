// Send new customers through the partner's onboarding and record its result. The partner and we
// share HANDOFF_SECRET; both directions are HS256 JWTs built here without a JWT library.
const crypto = require('crypto');

const PARTNER_URL = 'https://onboarding.partner.example/start';

const b64url = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');

function sign(claims, secret) {
  const head = b64url({ alg: 'HS256', typ: 'JWT' });
  const body = b64url(claims);
  const mac = crypto.createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${mac}`;
}

function verify(token, secret, nowSeconds) {
  const [head, body, mac] = String(token).split('.');
  if (!head || !body || !mac) throw new Error('onboarding result is not a JWT');
  const expected = crypto.createHmac('sha256', secret).update(`${head}.${body}`).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    throw new Error('onboarding result has a bad signature');
  }
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  if (claims.exp <= nowSeconds) throw new Error('onboarding result has expired');
  return claims;
}

exports.onExecutePostLogin = async (event, api) => {
  if (event.user.app_metadata.onboarding) return;
  const now = Math.floor(Date.now() / 1000);
  const token = sign({ sub: event.user.user_id, email: event.user.email, iat: now, exp: now + 300 }, event.secrets.HANDOFF_SECRET);

  const target = new URL(PARTNER_URL);
  target.searchParams.set('token', token);
  target.searchParams.set('return_to', `https://${event.request.hostname}/continue`);
  api.redirect.sendUserTo(target.toString());
};

exports.onContinuePostLogin = async (event, api) => {
  const now = Math.floor(Date.now() / 1000);
  const result = verify(event.request.query.result, event.secrets.HANDOFF_SECRET, now);
  if (result.sub !== event.user.user_id) {
    api.access.deny('Onboarding was completed by someone else');
    return;
  }
  api.user.setAppMetadata('onboarding', { status: result.status, at: new Date(now * 1000).toISOString() });
};
