// The tenant policy is "Always". Two flags set by the support team adjust it per user.
exports.onExecutePostLogin = async (event, api) => {
  const flags = event.user.app_metadata ?? {};
  if (flags.mfa_exempt === true) {
    console.log(`MFA exemption: ${flags.mfa_exempt_reason ?? 'no reason recorded'}`);
    api.multifactor.enable('none');
    return;
  }
  if (flags.high_risk) {
    api.multifactor.enable('any', { allowRememberBrowser: false });
  }
};
