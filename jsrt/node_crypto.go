package jsrt

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/md5"
	"crypto/pbkdf2"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"crypto/subtle"
	"crypto/x509"
	"encoding/asn1"
	"encoding/pem"
	"fmt"
	"hash"
	"math"
	"math/big"
	"strings"

	"github.com/dop251/goja"
)

// Limits of the crypto module.
const (
	// MaxHashInput bounds the text or bytes one update (or one key) hands to a hash, HMAC or
	// signature, in characters.
	MaxHashInput = 1 << 23
	// MaxPBKDF2Iterations and MaxPBKDF2KeyLength bound pbkdf2.
	MaxPBKDF2Iterations = 100_000
	MaxPBKDF2KeyLength  = 1024
	// MaxPEM bounds a PEM key's text, MaxRSABits an RSA key's size.
	MaxPEM     = 16 << 10
	MaxRSABits = 8192
	// MaxRandomValues is getRandomValues' limit, as in Web Crypto.
	MaxRandomValues = 65536
)

var hashes = map[string]func() hash.Hash{
	"md5": md5.New, "sha1": sha1.New, "sha224": sha256.New224, "sha256": sha256.New, "sha384": sha512.New384,
	"sha512": sha512.New, "sha512-224": sha512.New512_224, "sha512-256": sha512.New512_256,
	"sha3-224": func() hash.Hash { return sha3.New224() }, "sha3-256": func() hash.Hash { return sha3.New256() },
	"sha3-384": func() hash.Hash { return sha3.New384() }, "sha3-512": func() hash.Hash { return sha3.New512() },
}

var cryptoHashes = map[string]crypto.Hash{
	"md5": crypto.MD5, "sha1": crypto.SHA1, "sha224": crypto.SHA224, "sha256": crypto.SHA256, "sha384": crypto.SHA384,
	"sha512": crypto.SHA512,
}

// hashName is the canonical name of a Node hash algorithm ("SHA256", "RSA-SHA256", "sha-256" …).
func hashName(alg string) string {
	a := strings.ToLower(alg)
	a = strings.TrimPrefix(a, "rsa-")
	a = strings.TrimPrefix(a, "ecdsa-with-")
	switch a {
	case "sha-1":
		a = "sha1"
	case "sha-224", "sha-256", "sha-384", "sha-512":
		a = strings.Replace(a, "-", "", 1)
	}
	return a
}

// cryptoObj is the run's state behind a Hash, Hmac, Sign or Verify object.
type cryptoObj struct {
	h         hash.Hash
	alg       string
	finalized bool
	key       *keyObj // a KeyObject's (node_keyobject.go), which has no hash
}

func (r *run) cryptoError(code, format string, args ...any) *goja.Object {
	e := r.jsError(fmt.Sprintf(format, args...))
	_ = e.Set("code", code)
	return e
}

// input is data (a string in an encoding, or bytes) for a hash, HMAC or signature.
func (r *run) input(what string, data goja.Value, enc string) []byte {
	if s, ok := data.(goja.String); ok {
		if s.Length() > MaxHashInput {
			panic(r.rangeErrorf("%s: a string of %d characters exceeds mfactl's limit of %d", what, s.Length(), MaxHashInput))
		}
		name := r.encoding(enc)
		if name == "utf8" {
			return utf8Bytes(s)
		}
		if name == "latin1" || name == "ascii" {
			out := make([]byte, s.Length())
			for i := range out {
				out[i] = byte(s.CharAt(i))
			}
			return out
		}
		return r.decodeString(what, s, enc)
	}
	b, ok := r.bytesOf(data)
	if !ok {
		panic(r.vm.NewTypeError(fmt.Sprintf("%s: the \"data\" argument must be of type string or an instance of Buffer, TypedArray, or DataView.", what)))
	}
	return b
}

// output is a digest or signature as Node returns it: a Buffer, or a string in an encoding.
func (r *run) output(b []byte, enc goja.Value) goja.Value {
	if s, ok := enc.(goja.String); ok && s.String() != "buffer" {
		return r.encodeBytes(b, s.String())
	}
	return r.newBuffer(b)
}

