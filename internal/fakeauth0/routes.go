package fakeauth0

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// route answers /api/v2/<path> (the caller holds s.mu).
func (s *Server) route(w http.ResponseWriter, r *http.Request, path string, body []byte) {
	parts := strings.Split(strings.Trim(path, "/"), "/")
	m := r.Method
	switch {
	case path == "tenants/settings" && m == "GET":
		writeJSON(w, 200, s.settings)
	case path == "tenants/settings" && m == "PATCH":
		s.patchSettings(w, body)
	case path == "guardian/factors" && m == "GET":
		out := []map[string]any{}
		for _, n := range FactorNames {
			out = append(out, map[string]any{"name": n, "enabled": s.factors[n], "trial_expired": false})
		}
		writeJSON(w, 200, out)
	case path == "guardian/factors/phone/message-types":
		s.messageTypesRoute(w, m, body)
	case path == "guardian/factors/phone/selected-provider":
		s.providerRoute(w, m, body)
	case len(parts) == 3 && parts[0] == "guardian" && parts[1] == "factors" && m == "PUT":
		s.putFactor(w, parts[2], body)
	case path == "guardian/policies" && m == "GET":
		writeJSON(w, 200, s.policies)
	case path == "guardian/policies" && m == "PUT":
		var p []string
		if err := json.Unmarshal(body, &p); err != nil {
			writeError(w, 400, "invalid_body", "Payload validation error: 'Expected type array but found type "+jsonType(body)+"'.")
			return
		}
		for _, x := range p {
			if x != "all-applications" && x != "confidence-score" {
				writeError(w, 400, "invalid_body", fmt.Sprintf("Payload validation error: 'No enum match for: \"%s\"'.", x))
				return
			}
		}
		s.policies = clone(p)
		writeJSON(w, 200, s.policies)
	case path == "actions/actions" && m == "GET":
		s.listActions(w, r)
	case path == "actions/actions" && m == "POST":
		s.createAction(w, body)
	case len(parts) == 3 && parts[0] == "actions" && parts[1] == "actions":
		s.actionRoute(w, r, parts[2], body)
	case len(parts) == 4 && parts[0] == "actions" && parts[1] == "actions" && parts[3] == "deploy" && m == "POST":
		s.deployAction(w, parts[2])
	case len(parts) == 4 && parts[0] == "actions" && parts[1] == "actions" && parts[3] == "versions" && m == "GET":
		a := s.byID(parts[2])
		if a == nil {
			writeError(w, 404, "", "That action does not exist.")
			return
		}
		vs := []map[string]any{}
		for i := len(a.versions) - 1; i >= 0; i-- {
			vs = append(vs, s.versionJSON(a, a.versions[i]))
		}
		writeJSON(w, 200, map[string]any{"versions": vs, "total": len(vs), "page": 0, "per_page": 50})
	case path == "actions/triggers" && m == "GET":
		writeJSON(w, 200, map[string]any{"triggers": []map[string]any{
			{"id": "post-login", "version": "v1", "status": "DEPRECATED", "runtimes": []string{"node12"}, "default_runtime": "node12", "compatible_triggers": []any{}},
			{"id": "post-login", "version": "v2", "status": "DEPRECATED", "runtimes": []string{"node12", "node16", "node18"}, "default_runtime": "node16", "compatible_triggers": []any{}},
			{"id": "post-login", "version": "v3", "status": "CURRENT", "runtimes": []string{"node18", "node22"}, "default_runtime": "node22", "compatible_triggers": []any{map[string]string{"id": "post-login", "version": "v2"}}},
			{"id": "credentials-exchange", "version": "v2", "status": "CURRENT", "runtimes": []string{"node22"}, "default_runtime": "node22", "compatible_triggers": []any{}},
			{"id": "pre-user-registration", "version": "v2", "status": "CURRENT", "runtimes": []string{"node22"}, "default_runtime": "node22", "compatible_triggers": []any{}},
		}})
	case len(parts) == 4 && parts[0] == "actions" && parts[1] == "triggers" && parts[3] == "bindings":
		s.bindingsRoute(w, r, parts[2], body)
	default:
		writeError(w, 404, "", "Not Found")
	}
}

