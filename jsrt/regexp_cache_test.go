package jsrt

import "testing"

// TestRegExpCache: RegExps made from the same string share a compiled pattern (cachedRegExp), but
// each is its own object, in one run and across runs of the same runtime.
func TestRegExpCache(t *testing.T) {
	first := `exports.onExecutePostLogin = async (event, api) => {
  const a = new RegExp('(\\d+)-(\\d+)', 'g'); const b = new RegExp('(\\d+)-(\\d+)', 'g');
  a.exec('1-2 3-4'); a.leak = 1;
  const c = RegExp('(\\d+)-(\\d+)', 'g'); c.compile('x', 'i');
  let bad = ''; try { new RegExp('('); } catch (e) { bad = e.name; }
  let bad2 = ''; try { new RegExp('('); } catch (e) { bad2 = e.name; }
  api.idToken.setCustomClaim('v', [a !== b, a.lastIndex, b.lastIndex, b.leak, b.exec('1-2 3-4')[2], c.source, c.flags,
    new RegExp('(\\d+)-(\\d+)', 'g').source, new RegExp('a', 'i').test('A'), new RegExp('a').test('A'), bad, bad2,
    new RegExp('(\\d+)-(\\d+)', 'g') instanceof RegExp, new RegExp('\\ud800').source === new RegExp('\\ud801').source].join(' '));
};`
	second := `exports.onExecutePostLogin = async (event, api) => {
  const r = new RegExp('(\\d+)-(\\d+)', 'g');
  api.idToken.setCustomClaim('v', [r.lastIndex, r.leak, r.source, r.flags, r.exec('7-8')[1]].join(' '));
};`
	r1, r2, reused := runTwice(t, first, second)
	if !reused {
		t.Fatal("the runtime was not reused: the test shows nothing")
	}
	if got := calls(r1); got != `[{"method":"idToken.setCustomClaim","args":["v","true 3 0  2 x i (\\d+)-(\\d+) true false SyntaxError SyntaxError true false"]}]` {
		t.Errorf("first run: %v %s", r1.Err, got)
	}
	if got := calls(r2); got != `[{"method":"idToken.setCustomClaim","args":["v","0  (\\d+)-(\\d+) g 7"]}]` {
		t.Errorf("second run: %v %s", r2.Err, got)
	}
}