func (r *run) newHash(alg string) hash.Hash {
	f, ok := hashes[hashName(alg)]
	if !ok {
		panic(r.cryptoError("ERR_OSSL_EVP_UNSUPPORTED", "Digest method not supported: %s", alg))
	}
	return f()
}

// cryptoProto makes the prototype of Hash, Hmac, Sign or Verify objects: update, digest/sign/verify,
// each finding the object's state in r.cryptoObjs.
func (r *run) cryptoProto(name string, methods map[string]func(st *cryptoObj, c goja.FunctionCall) goja.Value) *goja.Object {
	vm := r.vm
	proto := vm.NewObject()
	state := func(this goja.Value) *cryptoObj {
		o, _ := this.(*goja.Object)
		st := r.cryptoObjs[o]
		if st == nil || st.h == nil {
			panic(vm.NewTypeError("Illegal invocation: not a " + name + " object"))
		}
		return st
	}
	_ = proto.Set("update", func(c goja.FunctionCall) goja.Value {
		st := state(c.This)
		if st.finalized {
			panic(r.cryptoError("ERR_CRYPTO_HASH_FINALIZED", "Digest already called"))
		}
		st.h.Write(r.input(name+".update", c.Argument(0), encodingArg(c.Arguments, 1)))
		return c.This
	})
	for k, f := range methods {
		f := f
		_ = proto.Set(k, func(c goja.FunctionCall) goja.Value { return f(state(c.This), c) })
	}
	return proto
}

func (r *run) newCryptoObj(proto *goja.Object, st *cryptoObj) *goja.Object {
	o := r.vm.CreateObject(proto)
	if r.cryptoObjs == nil {
		r.cryptoObjs = map[*goja.Object]*cryptoObj{}
	}
	r.cryptoObjs[o] = st
	return o
}

// async calls cb(null, value) (or cb(err)) on the simulated clock's next turn, as Node's callback
// forms do.
func (r *run) async(cb goja.Value, f func() goja.Value) goja.Value {
	fn, ok := goja.AssertFunction(cb)
	if !ok {
		panic(r.vm.NewTypeError("The \"callback\" argument must be of type function."))
	}
	var v goja.Value
	var errV goja.Value = goja.Null()
	if ex := r.vm.Try(func() { v = f() }); ex != nil {
		errV, v = ex.Value(), goja.Undefined()
	}
	r.setTimeout(false)(goja.FunctionCall{Arguments: []goja.Value{r.vm.ToValue(func(goja.FunctionCall) goja.Value {
		if _, err := fn(goja.Undefined(), errV, v); err != nil {
			panic(err)
		}
		return goja.Undefined()
	}), r.vm.ToValue(0)}})
	return goja.Undefined()
}

