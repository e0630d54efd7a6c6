package jsrt

import (
	"strings"
	"testing"
)

func TestNodeSmoke(t *testing.T) {
	r := runAction(t, `const crypto = require('crypto'); const { URL } = require('node:url');
exports.onExecutePostLogin = async (event, api) => {
  console.log(crypto.createHash('sha256').update('abc').digest('hex'));
  console.log(new URL('https://a.example.com/x?y=1').searchParams.get('y'));
  console.log(Buffer.from('hello').toString('base64'));
  console.log(crypto.randomUUID());
  console.log(new TextEncoder().encode('é').length);
  const m = structuredClone(new Map([[1, new Date(0)]]));
  console.log(m.get(1).toISOString());
  console.log(require('util').format('%s %d', 'a', 42), process.version, JSON.stringify(process.env));
  console.log(require('util').inspect({ a: [1, { b: 'x' }], m: new Map([['k', 1]]) }));
  const E = require('events'); const e = new E(); e.on('x', (v) => console.log('got', v)); e.emit('x', 1);
  console.log(require('querystring').stringify({ a: [1, 2], b: 'x y' }));
  console.log(Math.random());
};`, Options{Seed: 1})
	if r.Err != nil {
		t.Fatal(errText(r))
	}
	t.Log(strings.Join(r.Console, "\n"))
}
