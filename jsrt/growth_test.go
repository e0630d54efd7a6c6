package jsrt

import (
	"context"
	"testing"
)

// TestNoGrowthBetweenRuns: what a run makes for the Node modules it requires (their guards among
// them) is let go when it ends, so an engine that runs Action after Action does not grow. The
// guards of require('url') used to stay in the engine's table of guards: every run kept its
// modules alive, and runs got slower with the suite.
func TestNoGrowthBetweenRuns(t *testing.T) {
	src := `exports.onExecutePostLogin = async (event, api) => {
  const u = new URL('https://a.example.com/x?y=1'); u.searchParams.set('z', '2');
  const { URLSearchParams } = require('url'); new URLSearchParams('a=1');
  require('crypto').createHash('sha256').update('x').digest('hex');
  require('events'); require('util').format('%s', 1); require('querystring').stringify({ a: 1 });
  require('stream'); Buffer.from('x'); new TextEncoder().encode('x');
  api.idToken.setCustomClaim('u', u.href);
};`
	p, err := Compile("grow.js", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	engines.Lock()
	engines.free = nil
	engines.Unlock()
	built := enginesBuilt.Load()
	natives := func() int {
		engines.Lock()
		defer engines.Unlock()
		if len(engines.free) != 1 {
			t.Fatalf("want one engine in the pool, have %d", len(engines.free))
		}
		return len(engines.free[0].g.natives)
	}
	run := func() {
		if r := p.Run(context.Background(), Options{Handler: "onExecutePostLogin", Event: event(), Now: now}); r.Err != nil || len(r.Calls) != 1 {
			t.Fatalf("run: %v %s", r.Err, calls(r))
		}
	}
	run()
	first := natives()
	for i := 0; i < 20; i++ {
		run()
	}
	if enginesBuilt.Load() != built+1 {
		t.Fatal("the runs did not share one engine: the test shows nothing")
	}
	if got := natives(); got != first {
		t.Errorf("the engine's guards grew from %d to %d over 20 runs", first, got)
	}
}
