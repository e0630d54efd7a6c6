// Customize MFA Enrollments, "admins must have two factors", Action 1: challenge users who have a
// factor with one of theirs (admins then enroll a security key); enroll everyone else, admins twice.
exports.onExecutePostLogin = async (event, api) => {
  if (event.user.enrolledFactors.length) {
    // Already enrolled: challenge first.
    api.authentication.challengeWithAny(event.user.enrolledFactors.map(m => ({type: m.type})));
    if (event.user.app_metadata.isAdmin &&
        !event.user.enrolledFactors.some(m => m.type === 'webauthn-roaming')) {
      // An admin without a security key used another factor: enroll the key now.
      api.authentication.enrollWith({type: 'webauthn-roaming'})
    }
  }
  else {
    // Not enrolled: pick a factor to enroll now.
    api.authentication.enrollWithAny([{type: 'webauthn-roaming'}, {type: 'otp'}]);
    if (event.user.app_metadata.isAdmin) {
      // One more for admins.
      api.authentication.enrollWithAny([{type: 'webauthn-roaming'}, {type: 'otp'}]);
    }
  }
};
