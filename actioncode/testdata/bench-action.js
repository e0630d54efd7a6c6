/**
 * A realistic post-login Action of about 150 lines, for BenchmarkAnalyze: organization factors,
 * adaptive step-up, enrollment for new users, and a redirect check.
 */
const STEP_UP_ROLES = ['admin', 'billing'];
const FIVE_SECONDS = 5000;
const FALLBACK = [{ type: 'email' }];
const PHONE_BOTH = { type: 'phone', options: { preferredMethod: 'both' } };

function enrolledTypes(event) {
  return (event.user.enrolledFactors ?? []).map((f) => f.type);
}

function performed(event, type) {
  return (event.authentication?.methods ?? []).some(
    (m) => m.name === 'mfa' && m.type === type && Date.now() - new Date(m.timestamp).getTime() < FIVE_SECONDS
  );
}

function orgFactors(event) {
  const raw = event.organization?.metadata?.factors ?? '';
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function riskyLogin(event) {
  const assessments = event.authentication?.riskAssessment?.assessments;
  if (!assessments) {
    return false;
  }
  switch (assessments.NewDevice?.confidence) {
    case 'low':
    case 'medium':
      return true;
    case 'high':
      return false;
    default:
      break;
  }
  if (assessments.ImpossibleTravel?.code === 'impossible_travel_from_last_login') {
    return true;
  }
  return assessments.UntrustedIP?.code === 'found_on_deny_list';
}

function needsStepUp(event) {
  const roles = event.authorization?.roles ?? [];
  return roles.some((r) => STEP_UP_ROLES.includes(r));
}

function challengeForOrg(event, api, available) {
  if (available.includes('push-notification')) {
    api.authentication.challengeWith({ type: 'push-notification' }, { additionalFactors: FALLBACK });
    return true;
  }
  if (event.user.phone_number && event.user.phone_verified && available.includes('phone')) {
    if (available.includes('email')) {
      api.authentication.challengeWith(PHONE_BOTH, { additionalFactors: [{ type: 'email' }] });
    } else {
      api.authentication.challengeWith(PHONE_BOTH);
    }
    return true;
  }
  if (available.includes('email')) {
    api.authentication.challengeWith({ type: 'email' });
    return true;
  }
  return false;
}

function enrollNewUser(event, api) {
  const admin = event.user.app_metadata?.isAdmin === true;
  api.authentication.enrollWithAny([{ type: 'webauthn-roaming' }, { type: 'otp' }]);
  if (admin) {
    api.authentication.enrollWithAny([{ type: 'webauthn-roaming' }, { type: 'otp' }]);
  }
}

/**
 * @param {Event} event
 * @param {PostLoginAPI} api
 */
exports.onExecutePostLogin = async (event, api) => {
  if (event.transaction?.protocol === 'oauth2-refresh-token') {
    return;
  }
  if (event.client.metadata?.skip_mfa === 'true') {
    console.log(`skipping MFA for ${event.client.name}`);
    return;
  }

  const enrolled = enrolledTypes(event);
  if (enrolled.length === 0) {
    enrollNewUser(event, api);
    return;
  }

  const orgs = orgFactors(event);
  if (orgs.length > 0) {
    const available = orgs.filter((f) => enrolled.includes(f));
    if (!challengeForOrg(event, api, available)) {
      api.access.deny('No MFA factors available for this organization');
      return;
    }
  } else if (riskyLogin(event)) {
    api.authentication.challengeWithAny(enrolled.map((type) => ({ type })));
  } else if (!performed(event, 'otp') && !performed(event, 'webauthn-roaming')) {
    try {
      api.authentication.challengeWith({ type: 'otp' }, { additionalFactors: [{ type: 'webauthn-roaming' }] });
    } catch (err) {
      console.log('could not queue the challenge', err);
    }
  }

  if (needsStepUp(event)) {
    const hasKey = enrolled.includes('webauthn-roaming');
    if (hasKey && !performed(event, 'webauthn-roaming')) {
      api.authentication.challengeWith({ type: 'webauthn-roaming' });
    } else if (!hasKey) {
      api.authentication.enrollWith({ type: 'webauthn-roaming' });
    }
  }

  const claims = {
    org: event.organization?.name ?? null,
    roles: event.authorization?.roles ?? [],
    mfa: enrolled,
  };
  for (const [key, value] of Object.entries(claims)) {
    api.idToken.setCustomClaim(`https://example.com/${key}`, value);
  }
};

/**
 * Resumes after a redirect.
 */
exports.onContinuePostLogin = async (event, api) => {
  const state = event.request.query?.state;
  if (!state) {
    api.access.deny('Missing state');
    return;
  }
  api.user.setAppMetadata('last_step_up', new Date().toISOString());
};
