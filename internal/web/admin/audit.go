package admin

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// AuditPage is the audit log search page.
type AuditPage struct {
	web.Page
	Filter  AuditFilter
	Query   string // the filter as a query string, for the export link
	Results []ResultChoice
	Rows    []AuditRow
}

// A ResultChoice is one result in the filter, labelled.
type ResultChoice struct {
	Value audit.Result
	Label string
}

// An AuditRow is one event as the page shows it: the action's label with
// its raw code (for the action filter), the object's name beside its type
// and id, the result labelled.
type AuditRow struct {
	audit.Event
	ActionLabel string
	ObjectKind  string // the object type's label; the raw "user 7" is the title
	ObjectName  string // the object's name, "" when unknown (the id is shown)
	ResultLabel string
}

// AuditFilter is the search form as typed.
type AuditFilter struct {
	Actor, Action, Result, From, To, IP string
}

// parseAuditFilter reads the form; dates are whole days in China time and
// To is inclusive. Bad dates are ignored rather than refused.
func parseAuditFilter(q url.Values) (AuditFilter, audit.Filter) {
	af := AuditFilter{
		Actor: strings.TrimSpace(q.Get("actor")), Action: strings.TrimSpace(q.Get("action")),
		Result: q.Get("result"), From: q.Get("from"), To: q.Get("to"), IP: strings.TrimSpace(q.Get("ip")),
	}
	f := audit.Filter{ActorLogin: af.Actor, Action: af.Action, IP: af.IP}
	switch audit.Result(af.Result) {
	case audit.ResultOK, audit.ResultFail, audit.ResultDenied:
		f.Result = audit.Result(af.Result)
	default:
		af.Result = ""
	}
	if t, err := time.ParseInLocation("2006-01-02", af.From, web.DisplayZone); err == nil {
		f.From = t.UTC()
	} else {
		af.From = ""
	}
	if t, err := time.ParseInLocation("2006-01-02", af.To, web.DisplayZone); err == nil {
		f.To = t.AddDate(0, 0, 1).UTC()
	} else {
		af.To = ""
	}
	return af, f
}

func (af AuditFilter) query() string {
	v := url.Values{}
	for k, s := range map[string]string{"actor": af.Actor, "action": af.Action, "result": af.Result,
		"from": af.From, "to": af.To, "ip": af.IP} {
		if s != "" {
			v.Set(k, s)
		}
	}
	return v.Encode()
}

// auditSearch shows matching events, newest first. The search itself is
// recorded in the audit log by audit.Log (E-SMC-02: the 审计管理员's own
// queries are audited).
func (s *Site) auditSearch(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	af, f := parseAuditFilter(r.URL.Query())
	f.Limit = 200
	evs, err := s.deps.Audit.Search(r.Context(), rq.Actor, f)
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	p := s.bo.Page(r, rq, "audit.title")
	pg := AuditPage{Page: p, Filter: af, Query: af.query()}
	for _, res := range []audit.Result{audit.ResultOK, audit.ResultFail, audit.ResultDenied} {
		pg.Results = append(pg.Results, ResultChoice{Value: res, Label: p.T(resultKeys[res])})
	}
	pg.Rows = s.auditRows(r, p, evs)
	s.rd.Render(w, r, http.StatusOK, "audit", pg)
}

// auditExport downloads the matching events as CSV; the export is
// audited too.
func (s *Site) auditExport(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	_, f := parseAuditFilter(r.URL.Query())
	f.Limit = audit.MaxLimit
	var buf strings.Builder
	if err := s.deps.Audit.ExportCSV(r.Context(), rq.Actor, &buf, f); err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	name := fmt.Sprintf("audit-%s.csv", s.deps.Now().In(web.DisplayZone).Format("20060102-150405"))
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	web.Attachment(w, name)
	_, _ = w.Write([]byte(buf.String()))
}
