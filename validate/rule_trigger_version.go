package validate

import (
	"strconv"
	"strings"

	"github.com/mfactl/mfactl/findings"
)

type ruleTriggerVersion struct{}

func (ruleTriggerVersion) Info() findings.RuleInfo {
	return findings.RuleInfo{ID: "trigger-version-outdated", Severity: findings.Error,
		Short: "an Action uses an out-of-date version of the post-login trigger",
		Help:  "Auth0's troubleshooting checklist: \"Ensure you've upgraded to the latest version of post-login Actions.\" The MFA commands exist on post-login v3; an Action that calls them on an older version fails."}
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
		sev := findings.Warning
		if len(mfaCalls(c.Parsed(a))) > 0 {
			sev = findings.Error
		}
		c.Report(t.Version.Span, sev, "action %q uses post-login version %q; use v3, the version the MFA commands need", a.Name.Value, t.Version.Value)
	}
}
