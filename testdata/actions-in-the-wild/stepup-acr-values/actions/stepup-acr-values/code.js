// Applications request MFA per login with acr_values=<PAPE multi-factor policy>. Auth0 always
// sends acr_values as an array (empty when the request had none), so no guard is needed.
const PAPE_MFA = 'http://schemas.openid.net/pape/policies/2007/06/multi-factor';

exports.onExecutePostLogin = async (event, api) => {
  if (event.transaction.acr_values.includes(PAPE_MFA)) {
    api.multifactor.enable('any');
  }
};
