package deploy

import (
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// RetryPolicy bounds how the client retries. mfactl does its own retries instead of the SDK's,
// which clamp every wait to 10 s, have no bound on the total time, and retry creates.
type RetryPolicy struct {
	// MaxAttempts is the most attempts of one request (default 8).
	MaxAttempts int
	// MaxElapsed bounds the total time spent waiting between attempts of one request (default 2m).
	MaxElapsed time.Duration
	// BaseDelay is the first backoff for 5xx and network errors (default 500ms); it doubles with
	// each attempt up to MaxDelay (default 30s).
	BaseDelay time.Duration
	MaxDelay  time.Duration
	// Sleep waits (tests replace it); the default honours ctx.
	Sleep func(ctx context.Context, d time.Duration) error
}

func (p RetryPolicy) withDefaults() RetryPolicy {
	if p.MaxAttempts <= 0 {
		p.MaxAttempts = 8
	}
	if p.MaxElapsed <= 0 {
		p.MaxElapsed = 2 * time.Minute
	}
	if p.BaseDelay <= 0 {
		p.BaseDelay = 500 * time.Millisecond
	}
	if p.MaxDelay <= 0 {
		p.MaxDelay = 30 * time.Second
	}
	if p.Sleep == nil {
		p.Sleep = sleep
	}
	return p
}

// retryTransport retries 429 on every call (the request was not processed), and 5xx, 408 and
// network errors on calls that are safe to repeat. A POST that may have been processed (a create, a
// deploy) is never repeated: the caller decides from the tenant's state.
type retryTransport struct {
	base      http.RoundTripper
	policy    RetryPolicy
	onRequest func(method, path string, status int)
	onToken   func(token string)
	now       func() time.Time

	tokens sync.Map // the bearer tokens already passed to onToken
}

func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	if t.onToken != nil {
		if tok, ok := strings.CutPrefix(req.Header.Get("Authorization"), "Bearer "); ok && tok != "" {
			if _, seen := t.tokens.LoadOrStore(tok, true); !seen {
				t.onToken(tok)
			}
		}
	}
	var waited time.Duration
	for attempt := 1; ; attempt++ {
		r := req
		if attempt > 1 && req.Body != nil && req.GetBody != nil {
			body, err := req.GetBody()
			if err != nil {
				return nil, err
			}
			r = req.Clone(ctx)
			r.Body = body
		}
		resp, err := t.base.RoundTrip(r)
		status := 0
		if resp != nil {
			status = resp.StatusCode
		}
		if t.onRequest != nil {
			t.onRequest(req.Method, req.URL.Path, status)
		}
		if ctx.Err() != nil {
			if resp != nil {
				resp.Body.Close()
			}
			return nil, ctx.Err()
		}
		wait, retry := t.shouldRetry(req, resp, err, attempt)
		if !retry || attempt >= t.policy.MaxAttempts || waited+wait > t.policy.MaxElapsed {
			return resp, err
		}
		if resp != nil {
			_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
			resp.Body.Close()
		}
		if serr := t.policy.Sleep(ctx, wait); serr != nil {
			return nil, serr
		}
		waited += wait
	}
}

// shouldRetry decides whether to retry and how long to wait first.
func (t *retryTransport) shouldRetry(req *http.Request, resp *http.Response, err error, attempt int) (time.Duration, bool) {
	idempotent := req.Method != http.MethodPost || req.URL.Path == "/oauth/token"
	backoff := t.backoff(attempt)
	switch {
	case err != nil:
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return 0, false
		}
		// An unknown host or a refused connection is a wrong AUTH0_DOMAIN far more often than an
		// outage: say so at once. Other network errors get two more tries, not a two-minute wait.
		if wrongAddress(err) {
			return 0, false
		}
		return backoff, idempotent && attempt < 3
	case resp.StatusCode == http.StatusTooManyRequests:
		if d, ok := t.rateLimitWait(resp.Header); ok {
			return min(d, t.policy.MaxDelay), true
		}
		return backoff, true
	case resp.StatusCode >= 500 || resp.StatusCode == http.StatusRequestTimeout:
		return backoff, idempotent
	}
	return 0, false
}

// backoff is the capped exponential backoff before attempt+1, with up to 20% jitter.
func (t *retryTransport) backoff(attempt int) time.Duration {
	d := t.policy.BaseDelay << (attempt - 1)
	if d <= 0 || d > t.policy.MaxDelay {
		d = t.policy.MaxDelay
	}
	return d + time.Duration(rand.Int64N(int64(d)/5+1))
}

// rateLimitWait reads Retry-After (seconds or an HTTP date), else x-ratelimit-reset (a UNIX time in
// seconds), and adds up to 10% jitter so that parallel requests do not return at the same instant.
func (t *retryTransport) rateLimitWait(h http.Header) (time.Duration, bool) {
	now := time.Now
	if t.now != nil {
		now = t.now
	}
	var d time.Duration
	if ra := h.Get("Retry-After"); ra != "" {
		if secs, err := strconv.Atoi(ra); err == nil {
			d = time.Duration(secs) * time.Second
		} else if at, err := http.ParseTime(ra); err == nil {
			d = at.Sub(now())
		} else {
			return 0, false
		}
	} else if reset := h.Get("X-Ratelimit-Reset"); reset != "" {
		at, err := strconv.ParseInt(reset, 10, 64)
		if err != nil {
			return 0, false
		}
		d = time.Unix(at, 0).Sub(now())
	} else {
		return 0, false
	}
	if d < 0 {
		d = 0
	}
	return d + time.Duration(rand.Int64N(int64(d)/10+int64(50*time.Millisecond))), true
}

// wrongAddress reports whether err says the host does not exist or refuses connections: retrying
// does not help, and the domain is the likely mistake.
func wrongAddress(err error) bool {
	var dns *net.DNSError
	if errors.As(err, &dns) && dns.IsNotFound {
		return true
	}
	return errors.Is(err, syscall.ECONNREFUSED)
}
