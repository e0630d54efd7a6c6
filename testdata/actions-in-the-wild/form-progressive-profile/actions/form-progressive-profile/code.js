// Ask for the company and job title once, on the third login or later, with the Form whose id is
// below (built in the Forms editor). The form is pre-filled with whatever we already know.
const PROFILE_FORM = 'ap_7Yq2ProfileForm01';

exports.onExecutePostLogin = async (event, api) => {
  const meta = event.user.user_metadata ?? {};
  if (meta.company && meta.job_title) return;
  if (event.stats.logins_count < 3) return;

  api.prompt.render(PROFILE_FORM, {
    fields: { company: meta.company ?? '', job_title: meta.job_title ?? '' },
    vars: { greeting: event.user.given_name ?? 'there' },
  });
};

exports.onContinuePostLogin = async (event, api) => {
  const { company, job_title: jobTitle } = event.prompt?.fields ?? {};
  console.log(`form ${event.prompt?.id} answered for ${event.prompt?.vars?.greeting}`);
  if (!company) {
    api.access.deny('Please tell us which company you work for');
    return;
  }
  api.user.setUserMetadata('company', company.trim());
  if (jobTitle) api.user.setUserMetadata('job_title', jobTitle.trim());
};
