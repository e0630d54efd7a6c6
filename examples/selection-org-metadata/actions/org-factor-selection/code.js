/**
 * Use Organization and user metadata to decide how users are challenged.
 *
 * Each Organization lists the factors it allows in its metadata, as a comma-separated string, e.g.
 * factors: "push-notification,phone,email". Only the factors the user is also enrolled in are used.
 *
 * @param {Event} event - Details about the user and the context in which they are logging in.
 * @param {PostLoginAPI} api - Interface whose methods can be used to change the behavior of the login.
 */
exports.onExecutePostLogin = async (event, api) => {
  const orgFactors = event.organization?.metadata.factors.split(',') ?? [];

  // Factors the organization allows and the user is enrolled in.
  const availableFactors = orgFactors.filter((f) => event.user?.enrolledFactors?.some((ef) => ef.type === f));

  // Push notifications are preferred whenever they are available.
  if (availableFactors.includes('push-notification')) {
    api.authentication.challengeWith({ type: 'push-notification' });
    return;
  }

  // Users with a verified phone number get phone (SMS); when the organization also allows email,
  // email is offered behind "Try another method".
  if (event.user.phone_number && event.user.phone_verified && availableFactors.includes('phone')) {
    if (availableFactors.includes('email')) {
      api.authentication.challengeWith({ type: 'phone' }, { additionalFactors: [{ type: 'email' }] });
    } else {
      api.authentication.challengeWith({ type: 'phone' });
    }
    return;
  }

  // Neither push nor phone: fall back to email if the organization allows it.
  if (availableFactors.includes('email')) {
    api.authentication.challengeWith({ type: 'email' });
    return;
  }

  // Nothing usable: refuse the login rather than let it through without MFA.
  api.access.deny('No MFA factors available for this org + user');
};
