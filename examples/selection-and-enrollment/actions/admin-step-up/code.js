/**
 * Admins are stepped up: a security key if they did not just use one, else OTP.
 * (The enrollment page's Action 2.)
 */
const FIVE_SECONDS = 5000;

function performed(event, type) {
  return (event.authentication?.methods ?? []).some(
    (m) => m.name === 'mfa' && m.type === type && Date.now() - new Date(m.timestamp).getTime() < FIVE_SECONDS
  );
}

exports.onExecutePostLogin = async (event, api) => {
  if (event.user.app_metadata?.isAdmin !== true) {
    return;
  }
  if (!performed(event, 'webauthn-roaming')) {
    api.authentication.challengeWith({ type: 'webauthn-roaming' });
  } else if (!performed(event, 'otp')) {
    api.authentication.challengeWith({ type: 'otp' });
  }
};
