/**
 * Use roles to decide how users are challenged.
 *
 * Everyone is challenged with OTP. Users with the admin role need a higher level of assurance, so
 * they are stepped up with a second factor (phone). Both challenges are queued by this Action and run
 * in call order once it returns.
 *
 * @param {Event} event - Details about the user and the context in which they are logging in.
 * @param {PostLoginAPI} api - Interface whose methods can be used to change the behavior of the login.
 */
exports.onExecutePostLogin = async (event, api) => {
  api.authentication.challengeWith({ type: 'otp' });

  const isAdmin = event.authorization?.roles.includes('admin');
  if (isAdmin) {
    api.authentication.challengeWith({ type: 'phone' });
  }
};
