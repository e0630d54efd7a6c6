// Score each login with the risk vendor's SDK. MODE decides what a high score does:
// "enforce" challenges the user, "monitor" only records it. THRESHOLD is 0-100.
const { RiskClient } = require('@riskvendor/sdk');

exports.onExecutePostLogin = async (event, api) => {
  const { MODE = 'monitor', THRESHOLD = '80' } = event.configuration;
  if (!event.secrets.RISK_VENDOR_API_KEY) {
    console.warn('risk vendor: no API key configured, skipping');
    return;
  }

  const client = new RiskClient({ apiKey: event.secrets.RISK_VENDOR_API_KEY });
  const { score } = await client.score({ ip: event.request.ip, userId: event.user.user_id, userAgent: event.request.user_agent });
  const risky = score >= Number(THRESHOLD);
  console.log(`risk vendor: score ${score}, threshold ${THRESHOLD}, mode ${MODE}`);
  api.accessToken.setCustomClaim('https://example.com/risk_score', score);

  if (risky && MODE === 'enforce') {
    const mine = event.user.enrolledFactors.map(({ type }) => ({ type }));
    if (mine.length) api.authentication.challengeWithAny(mine);
    else api.access.deny('This sign-in looks risky; please contact support');
  }
};
