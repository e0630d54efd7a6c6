/**
 * "Try another method" with a specific factor (Customize MFA Selection, Specific Factor sample).
 *
 * OTP is the default challenge; email is offered behind the "Try another method" link.
 *
 * @param {Event} event - Details about the user and the context in which they are logging in.
 * @param {PostLoginAPI} api - Interface whose methods can be used to change the behavior of the login.
 */
exports.onExecutePostLogin = async (event, api) => {
  api.authentication.challengeWith({ type: 'otp' }, { additionalFactors: [{ type: 'email' }] });
};
