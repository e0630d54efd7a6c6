/**
 * Risk gate: asks an allow-list service whether the login's country may sign in at all (axios), then
 * asks a risk-scoring API how risky the login is (fetch). Blocked countries are denied; a score of 70
 * or more is stepped up to push or OTP (a challenge with those the user has, else an enrollment).
 *
 * When the allow-list service cannot answer, the login is denied (fail closed: no country check, no
 * sign-in). When the risk API cannot answer, the login counts as risky (fail closed too: MFA).
 */
const axios = require('axios');

const allowList = axios.create({
  baseURL: 'https://allow-list.example.com/v1',
  timeout: 2000,
});

const STEP_UP = [{ type: 'push-notification' }, { type: 'otp' }];

async function countryAllowed(code) {
  const { data } = await allowList.get('/countries', { params: { code } });
  return data.allowed === true;
}

async function riskScore(event) {
  const res = await fetch('https://risk.example.com/v1/score', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user_id: event.user.user_id, ip: event.request.ip }),
  });
  if (!res.ok) {
    console.log(`risk API answered ${res.status}: treating the login as risky`);
    return 100;
  }
  const { score } = await res.json();
  return score;
}

exports.onExecutePostLogin = async (event, api) => {
  const country = event.request.geoip.countryCode;
  let allowed;
  try {
    allowed = await countryAllowed(country);
  } catch (err) {
    const status = axios.isAxiosError(err) && err.response ? err.response.status : 'no answer';
    console.log(`allow-list service failed (${status}): denying`);
    api.access.deny('The sign-in service is unavailable. Try again later.');
    return;
  }
  if (!allowed) {
    api.access.deny(`Sign-ins from ${country} are not allowed.`);
    return;
  }

  const score = await riskScore(event);
  if (score < 70) {
    return;
  }
  const enrolled = STEP_UP.filter((s) => event.user.enrolledFactors.some((f) => f.type === s.type));
  if (enrolled.length > 0) {
    api.authentication.challengeWithAny(enrolled);
  } else {
    api.authentication.enrollWithAny(STEP_UP);
  }
};
