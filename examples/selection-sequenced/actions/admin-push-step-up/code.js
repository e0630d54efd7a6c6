/**
 * Action 2 of the sequenced flow: decide from what the user did in Action 1.
 *
 * The flow pauses after Action 1 until the user completes its challenge, so when this Action begins
 * event.authentication.methods holds an entry {name: 'mfa', type: <factor used>}. Admins who answered
 * with phone are challenged again with a push notification.
 *
 * @param {Event} event - Details about the user and the context in which they are logging in.
 * @param {PostLoginAPI} api - Interface whose methods can be used to change the behavior of the login.
 */
exports.onExecutePostLogin = async (event, api) => {
  const usedPhone = event.authentication.methods.some((m) => m.name === 'mfa' && m.type === 'phone');
  const isAdmin = event.authorization?.roles.includes('admin');

  if (usedPhone && isAdmin) {
    api.authentication.challengeWith({ type: 'push-notification' });
  }
};
