// BUG (kept on purpose): no check of event.transaction.protocol, so a refresh-token exchange
// is asked for MFA it cannot perform.
exports.onExecutePostLogin = async (event, api) => {
  api.multifactor.enable('any');
};
