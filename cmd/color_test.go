package cmd

import "testing"

func TestColorDecision(t *testing.T) {
	tests := []struct {
		setting, noColor, term string
		tty, want              bool
	}{
		{"auto", "", "xterm-256color", true, true},
		{"auto", "", "xterm-256color", false, false},
		{"auto", "1", "xterm-256color", true, false},
		{"auto", "false", "xterm", true, false}, // any non-empty NO_COLOR, unlike colorprofile
		{"auto", "", "dumb", true, false},
		{"always", "1", "dumb", false, true},
		{"never", "", "xterm", true, false},
	}
	for _, tt := range tests {
		if got := colorDecision(tt.setting, tt.noColor, tt.term, tt.tty); got != tt.want {
			t.Errorf("colorDecision(%q, NO_COLOR=%q, TERM=%q, tty=%v) = %v, want %v", tt.setting, tt.noColor, tt.term, tt.tty, got, tt.want)
		}
	}
}