func (r *run) cryptoModule(exports *goja.Object) goja.Value {
	vm := r.vm
	digest := func(st *cryptoObj, c goja.FunctionCall) goja.Value {
		if st.finalized {
			panic(r.cryptoError("ERR_CRYPTO_HASH_FINALIZED", "Digest already called"))
		}
		st.finalized = true
		return r.output(st.h.Sum(nil), c.Argument(0))
	}
	hashProto := r.cryptoProto("Hash", map[string]func(*cryptoObj, goja.FunctionCall) goja.Value{"digest": digest})
	copyHash := func(st *cryptoObj, c goja.FunctionCall) goja.Value {
		if st.finalized {
			panic(r.cryptoError("ERR_CRYPTO_HASH_FINALIZED", "Digest already called"))
		}
		// Go's hashes marshal their state; a copy continues from it.
		h := r.newHash(st.alg)
		if m, ok := st.h.(interface{ MarshalBinary() ([]byte, error) }); ok {
			if state, err := m.MarshalBinary(); err == nil {
				if u, ok := h.(interface{ UnmarshalBinary([]byte) error }); ok && u.UnmarshalBinary(state) == nil {
					return r.newCryptoObj(hashProto, &cryptoObj{h: h, alg: st.alg})
				}
			}
		}
		panic(r.jsError("hash.copy() is not supported for " + st.alg))
	}
	_ = hashProto.Set("copy", copyHash)
	hmacProto := r.cryptoProto("Hmac", map[string]func(*cryptoObj, goja.FunctionCall) goja.Value{"digest": digest})
	set := func(name string, f func(goja.FunctionCall) goja.Value) { _ = exports.Set(name, f) }

	set("createHash", func(c goja.FunctionCall) goja.Value {
		alg := c.Argument(0).String()
		return r.newCryptoObj(hashProto, &cryptoObj{h: r.newHash(alg), alg: alg})
	})
	set("hash", func(c goja.FunctionCall) goja.Value {
		h := r.newHash(c.Argument(0).String())
		h.Write(r.input("crypto.hash", c.Argument(1), ""))
		enc := c.Argument(2)
		if goja.IsUndefined(enc) {
			enc = vm.ToValue("hex")
		}
		return r.output(h.Sum(nil), enc)
	})
	set("createHmac", func(c goja.FunctionCall) goja.Value {
		alg := c.Argument(0).String()
		f, ok := hashes[hashName(alg)]
		if !ok {
			panic(r.cryptoError("ERR_OSSL_EVP_UNSUPPORTED", "Invalid digest: %s", alg))
		}
		var key []byte
		if ko := r.keyObjectOf(c.Argument(1)); ko != nil {
			if ko.kind != "secret" {
				panic(r.typeErrorCode("ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE", "Invalid key object type "+ko.kind+", expected secret."))
			}
			key = ko.secret
		} else {
			key = r.input("crypto.createHmac", r.keyMaterial(c.Argument(1)), "")
		}
		return r.newCryptoObj(hmacProto, &cryptoObj{h: hmac.New(f, key), alg: alg})
	})
	set("getHashes", func(goja.FunctionCall) goja.Value {
		names := []any{}
		for _, k := range BuiltinHashes() {
			names = append(names, k)
		}
		return vm.NewArray(names...)
	})
	set("randomBytes", func(c goja.FunctionCall) goja.Value {
		n := integer(c.Argument(0))
		if !goja.IsNumber(c.Argument(0)) || n < 0 {
			panic(vm.NewTypeError("The \"size\" argument must be of type number."))
		}
		if n > MaxBytes {
			panic(r.tooManyBytes("crypto.randomBytes", n))
		}
		gen := func() goja.Value {
			b := make([]byte, int(n))
			r.randomBytes(b)
			return r.newBuffer(b)
		}
		if cb := c.Argument(1); !goja.IsUndefined(cb) {
			return r.async(cb, gen)
		}
		return gen()
	})
	set("randomFillSync", func(c goja.FunctionCall) goja.Value {
		b := r.needBytes(c.Argument(0), "buf")
		off := int(max(0, min(integer(c.Argument(1)), float64(len(b)))))
		n := len(b) - off
		if a := c.Argument(2); !goja.IsUndefined(a) {
			n = int(max(0, min(integer(a), float64(n))))
		}
		r.randomBytes(b[off : off+n])
		return c.Argument(0)
	})
	set("randomUUID", r.randomUUID)
	set("randomInt", func(c goja.FunctionCall) goja.Value {
		args := c.Arguments
		var cb goja.Value
		if len(args) > 0 {
			if _, ok := goja.AssertFunction(args[len(args)-1]); ok {
				cb, args = args[len(args)-1], args[:len(args)-1]
			}
		}
		lo, hi := 0.0, 0.0
		switch len(args) {
		case 0:
			panic(vm.NewTypeError("The \"max\" argument must be a safe integer."))
		case 1:
			hi = args[0].ToFloat()
		default:
			lo, hi = args[0].ToFloat(), args[1].ToFloat()
		}
		if lo != math.Trunc(lo) || hi != math.Trunc(hi) || math.Abs(lo) > 1<<53-1 || math.Abs(hi) > 1<<53-1 {
			panic(vm.NewTypeError("The \"min\" and \"max\" arguments must be safe integers."))
		}
		if !(hi > lo) || hi-lo > 1<<48-1 {
			panic(r.rangeErrorf("The value of \"max\" is out of range. It must be greater than the value of \"min\" (%v) and the range at most 2**48. Received %v", lo, hi))
		}
		pick := func() goja.Value { return vm.ToValue(int64(lo) + r.random().Int64N(int64(hi-lo))) }
		if cb != nil {
			return r.async(cb, pick)
		}
		return pick()
	})
	set("getRandomValues", r.getRandomValues)
	set("timingSafeEqual", func(c goja.FunctionCall) goja.Value {
		a, b := r.needBytes(c.Argument(0), "buf1"), r.needBytes(c.Argument(1), "buf2")
		if len(a) != len(b) {
			e := r.rangeErrorf("Input buffers must have the same byte length")
			_ = e.Set("code", "ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH")
			panic(e)
		}
		return vm.ToValue(subtle.ConstantTimeCompare(a, b) == 1)
	})
	pbkdf2Key := func(c goja.FunctionCall) goja.Value {
		password := r.input("crypto.pbkdf2", c.Argument(0), "")
		salt := r.input("crypto.pbkdf2", c.Argument(1), "")
		iter, keyLen := integer(c.Argument(2)), integer(c.Argument(3))
		if iter < 1 || iter > MaxPBKDF2Iterations {
			panic(r.rangeErrorf("crypto.pbkdf2: the iterations %.0f are outside mfactl's limits of 1 to %d", iter, MaxPBKDF2Iterations))
		}
		if keyLen < 0 || keyLen > MaxPBKDF2KeyLength {
			panic(r.rangeErrorf("crypto.pbkdf2: a key length of %.0f exceeds mfactl's limit of %d", keyLen, MaxPBKDF2KeyLength))
		}
		alg := c.Argument(4).String()
		f, ok := hashes[hashName(alg)]
		if !ok {
			panic(r.cryptoError("ERR_CRYPTO_INVALID_DIGEST", "Invalid digest: %s", alg))
		}
		if keyLen == 0 {
			return r.newBuffer([]byte{})
		}
		key, err := pbkdf2.Key(f, string(password), salt, int(iter), int(keyLen))
		if err != nil {
			panic(r.jsError("crypto.pbkdf2: " + err.Error()))
		}
		return r.newBuffer(key)
	}
	set("pbkdf2Sync", pbkdf2Key)
	set("pbkdf2", func(c goja.FunctionCall) goja.Value {
		cb := c.Argument(5)
		args := goja.FunctionCall{Arguments: c.Arguments[:min(5, len(c.Arguments))]}
		return r.async(cb, func() goja.Value { return pbkdf2Key(args) })
	})

	// Signatures: RSA (PKCS #1 v1.5), ECDSA (RFC 6979, deterministic) and Ed25519, with PEM keys.
	signProto := r.cryptoProto("Sign", map[string]func(*cryptoObj, goja.FunctionCall) goja.Value{
		"sign": func(st *cryptoObj, c goja.FunctionCall) goja.Value {
			if st.finalized {
				panic(r.cryptoError("ERR_CRYPTO_SIGN_KEY_REQUIRED", "Sign already called"))
			}
			st.finalized = true
			return r.output(r.sign(st.alg, st.h.Sum(nil), nil, c.Argument(0)), c.Argument(1))
		},
	})
	verifyProto := r.cryptoProto("Verify", map[string]func(*cryptoObj, goja.FunctionCall) goja.Value{
		"verify": func(st *cryptoObj, c goja.FunctionCall) goja.Value {
			if st.finalized {
				panic(r.cryptoError("ERR_CRYPTO_HASH_FINALIZED", "Verify already called"))
			}
			st.finalized = true
			sig := r.input("verify.verify", c.Argument(1), encodingArg(c.Arguments, 2))
			return vm.ToValue(r.verify(st.alg, st.h.Sum(nil), nil, c.Argument(0), sig))
		},
	})
	set("createSign", func(c goja.FunctionCall) goja.Value {
		alg := c.Argument(0).String()
		return r.newCryptoObj(signProto, &cryptoObj{h: r.newHash(alg), alg: alg})
	})
	set("createVerify", func(c goja.FunctionCall) goja.Value {
		alg := c.Argument(0).String()
		return r.newCryptoObj(verifyProto, &cryptoObj{h: r.newHash(alg), alg: alg})
	})
	oneShot := func(alg goja.Value, data []byte) (string, []byte) {
		if nullish(alg) {
			return "", data
		}
		h := r.newHash(alg.String())
		h.Write(data)
		return alg.String(), h.Sum(nil)
	}
	set("sign", func(c goja.FunctionCall) goja.Value {
		data := r.input("crypto.sign", c.Argument(1), "")
		alg, digest := oneShot(c.Argument(0), data)
		return r.newBuffer(r.sign(alg, digest, data, c.Argument(2)))
	})
	set("verify", func(c goja.FunctionCall) goja.Value {
		data := r.input("crypto.verify", c.Argument(1), "")
		alg, digest := oneShot(c.Argument(0), data)
		return vm.ToValue(r.verify(alg, digest, data, c.Argument(2), r.needBytes(c.Argument(3), "signature")))
	})
	constants := vm.NewObject()
	for k, v := range map[string]int{"RSA_PKCS1_PADDING": rsaPKCS1Padding, "RSA_PKCS1_PSS_PADDING": rsaPKCS1PSSPadding,
		"RSA_PSS_SALTLEN_DIGEST": rsaPSSSaltLenDigest, "RSA_PSS_SALTLEN_MAX_SIGN": rsaPSSSaltLenMax, "RSA_PSS_SALTLEN_AUTO": rsaPSSSaltLenMax} {
		_ = constants.Set(k, v)
	}
	_ = exports.Set("constants", constants)
	r.keyObjectClass(exports)
	web := r.webcrypto()
	_ = exports.Set("webcrypto", web)
	_ = exports.Set("subtle", web.Get("subtle"))
	return nil
}

