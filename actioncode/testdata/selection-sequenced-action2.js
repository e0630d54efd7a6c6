// Customize MFA Selection, sequenced and contextual flows: Action 2 steps admins who just used
// phone up to push (event.authentication.methods was refreshed after Action 1's challenge).
exports.onExecutePostLogin = async (event, api) => {
  if (event.authentication.methods.find((m) => m.type === 'phone') && event.authorization?.roles.includes('admin')) {
    api.authentication.challengeWith({ type: 'push-notification' });
  }
};
