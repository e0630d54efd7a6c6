/**
 * MFA by application (mfactl's own example, not an Auth0 sample). Each application states in its
 * metadata how much assurance its logins need, in client_metadata.mfa:
 *
 *   "none"          no second factor (an internal status page, say);
 *   "any"           the default: any factor the user has among OTP, SMS and a security key. A
 *                   user who has none enrolls in OTP or SMS;
 *   "security-key"  a security key. A user who has none first proves who they are with an everyday
 *                   factor they have, then enrolls a key.
 *
 * @param {Event} event - Details about the user and the context in which they are logging in.
 * @param {PostLoginAPI} api - Interface whose methods can be used to change the behavior of the login.
 */
const EVERYDAY = ['otp', 'phone'];

exports.onExecutePostLogin = async (event, api) => {
  const level = event.client.metadata.mfa ?? 'any';
  if (level === 'none') {
    return;
  }
  const enrolled = event.user.enrolledFactors.map((f) => f.type);
  const everyday = EVERYDAY.filter((type) => enrolled.includes(type)).map((type) => ({ type }));

  if (level === 'security-key') {
    if (enrolled.includes('webauthn-roaming')) {
      api.authentication.challengeWith({ type: 'webauthn-roaming' });
      return;
    }
    if (everyday.length === 0) {
      api.access.deny('This application needs a security key. Sign in to another application first to set up a second factor.');
      return;
    }
    api.authentication.challengeWithAny(everyday);
    api.authentication.enrollWith({ type: 'webauthn-roaming' });
    return;
  }

  // A user who has only a security key is challenged with it: enrolling them in an everyday factor
  // without a challenge first would fail the login.
  const usable = enrolled.includes('webauthn-roaming') ? [...everyday, { type: 'webauthn-roaming' }] : everyday;
  if (usable.length > 0) {
    api.authentication.challengeWithAny(usable);
  } else {
    api.authentication.enrollWithAny(EVERYDAY.map((type) => ({ type })));
  }
};
