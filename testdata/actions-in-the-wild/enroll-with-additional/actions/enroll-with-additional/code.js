// New users enroll a phishing-resistant factor when they can, something else when they can't.
exports.onExecutePostLogin = async (event, api) => {
  if (event.user.enrolledFactors.length > 0) {
    api.authentication.challengeWithAny(event.user.enrolledFactors.map(({ type }) => ({ type })));
    return;
  }
  api.authentication.enrollWith(
    { type: 'webauthn-roaming' },
    { additionalFactors: [{ type: 'push-notification' }, { type: 'otp' }] },
  );
};
