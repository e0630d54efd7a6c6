package jsrt

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"

	"github.com/dop251/goja"
)

// KeyObjects of the crypto module: secret, public and private keys made by createSecretKey,
// createPublicKey and createPrivateKey (PEM, DER or JWK; RSA, EC on P-224 to P-521, Ed25519), which
// createHmac, createSign, createVerify, crypto.sign and crypto.verify take where they take a key.
// A KeyObject is a plain object of the run whose Go state (keyObj) is in r.cryptoObjs.

// keyObj is a KeyObject's key: secret bytes, or a Go public or private key.
type keyObj struct {
	kind   string // "secret", "public" or "private"
	secret []byte
	key    any // *rsa.PublicKey, *rsa.PrivateKey, *ecdsa.PublicKey, *ecdsa.PrivateKey, ed25519.PublicKey, ed25519.PrivateKey
}

// keyObjectOf is v's key when v is a KeyObject of this run.
func (r *run) keyObjectOf(v goja.Value) *keyObj {
	o, ok := v.(*goja.Object)
	if !ok {
		return nil
	}
	if st := r.cryptoObjs[o]; st != nil {
		return st.key
	}
	return nil
}

// errEncryptedKey refuses a key that needs a passphrase.
var errEncryptedKey = errors.New("mfactl does not decrypt encrypted private keys: give the key unencrypted (from event.secrets) in the simulation")

// refuseEncrypted throws errEncryptedKey for a key's options that give a passphrase.
func (r *run) refuseEncrypted(o *goja.Object) {
	if !goja.IsUndefined(prop(o, "passphrase")) {
		panic(r.jsError(errEncryptedKey.Error()))
	}
}

// publicOf is the public half of a Go key.
func publicOf(key any) any {
	switch k := key.(type) {
	case *rsa.PrivateKey:
		return &k.PublicKey
	case *ecdsa.PrivateKey:
		return &k.PublicKey
	case ed25519.PrivateKey:
		return k.Public()
	}
	return key
}

func isPrivate(key any) bool {
	switch key.(type) {
	case *rsa.PrivateKey, *ecdsa.PrivateKey, ed25519.PrivateKey:
		return true
	}
	return false
}

// readKey reads a key from PEM text or DER bytes (der says which; typ is Node's type option for
// DER: spki, pkcs1, pkcs8 or sec1). It returns errors, not exceptions: createPrivateKey and
// createPublicKey tell a key from a secret by whether it reads.
func readKey(data []byte, der bool, typ string) (any, error) {
	blockType := ""
	if !der {
		block, _ := pem.Decode(data)
		if block == nil {
			return nil, errors.New("error:1E08010C:DECODER routines::unsupported (not a PEM key)")
		}
		if block.Headers["Proc-Type"] != "" {
			return nil, errEncryptedKey
		}
		blockType, data = block.Type, block.Bytes
	} else {
		switch typ {
		case "spki":
			blockType = "PUBLIC KEY"
		case "pkcs8":
			blockType = "PRIVATE KEY"
		case "sec1":
			blockType = "EC PRIVATE KEY"
		case "pkcs1":
			// public or private: try private first
			if k, err := x509.ParsePKCS1PrivateKey(data); err == nil {
				return k, nil
			}
			blockType = "RSA PUBLIC KEY"
		default:
			return nil, fmt.Errorf("the \"type\" of a DER key must be spki, pkcs1, pkcs8 or sec1, not %q", typ)
		}
	}
	var key any
	var err error
	switch blockType {
	case "PRIVATE KEY":
		key, err = x509.ParsePKCS8PrivateKey(data)
	case "RSA PRIVATE KEY":
		key, err = x509.ParsePKCS1PrivateKey(data)
	case "EC PRIVATE KEY":
		key, err = x509.ParseECPrivateKey(data)
	case "PUBLIC KEY":
		key, err = x509.ParsePKIXPublicKey(data)
	case "RSA PUBLIC KEY":
		key, err = x509.ParsePKCS1PublicKey(data)
	case "CERTIFICATE":
		var cert *x509.Certificate
		if cert, err = x509.ParseCertificate(data); err == nil {
			key = cert.PublicKey
		}
	case "ENCRYPTED PRIVATE KEY":
		return nil, errEncryptedKey
	default:
		return nil, fmt.Errorf("unsupported PEM type %q", blockType)
	}
	if err != nil {
		return nil, err
	}
	switch key.(type) {
	case *rsa.PrivateKey, *ecdsa.PrivateKey, ed25519.PrivateKey, *rsa.PublicKey, *ecdsa.PublicKey, ed25519.PublicKey:
	default:
		return nil, fmt.Errorf("unsupported key type %T", key)
	}
	return key, nil
}

