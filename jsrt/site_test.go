package jsrt

import (
	"strconv"
	"strings"
	"testing"
)

// TestCallSites: each recorded api call says where in the Action's source it was made, also when
// made through a helper, in a loop or on a later line of a multi-line call.
func TestCallSites(t *testing.T) {
	src := `const helper = (api, t) => { api.authentication.challengeWith({ type: t }); };
exports.onExecutePostLogin = async (event, api) => {
  api.authentication.challengeWithAny([{ type: 'otp' }]);
  for (const t of ['phone', 'email']) {
    helper(api, t);
  }
  api.authentication.enrollWith(
    { type: 'otp' },
  );
  await Promise.resolve();
  api.access.deny('x');
};`
	r := runAction(t, src, Options{})
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	var got []string
	for _, c := range r.Calls {
		if c.Offset < 0 {
			got = append(got, c.Method+"@?")
			continue
		}
		// The engine gives the position of the call's opening parenthesis.
		line := strings.Count(src[:c.Offset], "\n") + 1
		before := strings.TrimRight(src[:c.Offset], " \n")
		name := before[strings.LastIndexAny(before, ". ")+1:]
		got = append(got, c.Method+"@"+strconv.Itoa(line)+":"+name+src[c.Offset:c.Offset+1])
	}
	want := "authentication.challengeWithAny@3:challengeWithAny( " +
		"authentication.challengeWith@1:challengeWith( authentication.challengeWith@1:challengeWith( " +
		"authentication.enrollWith@7:enrollWith( access.deny@11:deny("
	if strings.Join(got, " ") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, " "), want)
	}
}
