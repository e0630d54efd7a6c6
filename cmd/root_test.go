package cmd

import "testing"

func TestErrorText(t *testing.T) {
	for in, want := range map[string]string{
		"could not read \"a\": no such file":  "could not read \"a\": no such file",
		"bad\nRun 'mfactl --help' for usage.": "bad\nRun 'mfactl --help' for usage.",
		"x\n::error file=a::pwned":            `x` + "\n" + `\x3a:error file=a::pwned`,
		"x\n  ::warning::y":                   "x\n  " + `\x3a:warning::y`,
		"colour \x1b[31mred":                  `colour \x1b[31mred`,
		"legacy ##[error]x":                   `legacy ##\x5berror]x`,
	} {
		if got := errorText(in); got != want {
			t.Errorf("errorText(%q) = %q, want %q", in, got, want)
		}
	}
}
