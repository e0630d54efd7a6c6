package simulate

import (
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sockets lists the sockets this process has open, from /proc/self/fd.
func sockets(t *testing.T) map[string]bool {
	t.Helper()
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skipf("no /proc/self/fd here: %v", err)
	}
	out := map[string]bool{}
	for _, e := range entries {
		target, err := os.Readlink(filepath.Join("/proc/self/fd", e.Name()))
		if err == nil && strings.HasPrefix(target, "socket:") {
			out[target] = true
		}
	}
	return out
}

type refuse struct{ t *testing.T }

func (r refuse) RoundTrip(req *http.Request) (*http.Response, error) {
	r.t.Errorf("a request left mfactl: %s %s", req.Method, req.URL)
	return nil, errors.New("no network in this test")
}

// TestNoRequestLeavesTheMachine: scenarios whose Actions use fetch, axios and node-fetch, answered or
// not, open no socket and make no request through Go's HTTP client or resolver.
func TestNoRequestLeavesTheMachine(t *testing.T) {
	saved := http.DefaultTransport
	http.DefaultTransport = refuse{t}
	defer func() { http.DefaultTransport = saved }()
	savedResolver := net.DefaultResolver
	net.DefaultResolver = &net.Resolver{PreferGo: true, Dial: func(_ context.Context, network, address string) (net.Conn, error) {
		t.Errorf("a name was looked up: %s %s", network, address)
		return nil, errors.New("no network in this test")
	}}
	defer func() { net.DefaultResolver = savedResolver }()

	before := sockets(t)
	action := riskAction + `
exports.onContinuePostLogin = async () => {};
const more = async () => {
  await require('node-fetch')('http://127.0.0.1:1/x');
  await fetch('https://localhost/');
  await require('axios').get('http://[::1]:80/');
};
const onExecute = exports.onExecutePostLogin;
exports.onExecutePostLogin = async (event, api) => { await more(); await onExecute(event, api); };`
	for _, scenario := range []string{
		`user: {enrolledFactors: [{type: otp}]}
http:
  - {url: 'http://127.0.0.1:1/*'}
  - {url: 'https://localhost/*'}
  - {url: 'http://[::1]/*'}
  - {method: POST, url: https://risk.example.com/v1/score, body: {score: 95}}
  - {url: 'https://allow.example.com/*', body: {allowed: true}}`,
		// Nothing answers the first request: the scenario stops there.
		`user: {enrolledFactors: [{type: otp}]}`,
	} {
		r := simulateOne(t, baseTenant, []string{action}, scenario)
		if len(r.Requests) == 0 && r.Error == "" {
			t.Errorf("the Action made no request: the test shows nothing (%s)", brief(r))
		}
	}
	for s := range sockets(t) {
		if !before[s] {
			t.Errorf("a socket was opened while Actions ran: %s", s)
		}
	}
}
