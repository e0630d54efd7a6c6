// Scopes that allow payments are only granted after a second factor in this login.
const SENSITIVE = ['payments:write', 'transfers:create'];

exports.onExecutePostLogin = async (event, api) => {
  const asked = event.transaction?.requested_scopes ?? [];
  const sensitive = asked.filter((s) => SENSITIVE.includes(s));
  if (sensitive.length === 0) return;

  console.log(`step-up for ${sensitive.join(' ')}`);
  api.authentication.challengeWith(
    { type: 'push-notification', options: { otpFallback: false } },
    { additionalFactors: [{ type: 'otp' }] },
  );
};