// checkRSASize applies MaxRSABits.
func (r *run) checkRSASize(key any) {
	if k, ok := publicOf(key).(*rsa.PublicKey); ok && k.N.BitLen() > MaxRSABits {
		panic(r.rangeErrorf("an RSA key of more than mfactl's limit of %d bits", MaxRSABits))
	}
}

// keyInput reads createPublicKey's or createPrivateKey's argument: the key (or a KeyObject) and how
// it is encoded.
func (r *run) keyInput(what string, v goja.Value) (data []byte, format, typ string, jwk *goja.Object, ko *keyObj) {
	format = "pem"
	if ko = r.keyObjectOf(v); ko != nil {
		return nil, "", "", nil, ko
	}
	src := v
	encoding := ""
	if o, ok := v.(*goja.Object); ok {
		if _, isBytes := r.bytesOf(o); !isBytes {
			r.refuseEncrypted(o)
			if f := o.Get("format"); f != nil && !goja.IsUndefined(f) {
				format = f.String()
			}
			if t := o.Get("type"); t != nil && !goja.IsUndefined(t) {
				typ = t.String()
			}
			if e := o.Get("encoding"); e != nil && !goja.IsUndefined(e) {
				encoding = e.String()
			}
			src = o.Get("key")
			if src == nil {
				src = goja.Undefined()
			}
			if ko = r.keyObjectOf(src); ko != nil {
				return nil, "", "", nil, ko
			}
			if format == "jwk" {
				j, ok := src.(*goja.Object)
				if !ok {
					panic(r.typeErrorCode("ERR_INVALID_ARG_TYPE", "The \"key.key\" property must be of type object when format is jwk"))
				}
				return nil, format, typ, j, nil
			}
		}
	}
	if s, ok := src.(goja.String); ok && s.Length() > MaxPEM {
		panic(r.rangeErrorf("%s: a key of %d characters exceeds mfactl's limit of %d", what, s.Length(), MaxPEM))
	}
	if _, ok := src.(goja.String); !ok {
		if _, isBytes := r.bytesOf(src); !isBytes {
			panic(r.typeErrorCode("ERR_INVALID_ARG_TYPE", fmt.Sprintf("The \"key\" argument must be of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey. Received %s", describeArg(src))))
		}
	}
	data = r.input(what, src, encoding)
	if len(data) > MaxPEM {
		panic(r.rangeErrorf("%s: a key of %d bytes exceeds mfactl's limit of %d", what, len(data), MaxPEM))
	}
	if format != "pem" && format != "der" {
		panic(r.typeErrorCode("ERR_INVALID_ARG_VALUE", fmt.Sprintf("The property 'key.format' is invalid. Received '%s'", format)))
	}
	return data, format, typ, nil, nil
}

func describeArg(v goja.Value) string {
	switch {
	case v == nil || goja.IsUndefined(v):
		return "undefined"
	case goja.IsNull(v):
		return "null"
	}
	return "type " + v.ExportType().String()
}

func (r *run) typeErrorCode(code, msg string) *goja.Object {
	e := r.vm.NewTypeError(msg)
	_ = e.Set("code", code)
	return e
}

// makeKey reads an asymmetric key for createPublicKey (private false) or createPrivateKey.
func (r *run) makeKey(what string, v goja.Value, private bool) *keyObj {
	data, format, typ, jwk, ko := r.keyInput(what, v)
	if ko != nil {
		if private || ko.kind == "secret" {
			panic(r.typeErrorCode("ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE", fmt.Sprintf("Invalid key object type %s, expected %s.", ko.kind, map[bool]string{true: "private", false: "private or public"}[private])))
		}
		return &keyObj{kind: "public", key: publicOf(ko.key)}
	}
	var key any
	var err error
	if jwk != nil {
		key, err = r.readJWK(jwk)
	} else {
		key, err = readKey(data, format == "der", typ)
	}
	if err != nil {
		panic(r.cryptoError("ERR_OSSL_UNSUPPORTED", "%s: the key cannot be read: %v", what, err))
	}
	r.checkRSASize(key)
	if private {
		if !isPrivate(key) {
			panic(r.cryptoError("ERR_OSSL_UNSUPPORTED", "%s: error:1E08010C:DECODER routines::unsupported (not a private key)", what))
		}
		return &keyObj{kind: "private", key: key}
	}
	return &keyObj{kind: "public", key: publicOf(key)}
}

