// Customize MFA Selection: the documentation's snippet, as written there (no handler around it).
api.authentication.challengeWith({
  type: 'phone',
  options: { preferredMethod: 'both'}
});
