// New accounts set up a second factor on their very first login.
exports.onExecutePostLogin = async (event, api) => {
  const enrolled = event.user.enrolledFactors.map((f) => ({ type: f.type }));
  if (event.stats.logins_count === 1 && enrolled.length === 0) {
    api.authentication.enrollWithAny([{ type: 'push-notification' }, { type: 'otp' }]);
    return;
  }
  if (enrolled.length > 0) {
    api.authentication.challengeWithAny(enrolled);
  }
};
