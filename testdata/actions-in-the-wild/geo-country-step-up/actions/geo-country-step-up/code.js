// Home countries pass, embargoed countries are refused, everything else gets MFA at the end.
const HOME = new Set(['DE', 'AT', 'CH']);
const EMBARGOED = new Set(['KP']);

exports.onExecutePostLogin = async (event, api) => {
  const country = event.request.geoip?.countryCode;
  if (!country) {
    api.multifactor.enable('any');
    return;
  }
  if (EMBARGOED.has(country)) {
    api.access.deny(`Sign-in from ${event.request.geoip.countryName ?? country} is not permitted`);
    return;
  }
  if (!HOME.has(country)) {
    api.multifactor.enable('any', { allowRememberBrowser: false });
  }
};
