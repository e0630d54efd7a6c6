package validate

import (
	"github.com/mfactl/mfactl/config"
	"github.com/mfactl/mfactl/findings"
)

// loaderRule describes a problem the config loader finds while reading the file; its findings come
// from the loader, so Check does nothing. It is registered so that docs and SARIF list it.
type loaderRule struct{ info findings.RuleInfo }

func (r loaderRule) Info() findings.RuleInfo { return r.info }
func (r loaderRule) Check(*Context)          {}

var loaderRules = []Rule{
	loaderRule{findings.RuleInfo{ID: config.RuleYAMLSyntax, Severity: findings.Error,
		Short: "tenant.yaml is not valid YAML",
		Help:  "The Deploy CLI parses tenant.yaml after keyword replacement and stops at the first syntax error, after it has already contacted the tenant. mfactl reports the error at its line and column in the file you wrote, before replacement."}},
	loaderRule{findings.RuleInfo{ID: config.RuleJSONSyntax, Severity: findings.Error,
		Short: "a file of the directory format is not valid JSON",
		Help:  "The Deploy CLI reads each file of the directory format (tenant.json, actions/*.json, triggers/*.json, guardian/*) with JSON.parse after keyword replacement, and stops at the first one that fails: no comments, no trailing commas, double-quoted keys and strings. mfactl reports the error at its line and column in the file you wrote, and says when a keyword's value broke it."}},
	loaderRule{findings.RuleInfo{ID: config.RuleDuplicateKey, Severity: findings.Error,
		Short: "a mapping defines the same key twice",
		Help:  "The Deploy CLI's YAML parser refuses duplicate keys; many other tools silently keep the last one, so the mistake goes unnoticed until deploy."}},
	loaderRule{findings.RuleInfo{ID: config.RuleWrongType, Severity: findings.Error,
		Short: "a value in an MFA section has the wrong type, or a required key is missing",
		Help:  "The Deploy CLI's schema types these fields (booleans for enabled and deployed, lists for guardianFactors and bindings); where it lets a wrong type through, the Management API refuses the payload at deploy."}},
	loaderRule{findings.RuleInfo{ID: config.RuleUnknownKey, Severity: findings.Error,
		Short: "an unknown key inside a section mfactl manages",
		Help:  "Where the Deploy CLI's schema refuses unknown keys (guardianPolicies, guardianPhoneFactorMessageTypes, guardianPhoneFactorSelectedProvider, action dependencies) this is an error. Where it silently accepts them (a misspelt enabeld: in a factor) it is a warning: the setting you meant is never applied."}},
	loaderRule{findings.RuleInfo{ID: config.RuleInvalidValue, Severity: findings.Error,
		Short: "a value is not one of those the Deploy CLI accepts",
		Help:  "Message types, the phone provider and MFA policies are enumerations in the Deploy CLI's schema; any other value fails the deploy."}},
	loaderRule{findings.RuleInfo{ID: config.RuleUnresolvedKeywrd, Severity: findings.Warning,
		Short: "a @@KEY@@ or ##KEY## placeholder has no keyword mapping",
		Help:  "Keyword replacement happens before parsing, and a placeholder with no mapping stays as written: for the Deploy CLI a bare @@KEY@@ is a YAML syntax error and a bare ##KEY## after a space a comment (null), and in Action code it stays literal text. mfactl reads such a placeholder as a value it does not know, wherever it stands (a string, a boolean, a list item, a whole list): this warning, at the placeholder, is the one finding about it, no other rule judges that value, and mfactl deploy refuses to send it. Placeholders in YAML comments are not reported. Pass the mapping with --keyword, a --keywords-file, AUTH0_KEYWORD_REPLACE_MAPPINGS or --env-keyword."}},
	loaderRule{findings.RuleInfo{ID: config.RuleCodeMissing, Severity: findings.Error,
		Short: "an Action's code file does not exist",
		Help:  "Action code paths are relative to the folder that holds tenant.yaml; a missing file makes the Deploy CLI fail to load the Action."}},
	loaderRule{findings.RuleInfo{ID: config.RuleCodeOutsideDir, Severity: findings.Error,
		Short: "an Action's code path leaves the folder of tenant.yaml",
		Help:  "The Deploy CLI warns that such paths will be blocked in its next major release. mfactl does not read them, so a pull request cannot make CI print files from elsewhere on the machine."}},
	loaderRule{findings.RuleInfo{ID: config.RuleCodeUnreadable, Severity: findings.Error,
		Short: "an Action's code file cannot be read as JavaScript",
		Help:  "The file is a directory, is not UTF-8 text, cannot be opened, or is larger than the 100 kB Auth0 accepts for Action source."}},
}
