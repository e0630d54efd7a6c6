package jsrt

import (
	"sort"

	"github.com/dop251/goja"
)

// The event is converted to JavaScript lazily: an Action reads a few of its top-level fields (user,
// authentication, transaction …), and converting all of them took a quarter of a scenario's time. Each
// top-level object or array starts as an accessor that converts it on first use and puts a plain data
// property in its place, so that after a field is first read (or written) the event is exactly the
// object it would have been. Before that, only Object.getOwnPropertyDescriptor tells the difference.

// lazyEventFields are the top-level event fields converted on first use; any other field is converted
// at once. Their accessors belong to the engine and are frozen with its built-ins.
var lazyEventFields = []string{
	"agent", "authentication", "authorization", "client", "configuration", "connection", "custom_domain",
	"organization", "prompt", "refresh_token", "request", "resource_server", "secrets", "security_context",
	"session", "session_transfer_token", "stats", "tenant", "transaction", "user",
}

// eventAccessor is the getter and setter of one lazy field.
type eventAccessor struct{ get, set goja.Value }

// makeEventAccessors makes the engine's accessors; they find the run's pending values in r.pending.
func (r *run) makeEventAccessors() {
	r.eventAccessors = map[string]eventAccessor{}
	for _, name := range lazyEventFields {
		name := name
		settle := func(this goja.Value, v goja.Value) goja.Value {
			o, ok := this.(*goja.Object)
			if !ok || o != r.event {
				return goja.Undefined()
			}
			delete(r.pending, name)
			if o.DefineDataProperty(name, v, yes, yes, yes) != nil {
				// The Action froze the event before reading the field: keep one value for every read.
				r.pendingJS[name] = v
			}
			return v
		}
		get := r.vm.ToValue(func(c goja.FunctionCall) goja.Value {
			if v, ok := r.pendingJS[name]; ok {
				return v
			}
			// The pending data is the caller's: read it only while the run is not abandoned, and
			// under r.mu, which abandon takes before Run returns to the caller, who may then change it.
			r.mu.Lock()
			raw, ok := r.pending[name]
			var v goja.Value
			if ok && !r.abandoned {
				v = toJS(r.vm, raw)
			}
			r.mu.Unlock()
			if v == nil {
				return goja.Undefined()
			}
			return settle(c.This, v)
		})
		set := r.vm.ToValue(func(c goja.FunctionCall) goja.Value {
			settle(c.This, c.Argument(0))
			return goja.Undefined()
		})
		r.eventAccessors[name] = eventAccessor{get, set}
	}
}

// eventAccessorValues are the accessors' functions, for sealing.
func (r *run) eventAccessorValues() []any {
	var out []any
	for _, a := range r.eventAccessors {
		out = append(out, a.get, a.set)
	}
	return out
}

// newEvent builds the event object for a run, converting ev (the caller's) field by field on first
// use. The run may outlive Run (abandoned), after which the caller goes on changing its maps: the
// getters read them only under r.mu and never once the run is abandoned, so nothing is copied.
func (r *run) newEvent(ev map[string]any) *goja.Object {
	o := r.vm.NewObject()
	r.event = o
	r.pending = map[string]any{}
	r.pendingJS = map[string]goja.Value{}
	keys := make([]string, 0, len(ev))
	for k := range ev {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := ev[k]
		a, lazy := r.eventAccessors[k]
		switch v.(type) {
		case map[string]any, []any:
		default:
			lazy = false
		}
		if !lazy {
			_ = o.Set(k, toJS(r.vm, v))
			continue
		}
		r.pending[k] = v
		_ = o.DefineAccessorProperty(k, a.get, a.set, yes, yes)
	}
	return o
}
