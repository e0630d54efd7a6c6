// Move everyone to push. BUG (kept on purpose): a user who already has a factor must prove it
// before enrolling another one, and this Action never challenges.
exports.onExecutePostLogin = async (event, api) => {
  const hasPush = event.user.enrolledFactors.some((f) => f.type === 'push-notification');
  if (!hasPush) {
    api.authentication.enrollWith({ type: 'push-notification' });
  }
};
