/**
 * Adds the user's roles and the MFA factors used in this login to the ID token.
 */
exports.onExecutePostLogin = async (event, api) => {
  const ns = 'https://example.com/';
  const mfa = (event.authentication?.methods ?? []).filter((m) => m.name === 'mfa').map((m) => m.type);
  api.idToken.setCustomClaim(ns + 'roles', event.authorization?.roles ?? []);
  api.idToken.setCustomClaim(ns + 'mfa', mfa);
};
