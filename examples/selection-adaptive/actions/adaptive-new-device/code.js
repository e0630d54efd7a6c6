/**
 * Use Adaptive MFA's risk assessment to decide when to challenge users.
 *
 * Users are challenged when they log in from a device Auth0 does not recognise, i.e. when the
 * NewDevice assessor's confidence is low or medium. Requires the "Adaptive MFA Risk Assessment"
 * toggle, otherwise event.authentication.riskAssessment is not set and nobody is challenged.
 *
 * @param {Event} event - Details about the user and the context in which they are logging in.
 * @param {PostLoginAPI} api - Interface whose methods can be used to change the behavior of the login.
 */
exports.onExecutePostLogin = async (event, api) => {
  if (event.authentication?.riskAssessment?.assessments.NewDevice) {
    // Decide on the NewDevice confidence only: prompt for MFA when the device is unknown.
    let shouldPromptMfa;

    switch (event.authentication.riskAssessment.assessments.NewDevice.confidence) {
      case 'low':
      case 'medium':
        shouldPromptMfa = true;
        break;
      case 'high':
        shouldPromptMfa = false;
        break;
      case 'neutral':
        // The assessor had no useful information: do not prompt.
        shouldPromptMfa = false;
        break;
    }

    // A challenge only makes sense when the user has at least one enrolled factor.
    const canPromptMfa = event.user.enrolledFactors?.length > 0;

    if (shouldPromptMfa && canPromptMfa) {
      const enrolledFactors = event.user.enrolledFactors.map((f) => ({ type: f.type }));
      api.authentication.challengeWithAny(enrolledFactors);
    }
  }
};
