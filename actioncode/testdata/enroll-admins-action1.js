/**
 * Challenge users who have a factor with one of theirs; enroll everyone else.
 * Admins must also have a security key (the enrollment page's "admins must have two factors").
 */
exports.onExecutePostLogin = async (event, api) => {
  const enrolled = event.user.enrolledFactors ?? [];
  const isAdmin = event.user.app_metadata?.isAdmin === true;

  if (enrolled.length > 0) {
    api.authentication.challengeWithAny(enrolled.map((f) => ({ type: f.type })));
    if (isAdmin && !enrolled.some((f) => f.type === 'webauthn-roaming')) {
      api.authentication.enrollWith({ type: 'webauthn-roaming' });
    }
  } else {
    api.authentication.enrollWithAny([{ type: 'webauthn-roaming' }, { type: 'otp' }]);
    if (isAdmin) {
      api.authentication.enrollWithAny([{ type: 'webauthn-roaming' }, { type: 'otp' }]);
    }
  }
};
