// Admins must approve a push on their registered phone (no typing the code instead).
exports.onExecutePostLogin = async (event, api) => {
  const roles = event.authorization?.roles ?? [];
  if (roles.includes('admin')) {
    api.authentication.challengeWith({ type: 'push-notification', options: { otpFallback: false } });
    return;
  }
  const mine = event.user.enrolledFactors.map(({ type }) => ({ type }));
  if (mine.length > 0) api.authentication.challengeWithAny(mine);
};
