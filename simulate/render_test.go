package simulate

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/mfactl/mfactl/config"
)

// The streamed JSON is byte for byte what encoding the whole report at once gives.
func TestStreamedJSONMatchesWholeReport(t *testing.T) {
	tn, err := config.Load("../examples/selection-and-enrollment/tenant.yaml", config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse("s.yaml", []byte("scenarios:\n  - name: a <b> & c\n  - name: admin\n    user: {app_metadata: {isAdmin: true}, enrolledFactors: [{type: otp}]}\n    expect: {outcome: success}\n  - name: bad\n    user: {enrolledFactors: [{type: otp}]}\n    expect: {outcome: denied}\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, scenarios := range [][]*Scenario{f.Scenarios, nil} {
		results := New(tn, f).RunAll(context.Background(), scenarios)
		var whole bytes.Buffer
		enc := json.NewEncoder(&whole)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(NewReport(results)); err != nil {
			t.Fatal(err)
		}
		var streamed bytes.Buffer
		if err := Render(&streamed, "json", NewReport(results), RenderOptions{}); err != nil {
			t.Fatal(err)
		}
		if whole.String() != streamed.String() {
			t.Errorf("streamed JSON differs:\n%s\nwant:\n%s", streamed.String(), whole.String())
		}
		if len(scenarios) > 0 && !strings.Contains(streamed.String(), `"failed": 1`) {
			t.Errorf("summary: %s", streamed.String())
		}
	}
}
