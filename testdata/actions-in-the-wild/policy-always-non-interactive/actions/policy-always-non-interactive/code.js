// Adds the user's plan to the access token; MFA comes from the tenant's "Always" policy.
exports.onExecutePostLogin = async (event, api) => {
  const plan = event.user.app_metadata?.plan ?? 'free';
  api.accessToken.setCustomClaim('https://example.com/plan', plan);
};