func jsonType(body []byte) string {
	var v any
	if json.Unmarshal(body, &v) != nil {
		return "invalid"
	}
	switch v.(type) {
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case nil:
		return "null"
	}
	return "scalar"
}

func (s *Server) patchSettings(w http.ResponseWriter, body []byte) {
	var req map[string]any
	if err := json.Unmarshal(body, &req); err != nil || req == nil {
		writeError(w, 400, "invalid_body", "Payload validation error: 'Expected type object but found type "+jsonType(body)+"'.")
		return
	}
	for k, v := range req {
		switch k {
		case "customize_mfa_in_postlogin_action":
			b, ok := v.(bool)
			if !ok {
				writeError(w, 400, "invalid_body", "Payload validation error: 'Expected type boolean but found type "+fmt.Sprintf("%T", v)+"' on property customize_mfa_in_postlogin_action.")
				return
			}
			s.settings[k] = b
		case "flags":
			flags, ok := v.(map[string]any)
			if !ok {
				writeError(w, 400, "invalid_body", "Payload validation error: 'Expected type object' on property flags.")
				return
			}
			for fk, fv := range flags {
				if _, ok := fv.(bool); !ok || strings.HasPrefix(fk, "cannot_change_") {
					writeError(w, 400, "invalid_body", fmt.Sprintf("Payload validation error: 'Additional properties not allowed: %s' on property flags.", fk))
					return
				}
				s.settings["flags"].(map[string]any)[fk] = fv
			}
		default:
			writeError(w, 400, "invalid_body", fmt.Sprintf("Payload validation error: 'Additional properties not allowed: %s'.", k))
			return
		}
	}
	writeJSON(w, 200, s.settings)
}

func (s *Server) putFactor(w http.ResponseWriter, name string, body []byte) {
	if _, ok := s.factors[name]; !ok {
		writeError(w, 404, "", "Factor not found")
		return
	}
	var req map[string]any
	if err := json.Unmarshal(body, &req); err != nil {
		writeError(w, 400, "invalid_body", "Payload validation error: 'Expected type object'.")
		return
	}
	enabled, ok := req["enabled"].(bool)
	if !ok || len(req) != 1 {
		writeError(w, 400, "invalid_body", "Payload validation error: 'Missing required property: enabled' or additional properties.")
		return
	}
	s.factors[name] = enabled
	writeJSON(w, 200, map[string]bool{"enabled": enabled})
}

func (s *Server) messageTypesRoute(w http.ResponseWriter, m string, body []byte) {
	switch m {
	case "GET":
		writeJSON(w, 200, map[string]any{"message_types": s.messageTypes})
	case "PUT":
		var req struct {
			Types *[]string `json:"message_types"`
		}
		if err := json.Unmarshal(body, &req); err != nil || req.Types == nil {
			writeError(w, 400, "invalid_body", "Payload validation error: 'Missing required property: message_types'.")
			return
		}
		for _, t := range *req.Types {
			if t != "sms" && t != "voice" {
				writeError(w, 400, "invalid_body", fmt.Sprintf("Payload validation error: 'No enum match for: \"%s\"' on property message_types.", t))
				return
			}
		}
		s.messageTypes = clone(*req.Types)
		writeJSON(w, 200, map[string]any{"message_types": s.messageTypes})
	default:
		writeError(w, 404, "", "Not Found")
	}
}

