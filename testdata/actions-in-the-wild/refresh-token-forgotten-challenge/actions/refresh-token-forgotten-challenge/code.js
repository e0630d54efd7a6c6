// Everyone proves OTP (or push) on every login. BUG (kept on purpose): also on token refresh.
exports.onExecutePostLogin = async (event, api) => {
  api.authentication.challengeWith({ type: 'otp' }, { additionalFactors: [{ type: 'push-notification' }] });
};