// readJWK reads an RSA, EC or Ed25519 JSON Web Key.
func (r *run) readJWK(j *goja.Object) (any, error) {
	str := func(k string) string {
		v := j.Get(k)
		if v == nil || goja.IsUndefined(v) {
			return ""
		}
		return v.String()
	}
	num := func(k string) (*big.Int, error) {
		b, err := base64.RawURLEncoding.DecodeString(str(k))
		if err != nil || len(b) == 0 {
			return nil, fmt.Errorf("invalid JWK %q", k)
		}
		if len(b) > MaxRSABits/4 {
			return nil, fmt.Errorf("JWK %q is too long", k)
		}
		return new(big.Int).SetBytes(b), nil
	}
	switch str("kty") {
	case "RSA":
		n, err := num("n")
		if err != nil {
			return nil, err
		}
		e, err := num("e")
		if err != nil || !e.IsInt64() || e.Int64() > 1<<31-1 {
			return nil, errors.New("invalid JWK \"e\"")
		}
		if n.BitLen() > MaxRSABits {
			return nil, fmt.Errorf("an RSA key of more than mfactl's limit of %d bits", MaxRSABits)
		}
		pub := rsa.PublicKey{N: n, E: int(e.Int64())}
		if str("d") == "" {
			return &pub, nil
		}
		d, err := num("d")
		if err != nil {
			return nil, err
		}
		p, err := num("p")
		if err != nil {
			return nil, err
		}
		q, err := num("q")
		if err != nil {
			return nil, err
		}
		k := &rsa.PrivateKey{PublicKey: pub, D: d, Primes: []*big.Int{p, q}}
		if err := k.Validate(); err != nil {
			return nil, err
		}
		k.Precompute()
		return k, nil
	case "EC":
		var curve elliptic.Curve
		switch str("crv") {
		case "P-256":
			curve = elliptic.P256()
		case "P-384":
			curve = elliptic.P384()
		case "P-521":
			curve = elliptic.P521()
		default:
			return nil, fmt.Errorf("unsupported JWK curve %q", str("crv"))
		}
		x, err := num("x")
		if err != nil {
			return nil, err
		}
		y, err := num("y")
		if err != nil {
			return nil, err
		}
		size := (curve.Params().BitSize + 7) / 8
		raw := make([]byte, 1+2*size)
		raw[0] = 4
		if x.BitLen() > 8*size || y.BitLen() > 8*size {
			return nil, errors.New("invalid JWK point")
		}
		x.FillBytes(raw[1 : 1+size])
		y.FillBytes(raw[1+size:])
		pub, err := ecdsa.ParseUncompressedPublicKey(curve, raw)
		if err != nil {
			return nil, err
		}
		if str("d") == "" {
			return pub, nil
		}
		d, err := num("d")
		if err != nil || d.BitLen() > 8*size {
			return nil, errors.New("invalid JWK \"d\"")
		}
		return ecdsa.ParseRawPrivateKey(curve, d.FillBytes(make([]byte, size)))
	case "OKP":
		if str("crv") != "Ed25519" {
			return nil, fmt.Errorf("unsupported JWK curve %q", str("crv"))
		}
		if str("d") != "" {
			seed, err := base64.RawURLEncoding.DecodeString(str("d"))
			if err != nil || len(seed) != ed25519.SeedSize {
				return nil, errors.New("invalid JWK \"d\"")
			}
			return ed25519.NewKeyFromSeed(seed), nil
		}
		x, err := base64.RawURLEncoding.DecodeString(str("x"))
		if err != nil || len(x) != ed25519.PublicKeySize {
			return nil, errors.New("invalid JWK \"x\"")
		}
		return ed25519.PublicKey(x), nil
	}
	return nil, fmt.Errorf("unsupported JWK key type %q", str("kty"))
}

// curveName is Node's name of an ECDSA curve.
func curveName(c elliptic.Curve) string {
	switch c.Params().Name {
	case "P-224":
		return "secp224r1"
	case "P-256":
		return "prime256v1"
	case "P-384":
		return "secp384r1"
	case "P-521":
		return "secp521r1"
	}
	return c.Params().Name
}

