// Re-accept the terms whenever their version changes.
const TERMS_VERSION = '2026-02';

exports.onExecutePostLogin = async (event, api) => {
  if (event.user.app_metadata.terms_accepted === TERMS_VERSION) return;
  api.prompt.render('ap_TermsOfService2026', {
    fields: { accept_terms: false },
    vars: { version: TERMS_VERSION },
  });
};

exports.onContinuePostLogin = async (event, api) => {
  const accepted = event.prompt.fields.accept_terms === true || event.prompt.fields.accept_terms === 'true';
  if (!accepted) {
    api.access.deny(`You must accept the terms (version ${event.prompt.vars.version}) to continue`);
    return;
  }
  api.user.setAppMetadata('terms_accepted', event.prompt.vars.version);
};
