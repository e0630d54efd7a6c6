package source

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// The Deploy CLI reads AUTH0_KEYWORD_REPLACE_MAPPINGS with JSON.parse and inserts a value with
// JSON.stringify (@@KEY@@) or String() (##KEY##). The text those give is not the text of the mapping
// as written: numbers are re-printed (1.0 is 1, 1e2 is 100, 1e21 is 1e+21), escapes are decoded
// (\u00e9 is é, \/ is /), an object's integer-like keys come first in ascending order and a repeated
// key keeps the place of its first occurrence with the value of its last. jsValue decodes a mapping
// into that JavaScript value; jsJSON and jsText print it as those two functions do.

// jsObject is a decoded JSON object in JavaScript's property order.
type jsObject struct {
	keys []string
	vals map[string]any
}

func (o *jsObject) ordered() []string { return objectKeyOrder(o.keys) }

// decodeJS decodes one JSON value into nil, bool, float64, string, []any or *jsObject.
func decodeJS(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '[':
			arr := []any{}
			for dec.More() {
				v, err := decodeJS(dec)
				if err != nil {
					return nil, err
				}
				arr = append(arr, v)
			}
			_, err := dec.Token()
			return arr, err
		case '{':
			o := &jsObject{vals: map[string]any{}}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				k, _ := kt.(string)
				v, err := decodeJS(dec)
				if err != nil {
					return nil, err
				}
				if _, seen := o.vals[k]; !seen {
					o.keys = append(o.keys, k)
				}
				o.vals[k] = v
			}
			_, err := dec.Token()
			return o, err
		}
		return nil, fmt.Errorf("unexpected %v", t)
	case json.Number:
		// JSON.parse reads every number as a double; one too large is Infinity.
		f, err := strconv.ParseFloat(t.String(), 64)
		if err != nil && !math.IsInf(f, 0) {
			return nil, err
		}
		return f, nil
	default:
		return t, nil // nil, bool, string
	}
}

// jsNumber is JavaScript's Number::toString(10) of f: the shortest digits that read back as f, in
// fixed notation for exponents from -7 to 20, in exponent notation (1e+21, 1.5e-7) otherwise.
func jsNumber(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		return "0" // -0 too
	}
	sign := ""
	if f < 0 {
		sign, f = "-", -f
	}
	e := strconv.FormatFloat(f, 'e', -1, 64) // d.ddde±XX
	mant, exp, _ := strings.Cut(e, "e")
	digits := strings.Replace(mant, ".", "", 1)
	x, _ := strconv.Atoi(exp)
	k, n := len(digits), x+1
	switch {
	case k <= n && n <= 21:
		return sign + digits + strings.Repeat("0", n-k)
	case 0 < n && n <= 21:
		return sign + digits[:n] + "." + digits[n:]
	case -6 < n && n <= 0:
		return sign + "0." + strings.Repeat("0", -n) + digits
	}
	es := "+"
	if n-1 < 0 {
		es = "-"
	}
	ex := strconv.Itoa(abs(n - 1))
	if k == 1 {
		return sign + digits + "e" + es + ex
	}
	return sign + digits[:1] + "." + digits[1:] + "e" + es + ex
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// jsJSON is JSON.stringify(v) with no indentation.
func jsJSON(b *bytes.Buffer, v any) {
	switch v := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(v))
	case float64:
		if math.IsInf(v, 0) || math.IsNaN(v) {
			b.WriteString("null")
		} else {
			b.WriteString(jsNumber(v))
		}
	case string:
		b.WriteString(jsonString(v))
	case []any:
		b.WriteByte('[')
		for i, e := range v {
			if i > 0 {
				b.WriteByte(',')
			}
			jsJSON(b, e)
		}
		b.WriteByte(']')
	case *jsObject:
		b.WriteByte('{')
		for i, k := range v.ordered() {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(jsonString(k))
			b.WriteByte(':')
			jsJSON(b, v.vals[k])
		}
		b.WriteByte('}')
	}
}

// jsText is String(v).
func jsText(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return strconv.FormatBool(v)
	case float64:
		return jsNumber(v)
	case string:
		return v
	case []any:
		parts := make([]string, len(v))
		for i, e := range v {
			if e != nil { // Array.prototype.join writes null and undefined as ""
				parts[i] = jsText(e)
			}
		}
		return strings.Join(parts, ",")
	default:
		return "[object Object]"
	}
}