// keyObjectClass adds KeyObject, createSecretKey, createPublicKey and createPrivateKey to the crypto
// module's exports.
func (r *run) keyObjectClass(exports *goja.Object) {
	vm := r.vm
	proto := vm.NewObject()
	ctor := vm.ToValue(func(goja.ConstructorCall) *goja.Object {
		panic(r.typeErrorCode("ERR_INVALID_ARG_VALUE", "KeyObject cannot be constructed: KeyObjects are made by crypto.createSecretKey, createPublicKey and createPrivateKey"))
	}).(*goja.Object)
	_ = ctor.DefineDataProperty("prototype", proto, no, no, no)
	_ = ctor.DefineDataProperty("name", vm.ToValue("KeyObject"), no, no, yes)
	_ = proto.DefineDataProperty("constructor", ctor, yes, no, yes)
	_ = proto.DefineDataPropertySymbol(goja.SymToStringTag, vm.ToValue("KeyObject"), no, no, yes)
	state := func(this goja.Value) *keyObj {
		k := r.keyObjectOf(this)
		if k == nil {
			panic(vm.NewTypeError("Illegal invocation: not a KeyObject"))
		}
		return k
	}
	getter := func(name string, f func(k *keyObj) goja.Value) {
		_ = proto.DefineAccessorProperty(name, vm.ToValue(func(c goja.FunctionCall) goja.Value { return f(state(c.This)) }), nil, no, yes)
	}
	getter("type", func(k *keyObj) goja.Value { return vm.ToValue(k.kind) })
	getter("symmetricKeySize", func(k *keyObj) goja.Value {
		if k.kind != "secret" {
			return goja.Undefined()
		}
		return vm.ToValue(len(k.secret))
	})
	getter("asymmetricKeyType", func(k *keyObj) goja.Value {
		switch publicOf(k.key).(type) {
		case *rsa.PublicKey:
			return vm.ToValue("rsa")
		case *ecdsa.PublicKey:
			return vm.ToValue("ec")
		case ed25519.PublicKey:
			return vm.ToValue("ed25519")
		}
		return goja.Undefined()
	})
	getter("asymmetricKeyDetails", func(k *keyObj) goja.Value {
		d := vm.NewObject()
		switch pk := publicOf(k.key).(type) {
		case *rsa.PublicKey:
			_ = d.Set("modulusLength", pk.N.BitLen())
			// A number, where Node gives a BigInt: mfactl hands an Action no BigInt (its arithmetic
			// allocates without bound; see guards.go).
			_ = d.Set("publicExponent", pk.E)
		case *ecdsa.PublicKey:
			_ = d.Set("namedCurve", curveName(pk.Curve))
		case ed25519.PublicKey:
		default:
			return goja.Undefined()
		}
		return d
	})
	_ = proto.Set("export", func(c goja.FunctionCall) goja.Value { return r.exportKey(state(c.This), c.Argument(0)) })
	_ = proto.Set("equals", func(c goja.FunctionCall) goja.Value {
		a, b := state(c.This), r.keyObjectOf(c.Argument(0))
		if b == nil {
			panic(r.typeErrorCode("ERR_INVALID_ARG_TYPE", "The \"otherKeyObject\" argument must be an instance of KeyObject."))
		}
		if a.kind != b.kind {
			return vm.ToValue(false)
		}
		if a.kind == "secret" {
			return vm.ToValue(string(a.secret) == string(b.secret))
		}
		if e, ok := a.key.(interface{ Equal(crypto.PublicKey) bool }); ok {
			return vm.ToValue(e.Equal(b.key))
		}
		if e, ok := a.key.(interface{ Equal(crypto.PrivateKey) bool }); ok {
			return vm.ToValue(e.Equal(b.key))
		}
		return vm.ToValue(false)
	})
	newKey := func(k *keyObj) goja.Value {
		return r.newCryptoObj(proto, &cryptoObj{key: k})
	}
	_ = exports.Set("KeyObject", ctor)
	_ = exports.Set("createSecretKey", func(c goja.FunctionCall) goja.Value {
		k := c.Argument(0)
		if _, ok := k.(goja.String); !ok {
			if _, isBytes := r.bytesOf(k); !isBytes {
				panic(r.typeErrorCode("ERR_INVALID_ARG_TYPE", "The \"key\" argument must be of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView. Received "+describeArg(k)))
			}
		}
		b := append([]byte(nil), r.input("crypto.createSecretKey", k, encodingArg(c.Arguments, 1))...)
		return newKey(&keyObj{kind: "secret", secret: b})
	})
	_ = exports.Set("createPublicKey", func(c goja.FunctionCall) goja.Value {
		return newKey(r.makeKey("crypto.createPublicKey", c.Argument(0), false))
	})
	_ = exports.Set("createPrivateKey", func(c goja.FunctionCall) goja.Value {
		return newKey(r.makeKey("crypto.createPrivateKey", c.Argument(0), true))
	})
}

