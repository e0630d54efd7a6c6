exports.onExecutePostLogin = async (event, api) => {
  if (event.user.app_metadata && event.user.app_metadata.mfa_off) {
    return;
  }
  api.authentication.challengeWith({ type: 'otp' });
};
