// The chat widget in our app only trusts a user id that comes with its HMAC, computed with the
// secret the widget vendor gave us. We compute it here and hand it to the app in the ID token.
const { createHmac } = require('node:crypto');

const CLAIM = 'https://app.example.com/support_user_hash';

exports.onExecutePostLogin = async (event, api) => {
  const key = event.secrets.SUPPORT_WIDGET_SECRET;
  if (!key) {
    console.warn('SUPPORT_WIDGET_SECRET is not set; the widget will treat the user as anonymous');
    return;
  }
  if (!event.user.email_verified) {
    // The widget links conversations by e-mail; unverified addresses are not vouched for.
    console.log('email not verified: no identity hash');
    return;
  }
  const hash = createHmac('sha256', key).update(event.user.user_id).digest('hex');
  api.idToken.setCustomClaim(CLAIM, hash);
};