// exportKey is KeyObject.prototype.export.
func (r *run) exportKey(k *keyObj, opts goja.Value) goja.Value {
	vm := r.vm
	o, _ := opts.(*goja.Object)
	get := func(name string) string {
		if o == nil {
			return ""
		}
		v := o.Get(name)
		if v == nil || goja.IsUndefined(v) {
			return ""
		}
		return v.String()
	}
	format := get("format")
	b64 := base64.RawURLEncoding.EncodeToString
	if k.kind == "secret" {
		if format == "jwk" {
			j := vm.NewObject()
			_ = j.Set("kty", "oct")
			_ = j.Set("k", b64(k.secret))
			return j
		}
		return r.newBuffer(append([]byte(nil), k.secret...))
	}
	if o == nil {
		panic(r.typeErrorCode("ERR_INVALID_ARG_TYPE", "The \"options\" argument must be of type object. Received undefined"))
	}
	if get("cipher") != "" || get("passphrase") != "" {
		panic(r.jsError("mfactl does not encrypt private keys on export"))
	}
	if format == "jwk" {
		return r.exportJWK(k)
	}
	if format != "pem" && format != "der" {
		panic(r.typeErrorCode("ERR_INVALID_ARG_VALUE", fmt.Sprintf("The property 'options.format' is invalid. Received '%s'", format)))
	}
	typ := get("type")
	var der []byte
	var block string
	var err error
	switch {
	case k.kind == "public" && typ == "spki":
		der, err = x509.MarshalPKIXPublicKey(k.key)
		block = "PUBLIC KEY"
	case k.kind == "public" && typ == "pkcs1":
		pk, ok := k.key.(*rsa.PublicKey)
		if !ok {
			err = errors.New("pkcs1 is for RSA keys only")
		} else {
			der, block = x509.MarshalPKCS1PublicKey(pk), "RSA PUBLIC KEY"
		}
	case k.kind == "private" && typ == "pkcs8":
		der, err = x509.MarshalPKCS8PrivateKey(k.key)
		block = "PRIVATE KEY"
	case k.kind == "private" && typ == "pkcs1":
		pk, ok := k.key.(*rsa.PrivateKey)
		if !ok {
			err = errors.New("pkcs1 is for RSA keys only")
		} else {
			der, block = x509.MarshalPKCS1PrivateKey(pk), "RSA PRIVATE KEY"
		}
	case k.kind == "private" && typ == "sec1":
		pk, ok := k.key.(*ecdsa.PrivateKey)
		if !ok {
			err = errors.New("sec1 is for EC keys only")
		} else {
			der, err = x509.MarshalECPrivateKey(pk)
			block = "EC PRIVATE KEY"
		}
	default:
		panic(r.typeErrorCode("ERR_INVALID_ARG_VALUE", fmt.Sprintf("The property 'options.type' is invalid for a %s key. Received '%s'", k.kind, typ)))
	}
	if err != nil {
		panic(r.cryptoError("ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS", "%v", err))
	}
	if format == "der" {
		return r.newBuffer(der)
	}
	return vm.ToValue(string(pem.EncodeToMemory(&pem.Block{Type: block, Bytes: der})))
}