func (s *Server) providerRoute(w http.ResponseWriter, m string, body []byte) {
	if s.opts.LegacyPhone403 {
		writeError(w, 403, "", "Insufficient privileges to use this deprecated feature. To handle Phone Provider/Templates refer to Tenant Phone Settings")
		return
	}
	switch m {
	case "GET":
		writeJSON(w, 200, map[string]string{"provider": s.provider})
	case "PUT":
		var req struct {
			Provider string `json:"provider"`
		}
		_ = json.Unmarshal(body, &req)
		if req.Provider != "auth0" && req.Provider != "twilio" && req.Provider != "phone-message-hook" {
			writeError(w, 400, "invalid_body", "Payload validation error: 'No enum match' on property provider.")
			return
		}
		s.provider = req.Provider
		writeJSON(w, 200, map[string]string{"provider": s.provider})
	default:
		writeError(w, 404, "", "Not Found")
	}
}

// actionJSON is an Action as the API shows it: secret values never included.
func (s *Server) actionJSON(a *action) map[string]any {
	s.advance(a)
	secrets := []map[string]string{}
	for _, name := range sortStrings(keys(a.Secrets)) {
		secrets = append(secrets, map[string]string{"name": name, "updated_at": "2026-11-01T00:00:00.000Z"})
	}
	deps := []Dependency{}
	deps = append(deps, a.Dependencies...)
	out := map[string]any{
		"id": a.ID, "name": a.Name, "code": a.Code, "runtime": a.Runtime, "dependencies": deps, "secrets": secrets,
		"supported_triggers": []map[string]string{{"id": a.Trigger, "version": a.triggerVersion}},
		"status":             a.Status, "all_changes_deployed": a.AllChangesDeployed,
		"created_at": "2026-11-01T00:00:00.000Z", "updated_at": "2026-11-01T00:00:00.000Z",
	}
	if a.Deployed > 0 {
		out["deployed_version"] = s.versionJSON(a, a.versions[a.Deployed-1])
	}
	return out
}

func (s *Server) versionJSON(a *action, v version) map[string]any {
	return map[string]any{"id": v.id, "number": v.number, "deployed": v.number == a.Deployed, "status": "built", "code": v.code,
		"runtime": a.Runtime, "supported_triggers": []map[string]string{{"id": a.Trigger, "version": a.triggerVersion}},
		"created_at": "2026-11-01T00:00:00.000Z", "updated_at": "2026-11-01T00:00:00.000Z"}
}

func keys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func (s *Server) listActions(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	page := atoiDefault(q.Get("page"), 0)
	perPage := min(atoiDefault(q.Get("per_page"), 50), 100)
	if perPage <= 0 {
		perPage = 50
	}
	var match []*action
	for _, a := range s.actions {
		if t := q.Get("triggerId"); t != "" && a.Trigger != t {
			continue
		}
		if n := q.Get("actionName"); n != "" && a.Name != n {
			continue
		}
		if q.Get("installed") == "true" {
			continue
		}
		match = append(match, a)
	}
	items := []map[string]any{}
	for i := page * perPage; i < len(match) && i < (page+1)*perPage; i++ {
		items = append(items, s.actionJSON(match[i]))
	}
	writeJSON(w, 200, map[string]any{"actions": items, "total": len(match), "page": page, "per_page": perPage})
}

// actionBody is a create or update request.
type actionBody struct {
	Name              *string           `json:"name"`
	Code              *string           `json:"code"`
	Runtime           *string           `json:"runtime"`
	Dependencies      *[]Dependency     `json:"dependencies"`
	Secrets           *[]map[string]any `json:"secrets"`
	SupportedTriggers *[]struct {
		ID      string `json:"id"`
		Version string `json:"version"`
	} `json:"supported_triggers"`
	Deploy *bool `json:"deploy"`
}

