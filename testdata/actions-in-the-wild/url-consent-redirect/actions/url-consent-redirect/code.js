// Users must accept the 2026 data-processing terms once. The consent page is ours; it gets the
// scopes being asked for and sends the user back to /continue with ?decision=accept|decline.
const { URL: NodeURL } = require('node:url');
const querystring = require('querystring');
const util = require('util');

const CONSENT_PAGE = 'https://consent.example.com';
const TERMS = 'dpa-2026';

exports.onExecutePostLogin = async (event, api) => {
  if (event.user.user_metadata?.consent === TERMS) return;
  if (!api.redirect.canRedirect()) return;

  const url = new NodeURL('/terms', CONSENT_PAGE);
  const params = new URLSearchParams({ terms: TERMS, locale: event.request.language ?? 'en' });
  for (const scope of event.transaction.requested_scopes) params.append('scope', scope);
  url.search = params.toString();
  // Our consent page wants its own "back" parameter in the fragment, form-encoded.
  url.hash = querystring.stringify({ back: `https://${event.request.hostname}/continue`, app: event.client.name });

  console.log(util.format('consent needed for %s (%d scopes)', event.user.user_id, event.transaction.requested_scopes.length));
  api.redirect.sendUserTo(url.href);
};

exports.onContinuePostLogin = async (event, api) => {
  const decision = new URLSearchParams(event.request.query).get('decision');
  if (decision !== 'accept') {
    api.access.deny(util.format('The %s terms were not accepted (%s)', TERMS, decision ?? 'no answer'));
    return;
  }
  api.user.setUserMetadata('consent', TERMS);
};
