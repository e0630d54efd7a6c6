// Only people from the configured e-mail domains may sign in. ALLOWED_DOMAINS is a comma-separated
// setting of the integration; when it is empty the integration does nothing.
exports.onExecutePostLogin = async (event, api) => {
  const allowed = (event.configuration.ALLOWED_DOMAINS || '')
    .split(',')
    .map((d) => d.trim().toLowerCase())
    .filter(Boolean);
  if (allowed.length === 0) return;

  const email = (event.user.email || '').toLowerCase();
  const domain = email.slice(email.lastIndexOf('@') + 1);
  if (!allowed.includes(domain)) {
    api.access.deny(`Sign-in is limited to ${allowed.join(', ')} accounts`);
    return;
  }
  if (event.configuration.REQUIRE_VERIFIED_EMAIL === 'true' && !event.user.email_verified) {
    api.access.deny('Please verify your e-mail address first');
  }
};