// BuiltinHashes are the hash algorithms of crypto.createHash.
func BuiltinHashes() []string {
	return []string{"md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha512-224", "sha512-256", "sha3-224", "sha3-256", "sha3-384", "sha3-512"}
}

// keyMaterial is a key argument's text or bytes: a string, bytes, or {key: …}.
func (r *run) keyMaterial(v goja.Value) goja.Value {
	if o, ok := v.(*goja.Object); ok {
		if _, isBytes := r.bytesOf(o); !isBytes {
			if k := o.Get("key"); k != nil && !goja.IsUndefined(k) {
				return k
			}
		}
	}
	return v
}

// keyOptions reads a key argument: the PEM text and the ECDSA signature encoding.
func (r *run) keyOptions(v goja.Value) (pemText []byte, dsaEncoding string) {
	if o, ok := v.(*goja.Object); ok {
		if _, isBytes := r.bytesOf(o); !isBytes {
			r.refuseEncrypted(o)
			if d := o.Get("dsaEncoding"); d != nil && !goja.IsUndefined(d) {
				dsaEncoding = d.String()
			}
		}
	}
	k := r.keyMaterial(v)
	if s, ok := k.(goja.String); ok && s.Length() > MaxPEM {
		panic(r.rangeErrorf("a key of %d characters exceeds mfactl's limit of %d", s.Length(), MaxPEM))
	}
	b := r.input("key", k, "")
	if len(b) > MaxPEM {
		panic(r.rangeErrorf("a key of %d bytes exceeds mfactl's limit of %d", len(b), MaxPEM))
	}
	return b, dsaEncoding
}

