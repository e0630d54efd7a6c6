// Prepares what a later Action needs to call a partner safely: a one-time nonce and a compact,
// encoded description of the login. Logs the shape of each value (never the values themselves).
const { randomBytes } = require('node:crypto');

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

exports.onExecutePostLogin = async (event, api) => {
  const nonce = crypto.randomUUID();
  const salt = randomBytes(16).toString('hex');
  const lucky = crypto.getRandomValues(new Uint8Array(8));
  console.log(`nonce v4: ${UUID_V4.test(nonce)}, salt: ${salt.length} hex chars, random bytes: ${lucky.length}`);

  const context = { uid: event.user.user_id, app: event.client.client_id, country: event.request.geoip.countryCode };
  const encoded = Buffer.from(JSON.stringify(context)).toString('base64');
  console.log(`context: ${encoded}`);
  console.log(`round trip: ${JSON.parse(atob(encoded)).uid === context.uid}, btoa agrees: ${btoa(JSON.stringify(context)) === encoded}`);
  console.log(`utf-8 bytes of the name: ${new TextEncoder().encode(event.user.name).length}`);

  const copy = structuredClone(context);
  copy.country = 'XX';
  console.log(`clone is independent: ${context.country !== copy.country}`);

  api.transaction.setMetadata('nonce', nonce);
  api.transaction.setMetadata('context', encoded);
};
