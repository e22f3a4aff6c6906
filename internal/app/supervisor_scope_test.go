package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/request"
)

// TestSupervisorDefaultScope: a request of 北仑区司法局 (below 北仑区人民政府)
// is overdue; the supervisor of 北仑区人民政府, which has no request of its
// own, sees it on the dashboard and on /admin/requests without picking an
// agency — its default scope is the subtree it oversees — while the
// justice bureau's clerk still sees only its own agency.
func TestSupervisorDefaultScope(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		justice := f.agencies["justice"]
		clerk := casework.Staffer{Subject: auth.NewSubject(f.users["clerk"], nil)}
		today := calendar.Of(f.clock.Now().In(time.FixedZone("CST", 8*3600)))
		rc, _, err := f.app.Casework.Register(ctx, clerk, casework.Registration{
			Application: casework.Application{AgencyID: justice.ID, ApplicantType: "natural_person", Name: "张三",
				IDNumber: "11010519491231002X", Phone: "13812345678", Address: "浙江省宁波市北仑区新碶街道明州路1号", Content: "2025年行政复议案件统计", Form: "电子", Delivery: casework.DeliveryPost},
			Submission: request.Submission{Channel: request.InPerson, Submitted: today}})
		if err != nil {
			t.Fatal(err)
		}
		// Forty days later the 20 working days are over.
		f.clock.Advance(40 * 24 * time.Hour)
		dash := f.run(t, scenario{name: "supervisor dashboard", as: "supervisor", method: "GET", url: "/admin/", status: 200,
			want: []string{`id="dash-overdue">1<`, `id="dash-scope"`, "北仑区司法局", rc.Tracking}})
		if strings.Contains(dash.body, "北仑区教育局") {
			t.Errorf("the dashboard lists 北仑区教育局, which has no open request")
		}
		f.run(t, scenario{name: "supervisor list", as: "supervisor", method: "GET", url: "/admin/requests", status: 200,
			want: []string{`id="count-overdue">1<`, `id="scope"`, "北仑区司法局", rc.Tracking, "监督范围内全部机关"}})
		f.run(t, scenario{name: "supervisor picks an agency", as: "supervisor", method: "GET", url: "/admin/requests?agency={education}", status: 200,
			want: []string{`id="count-overdue">0<`}, notWant: []string{rc.Tracking, `id="scope"`}})
		f.run(t, scenario{name: "clerk sees its own agency", as: "clerk", method: "GET", url: "/admin/requests", status: 200,
			want: []string{`id="count-overdue">1<`, rc.Tracking}, notWant: []string{`id="scope"`}})
	})
}
