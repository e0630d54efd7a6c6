// Customize MFA Selection: use current enrollments to pick the challenge.
exports.onExecutePostLogin = async (event, api) => {
  api.authentication.challengeWithAny([{type: 'otp'}, {type: 'phone'}]);
};
