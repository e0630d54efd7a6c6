/**
 * Use the user's current enrollments to decide how they are challenged.
 *
 * Users enrolled in both OTP and phone get a factor picker; users enrolled in only one of them go
 * straight to that factor; users enrolled in neither cannot complete MFA (tenant log mfar).
 *
 * @param {Event} event - Details about the user and the context in which they are logging in.
 * @param {PostLoginAPI} api - Interface whose methods can be used to change the behavior of the login.
 */
exports.onExecutePostLogin = async (event, api) => {
  api.authentication.challengeWithAny([{ type: 'otp' }, { type: 'phone' }]);
};
