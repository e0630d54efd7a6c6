package explore

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Formats lists the output formats.
func Formats() []string { return []string{"text", "json", "sarif"} }

// Render writes the report in a format (text or json; sarif is rendered by findings.Render of
// Findings).
func Render(w io.Writer, format string, r *Report) error {
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	var b strings.Builder
	if r.Truncated {
		fmt.Fprintf(&b, "the space is larger than --max-states: nothing was run. Its dimensions:\n")
		for _, d := range r.Dimensions {
			fmt.Fprintf(&b, "  %s\n", d)
		}
		fmt.Fprintf(&b, "raise --max-states, or set the largest dimensions in the scenarios file's defaults (a path set there is still enumerated; remove the tests the code does not need)\n")
	}
	if r.AnswersTruncated {
		fmt.Fprintf(&b, "the other answers at the prompts were cut at --max-states: %d states and %d answer variants ran, %d found were not run (nor those they lead to); raise --max-states to try them all\n", r.States, r.AnswerVariants, r.AnswersCut)
	}
	for _, c := range r.Classes {
		fmt.Fprintf(&b, "%s (%s): %s\n", c.Kind, count(c.Count, "state"), c.Cause)
		fmt.Fprintf(&b, "  when: %s\n", c.Condition)
		b.WriteString("  reproduce with this scenario:\n")
		for _, line := range strings.Split(strings.TrimRight(c.Scenario, "\n"), "\n") {
			fmt.Fprintf(&b, "    %s\n", line)
		}
	}
	if len(r.Failures) > 0 {
		fmt.Fprintf(&b, "failed answers (one login per prompt; a user who fails their own factor is not let in, as expected):\n")
		for _, f := range r.Failures {
			fmt.Fprintf(&b, "  %s, reached by %s: %s", f.Prompt, count(f.Logins, "login"), f.Outcome)
			if f.Error != "" {
				fmt.Fprintf(&b, ": %s", f.Error)
			}
			types := make([]string, len(f.Logs))
			for i, l := range f.Logs {
				types[i] = l.Type
			}
			fmt.Fprintf(&b, " [logs: %s]\n", strings.Join(types, " "))
		}
	}
	for _, p := range r.Properties {
		writeProperty(&b, p)
	}
	for _, i := range r.Info {
		fmt.Fprintf(&b, "info: %s\n", i)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// SummaryLine is the last line of a run, for stderr.
func SummaryLine(r *Report) string {
	if r.Truncated {
		return "explore: space too large, truncated"
	}
	counts := map[string]int{}
	for _, c := range r.Classes {
		counts[c.Kind] += c.Count
	}
	var parts []string
	for _, k := range []string{LockedOut, NeverChallenged, CannotEnroll, Denied, Success} {
		if counts[k] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[k], k))
		}
	}
	line := fmt.Sprintf("explore: %s, %s: %s", count(r.States, "state"), count(len(r.Classes), "class"), strings.Join(parts, ", "))
	if r.AnswerVariants > 0 {
		line += "; " + count(r.AnswerVariants, "answer variant")
	}
	if r.AnswersTruncated {
		line += "; answer variants cut at --max-states"
	}
	if len(r.Failures) > 0 {
		line += "; " + count(len(r.Failures), "prompt") + " failed once"
	}
	if len(r.Properties) > 0 {
		failed := 0
		for _, p := range r.Properties {
			if !p.Passed {
				failed++
			}
		}
		line += fmt.Sprintf("; %d properties, %d failed", len(r.Properties), failed)
	}
	return line
}

// count is "1 state", "2 states", "1 class", "3 classes".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if strings.HasSuffix(noun, "s") {
		return fmt.Sprintf("%d %ses", n, noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
