// Customize MFA Selection: everyone gets OTP, admins are stepped up with phone as well.
exports.onExecutePostLogin = async (event, api) => {
  api.authentication.challengeWith({type: 'otp'});

  const isAdmin = event.authorization?.roles.includes('admin');
  if (isAdmin) {
    api.authentication.challengeWith({type: 'phone'});
  }
};
