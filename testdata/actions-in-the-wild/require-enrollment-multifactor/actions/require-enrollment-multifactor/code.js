// Everyone must have a second factor. event.user.multifactor names the MFA providers the user is
// enrolled with; an empty (or missing) list means nothing is set up yet, so MFA is required and
// Universal Login shows the enrollment.
exports.onExecutePostLogin = async (event, api) => {
  if (!event.user.multifactor?.length) {
    api.multifactor.enable('any', { allowRememberBrowser: false });
  }
};
