package jsrt

import (
	"github.com/dop251/goja"
)

// The config of an axios request, as axios.go's request reads and writes it. A config the script
// made (an interceptor's, a merged one) is its object. The usual call's config, which fromBase made
// for every request, is kept as its entries instead, and its object is made only when something
// needs it: the Action reading response.config, or an error that carries it. Most Actions read
// response.data alone, and the config was the largest object of a request (docs/simulation.md,
// "Testing Actions that call other services").

// axiosConfig is a request's config: its properties as request reads and writes them, and the
// object they make.
type axiosConfig interface {
	get(name string) goja.Value
	set(name string, v goja.Value)
	object() *goja.Object
}

// scriptConfig is a config the script made.
type scriptConfig struct{ o *goja.Object }

func (c scriptConfig) get(name string) goja.Value    { return prop(c.o, name) }
func (c scriptConfig) set(name string, v goja.Value) { must(c.o.Set(name, v)) }
func (c scriptConfig) object() *goja.Object          { return c.o }

// maxLazyKeys bounds the own keys of a config kept as a lazyConfig.
const maxLazyKeys = 32

// lazyConfig is the entries of the object fromBase would make (its own properties, in order), made
// into that object on first need. Its prototype would be Object.prototype, which has none of the
// properties request reads; a config whose own keys would change the prototype ("__proto__") is
// made as an object at once (fromBase).
type lazyConfig struct {
	vm   *goja.Runtime
	keys []string
	vals []goja.Value
	obj  *goja.Object
}

func (c *lazyConfig) get(name string) goja.Value {
	if c.obj != nil {
		return prop(c.obj, name)
	}
	for i, k := range c.keys {
		if k == name {
			return c.vals[i]
		}
	}
	return goja.Undefined()
}

// set is an assignment: a new key goes last, a key it has keeps its place.
func (c *lazyConfig) set(name string, v goja.Value) {
	if c.obj != nil {
		must(c.obj.Set(name, v))
		return
	}
	for i, k := range c.keys {
		if k == name {
			c.vals[i] = v
			return
		}
	}
	c.keys = append(c.keys, name)
	c.vals = append(c.vals, v)
}

func (c *lazyConfig) object() *goja.Object {
	if c.obj == nil {
		o := c.vm.NewObject()
		for i, k := range c.keys {
			must(o.Set(k, c.vals[i]))
		}
		c.obj = o
	}
	return c.obj
}

// lazyResponse is what a response's config and request accessors make on first read.
type lazyResponse struct {
	config                       axiosConfig
	request                      *goja.Object // made on first read, from the four values below
	method, protocol, host, path string
}

func (l *lazyResponse) value(vm *goja.Runtime, name string) goja.Value {
	if name == "config" {
		return l.config.object()
	}
	if l.request == nil {
		l.request = axiosRequest(vm, l.method, l.protocol, l.host, l.path)
	}
	return l.request
}

// axiosRequest is a response's request: {method, protocol, host, path}.
func axiosRequest(vm *goja.Runtime, method, protocol, host, path string) *goja.Object {
	o := vm.NewObject()
	must(o.Set("method", method))
	must(o.Set("protocol", protocol))
	must(o.Set("host", host))
	must(o.Set("path", path))
	return o
}

// lazyAccessor is the getter and setter of a response's config or request made lazily: reading it
// makes the value and defines it as the response's own data property, as axios's is; assigning it
// defines the property with the value assigned. Each is one function for the engine, reachable
// from an Action (a property descriptor): axios.js exports them for the seal.
func (ax *axiosHost) lazyAccessor(name string) (get, set *goja.Object) {
	vm := ax.r.vm
	r := ax.r
	get = vm.ToValue(func(c goja.FunctionCall) goja.Value {
		o, ok := c.This.(*goja.Object)
		if !ok {
			return goja.Undefined()
		}
		l := r.lazyResponses[o]
		if l == nil {
			return goja.Undefined()
		}
		v := l.value(vm, name)
		// A response the Action froze keeps the accessor: the value is kept for every read.
		_ = o.DefineDataProperty(name, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
		return v
	}).(*goja.Object)
	set = vm.ToValue(func(c goja.FunctionCall) goja.Value {
		if o, ok := c.This.(*goja.Object); ok {
			must(o.DefineDataProperty(name, c.Argument(0), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE))
		}
		return goja.Undefined()
	}).(*goja.Object)
	for _, f := range []*goja.Object{get, set} {
		must(f.DefineDataProperty("name", vm.ToValue(name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE))
	}
	return get, set
}