func (r *run) exportJWK(k *keyObj) goja.Value {
	vm := r.vm
	j := vm.NewObject()
	b64 := base64.RawURLEncoding.EncodeToString
	fixed := func(n *big.Int, size int) string { return b64(n.FillBytes(make([]byte, size))) }
	switch key := k.key.(type) {
	case *rsa.PublicKey, *rsa.PrivateKey:
		pub := publicOf(key).(*rsa.PublicKey)
		_ = j.Set("kty", "RSA")
		_ = j.Set("n", b64(pub.N.Bytes()))
		_ = j.Set("e", b64(big.NewInt(int64(pub.E)).Bytes()))
		if priv, ok := key.(*rsa.PrivateKey); ok && len(priv.Primes) == 2 {
			priv.Precompute()
			_ = j.Set("d", b64(priv.D.Bytes()))
			_ = j.Set("p", b64(priv.Primes[0].Bytes()))
			_ = j.Set("q", b64(priv.Primes[1].Bytes()))
			_ = j.Set("dp", b64(priv.Precomputed.Dp.Bytes()))
			_ = j.Set("dq", b64(priv.Precomputed.Dq.Bytes()))
			_ = j.Set("qi", b64(priv.Precomputed.Qinv.Bytes()))
		}
	case *ecdsa.PublicKey, *ecdsa.PrivateKey:
		pub := publicOf(key).(*ecdsa.PublicKey)
		size := (pub.Curve.Params().BitSize + 7) / 8
		raw, err := pub.Bytes()
		if err != nil || len(raw) != 1+2*size {
			panic(r.jsError("the EC key cannot be exported as a JWK"))
		}
		_ = j.Set("kty", "EC")
		_ = j.Set("crv", pub.Curve.Params().Name)
		_ = j.Set("x", b64(raw[1:1+size]))
		_ = j.Set("y", b64(raw[1+size:]))
		if priv, ok := key.(*ecdsa.PrivateKey); ok {
			d, err := priv.Bytes()
			if err != nil {
				panic(r.jsError("the EC key cannot be exported as a JWK"))
			}
			_ = j.Set("d", fixed(new(big.Int).SetBytes(d), size))
		}
	case ed25519.PublicKey:
		_ = j.Set("crv", "Ed25519")
		_ = j.Set("x", b64(key))
		_ = j.Set("kty", "OKP")
	case ed25519.PrivateKey:
		_ = j.Set("crv", "Ed25519")
		_ = j.Set("d", b64(key.Seed()))
		_ = j.Set("x", b64(key.Public().(ed25519.PublicKey)))
		_ = j.Set("kty", "OKP")
	}
	return j
}

// signingKey is the key of a sign (private) or verify call: a KeyObject (or {key: KeyObject, …}),
// else PEM text; with the options that come with it.
func (r *run) signingKey(v goja.Value, private bool) (key any, o signOptions) {
	o.padding, o.saltLength = -1, nil
	inner := v
	if obj, ok := v.(*goja.Object); ok && r.keyObjectOf(obj) == nil {
		if _, isBytes := r.bytesOf(obj); !isBytes {
			if d := obj.Get("dsaEncoding"); d != nil && !goja.IsUndefined(d) {
				o.dsaEncoding = d.String()
			}
			if p := obj.Get("padding"); p != nil && !goja.IsUndefined(p) {
				o.padding = int(p.ToInteger())
			}
			if s := obj.Get("saltLength"); s != nil && !goja.IsUndefined(s) {
				n := int(s.ToInteger())
				o.saltLength = &n
			}
			if k := obj.Get("key"); k != nil && r.keyObjectOf(k) != nil {
				inner = k
			}
		}
	}
	if ko := r.keyObjectOf(inner); ko != nil {
		switch {
		case ko.kind == "secret":
			panic(r.typeErrorCode("ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE", "Invalid key object type secret, expected "+map[bool]string{true: "private.", false: "public or private."}[private]))
		case private && ko.kind != "private":
			panic(r.typeErrorCode("ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE", "Invalid key object type public, expected private."))
		}
		if private {
			return ko.key, o
		}
		return publicOf(ko.key), o
	}
	text, dsa := r.keyOptions(v)
	if dsa != "" {
		o.dsaEncoding = dsa
	}
	return r.parseKey(text, private), o
}

// signOptions are the options that come with a signing key.
type signOptions struct {
	dsaEncoding string
	padding     int  // crypto.constants.RSA_PKCS1_PADDING or RSA_PKCS1_PSS_PADDING; -1 when not given
	saltLength  *int // for PSS
}

// Node's crypto.constants that signatures use.
const (
	rsaPKCS1Padding     = 1
	rsaPKCS1PSSPadding  = 6
	rsaPSSSaltLenDigest = -1
	rsaPSSSaltLenMax    = -2
)

// pssOptions are Go's PSS options for Node's saltLength (sign: the maximum by default; verify:
// any).
func (o signOptions) pssOptions(sign bool) *rsa.PSSOptions {
	salt := rsa.PSSSaltLengthAuto
	if o.saltLength != nil {
		switch n := *o.saltLength; {
		case n == rsaPSSSaltLenDigest:
			salt = rsa.PSSSaltLengthEqualsHash
		case n == rsaPSSSaltLenMax:
			salt = rsa.PSSSaltLengthAuto
		case n >= 0:
			salt = n
		}
	}
	return &rsa.PSSOptions{SaltLength: salt}
}

// runReader reads from the run's generator (PSS salts), so that a run repeats exactly.
type runReader struct{ r *run }

func (rr runReader) Read(b []byte) (int, error) {
	rr.r.randomBytes(b)
	return len(b), nil
}
