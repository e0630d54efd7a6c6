// Customize MFA Selection, sequenced and contextual flows: Action 1 lets the user pick phone or push.
exports.onExecutePostLogin = async (event, api) => {
  api.authentication.challengeWithAny([{ type: 'phone' }, { type: 'push-notification' }]);
};
