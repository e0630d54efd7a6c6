// Customize MFA Selection: the organization's metadata lists its factors; pick the best one the
// user has, or deny.
exports.onExecutePostLogin = async (event, api) => {
  const orgFactors = event.organization?.metadata.factors.split(',') ?? [];

  // Factors both enabled for the organization and enrolled by the user.
  const availableFactors = orgFactors.filter((f) => event.user?.enrolledFactors?.some((ef) => ef.type === f));

  // Push first.
  if (availableFactors.includes('push-notification')) {
    api.authentication.challengeWith({ type: 'push-notification' });
    return;
  }

  // Then a verified phone, with email behind "Try another method" when the organization allows it.
  if (event.user.phone_number && event.user.phone_verified && availableFactors.includes('phone')) {
    if (availableFactors.includes('email')) {
      api.authentication.challengeWith({ type: 'phone' }, {
        additionalFactors: [{ type: 'email' }],
      });
    } else {
      api.authentication.challengeWith({ type: 'phone' });
    }
    return;
  }

  // Then email; nothing else works for this organization.
  if (availableFactors.includes('email')) {
    api.authentication.challengeWith({ type: "email" });
    return;
  }

  api.access.deny("No MFA factors available for this org + user");
};
