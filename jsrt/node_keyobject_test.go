package jsrt

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"math/big"
	"strings"
	"testing"
)

func pemOf(t *testing.T, typ string, der []byte, err error) string {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}))
}

// TestNodeKeyObjects: createSecretKey, createPublicKey and createPrivateKey, and signing with the
// KeyObjects they make, with keys made by Go for the test.
func TestNodeKeyObjects(t *testing.T) {
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	ecKey, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	_, edKey, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(rsaKey)
	rsaPriv := pemOf(t, "PRIVATE KEY", der, err)
	rsaPKCS1 := pemOf(t, "RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(rsaKey), nil)
	der, err = x509.MarshalPKIXPublicKey(&rsaKey.PublicKey)
	rsaPub := pemOf(t, "PUBLIC KEY", der, err)
	der, err = x509.MarshalECPrivateKey(ecKey)
	ecPriv := pemOf(t, "EC PRIVATE KEY", der, err)
	der, err = x509.MarshalPKIXPublicKey(&ecKey.PublicKey)
	ecPub := pemOf(t, "PUBLIC KEY", der, err)
	der, err = x509.MarshalPKCS8PrivateKey(edKey)
	edPriv := pemOf(t, "PRIVATE KEY", der, err)

	// A signature Go made, for the JavaScript side to verify.
	digest := sha256.Sum256([]byte("from go"))
	goSig, err := rsa.SignPKCS1v15(nil, rsaKey, 5 /* crypto.SHA256 */, digest[:])
	if err != nil {
		t.Fatal(err)
	}
	secrets := map[string]any{"rsa": rsaPriv, "rsa1": rsaPKCS1, "rsaPub": rsaPub, "ec": ecPriv, "ecPub": ecPub, "ed": edPriv,
		"goSig": base64.StdEncoding.EncodeToString(goSig)}

	tests := []struct {
		name, expr, want string
	}{
		{"secret key", "(() => { const k = c.createSecretKey(Buffer.from('secret')); return [k.type, k.symmetricKeySize, k.asymmetricKeyType, k.export().toString(), k instanceof c.KeyObject, JSON.stringify(k.export({ format: 'jwk' }))].join('|'); })()",
			`secret|6||secret|true|{"kty":"oct","k":"c2VjcmV0"}`},
		{"secret key from a string", "c.createSecretKey('c2VjcmV0', 'base64').export().toString()", "secret"},
		{"hmac with a KeyObject", "c.createHmac('sha256', c.createSecretKey(Buffer.from('key'))).update('The quick brown fox jumps over the lazy dog').digest('hex')",
			"f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"},
		{"rsa private key", "(() => { const k = c.createPrivateKey(s.rsa); const d = k.asymmetricKeyDetails; return [k.type, k.asymmetricKeyType, d.modulusLength, typeof d.publicExponent, String(d.publicExponent)].join(); })()",
			"private,rsa,2048,number,65537"},
		{"rsa public key from a private one", "(() => { const k = c.createPublicKey(s.rsa1); return [k.type, k.asymmetricKeyType, k.export({ type: 'spki', format: 'pem' }) === s.rsaPub, c.createPublicKey(c.createPrivateKey(s.rsa)).equals(c.createPublicKey(s.rsaPub))].join(); })()",
			"public,rsa,true,true"},
		{"ec keys", "(() => { const k = c.createPrivateKey(s.ec); const p = c.createPublicKey({ key: Buffer.from(s.ecPub), format: 'pem' }); return [k.asymmetricKeyType, k.asymmetricKeyDetails.namedCurve, p.type, p.export({ format: 'jwk' }).crv].join(); })()",
			"ec,secp384r1,public,P-384"},
		{"ed25519 key", "(() => { const k = c.createPrivateKey(s.ed); return [k.asymmetricKeyType, JSON.stringify(k.asymmetricKeyDetails)].join(); })()", "ed25519,{}"},
		{"sign and verify with KeyObjects", `(() => {
			const priv = c.createPrivateKey(s.rsa), pub = c.createPublicKey(s.rsaPub);
			const sig = c.createSign('RSA-SHA256').update('payload').sign(priv, 'base64');
			return [c.createVerify('RSA-SHA256').update('payload').verify(pub, sig, 'base64'),
				c.createVerify('RSA-SHA256').update('payload').verify(priv, sig, 'base64'),
				c.createVerify('RSA-SHA256').update('other').verify(pub, sig, 'base64'),
				sig === c.createSign('RSA-SHA256').update('payload').sign(s.rsa, 'base64'),
				c.createVerify('RSA-SHA256').update('from go').verify(pub, s.goSig, 'base64')].join();
		})()`, "true,true,false,true,true"},
		{"ecdsa and ed25519 one-shot", `(() => {
			const ec = c.createPrivateKey(s.ec), ed = c.createPrivateKey(s.ed);
			const e = c.sign('sha384', Buffer.from('x'), { key: ec, dsaEncoding: 'ieee-p1363' });
			const d = c.sign(null, Buffer.from('x'), ed);
			return [e.length, c.verify('sha384', Buffer.from('x'), { key: c.createPublicKey(s.ecPub), dsaEncoding: 'ieee-p1363' }, e),
				d.length, c.verify(null, Buffer.from('x'), c.createPublicKey(ed), d)].join();
		})()`, "96,true,64,true"},
		{"rsa-pss", `(() => {
			const priv = c.createPrivateKey(s.rsa);
			const opts = { key: priv, padding: c.constants.RSA_PKCS1_PSS_PADDING, saltLength: c.constants.RSA_PSS_SALTLEN_DIGEST };
			const sig = c.createSign('RSA-SHA256').update('p').sign(opts);
			return [c.createVerify('RSA-SHA256').update('p').verify({ key: s.rsaPub, padding: c.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, sig),
				c.createVerify('RSA-SHA256').update('p').verify(s.rsaPub, sig)].join();
		})()`, "true,false"},
		{"export round trips", `(() => {
			const k = c.createPrivateKey(s.rsa);
			const again = c.createPrivateKey({ key: k.export({ type: 'pkcs1', format: 'der' }), format: 'der', type: 'pkcs1' });
			const fromJwk = c.createPrivateKey({ key: k.export({ format: 'jwk' }), format: 'jwk' });
			const ec = c.createPrivateKey(s.ec);
			const ecJwk = c.createPublicKey({ key: ec.export({ format: 'jwk' }), format: 'jwk' });
			return [k.export({ type: 'pkcs8', format: 'pem' }) === s.rsa, again.equals(k), fromJwk.equals(k), ecJwk.equals(c.createPublicKey(s.ecPub)),
				c.createPrivateKey(ec.export({ type: 'sec1', format: 'pem' })).equals(ec)].join();
		})()`, "true,true,true,true,true"},
		{"a secret is not a key", "(() => { const out = []; for (const f of [() => c.createPrivateKey('secret'), () => c.createPublicKey('secret'), () => c.createPrivateKey(s.rsaPub)]) { try { f(); out.push('made'); } catch (e) { out.push(e.code); } } return out.join(); })()",
			"ERR_OSSL_UNSUPPORTED,ERR_OSSL_UNSUPPORTED,ERR_OSSL_UNSUPPORTED"},
		{"wrong KeyObject types", "(() => { const out = []; const sec = c.createSecretKey(Buffer.from('k')), pub = c.createPublicKey(s.rsaPub); for (const f of [() => c.createHmac('sha256', pub), () => c.createSign('sha256').update('x').sign(pub), () => c.createSign('sha256').update('x').sign(sec), () => c.createPublicKey(sec), () => new c.KeyObject()]) { try { f(); out.push('ok'); } catch (e) { out.push(e.code); } } return out.join(); })()",
			"ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE,ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE,ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE,ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE,ERR_INVALID_ARG_VALUE"},
		{"export needs options", "(() => { try { c.createPublicKey(s.rsaPub).export(); } catch (e) { return e.code; } })()", "ERR_INVALID_ARG_TYPE"},
		{"a passphrase is refused", "(() => { const out = []; for (const f of [() => c.createPrivateKey({ key: s.rsa, passphrase: 'p' }), () => c.createSign('sha256').update('x').sign({ key: s.rsa, passphrase: 'p' })]) { try { f(); out.push('made'); } catch (e) { out.push(e.message.slice(0, 51)); } } return out.join('|'); })()",
			"mfactl does not decrypt encrypted private keys: giv|mfactl does not decrypt encrypted private keys: giv"},
		{"not a KeyObject", "(() => { try { c.KeyObject.prototype.export.call({}); } catch (e) { return e.name; } })()", "TypeError"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runLines(t, "const c = require('crypto'), s = event.secrets; console.log(String(await ("+tt.expr+")));",
				Options{Seed: 7, Event: map[string]any{"secrets": secrets}})
			if r.Err != nil {
				t.Fatal(errText(r))
			}
			if got := strings.Join(r.Console, "\n"); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestNodeKeyObjectLimits: the crypto module's limits hold for KeyObjects too.
func TestNodeKeyObjectLimits(t *testing.T) {
	// A modulus too long for the limit (not a real key: only its size is read).
	n := new(big.Int).Lsh(big.NewInt(1), MaxRSABits+8)
	der, err := x509.MarshalPKIXPublicKey(&rsa.PublicKey{N: n.Add(n, big.NewInt(1)), E: 65537})
	pub := pemOf(t, "PUBLIC KEY", der, err)
	r := runLines(t, fmt.Sprintf("const c = require('crypto'); for (const k of [event.secrets.big, 'x'.repeat(%d)]) { try { c.createPublicKey(k); console.log('made'); } catch (e) { console.log(e.name); } }", MaxPEM+1),
		Options{Event: map[string]any{"secrets": map[string]any{"big": pub}}})
	if r.Err != nil {
		t.Fatal(errText(r))
	}
	if got := strings.Join(r.Console, ","); got != "RangeError,RangeError" {
		t.Errorf("got %q", got)
	}
}