func (r *run) parseKey(text []byte, private bool) any {
	block, _ := pem.Decode(text)
	if block == nil {
		panic(r.cryptoError("ERR_OSSL_UNSUPPORTED", "error:1E08010C:DECODER routines::unsupported (mfactl reads PEM keys only)"))
	}
	var key any
	var err error
	switch block.Type {
	case "PRIVATE KEY":
		key, err = x509.ParsePKCS8PrivateKey(block.Bytes)
	case "RSA PRIVATE KEY":
		key, err = x509.ParsePKCS1PrivateKey(block.Bytes)
	case "EC PRIVATE KEY":
		key, err = x509.ParseECPrivateKey(block.Bytes)
	case "PUBLIC KEY":
		key, err = x509.ParsePKIXPublicKey(block.Bytes)
	case "RSA PUBLIC KEY":
		key, err = x509.ParsePKCS1PublicKey(block.Bytes)
	case "CERTIFICATE":
		var cert *x509.Certificate
		if cert, err = x509.ParseCertificate(block.Bytes); err == nil {
			key = cert.PublicKey
		}
	case "ENCRYPTED PRIVATE KEY":
		panic(r.jsError(errEncryptedKey.Error()))
	default:
		err = fmt.Errorf("unsupported PEM type %q", block.Type)
	}
	if err != nil {
		panic(r.jsError("the key cannot be read: " + err.Error()))
	}
	if k, ok := key.(*rsa.PrivateKey); ok && k.N.BitLen() > MaxRSABits || func() bool { k, ok := key.(*rsa.PublicKey); return ok && k.N.BitLen() > MaxRSABits }() {
		panic(r.rangeErrorf("an RSA key of more than mfactl's limit of %d bits", MaxRSABits))
	}
	if private {
		switch key.(type) {
		case *rsa.PrivateKey, *ecdsa.PrivateKey, ed25519.PrivateKey:
		default:
			panic(r.jsError("a private key is required to sign"))
		}
		return key
	}
	return publicOf(key)
}

