package explore

import (
	"fmt"
	"testing"

	"github.com/mfactl/mfactl/actioncode"
)

func TestPathDimension(t *testing.T) {
	base := map[string]any{"transaction": map[string]any{"protocol": "oidc-basic-profile"}, "authorization": map[string]any{"roles": []any{}}}
	for _, c := range []struct {
		read actioncode.Read
		want string
	}{
		{actioncode.Read{Path: "user.app_metadata.isAdmin", Truthy: true}, "[absent true]"},
		{actioncode.Read{Path: "user.app_metadata.tier", Values: []any{"gold"}}, "[absent gold some other value]"},
		{actioncode.Read{Path: "user.app_metadata.isAdmin", Values: []any{true}}, "[absent true false]"},
		{actioncode.Read{Path: "transaction.protocol", Values: []any{"oidc-basic-profile", "oauth2-refresh-token"}}, "[default (oidc-basic-profile) oauth2-refresh-token some other value]"},
		{actioncode.Read{Path: "authorization.roles", Contains: []any{"admin", "editor"}}, "[default ([]) [admin] [editor] [admin, editor] [some other value]]"},
	} {
		d, ok := pathDimension(&c.read, base)
		var labels []string
		for _, v := range d.Values {
			labels = append(labels, v.Label)
		}
		if got := fmt.Sprint(labels); !ok || got != c.want {
			t.Errorf("%s: got %s (%v), want %s", c.read, got, ok, c.want)
		}
	}
	if _, ok := pathDimension(&actioncode.Read{Path: "user.email"}, base); ok {
		t.Error("a path read but never tested is a dimension")
	}
}

func TestStateIndex(t *testing.T) {
	s := &Space{Dims: []Dimension{{Factor: "phone", Values: make([]Value, 2)}, {Path: "a", Values: make([]Value, 3)}}}
	if n := s.Size(100); n != 6 {
		t.Fatalf("Size = %d", n)
	}
	if n := s.Size(5); n != 6 {
		t.Errorf("Size past the limit = %d, want limit+1", n)
	}
	for i := 0; i < 6; i++ {
		if j := s.Index(s.State(i)); j != i {
			t.Errorf("Index(State(%d)) = %d", i, j)
		}
	}
	sc := s.Scenario("x", State{1, 0})
	if fmt.Sprint(sc.User["enrolledFactors"]) != "[map[type:phone]]" {
		t.Errorf("scenario user: %v", sc.User)
	}
}

func TestShrink(t *testing.T) {
	// The class holds while dimension 1 is set: everything else goes back to its default.
	keep := func(st State) bool { return st[1] != 0 }
	if got := Shrink(State{1, 2, 1, 3}, keep); fmt.Sprint(got) != "[0 2 0 0]" {
		t.Errorf("Shrink = %v", got)
	}
	// A class that needs two dimensions together keeps both.
	keep = func(st State) bool { return st[0] == 1 && st[2] == 1 }
	if got := Shrink(State{1, 1, 1}, keep); fmt.Sprint(got) != "[1 0 1]" {
		t.Errorf("Shrink = %v", got)
	}
}
