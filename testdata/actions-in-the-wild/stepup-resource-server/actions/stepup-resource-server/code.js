// Only the administration API needs MFA. event.resource_server is there when the application
// asked for an audience; logins for an ID token alone have none.
const GUARDED_APIS = new Set(['https://admin.api.example.com/']);

exports.onExecutePostLogin = async (event, api) => {
  const audience = event.resource_server?.identifier;
  console.log(`audience: ${audience ?? '(none)'}`);
  if (audience && GUARDED_APIS.has(audience)) {
    api.multifactor.enable('any', { allowRememberBrowser: false });
  }
};
