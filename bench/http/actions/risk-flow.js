// bench/http: the MFA decision of examples/selection-and-enrollment's first Action, after (when
// event.configuration.REQUESTS is 'on') a risk score from fetch and a country check from axios.
exports.onExecutePostLogin = async (event, api) => {
  let score = 50;
  let allowed = true;
  if (event.configuration.REQUESTS === 'on') {
    const res = await fetch('https://risk.example.com/v1/score', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user_id: event.user.user_id, ip: event.request.ip }),
    });
    score = (await res.json()).score;
    const axios = require('axios');
    const { data } = await axios.get('https://allow-list.example.com/v1/countries', { params: { code: event.request.geoip.countryCode } });
    allowed = data.allowed;
  }
  if (!allowed) {
    api.access.deny('country not allowed');
    return;
  }
  api.idToken.setCustomClaim('https://example.com/risk', score);
  const factors = (event.user.enrolledFactors || []).map((f) => ({ type: f.type }));
  if (factors.length > 0) {
    api.authentication.challengeWithAny(factors);
  } else {
    api.authentication.enrollWithAny([{ type: 'otp' }, { type: 'push-notification' }]);
  }
};
