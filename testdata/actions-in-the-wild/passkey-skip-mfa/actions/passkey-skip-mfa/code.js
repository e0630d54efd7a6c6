// A passkey counts as both factors; don't ask for another one.
exports.onExecutePostLogin = async (event, api) => {
  const usedPasskey = event.authentication?.methods.some((m) => m.name === 'passkey');
  if (usedPasskey) {
    api.multifactor.enable('none');
  }
};
