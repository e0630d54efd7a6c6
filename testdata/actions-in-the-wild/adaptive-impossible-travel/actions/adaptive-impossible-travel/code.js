// Travel that Auth0 finds implausible since the last login is challenged with every factor the
// user has; if the user has none we would rather stop the login than let it through unchecked.
const RISKY_TRAVEL = new Set([
  'impossible_travel_from_last_login',
  'substantial_travel_from_last_login',
]);

exports.onExecutePostLogin = async (event, api) => {
  const travel = event.authentication?.riskAssessment?.assessments?.ImpossibleTravel;
  if (!travel) return;

  const risky = travel.confidence === 'low' || RISKY_TRAVEL.has(travel.code);
  if (!risky) return;

  const mine = (event.user.enrolledFactors || []).map(({ type }) => ({ type }));
  if (mine.length === 0) {
    api.access.deny(`Sign-in blocked: unusual travel (${travel.code}) and no second factor to confirm it`);
    return;
  }
  api.authentication.challengeWithAny(mine);
};
