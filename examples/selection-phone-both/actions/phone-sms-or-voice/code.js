/**
 * Challenge users with their phone, letting them choose how the code reaches them.
 *
 * preferredMethod 'both' offers a text message (SMS) or a voice call; the tenant must allow both
 * message types (guardianPhoneFactorMessageTypes: [sms, voice]).
 *
 * @param {Event} event - Details about the user and the context in which they are logging in.
 * @param {PostLoginAPI} api - Interface whose methods can be used to change the behavior of the login.
 */
exports.onExecutePostLogin = async (event, api) => {
  api.authentication.challengeWith({
    type: 'phone',
    options: { preferredMethod: 'both' },
  });
};
