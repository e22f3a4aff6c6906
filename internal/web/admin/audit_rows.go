package admin

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/web"
)

// auditObjects names the object types of the audit log (message keys).
var auditObjects = map[string]string{
	"user": "audit.obj.user", "agency": "audit.obj.agency", "request": "audit.obj.request",
	"catalog_item": "audit.obj.catalog_item", "report": "audit.obj.report", "public_account": "audit.obj.public_account",
	"api_token": "audit.obj.api_token", "session": "audit.obj.session", "route": "audit.obj.route", "audit": "audit.obj.audit",
	"season_notice": "audit.obj.season_notice",
}

// resultKeys are the message keys of the results.
var resultKeys = map[audit.Result]string{audit.ResultOK: "audit.result.ok", audit.ResultFail: "audit.result.fail", audit.ResultDenied: "audit.result.denied"}

// auditRows labels the events: the action, the result, and the object by
// name where the store knows it (a user's name and login, an agency's
// name, a request's tracking number). A public account is never named:
// its login is personal data.
func (s *Site) auditRows(r *http.Request, p web.Page, evs []audit.Event) []AuditRow {
	en := p.Lang == web.LangEN
	names := map[string]string{} // "type id" → name, "" when unknown
	name := func(typ, id string) string {
		k := typ + " " + id
		if n, ok := names[k]; ok {
			return n
		}
		n := ""
		if v, err := strconv.ParseInt(id, 10, 64); err == nil && v > 0 {
			switch typ {
			case "user":
				if u, err := s.deps.Users.User(r.Context(), v); err == nil {
					n = u.Login
					if u.DisplayName != "" {
						n = fmt.Sprintf("%s（%s）", u.DisplayName, u.Login)
					}
				}
			case "agency", "report":
				if a, err := s.deps.AgencyStore.Agency(r.Context(), v); err == nil {
					n = a.Name
				}
			case "request":
				if s.deps.RequestTracking != nil {
					if t, err := s.deps.RequestTracking(r.Context(), v); err == nil {
						n = t
					}
				}
			}
		}
		names[k] = n
		return n
	}
	var rows []AuditRow
	for _, e := range evs {
		row := AuditRow{Event: e, ActionLabel: auditLabel(e.Action, en), ResultLabel: string(e.Result)}
		if key, ok := resultKeys[e.Result]; ok {
			row.ResultLabel = p.T(key)
		}
		typ := e.ObjectType
		if key, ok := auditObjects[typ]; ok {
			typ = p.T(key)
		}
		row.ObjectKind = typ
		if e.ObjectID != "" {
			row.ObjectName = name(e.ObjectType, e.ObjectID)
		}
		rows = append(rows, row)
	}
	return rows
}
