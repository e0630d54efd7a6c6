// The back-office app is for two organizations only; the treasury team must use a security key
// (OTP is allowed as a fallback for people who lost theirs).
const BACK_OFFICE_CLIENT = 'backoffice-app';
const ALLOWED_ORGS = ['org_treasury', 'org_operations'];

exports.onExecutePostLogin = async (event, api) => {
  if (event.client.client_id !== BACK_OFFICE_CLIENT) return;

  const orgId = event.organization?.id;
  if (!orgId || !ALLOWED_ORGS.includes(orgId)) {
    api.access.deny('The back office is not available to your organization');
    return;
  }
  if (orgId === 'org_treasury') {
    api.authentication.challengeWith({ type: 'webauthn-roaming' }, { additionalFactors: [{ type: 'otp' }] });
  }
};
