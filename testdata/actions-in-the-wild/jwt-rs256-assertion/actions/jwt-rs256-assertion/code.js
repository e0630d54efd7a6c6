// Partners' back ends accept calls from our users only with an assertion we sign with our private
// key. The key lives in a secret with its newlines escaped; we restore them before use.
const crypto = require('crypto');

const pem = (secret) => secret.replace(/\\n/g, '\n');
const part = (obj) => Buffer.from(JSON.stringify(obj)).toString('base64url');

exports.onExecutePostLogin = async (event, api) => {
  if (!event.authorization?.roles?.includes('partner')) return;

  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${part({ alg: 'RS256', typ: 'JWT', kid: 'partner-2026' })}.${part({
    iss: `https://${event.request.hostname}/`,
    sub: event.user.user_id,
    aud: 'https://partners.example.com',
    iat: now,
    exp: now + 3600,
  })}`;

  const signer = crypto.createSign('RSA-SHA256');
  signer.update(unsigned);
  const signature = signer.sign(pem(event.secrets.ASSERTION_PRIVATE_KEY), 'base64url');
  const jwt = `${unsigned}.${signature}`;

  // Never hand out something the partner would reject.
  const verifier = crypto.createVerify('RSA-SHA256');
  verifier.update(unsigned);
  const ok = verifier.verify(pem(event.secrets.ASSERTION_PUBLIC_KEY), signature, 'base64url');
  console.log(`assertion: ${jwt.split('.').length} parts, ${Buffer.from(signature, 'base64url').length}-byte signature, verified ${ok}`);
  if (!ok) throw new Error('partner assertion did not verify');

  api.accessToken.setCustomClaim('https://example.com/partner_assertion', jwt);
};