func (r *run) cryptoHash(alg string) crypto.Hash {
	h, ok := cryptoHashes[hashName(alg)]
	if !ok {
		panic(r.cryptoError("ERR_OSSL_EVP_UNSUPPORTED", "mfactl does not sign with %s", alg))
	}
	return h
}

// sign signs digest (data for Ed25519) with a private key (PEM, or a KeyObject).
func (r *run) sign(alg string, digest, data []byte, keyArg goja.Value) []byte {
	key, opts := r.signingKey(keyArg, true)
	var sig []byte
	var err error
	switch k := key.(type) {
	case *rsa.PrivateKey:
		if opts.padding == rsaPKCS1PSSPadding {
			sig, err = rsa.SignPSS(runReader{r}, k, r.cryptoHash(alg), digest, opts.pssOptions(true))
		} else {
			sig, err = rsa.SignPKCS1v15(nil, k, r.cryptoHash(alg), digest)
		}
	case *ecdsa.PrivateKey:
		// A nil random source makes the deterministic signature of RFC 6979: the same on every run.
		sig, err = k.Sign(nil, digest, r.cryptoHash(alg))
		if err == nil && opts.dsaEncoding == "ieee-p1363" {
			sig = p1363(sig, (k.Curve.Params().BitSize+7)/8)
		}
	case ed25519.PrivateKey:
		if data == nil {
			panic(r.jsError("Ed25519 keys sign with crypto.sign(null, data, key)"))
		}
		sig = ed25519.Sign(k, data)
	}
	if err != nil {
		panic(r.jsError("sign: " + err.Error()))
	}
	return sig
}

func (r *run) verify(alg string, digest, data []byte, keyArg goja.Value, sig []byte) bool {
	key, opts := r.signingKey(keyArg, false)
	switch k := key.(type) {
	case *rsa.PublicKey:
		if opts.padding == rsaPKCS1PSSPadding {
			return rsa.VerifyPSS(k, r.cryptoHash(alg), digest, sig, opts.pssOptions(false)) == nil
		}
		return rsa.VerifyPKCS1v15(k, r.cryptoHash(alg), digest, sig) == nil
	case *ecdsa.PublicKey:
		if opts.dsaEncoding == "ieee-p1363" {
			n := len(sig) / 2
			der, err := asn1.Marshal(struct{ R, S *big.Int }{new(big.Int).SetBytes(sig[:n]), new(big.Int).SetBytes(sig[n:])})
			if err != nil {
				return false
			}
			sig = der
		}
		return ecdsa.VerifyASN1(k, digest, sig)
	case ed25519.PublicKey:
		return data != nil && ed25519.Verify(k, data, sig)
	}
	panic(r.jsError("verify: unsupported key type"))
}

