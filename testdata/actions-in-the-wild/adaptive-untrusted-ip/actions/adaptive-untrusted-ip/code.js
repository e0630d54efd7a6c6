// A login from an address on Auth0's deny list is refused outright. Anything the assessor is
// unsure about gets an OTP challenge, with the user's other factors as alternatives.
exports.onExecutePostLogin = async (event, api) => {
  const risk = event.authentication?.riskAssessment;
  const ip = risk?.assessments?.UntrustedIP;

  if (ip?.code === 'found_on_deny_list') {
    api.access.deny(`Access from ${event.request.ip} is not allowed`);
    return;
  }
  if (risk && risk.confidence !== 'high') {
    const others = (event.user.enrolledFactors ?? [])
      .map((f) => f.type)
      .filter((t) => t !== 'otp')
      .map((type) => ({ type }));
    api.authentication.challengeWith({ type: 'otp' }, { additionalFactors: others });
  }
};
