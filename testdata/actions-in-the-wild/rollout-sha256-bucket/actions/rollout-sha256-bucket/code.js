// Roll MFA out to a share of users. The bucket (0-99) comes from the first four bytes of a SHA-256
// of the user id: stable across logins, spread evenly, and no state to keep.
const crypto = require('crypto');

function bucketOf(userId) {
  const hex = crypto.createHash('sha256').update(userId).digest('hex');
  return parseInt(hex.slice(0, 8), 16) % 100;
}

exports.onExecutePostLogin = async (event, api) => {
  const percent = Number(event.secrets.ROLLOUT_PERCENT || 0);
  const bucket = bucketOf(event.user.user_id);
  const inRollout = bucket < percent;
  console.log(`bucket ${bucket} of ${percent}%: ${inRollout ? 'in' : 'out'}`);
  if (!inRollout) return;

  const enrolled = (event.user.enrolledFactors || []).map((f) => ({ type: f.type }));
  if (enrolled.length > 0) {
    api.authentication.challengeWithAny(enrolled);
  } else {
    api.authentication.enrollWithAny([{ type: 'otp' }, { type: 'push-notification' }]);
  }
};