// apply copies a request into a draft; it returns an error message for an invalid body.
func (b *actionBody) apply(a *action) string {
	if b.Secrets != nil {
		secrets := map[string]string{}
		for _, sec := range *b.Secrets {
			name, _ := sec["name"].(string)
			value, ok := sec["value"].(string)
			if name == "" || !ok {
				return "Payload validation error: 'Missing required property: value' on property secrets."
			}
			secrets[name] = value
		}
		a.Secrets = secrets
	}
	if b.Name != nil {
		a.Name = *b.Name
	}
	if b.Code != nil {
		a.Code = *b.Code
	}
	if b.Runtime != nil {
		a.Runtime = *b.Runtime
	}
	if b.Dependencies != nil {
		a.Dependencies = append([]Dependency(nil), *b.Dependencies...)
	}
	if b.SupportedTriggers != nil {
		if len(*b.SupportedTriggers) != 1 {
			return "Payload validation error: 'Array is too short (0), minimum 1' on property supported_triggers."
		}
		a.Trigger, a.triggerVersion = (*b.SupportedTriggers)[0].ID, (*b.SupportedTriggers)[0].Version
	}
	a.Status, a.AllChangesDeployed, a.changedAt = "pending", false, time.Now()
	return ""
}

func (s *Server) createAction(w http.ResponseWriter, body []byte) {
	var req actionBody
	if err := json.Unmarshal(body, &req); err != nil {
		writeError(w, 400, "invalid_body", "Payload validation error: 'Expected type object'.")
		return
	}
	if req.Name == nil || *req.Name == "" || req.SupportedTriggers == nil {
		writeError(w, 400, "invalid_body", "Payload validation error: 'Missing required property: name, supported_triggers'.")
		return
	}
	if s.byName(*req.Name) != nil {
		writeError(w, 409, "", "An action with this name already exists.")
		return
	}
	a := &action{ActionState: ActionState{Runtime: "node22", Secrets: map[string]string{}}}
	if msg := req.apply(a); msg != "" {
		writeError(w, 400, "invalid_body", msg)
		return
	}
	a.ID = s.newID("act")
	a.failBuild = s.failBuild[a.Name]
	s.actions = append(s.actions, a)
	out := s.actionJSON(a)
	out["status"] = "pending" // a new draft is never built yet in the create answer
	writeJSON(w, 201, out)
}

func (s *Server) actionRoute(w http.ResponseWriter, r *http.Request, id string, body []byte) {
	a := s.byID(id)
	if a == nil {
		writeError(w, 404, "", "That action does not exist.")
		return
	}
	switch r.Method {
	case "GET":
		writeJSON(w, 200, s.actionJSON(a))
	case "PATCH":
		var req actionBody
		if err := json.Unmarshal(body, &req); err != nil {
			writeError(w, 400, "invalid_body", "Payload validation error: 'Expected type object'.")
			return
		}
		if req.Name != nil && *req.Name != a.Name && s.byName(*req.Name) != nil {
			writeError(w, 409, "", "An action with this name already exists.")
			return
		}
		copyA := *a
		if msg := req.apply(&copyA); msg != "" {
			writeError(w, 400, "invalid_body", msg)
			return
		}
		*a = copyA
		out := s.actionJSON(a)
		out["status"] = "pending"
		writeJSON(w, 200, out)
	case "DELETE":
		bound := false
		for _, b := range s.bindings {
			bound = bound || b.actionID == id
		}
		if bound && r.URL.Query().Get("force") != "true" {
			writeError(w, 400, "", "Action is bound to a trigger; remove the binding or delete with force=true.")
			return
		}
		var keep []binding
		for _, b := range s.bindings {
			if b.actionID != id {
				keep = append(keep, b)
			}
		}
		s.bindings = keep
		for i, x := range s.actions {
			if x == a {
				s.actions = append(s.actions[:i], s.actions[i+1:]...)
				break
			}
		}
		w.WriteHeader(204)
	default:
		writeError(w, 404, "", "Not Found")
	}
}

