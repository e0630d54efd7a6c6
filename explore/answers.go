package explore

import (
	"strconv"
	"strings"

	"github.com/mfactl/mfactl/simulate"
)

// AnswerDepth is how many prompts deep explore tries the other offered factors: at the first
// AnswerDepth prompts of a login, each factor offered besides the one the user chose by default.
const AnswerDepth = 2

// variant is a login of a state with answers other than the default ones.
type variant struct {
	state   int
	answers []simulate.Answer
}

// branches are the variants of a login that gave answers (nil: the default ones) and got res: at
// each prompt after those answers, to AnswerDepth, each other offered factor (completed
// successfully), the prompts before it answered as they were. A prompt that is not an MFA
// challenge or enrollment completed successfully (a form, a failure) ends the branching.
func branches(answers []simulate.Answer, res *simulate.Result) []variant {
	var out []variant
	prefix := append([]simulate.Answer(nil), answers...)
	for k := len(answers); k < AnswerDepth && k < len(res.Prompts); k++ {
		p := res.Prompts[k]
		if (p.Kind != "challenge" && p.Kind != "enroll") || p.Result != "success" {
			break
		}
		for _, f := range p.Factors {
			if f == p.Chosen {
				continue
			}
			a := append(append([]simulate.Answer(nil), prefix...), simulate.Answer{Factor: f, Result: "success"})
			out = append(out, variant{answers: a})
		}
		prefix = append(prefix, simulate.Answer{Factor: p.Chosen, Result: "success"})
	}
	return out
}

// answersKey names answers: "" for the default ones, else the factors chosen, in order.
func answersKey(answers []simulate.Answer) string {
	if len(answers) == 0 {
		return ""
	}
	f := make([]string, len(answers))
	for i, a := range answers {
		f[i] = a.Factor
	}
	return "[" + strings.Join(f, ", ") + "]"
}

// runKey names one login: a state and its answers.
func runKey(state int, answersKey string) string {
	return strconv.Itoa(state) + "|" + answersKey
}
