package admin

import (
	"net/url"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/audit"
)

func TestParseAuditFilter(t *testing.T) {
	q := url.Values{"actor": {" bob "}, "action": {"login."}, "result": {"fail"}, "from": {"2026-03-01"}, "to": {"2026-03-01"}, "ip": {"1.2.3.4"}}
	af, f := parseAuditFilter(q)
	if f.ActorLogin != "bob" || f.Action != "login." || f.Result != audit.ResultFail || f.IP != "1.2.3.4" {
		t.Errorf("filter = %+v", f)
	}
	// A day in China time: 2026-03-01 00:00 +08:00 to 2026-03-02 00:00 +08:00.
	if want := time.Date(2026, 2, 28, 16, 0, 0, 0, time.UTC); !f.From.Equal(want) {
		t.Errorf("From = %v; want %v", f.From, want)
	}
	if want := time.Date(2026, 3, 1, 16, 0, 0, 0, time.UTC); !f.To.Equal(want) {
		t.Errorf("To = %v; want %v", f.To, want)
	}
	if af.query() == "" {
		t.Error("empty query")
	}
	_, f = parseAuditFilter(url.Values{"result": {"drop table"}, "from": {"yesterday"}})
	if f.Result != "" || !f.From.IsZero() {
		t.Errorf("bad values kept: %+v", f)
	}
}

// FuzzParseAuditFilter: any query gives a filter whose result is one of
// the known results and whose dates are whole days.
func FuzzParseAuditFilter(f *testing.F) {
	f.Add("bob", "login.", "ok", "2026-01-01", "2026-12-31")
	f.Add("", "", "x", "2026-02-30", "9999-99-99")
	f.Fuzz(func(t *testing.T, actor, action, result, from, to string) {
		af, flt := parseAuditFilter(url.Values{"actor": {actor}, "action": {action}, "result": {result}, "from": {from}, "to": {to}})
		switch flt.Result {
		case "", audit.ResultOK, audit.ResultFail, audit.ResultDenied:
		default:
			t.Fatalf("result %q", flt.Result)
		}
		if (af.From == "") != flt.From.IsZero() || (af.To == "") != flt.To.IsZero() {
			t.Fatalf("form and filter disagree: %+v %+v", af, flt)
		}
		if _, err := url.ParseQuery(af.query()); err != nil {
			t.Fatalf("query %q: %v", af.query(), err)
		}
	})
}
