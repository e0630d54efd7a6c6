/**
 * Customize MFA Selection: Adaptive MFA decides. Prompt when the NewDevice assessment has low or
 * medium confidence, and only users who have a factor to be challenged with.
 */
exports.onExecutePostLogin = async (event, api) => {
  if (event.authentication?.riskAssessment?.assessments.NewDevice) {
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
        // No useful information: do not prompt.
        shouldPromptMfa = false;
        break;
    }

    // Prompting only makes sense for a user with at least one enrolled factor.
    const canPromptMfa = event.user.enrolledFactors?.length > 0;

    if (shouldPromptMfa && canPromptMfa) {
      const enrolledFactors = event.user.enrolledFactors.map((f) => ({type: f.type}));
      api.authentication.challengeWithAny(enrolledFactors);
    }
  }
};
