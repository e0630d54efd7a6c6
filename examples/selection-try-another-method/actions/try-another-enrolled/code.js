/**
 * "Try another method" from the user's enrollments (Customize MFA Selection, Enrolled Factors sample).
 *
 * OTP is the default challenge; every factor the user is enrolled in is listed behind the
 * "Try another method" link, so they can answer with the one they prefer.
 *
 * @param {Event} event - Details about the user and the context in which they are logging in.
 * @param {PostLoginAPI} api - Interface whose methods can be used to change the behavior of the login.
 */
exports.onExecutePostLogin = async (event, api) => {
  const enrolledFactors = event.user.enrolledFactors.map((f) => ({ type: f.type }));

  api.authentication.challengeWith({ type: 'otp' }, { additionalFactors: enrolledFactors });
};
