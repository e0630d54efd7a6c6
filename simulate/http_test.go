package simulate

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/mfactl/mfactl/jsrt"
)

// TestStubErrors: each mistake in an http: entry is a scenarios-file error at its line and column.
func TestStubErrors(t *testing.T) {
	tests := []struct{ name, file, want string }{
		{"unknown key", "defaults:\n  http:\n    - {url: 'https://a.example.com/', stauts: 200}\n",
			`3:39: error: unknown key "stauts" in a defaults.http entry; expected one of body, headers, method, status, url; did you mean "status"?`},
		{"non-numeric status", "http:\n      - {url: 'https://a.example.com/', status: ok}\n",
			`5:49: error: status must be a number such as 200, not "ok"`},
		{"quoted status", "http:\n      - {url: 'https://a.example.com/', status: '200'}\n",
			`5:49: error: status must be a number such as 200, not "200"`},
		{"status out of range", "http:\n      - {url: 'https://a.example.com/', status: 700}\n",
			`5:49: error: status 700 is not a status mfactl answers with: use 200 to 599`},
		{"1xx status", "http:\n      - {url: 'https://a.example.com/', status: 101}\n",
			`5:49: error: status 101 is not a status mfactl answers with`},
		{"relative URL", "http:\n      - {url: /v1/score}\n",
			`5:15: error: url "/v1/score" is not an absolute http: or https: URL`},
		{"ftp URL", "http:\n      - {url: 'ftp://a.example.com/x'}\n",
			`5:15: error: url "ftp://a.example.com/x" is not an absolute http: or https: URL`},
		{"star in the middle", "http:\n      - {url: 'https://*.example.com/'}\n",
			`5:15: error: url "https://*.example.com/" has a * before its end`},
		{"star without a host", "http:\n      - {url: 'https://*'}\n",
			`5:15: error: url "https://*" must name at least the host before its *`},
		{"space in URL", "http:\n      - {url: 'https://a.example.com/a b'}\n",
			`5:15: error: url "https://a.example.com/a b" contains a space`},
		{"fragment", "http:\n      - {url: 'https://a.example.com/#x'}\n",
			`5:15: error: url "https://a.example.com/#x" has a fragment`},
		{"URL not text", "http:\n      - {url: [a]}\n",
			`5:15: error: url "" must be an absolute http: or https: URL`},
		{"no url", "http:\n      - {method: GET}\n",
			`5:9: error: an http entry needs url:`},
		{"bad method", "http:\n      - {method: PSOT, url: 'https://a.example.com/'}\n",
			`5:18: error: method "PSOT" is not an HTTP method mfactl answers; expected one of DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT; did you mean "POST"?`},
		{"binary body", "http:\n      - {url: 'https://a.example.com/', body: !!binary aGk=}\n",
			`5:47: error: body must be text (sent as text/plain) or YAML data, a mapping or a list (sent as JSON), not a value tagged !!binary`},
		{"custom tag body", "http:\n      - {url: 'https://a.example.com/', body: !thing {a: 1}}\n",
			`body must be text (sent as text/plain) or YAML data, a mapping or a list (sent as JSON), not a value tagged !thing`},
		{"headers not a mapping", "http:\n      - {url: 'https://a.example.com/', headers: [a]}\n",
			`5:50: error: headers must be a mapping of header names to text`},
		{"header value a mapping", "http:\n      - {url: 'https://a.example.com/', headers: {x-a: {b: 1}}}\n",
			`5:56: error: header x-a must be text, not a mapping`},
		{"header value null", "http:\n      - {url: 'https://a.example.com/', headers: {x-a: null}}\n",
			`5:56: error: header x-a must be text, not "null"`},
		{"header name", "http:\n      - {url: 'https://a.example.com/', headers: {'x a': b}}\n",
			`5:51: error: header name "x a" is not a valid HTTP header name`},
		{"http not a list", "http: {url: 'https://a.example.com/'}\n",
			`4:11: error: http must be a list of {method, url, status, headers, body}`},
		{"entry not a mapping", "http: [https://a.example.com/]\n",
			`4:12: error: an http entry must be a mapping`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := tt.file
			if !strings.HasPrefix(file, "defaults:") {
				file = "defaults: {}\nscenarios:\n  - name: s\n    " + file
			} else {
				file += "scenarios:\n  - name: s\n"
			}
			_, err := Parse("scenarios.yaml", []byte(file))
			var le *LoadError
			if !errors.As(err, &le) {
				t.Fatalf("no load error: %v", err)
			}
			if got := err.Error(); !strings.Contains(got, tt.want) {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestStubParsing: what an entry becomes: method, URL as the request sends it, status, headers with
// the content type of the body, the body.
func TestStubParsing(t *testing.T) {
	f, err := Parse("scenarios.yaml", []byte(`defaults:
  client: {name: App}
  http:
    - method: post
      url: HTTPS://Risk.Example.com:443?a=1
      status: 201
      headers: {X-Request-Id: abc, X-Count: 3}
      body: {score: 12, tags: [a]}
    - {url: 'https://allow.example.com/v1/*', body: plain text}
    - {url: 'https://allow.example.com', headers: {content-type: text/html}, body: <p>hi</p>}
    - {url: 'http://x.example.com:80/a/../b?q=a%20b', body: 12}
    - {url: 'https://x.example.com/none', body: null}
scenarios:
  - {name: s}
`))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := f.Defaults["http"]; ok {
		t.Error("http: was merged into the event")
	}
	if f.Defaults["client"] == nil {
		t.Error("the other defaults were lost")
	}
	got := []string{}
	for _, s := range f.HTTP {
		b, _ := json.Marshal(s.Headers)
		got = append(got, strings.Join([]string{s.Method, s.URL, map[bool]string{true: "prefix", false: "exact"}[s.Prefix], string(rune('0' + s.Status/100)), string(b), string(s.Body), map[bool]string{true: "nil", false: "set"}[s.Body == nil]}, " "))
	}
	want := []string{
		`POST https://risk.example.com/?a=1 exact 2 [["x-request-id","abc"],["x-count","3"],["content-type","application/json"]] {"score":12,"tags":["a"]} set`,
		` https://allow.example.com/v1/ prefix 2 [["content-type","text/plain"]] plain text set`,
		` https://allow.example.com/ exact 2 [["content-type","text/html"]] <p>hi</p> set`,
		` http://x.example.com/a/../b?q=a%20b exact 2 [["content-type","application/json"]] 12 set`,
		` https://x.example.com/none exact 2 null  nil`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestStubMatching: the scenario's entries before the defaults', in order; method any when absent
// and compared case-insensitively; URL exact (query included) or a prefix.
func TestStubMatching(t *testing.T) {
	own := []Stub{
		{Method: "POST", URL: "https://risk.example.com/v1/score", Status: 201},
		{URL: "https://allow.example.com/v1/", Prefix: true, Status: 202},
	}
	defaults := []Stub{
		{URL: "https://risk.example.com/v1/score", Status: 500},
		{Method: "GET", URL: "https://allow.example.com/v1/countries?c=DE", Status: 203},
		{URL: "https://", Prefix: true, Status: 599},
	}
	tests := []struct {
		method, url string
		want        int
	}{
		{"POST", "https://risk.example.com/v1/score", 201},
		{"post", "https://risk.example.com/v1/score", 201},
		{"GET", "https://risk.example.com/v1/score", 500},
		{"GET", "https://allow.example.com/v1/countries?c=DE", 202},
		{"DELETE", "https://allow.example.com/v1/", 202},
		{"GET", "https://allow.example.com/v2/x", 599},
		{"GET", "https://risk.example.com/v1/score?x=1", 599},
		{"GET", "http://risk.example.com/v1/score", 0},
	}
	for _, tt := range tests {
		res, ok := answer(jsrt.HTTPRequest{Method: tt.method, URL: tt.url}, own, defaults)
		if got := map[bool]int{true: res.Status, false: 0}[ok]; got != tt.want {
			t.Errorf("%s %s: got %d, want %d", tt.method, tt.url, got, tt.want)
		}
	}
}

const riskAction = `const axios = require('axios');
exports.onExecutePostLogin = async (event, api) => {
  api.idToken.setCustomClaim('https://example.com/start', 1);
  const res = await fetch('https://risk.example.com/v1/score', { method: 'POST', body: JSON.stringify({ user: event.user.user_id }) });
  const { score } = await res.json();
  const { data } = await axios.get('https://allow.example.com/v1/countries/' + event.request.geoip.countryCode);
  if (!data.allowed) { api.access.deny('country'); return; }
  if (score > 80) { api.authentication.challengeWith({ type: 'otp' }); }
};`

// TestRequestsInResult: requests are in the result, in order, with their Action; the trace shows each
// where it happened; expect can match them.
func TestRequestsInResult(t *testing.T) {
	r := simulateOne(t, baseTenant, []string{riskAction}, `user: {enrolledFactors: [{type: otp}]}
http:
  - {method: POST, url: https://risk.example.com/v1/score, body: {score: 95}}
  - {url: 'https://allow.example.com/*', body: {allowed: true}}
expect:
  requests:
    - {method: POST, url: https://risk.example.com/v1/score, status: 200, action: a1}
    - {method: GET, url: https://allow.example.com/v1/countries/DE}`)
	if r.Outcome != Success || r.Expect == nil || !r.Expect.Passed {
		t.Fatalf("%s %q %+v", brief(r), r.Error, r.Expect)
	}
	var b strings.Builder
	writeScenario(&b, newStyles(&b, false), r)
	want := `  action a1 onExecutePostLogin
    api.idToken.setCustomClaim("https://example.com/start", 1)
    fetch POST https://risk.example.com/v1/score → 200
    axios GET https://allow.example.com/v1/countries/DE → 200
    api.authentication.challengeWith({"type":"otp"})
`
	if !strings.Contains(b.String(), want) {
		t.Errorf("trace:\n%s\nwant it to contain:\n%s", b.String(), want)
	}
	failed := check(r, map[string]any{"requests": []any{map[string]any{"status": float64(500)}}}, false)
	if failed.Passed || !strings.Contains(failed.Failures[0], "requests[0]: expected {status: 500}, got {status: 200}") {
		t.Errorf("a wrong expectation on requests: %+v", failed)
	}
}

// TestUnansweredRequest: a request no stub answers is a scenario error (not an Action failure) that
// names it and gives the entry to paste; the Action does not go on.
func TestUnansweredRequest(t *testing.T) {
	r := simulateOne(t, baseTenant, []string{riskAction, "api.access.deny('second Action ran');"}, `http:
  - {method: POST, url: https://risk.example.com/v1/score, body: {score: 95}}`)
	want := "no http: stub answers GET https://allow.example.com/v1/countries/DE; add to the scenario (or defaults):\n" +
		"  http:\n    - {method: GET, url: https://allow.example.com/v1/countries/DE, status: 200, body: {}}"
	if !r.ScenarioError || r.Outcome != Failed || r.Error != want {
		t.Fatalf("got %s, scenario error %v, error:\n%s", brief(r), r.ScenarioError, r.Error)
	}
	if len(r.Logs) != 0 || len(r.Actions) != 1 || len(r.Requests) != 1 {
		t.Errorf("the login went on: logs %v, actions %d, requests %v", r.Logs, len(r.Actions), r.Requests)
	}
	if r.Actions[0].Location == "" || !strings.Contains(r.Actions[0].Error, "which no http: stub answers") {
		t.Errorf("the Action run does not say where it stopped: %+v", r.Actions[0])
	}
}

func TestYAMLScalar(t *testing.T) {
	for in, want := range map[string]string{
		"https://a.example.com/x?y=1&z=2": "https://a.example.com/x?y=1&z=2",
		"https://a.example.com/a,b":       `"https://a.example.com/a,b"`,
		"https://a.example.com/{x}":       `"https://a.example.com/{x}"`,
		`https://a.example.com/"`:         `https://a.example.com/"`,
		"https://a.example.com/ x":        `"https://a.example.com/ x"`,
	} {
		if got := yamlScalar(in); got != want {
			t.Errorf("%s: got %s, want %s", in, got, want)
		}
	}
}
