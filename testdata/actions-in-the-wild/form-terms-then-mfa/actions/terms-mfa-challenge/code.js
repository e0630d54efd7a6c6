// Everyone with a factor proves it; everyone without one enrolls in OTP.
exports.onExecutePostLogin = async (event, api) => {
  const mine = event.user.enrolledFactors.map((f) => ({ type: f.type }));
  if (mine.length) api.authentication.challengeWithAny(mine);
  else api.authentication.enrollWith({ type: 'otp' });
};
