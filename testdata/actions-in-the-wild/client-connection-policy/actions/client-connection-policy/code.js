// Applications opt in to MFA with client metadata require_mfa = "true". Users from our
// Okta workforce connection already passed Okta's MFA, so they are not asked twice.
const IDP_DOES_MFA = ['okta-workforce'];

exports.onExecutePostLogin = async (event, api) => {
  if (event.client.metadata?.require_mfa !== 'true') return;
  if (IDP_DOES_MFA.includes(event.connection.name)) {
    console.log(`MFA left to ${event.connection.name} (${event.connection.strategy})`);
    return;
  }
  api.authentication.challengeWithAny([{ type: 'otp' }, { type: 'phone' }]);
};
