package jsrt

import (
	"path"
	"strings"

	"github.com/dop251/goja"
)

// Node's path module, POSIX flavour (Auth0 runs Actions on Linux), on Go's path package: many npm
// packages require it at load time even when they never touch a file. The working directory is "/",
// as process.cwd() says.

// MaxPathText bounds one path argument.
const MaxPathText = 64 << 10

func (r *run) pathArg(what string, v goja.Value) string {
	if _, ok := v.(goja.String); !ok {
		panic(r.vm.NewTypeError(`The "path" argument must be of type string. Received ` + typeName(v)))
	}
	s := v.(goja.String)
	if s.Length() > MaxPathText {
		panic(r.rangeErrorf("path.%s: a path of %d characters exceeds mfactl's limit of %d", what, s.Length(), MaxPathText))
	}
	return s.String()
}

func typeName(v goja.Value) string {
	switch {
	case v == nil || goja.IsUndefined(v):
		return "undefined"
	case goja.IsNull(v):
		return "null"
	}
	if _, ok := v.(*goja.Object); ok {
		return "an object"
	}
	return "type " + v.ExportType().String()
}

func (r *run) pathArgs(what string, c goja.FunctionCall) []string {
	if len(c.Arguments) > MaxArgs {
		panic(r.rangeErrorf("path.%s: %d arguments exceed mfactl's limit of %d", what, len(c.Arguments), MaxArgs))
	}
	out := make([]string, len(c.Arguments))
	for i, a := range c.Arguments {
		out[i] = r.pathArg(what, a)
	}
	return out
}

// normalizePath is path.posix.normalize: like Go's Clean, but "" is "." and a trailing slash stays.
func normalizePath(p string) string {
	if p == "" {
		return "."
	}
	c := path.Clean(p)
	if strings.HasSuffix(p, "/") && c != "/" {
		c += "/"
	}
	return c
}

// trimSlashes drops trailing slashes, except the root's.
func trimSlashes(p string) string {
	for len(p) > 1 && strings.HasSuffix(p, "/") {
		p = p[:len(p)-1]
	}
	return p
}

func resolvePath(parts []string) string {
	resolved := ""
	for i := len(parts) - 1; i >= 0 && !strings.HasPrefix(resolved, "/"); i-- {
		if parts[i] == "" {
			continue
		}
		if resolved == "" {
			resolved = parts[i]
		} else {
			resolved = parts[i] + "/" + resolved
		}
	}
	if !strings.HasPrefix(resolved, "/") {
		resolved = "/" + resolved // the working directory
	}
	return path.Clean(resolved)
}

func basenamePath(p, ext string) string {
	p = trimSlashes(p)
	if p == "/" {
		return ""
	}
	slash := strings.LastIndexByte(p, '/')
	b := p[slash+1:]
	switch {
	case ext == "" || !strings.HasSuffix(b, ext):
	case b != ext:
		b = b[:len(b)-len(ext)]
	case slash < 0:
		// Node: basename('bbb', 'bbb') is '', but basename('aaa/bbb', 'bbb') is 'bbb'.
		b = ""
	}
	return b
}

func extnamePath(p string) string {
	b := basenamePath(p, "")
	i := strings.LastIndexByte(b, '.')
	if i <= 0 {
		return ""
	}
	return b[i:]
}

func dirnamePath(p string) string {
	if p == "" {
		return "."
	}
	p = trimSlashes(p)
	i := strings.LastIndexByte(p, '/')
	switch {
	case i < 0:
		return "."
	case i == 0:
		return "/"
	}
	return trimSlashes(p[:i])
}

func relativePath(from, to string) string {
	f, t := resolvePath([]string{from}), resolvePath([]string{to})
	if f == t {
		return ""
	}
	split := func(p string) []string {
		if p == "/" {
			return nil
		}
		return strings.Split(p[1:], "/")
	}
	fs, ts := split(f), split(t)
	n := 0
	for n < len(fs) && n < len(ts) && fs[n] == ts[n] {
		n++
	}
	var out []string
	for range fs[n:] {
		out = append(out, "..")
	}
	return strings.Join(append(out, ts[n:]...), "/")
}

func (r *run) pathModule(exports *goja.Object) goja.Value {
	vm := r.vm
	str := func(s string) goja.Value { return vm.ToValue(s) }
	set := func(name string, f func(goja.FunctionCall) goja.Value) { _ = exports.Set(name, f) }
	set("normalize", func(c goja.FunctionCall) goja.Value { return str(normalizePath(r.pathArg("normalize", c.Argument(0)))) })
	set("join", func(c goja.FunctionCall) goja.Value {
		var parts []string
		for _, p := range r.pathArgs("join", c) {
			if p != "" {
				parts = append(parts, p)
			}
		}
		return str(normalizePath(strings.Join(parts, "/")))
	})
	set("resolve", func(c goja.FunctionCall) goja.Value { return str(resolvePath(r.pathArgs("resolve", c))) })
	set("isAbsolute", func(c goja.FunctionCall) goja.Value {
		return vm.ToValue(strings.HasPrefix(r.pathArg("isAbsolute", c.Argument(0)), "/"))
	})
	set("dirname", func(c goja.FunctionCall) goja.Value { return str(dirnamePath(r.pathArg("dirname", c.Argument(0)))) })
	set("basename", func(c goja.FunctionCall) goja.Value {
		ext := ""
		if e := c.Argument(1); !goja.IsUndefined(e) {
			ext = r.pathArg("basename", e)
		}
		return str(basenamePath(r.pathArg("basename", c.Argument(0)), ext))
	})
	set("extname", func(c goja.FunctionCall) goja.Value { return str(extnamePath(r.pathArg("extname", c.Argument(0)))) })
	set("relative", func(c goja.FunctionCall) goja.Value {
		return str(relativePath(r.pathArg("relative", c.Argument(0)), r.pathArg("relative", c.Argument(1))))
	})
	set("toNamespacedPath", func(c goja.FunctionCall) goja.Value { return c.Argument(0) })
	set("parse", func(c goja.FunctionCall) goja.Value {
		p := r.pathArg("parse", c.Argument(0))
		o := vm.NewObject()
		root := ""
		if strings.HasPrefix(p, "/") {
			root = "/"
		}
		base := basenamePath(p, "")
		ext := extnamePath(p)
		dir := ""
		if strings.Contains(trimSlashes(p), "/") {
			dir = dirnamePath(p)
		} else if root != "" {
			dir = "/"
		}
		_ = o.Set("root", root)
		_ = o.Set("dir", dir)
		_ = o.Set("base", base)
		_ = o.Set("ext", ext)
		_ = o.Set("name", strings.TrimSuffix(base, ext))
		return o
	})
	set("format", func(c goja.FunctionCall) goja.Value {
		o, ok := c.Argument(0).(*goja.Object)
		if !ok {
			panic(vm.NewTypeError(`The "pathObject" argument must be of type object. Received ` + typeName(c.Argument(0))))
		}
		field := func(k string) string {
			v := o.Get(k)
			if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
				return ""
			}
			return r.pathArg("format", r.g.str(v))
		}
		dir, root, base := field("dir"), field("root"), field("base")
		if base == "" {
			ext := field("ext")
			if ext != "" && !strings.HasPrefix(ext, ".") {
				ext = "." + ext
			}
			base = field("name") + ext
		}
		switch {
		case dir == "":
			return str(root + base)
		case dir == root:
			return str(dir + base)
		}
		return str(dir + "/" + base)
	})
	_ = exports.Set("sep", "/")
	_ = exports.Set("delimiter", ":")
	_ = exports.Set("posix", exports)
	return nil
}
