// Each customer organization decides, in its metadata, whether its members need MFA.
// Organization metadata values are strings.
exports.onExecutePostLogin = async (event, api) => {
  const org = event.organization;
  if (org?.metadata?.mfa === 'required') {
    console.log(`MFA required by ${org.display_name}`);
    api.multifactor.enable('any', { allowRememberBrowser: org.metadata.remember_browser === 'true' });
  }
};
