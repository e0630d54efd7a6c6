// Users need a real second factor. Email does not count: verified users have it implicitly.
// Auth0 only lets an enrolled user enroll something new after a challenge, so a user whose only
// factor is email proves it first.
const STRONG = [{ type: 'push-notification' }, { type: 'otp' }, { type: 'phone' }];

exports.onExecutePostLogin = async (event, api) => {
  const types = (event.user.enrolledFactors ?? []).map((f) => f.type);
  const strong = types.filter((t) => t !== 'email');

  if (strong.length > 0) {
    api.authentication.challengeWithAny(strong.map((type) => ({ type })));
    return;
  }
  if (types.includes('email')) {
    api.authentication.challengeWith({ type: 'email' });
  }
  api.authentication.enrollWithAny(STRONG);
};
