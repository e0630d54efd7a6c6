package deploy

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
)

// scripted answers each attempt with the next status (and headers); err answers a network error.
type scripted struct {
	answers []answer
	calls   int
}

type answer struct {
	status int
	header map[string]string
	err    error
}

func (s *scripted) RoundTrip(r *http.Request) (*http.Response, error) {
	a := s.answers[min(s.calls, len(s.answers)-1)]
	s.calls++
	if r.Body != nil {
		b, _ := io.ReadAll(r.Body)
		if string(b) != `{"x":1}` {
			return nil, errors.New("body not re-sent: " + string(b))
		}
	}
	if a.err != nil {
		return nil, a.err
	}
	h := http.Header{}
	for k, v := range a.header {
		h.Set(k, v)
	}
	return &http.Response{StatusCode: a.status, Header: h, Body: io.NopCloser(strings.NewReader("{}"))}, nil
}

func TestRetryTransport(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	tests := []struct {
		name       string
		method     string
		path       string
		answers    []answer
		wantCalls  int
		wantStatus int
		wantWaits  []time.Duration // lower bounds; jitter may add up to 10% + 50ms
	}{
		{name: "429 Retry-After seconds", method: "GET", answers: []answer{{status: 429, header: map[string]string{"Retry-After": "3"}}, {status: 200}},
			wantCalls: 2, wantStatus: 200, wantWaits: []time.Duration{3 * time.Second}},
		{name: "429 x-ratelimit-reset", method: "PATCH", answers: []answer{{status: 429, header: map[string]string{"X-RateLimit-Reset": "1800000002"}}, {status: 200}},
			wantCalls: 2, wantStatus: 200, wantWaits: []time.Duration{2 * time.Second}},
		{name: "429 on a create is retried (it was not processed)", method: "POST", path: "/api/v2/actions/actions",
			answers: []answer{{status: 429, header: map[string]string{"Retry-After": "0"}}, {status: 201}}, wantCalls: 2, wantStatus: 201, wantWaits: []time.Duration{0}},
		{name: "500 on GET is retried with backoff", method: "GET", answers: []answer{{status: 500}, {status: 503}, {status: 200}},
			wantCalls: 3, wantStatus: 200, wantWaits: []time.Duration{500 * time.Millisecond, time.Second}},
		{name: "500 on a create is not retried", method: "POST", path: "/api/v2/actions/actions", answers: []answer{{status: 500}, {status: 201}},
			wantCalls: 1, wantStatus: 500},
		{name: "500 on the token endpoint is retried", method: "POST", path: "/oauth/token", answers: []answer{{status: 500}, {status: 200}},
			wantCalls: 2, wantStatus: 200, wantWaits: []time.Duration{500 * time.Millisecond}},
		{name: "400 is final", method: "PUT", answers: []answer{{status: 400}}, wantCalls: 1, wantStatus: 400},
		{name: "attempts are bounded", method: "GET", answers: []answer{{status: 429, header: map[string]string{"Retry-After": "0"}}},
			wantCalls: 4, wantStatus: 429, wantWaits: []time.Duration{0, 0, 0}},
		{name: "a wait beyond the total bound gives up at once", method: "GET", answers: []answer{{status: 429, header: map[string]string{"Retry-After": "20"}}},
			wantCalls: 1, wantStatus: 429},
		{name: "network errors: two more tries", method: "GET", answers: []answer{{err: errors.New("connection reset by peer")}},
			wantCalls: 3, wantWaits: []time.Duration{500 * time.Millisecond, time.Second}},
		{name: "an unknown host is final (a wrong AUTH0_DOMAIN)", method: "GET",
			answers: []answer{{err: &net.OpError{Op: "dial", Err: &net.DNSError{Err: "no such host", Name: "x.invalid", IsNotFound: true}}}}, wantCalls: 1},
		{name: "a refused connection is final", method: "GET",
			answers: []answer{{err: &net.OpError{Op: "dial", Err: &os.SyscallError{Syscall: "connect", Err: syscall.ECONNREFUSED}}}}, wantCalls: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var waits []time.Duration
			rt := &scripted{answers: tt.answers}
			tr := &retryTransport{base: rt, now: func() time.Time { return now }, policy: RetryPolicy{
				MaxAttempts: 4, MaxElapsed: 10 * time.Second,
				Sleep: func(_ context.Context, d time.Duration) error { waits = append(waits, d); return nil },
			}.withDefaults()}
			path := tt.path
			if path == "" {
				path = "/api/v2/guardian/factors"
			}
			req, _ := http.NewRequest(tt.method, "http://127.0.0.1"+path, strings.NewReader(`{"x":1}`))
			resp, err := tr.RoundTrip(req)
			if rt.calls != tt.wantCalls {
				t.Errorf("calls = %d, want %d", rt.calls, tt.wantCalls)
			}
			if tt.wantStatus != 0 && (err != nil || resp.StatusCode != tt.wantStatus) {
				t.Errorf("got %v %v, want status %d", resp, err, tt.wantStatus)
			}
			if len(waits) != len(tt.wantWaits) {
				t.Fatalf("waits = %v, want %v", waits, tt.wantWaits)
			}
			for i, w := range tt.wantWaits {
				if waits[i] < w || waits[i] > w+w/5+50*time.Millisecond {
					t.Errorf("wait %d = %v, want about %v", i, waits[i], w)
				}
			}
		})
	}
}

func TestParseDomain(t *testing.T) {
	tests := []struct{ in, want, err string }{
		{in: "tenant.eu.auth0.com", want: "https://tenant.eu.auth0.com"},
		{in: "https://tenant.eu.auth0.com/", want: "https://tenant.eu.auth0.com"},
		{in: "http://127.0.0.1:8080", want: "http://127.0.0.1:8080"},
		{in: "http://localhost:1", want: "http://localhost:1"},
		{in: "http://tenant.eu.auth0.com", err: "only https is allowed"},
		{in: "", err: "AUTH0_DOMAIN is not set"},
		{in: "tenant.eu.auth0.com/api/v2", err: "is not a domain"},
		{in: "ftp://x", err: "unsupported scheme"},
	}
	for _, tt := range tests {
		u, _, err := parseDomain(tt.in)
		switch {
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("parseDomain(%q) error = %v, want %q", tt.in, err, tt.err)
		case tt.err == "" && (err != nil || u.String() != tt.want):
			t.Errorf("parseDomain(%q) = %v, %v, want %s", tt.in, u, err, tt.want)
		}
	}
}

// TestUnreachableHint: an unknown host or a refused connection names AUTH0_DOMAIN as the thing to
// check; other network errors do not.
func TestUnreachableHint(t *testing.T) {
	dns := &UnreachableError{URL: "https://x.invalid", Err: &net.DNSError{Err: "no such host", Name: "x.invalid", IsNotFound: true}}
	reset := &UnreachableError{URL: "https://x.example.com", Err: errors.New("connection reset by peer")}
	if !strings.Contains(dns.Error(), "check AUTH0_DOMAIN") {
		t.Errorf("unknown host: %q", dns.Error())
	}
	if strings.Contains(reset.Error(), "AUTH0_DOMAIN") {
		t.Errorf("reset: %q", reset.Error())
	}
}
