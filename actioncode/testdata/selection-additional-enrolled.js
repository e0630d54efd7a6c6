// Customize MFA Selection: OTP by default, the user's other enrolled factors behind
// "Try another method".
exports.onExecutePostLogin = async (event, api) => {
  const enrolledFactors = event.user.enrolledFactors.map((f) => ({type: f.type}));

  api.authentication.challengeWith({ type: 'otp' },
    { additionalFactors: enrolledFactors });
};
