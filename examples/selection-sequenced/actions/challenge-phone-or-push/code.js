/**
 * Action 1 of the sequenced flow: let the user choose phone (SMS) or a push notification.
 *
 * challengeWithAny shows a factor picker when the user is enrolled in both, goes straight to the one
 * factor they have otherwise, and fails (tenant log mfar) when they have neither.
 *
 * @param {Event} event - Details about the user and the context in which they are logging in.
 * @param {PostLoginAPI} api - Interface whose methods can be used to change the behavior of the login.
 */
exports.onExecutePostLogin = async (event, api) => {
  api.authentication.challengeWithAny([{ type: 'phone' }, { type: 'push-notification' }]);
};
