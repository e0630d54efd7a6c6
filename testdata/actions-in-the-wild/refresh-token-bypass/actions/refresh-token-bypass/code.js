// Require MFA on interactive logins only. The Action also runs when an application exchanges a
// refresh token; no page can be shown then, and MFA would make the exchange fail.
exports.onExecutePostLogin = async (event, api) => {
  if (event.transaction?.protocol === 'oauth2-refresh-token') {
    return;
  }
  api.multifactor.enable('any', { allowRememberBrowser: true });
};