func (s *Server) deployAction(w http.ResponseWriter, id string) {
	a := s.byID(id)
	if a == nil {
		writeError(w, 404, "", "That action does not exist.")
		return
	}
	s.advance(a)
	if a.Status != "built" {
		writeError(w, 400, "", "A draft must be in the 'built' state before it can be deployed.")
		return
	}
	n := len(a.versions) + 1
	v := version{id: fmt.Sprintf("%s_v%d", a.ID, n), number: n, code: a.Code}
	a.versions = append(a.versions, v)
	a.pendingDeploy = n
	a.AllChangesDeployed = true
	out := s.versionJSON(a, v)
	out["deployed"] = false
	out["action"] = map[string]any{"id": a.ID, "name": a.Name, "all_changes_deployed": true}
	writeJSON(w, 200, out)
}

func (s *Server) bindingJSON(b binding) map[string]any {
	a := s.byID(b.actionID)
	return map[string]any{"id": b.id, "trigger_id": "post-login", "display_name": b.display,
		"action":     map[string]any{"id": a.ID, "name": a.Name, "supported_triggers": []map[string]string{{"id": a.Trigger, "version": a.triggerVersion}}, "all_changes_deployed": a.AllChangesDeployed},
		"created_at": "2026-11-01T00:00:00.000Z", "updated_at": "2026-11-01T00:00:00.000Z"}
}

func (s *Server) bindingsRoute(w http.ResponseWriter, r *http.Request, trigger string, body []byte) {
	if trigger != "post-login" {
		if r.Method == "GET" {
			writeJSON(w, 200, map[string]any{"bindings": []any{}, "page": 0, "per_page": 50})
			return
		}
	}
	switch r.Method {
	case "GET":
		q := r.URL.Query()
		page := atoiDefault(q.Get("page"), 0)
		perPage := min(atoiDefault(q.Get("per_page"), 50), 100)
		if perPage <= 0 {
			perPage = 50
		}
		items := []map[string]any{}
		for i := page * perPage; i < len(s.bindings) && i < (page+1)*perPage; i++ {
			items = append(items, s.bindingJSON(s.bindings[i]))
		}
		writeJSON(w, 200, map[string]any{"bindings": items, "total": len(s.bindings), "page": page, "per_page": perPage})
	case "PATCH":
		var req struct {
			Bindings *[]struct {
				Ref *struct {
					Type  string `json:"type"`
					Value string `json:"value"`
				} `json:"ref"`
				DisplayName string `json:"display_name"`
			} `json:"bindings"`
		}
		if err := json.Unmarshal(body, &req); err != nil || req.Bindings == nil {
			writeError(w, 400, "invalid_body", "Payload validation error: 'Missing required property: bindings'.")
			return
		}
		var next []binding
		for _, b := range *req.Bindings {
			if b.Ref == nil {
				writeError(w, 400, "invalid_body", "Payload validation error: 'Missing required property: ref'.")
				return
			}
			var a *action
			switch b.Ref.Type {
			case "action_name":
				a = s.byName(b.Ref.Value)
			case "action_id":
				a = s.byID(b.Ref.Value)
			default:
				writeError(w, 400, "invalid_body", "Payload validation error: 'No enum match for: \""+b.Ref.Type+"\"' on property ref.type.")
				return
			}
			if a == nil {
				writeError(w, 400, "", fmt.Sprintf("Unable to find an action with %s %q", b.Ref.Type, b.Ref.Value))
				return
			}
			s.advance(a)
			if a.Deployed == 0 {
				writeError(w, 400, "", fmt.Sprintf("Trying to create a binding for an action that has not been deployed: %s", a.Name))
				return
			}
			display := b.DisplayName
			if display == "" {
				display = a.Name
			}
			next = append(next, binding{id: s.newID("bnd"), actionID: a.ID, display: display})
		}
		s.bindings = next
		items := []map[string]any{}
		for _, b := range s.bindings {
			items = append(items, s.bindingJSON(b))
		}
		writeJSON(w, 200, map[string]any{"bindings": items})
	default:
		writeError(w, 404, "", "Not Found")
	}
}
