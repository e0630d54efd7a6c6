// Customize MFA Selection: OTP by default, email behind "Try another method".
exports.onExecutePostLogin = async (event, api) => {
  api.authentication.challengeWith({ type: 'otp' },
    { additionalFactors: [{type: 'email'}] });
};
