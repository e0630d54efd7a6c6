// "Prove every factor you have." BUG (kept on purpose): unbounded commands; Auth0 runs at most four
// per login. Satisfied challenges count too: a completed challenge satisfies the next one only if
// it shares a factor, which these do not.
exports.onExecutePostLogin = async (event, api) => {
  for (const factor of event.user.enrolledFactors) {
    api.authentication.challengeWith({ type: factor.type });
  }
};
