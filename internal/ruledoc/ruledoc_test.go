package ruledoc_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/mfactl/mfactl/internal/ruledoc"
	"github.com/mfactl/mfactl/validate"
)

// TestEmbeddedMatchesDoc checks that the examples the binary carries render docs/rules.md exactly, so
// mfactl explain and the published page never disagree.
func TestEmbeddedMatchesDoc(t *testing.T) {
	doc, err := os.ReadFile("../../docs/rules.md")
	if err != nil {
		t.Fatal(err)
	}
	got := ruledoc.Markdown(validate.Infos(validate.All()), func(id string) *ruledoc.Example {
		ex, ok := ruledoc.Lookup(id)
		if !ok {
			t.Errorf("the binary carries no examples of rule %q; run: go test ./validate -run TestRules -update", id)
		}
		return ex
	})
	if !bytes.Equal(got, doc) {
		t.Errorf("the examples in examples_gen.go do not render docs/rules.md; run: go test ./validate -run TestRules -update")
	}
}

func TestWrap(t *testing.T) {
	for _, c := range []struct {
		in    string
		width int
		want  string
	}{
		{"a bb ccc dddd", 6, "a bb\nccc\ndddd"},
		{"averyveryverylongword x", 5, "averyveryverylongword\nx"},
		{"one\ntwo three", 20, "one\ntwo three"},
		{"", 10, ""},
	} {
		if got := ruledoc.Wrap(c.in, c.width); got != c.want {
			t.Errorf("Wrap(%q, %d) = %q, want %q", c.in, c.width, got, c.want)
		}
	}
}

func TestTextNamesRepeatedFiles(t *testing.T) {
	ex := ruledoc.Parse([]byte("Why.\n-- fail/tenant.yaml --\na: 1\n-- fail.want --\nx\n-- pass/tenant.yaml --\na: 1\n-- pass/actions/mfa/code.js --\nok\n"))
	info := validate.Infos(validate.All())[0]
	text := ruledoc.Text(info, ex, 80)
	for _, want := range []string{"Fails:\n\n  tenant.yaml\n    a: 1\n", "Finding:\n    x\n", "Passes:\n\n  tenant.yaml: as above\n\n  actions/mfa/code.js\n    ok\n", "Documentation: https://"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
}
