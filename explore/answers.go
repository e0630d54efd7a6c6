package explore

import (
	"slices"
	"strconv"
	"strings"

	"github.com/mfactl/mfactl/simulate"
)

// variant is a login of a state with answers other than the default ones.
type variant struct {
	state   int
	answers []simulate.Answer
	// dev is, per answer, "" where it is the one the default login gave, else its label: what
	// makes the variant, whatever the state (the defaults differ from state to state).
	dev []string
}

// branches are the variants of a login that gave answers (nil: the default ones) and got res: at
// every prompt after those answers, each other offered factor (completed successfully), and for a
// phone prompt that lets the user choose the method (PhoneBoth), phone by voice call (the default
// answer is SMS); the prompts before it answered as they were. A prompt that is not an MFA
// challenge or enrollment completed successfully (a form, a failure) ends the branching. There is
// no depth limit: a login has at most four MFA commands (or one policy prompt), and the budget of
// --max-states bounds the rest.
func branches(answers []simulate.Answer, dev []string, res *simulate.Result) []variant {
	var out []variant
	prefix := append([]simulate.Answer(nil), answers...)
	pdev := append([]string(nil), dev...)
	add := func(a simulate.Answer) {
		d := append(append(make([]string, 0, len(pdev)+1), pdev...), answerLabel(a))
		out = append(out, variant{answers: with(prefix, a), dev: d})
	}
	for k := len(answers); k < len(res.Prompts); k++ {
		p := res.Prompts[k]
		if !isMFA(p) || p.Result != "success" {
			break
		}
		for _, f := range p.Factors {
			if f != p.Chosen {
				add(simulate.Answer{Factor: f, Result: "success"})
			}
			if f == "phone" && p.PhoneBoth && (f != p.Chosen || p.Method != "voice") {
				add(simulate.Answer{Factor: f, Method: "voice", Result: "success"})
			}
		}
		prefix = append(prefix, given(p))
		pdev = append(pdev, "")
	}
	return out
}

// devKey names a variant by what makes it: "" for the default answers, else each answer's label,
// "default" where the variant answers as the default login did ([default, email]: the user changes
// only the second answer). Variants of different states with the same devKey are one kind of
// answer, and share a class.
func devKey(dev []string) string {
	if len(dev) == 0 {
		return ""
	}
	f := make([]string, len(dev))
	for i, d := range dev {
		f[i] = d
		if d == "" {
			f[i] = "default"
		}
	}
	return "[" + strings.Join(f, ", ") + "]"
}

// with is prefix and one more answer, in a new slice.
func with(prefix []simulate.Answer, a simulate.Answer) []simulate.Answer {
	return append(append(make([]simulate.Answer, 0, len(prefix)+1), prefix...), a)
}

// given is the answer a prompt got, to replay it: the factor chosen, and the method when the user
// chose it.
func given(p simulate.Prompt) simulate.Answer {
	a := simulate.Answer{Factor: p.Chosen, Result: p.Result}
	if p.PhoneBoth && p.Chosen == "phone" {
		a.Method = p.Method
	}
	return a
}

func isMFA(p simulate.Prompt) bool { return p.Kind == "challenge" || p.Kind == "enroll" }

// answerLabel names one answer: the factor, with the method when one was chosen.
func answerLabel(a simulate.Answer) string {
	s := a.Factor
	if a.Method != "" {
		s += " by " + a.Method
	}
	if a.Result != "" && a.Result != "success" {
		s += " (" + a.Result + ")"
	}
	return s
}

// answersKey names answers: "" for the default ones, else the factors chosen, in order.
func answersKey(answers []simulate.Answer) string {
	if len(answers) == 0 {
		return ""
	}
	f := make([]string, len(answers))
	for i, a := range answers {
		f[i] = answerLabel(a)
	}
	return "[" + strings.Join(f, ", ") + "]"
}

// runKey names one login: a state and its answers.
func runKey(state int, answersKey string) string {
	return strconv.Itoa(state) + "|" + answersKey
}

// failurePath is one prompt, failed: the first login that reached the prompt, with the answers
// that reach it and a failed answer there.
type failurePath struct {
	fp      *FailurePath
	state   int
	answers []simulate.Answer
}

// failureKey names a prompt for the failure answers: its kind, the factor the user uses, the
// command and the Action that showed it.
func failureKey(p simulate.Prompt) string {
	return p.Kind + "\x00" + p.Chosen + "\x00" + p.Command + "\x00" + p.Action
}

// failures lists, for each MFA prompt of a login (that gave answers and got res) completed
// successfully, the failed answer at that prompt: the answers before it as they were, then the
// factor the user used, failed (a wrong code, a failed security key). Prompts after a form or a
// failed prompt are not reached by replaying answers and are left out. The answers are built only
// for the prompts where want(key) is true (a prompt not seen before), so a login whose prompts are
// all known costs no allocation.
func failures(res *simulate.Result, want func(key string) bool) (keys []string, runs [][]simulate.Answer, at []int) {
	for i, p := range res.Prompts {
		if !isMFA(p) || p.Result != "success" {
			break
		}
		k := failureKey(p)
		if !want(k) || slices.Contains(keys, k) {
			continue
		}
		run := make([]simulate.Answer, 0, i+1)
		for _, q := range res.Prompts[:i] {
			run = append(run, given(q))
		}
		fail := given(p)
		fail.Result = "failure"
		keys, runs, at = append(keys, k), append(runs, append(run, fail)), append(at, i)
	}
	return keys, runs, at
}
