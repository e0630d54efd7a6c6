// Unknown devices get MFA, but only for users who already set up a second factor: a user with
// nothing enrolled is left alone here (another Action handles enrollment).
exports.onExecutePostLogin = async (event, api) => {
  const device = event.authentication?.riskAssessment?.assessments?.NewDevice;
  const unknownDevice = device && ['low', 'medium'].includes(device.confidence);
  const enrolled = event.user.multifactor?.length > 0;

  console.log(`unknown device: ${Boolean(unknownDevice)}, providers: ${JSON.stringify(event.user.multifactor)}`);
  if (unknownDevice && enrolled) {
    api.multifactor.enable('any', { allowRememberBrowser: true });
  }
};
