package validate

import (
	"strconv"
	"strings"

	"github.com/mfactl/mfactl/findings"
)

type ruleTriggerVersion struct{}

func (ruleTriggerVersion) Info() findings.RuleInfo {
	return findings.RuleInfo{ID: "trigger-version-outdated", Severity: findings.Error,
		Short: "an Action that calls MFA commands is on a post-login version older than v3",
		Help: "Auth0's troubleshooting checklist: \"Ensure you've upgraded to the latest version of post-login Actions.\" The MFA commands (challengeWith, challengeWithAny, enrollWith, enrollWithAny) need post-login v3: an Action that calls them on an older version is an error. " +
			"Other Actions are not failing: on v2 (GA) the finding is an info (Auth0's Login flow release notes recommend v3, whose breaking change is that api.redirect.sendUserTo no longer skips non-interactive flows); on v1, the retired Actions beta version, it is a warning to migrate."}
}

// latestPostLogin is the newest post-login trigger version mfactl knows.
const latestPostLogin = 3

func (ruleTriggerVersion) Check(c *Context) {
	for _, a := range c.Tenant.Actions {
		t := a.Supports("post-login")
		if t == nil || !t.Version.Set || t.Version.Unknown {
			continue
		}
		n, err := strconv.Atoi(strings.TrimPrefix(t.Version.Value, "v"))
		if err == nil && n >= latestPostLogin {
			continue
		}
		if cmds := mfaCalls(c.Parsed(a)); len(cmds) > 0 {
			sp := c.CodeSpan(a, cmds[0].Span)
			c.Report(t.Version.Span, findings.Error, "action %q calls %s (%s:%d) on post-login version %q; the MFA commands need v3: write version: v3",
				a.Name.Value, cmds[0].Method.Short(), sp.File, sp.Line, t.Version.Value)
			continue
		}
		switch {
		case err != nil:
			c.Report(t.Version.Span, findings.Warning, "action %q has post-login version %q; the versions are v1, v2 and v3 (the latest)", a.Name.Value, t.Version.Value)
		case n <= 1:
			c.Report(t.Version.Span, findings.Warning, "action %q uses post-login version %q, the retired Actions beta version; migrate it to v3 (Auth0: \"Migrate from Actions Beta to Final\")", a.Name.Value, t.Version.Value)
		default:
			c.Report(t.Version.Span, findings.Info, "action %q uses post-login version %q, which runs, and calls no MFA command; v3 is the latest, which Auth0 recommends (its one breaking change: api.redirect.sendUserTo no longer skips non-interactive flows)", a.Name.Value, t.Version.Value)
		}
	}
}
