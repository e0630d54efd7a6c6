// Only challenge when Universal Login can actually show something. canRedirect() is false for
// grants without a browser and for silent authentication (prompt=none).
exports.onExecutePostLogin = async (event, api) => {
  if (!api.redirect.canRedirect()) {
    console.log(`no interaction possible (${event.transaction.protocol}, prompt=${event.request.query.prompt ?? ''})`);
    return;
  }
  const enrolled = (event.user.enrolledFactors ?? []).map((f) => ({ type: f.type }));
  if (enrolled.length) {
    api.authentication.challengeWithAny(enrolled);
  } else {
    api.authentication.enrollWithAny([{ type: 'otp' }, { type: 'phone' }]);
  }
};
