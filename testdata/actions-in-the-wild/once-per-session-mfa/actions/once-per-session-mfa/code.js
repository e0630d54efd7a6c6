// MFA once per session: later logins in the same session (SSO, silent auth) already carry it.
exports.onExecutePostLogin = async (event, api) => {
  const methods = event.authentication?.methods ?? [];
  const didMfa = methods.some((m) => m.name === 'mfa');
  if (!didMfa) {
    api.multifactor.enable('any', { allowRememberBrowser: true });
  }
};