// p1363 converts an ASN.1 ECDSA signature to r || s, each size bytes.
func p1363(der []byte, size int) []byte {
	var s struct{ R, S *big.Int }
	if _, err := asn1.Unmarshal(der, &s); err != nil {
		return der
	}
	out := make([]byte, 2*size)
	s.R.FillBytes(out[:size])
	s.S.FillBytes(out[size:])
	return out
}

// randomUUID is a version 4 UUID from the run's generator.
func (r *run) randomUUID(goja.FunctionCall) goja.Value {
	var b [16]byte
	r.randomBytes(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return r.vm.ToValue(fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]))
}

// getRandomValues fills an integer typed array from the run's generator.
func (r *run) getRandomValues(c goja.FunctionCall) goja.Value {
	o, ok := c.Argument(0).(*goja.Object)
	if !ok || !isTypedArray(o) && o.ExportType() != bytesType || strings.HasPrefix(o.ClassName(), "Float") {
		panic(r.domException("TypeMismatchError", "The data argument must be an integer-type TypedArray"))
	}
	if cn := o.Get("constructor"); cn != nil {
		if n := cn.ToObject(r.vm).Get("name"); n != nil && strings.HasPrefix(n.String(), "Float") {
			panic(r.domException("TypeMismatchError", "The data argument must be an integer-type TypedArray"))
		}
	}
	b, _ := r.bytesOf(o)
	if len(b) > MaxRandomValues {
		panic(r.domException("QuotaExceededError", fmt.Sprintf("The ArrayBufferView's byte length (%d) exceeds the number of bytes of entropy available via this API (%d)", len(b), MaxRandomValues)))
	}
	r.randomBytes(b)
	return o
}

// webcrypto is the Web Crypto subset: getRandomValues, randomUUID and subtle.digest.
func (r *run) webcrypto() *goja.Object {
	vm := r.vm
	web := vm.NewObject()
	_ = web.Set("getRandomValues", r.getRandomValues)
	_ = web.Set("randomUUID", r.randomUUID)
	subtleObj := vm.NewObject()
	_ = web.Set("subtle", subtleObj)
	_ = subtleObj.Set("digest", func(c goja.FunctionCall) goja.Value {
		p, resolve, reject := vm.NewPromise()
		if ex := vm.Try(func() {
			alg := c.Argument(0)
			if o, ok := alg.(*goja.Object); ok {
				alg = o.Get("name")
			}
			name := ""
			if alg != nil {
				name = strings.ToUpper(alg.String())
			}
			var h hash.Hash
			switch name {
			case "SHA-1":
				h = sha1.New()
			case "SHA-256":
				h = sha256.New()
			case "SHA-384":
				h = sha512.New384()
			case "SHA-512":
				h = sha512.New()
			default:
				panic(r.domException("NotSupportedError", "Unrecognized algorithm name"))
			}
			data, ok := r.bytesOf(c.Argument(1))
			if !ok {
				panic(vm.NewTypeError("Failed to execute 'digest' on 'SubtleCrypto': 2nd argument is not instance of ArrayBuffer, Buffer, TypedArray, or DataView."))
			}
			h.Write(data)
			_ = resolve(vm.NewArrayBuffer(h.Sum(nil)))
		}); ex != nil {
			_ = reject(ex.Value())
		}
		return vm.ToValue(p)
	})
	for _, k := range []string{"encrypt", "decrypt", "sign", "verify", "generateKey", "deriveKey", "deriveBits", "importKey", "exportKey", "wrapKey", "unwrapKey"} {
		name := k
		_ = subtleObj.Set(name, func(goja.FunctionCall) goja.Value {
			p, _, reject := vm.NewPromise()
			_ = reject(r.domException("NotSupportedError", "crypto.subtle."+name+" is not available in mfactl's simulation (only digest is); use the crypto module (createHmac, createSign …)"))
			return vm.ToValue(p)
		})
	}
	return web
}
