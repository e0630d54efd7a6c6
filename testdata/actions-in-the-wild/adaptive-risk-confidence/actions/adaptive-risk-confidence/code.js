// Ask for MFA only when Auth0's risk assessment has little confidence in this login.
// The assessment is present when the Adaptive MFA risk assessment is turned on; without it we
// keep the login as it is rather than guessing.
exports.onExecutePostLogin = async (event, api) => {
  const risk = event.authentication?.riskAssessment;
  if (!risk) {
    console.log('no risk assessment: leaving MFA to the tenant policy');
    return;
  }
  console.log(`risk confidence ${risk.confidence}`);
  if (risk.confidence === 'low') {
    // No remembered browsers for risky logins.
    api.multifactor.enable('any', { allowRememberBrowser: false });
  }
};
