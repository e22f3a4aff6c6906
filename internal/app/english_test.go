package app

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/request"
)

// TestEnglishLabels: in English mode the request pages name the applicant
// type, the state and the channel in English, and the password hint is in
// one language only (it was half English on the Chinese page).
func TestEnglishLabels(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		justice := f.agencies["justice"]
		clerk := casework.Staffer{Subject: auth.NewSubject(f.users["clerk"], nil)}
		today := calendar.Of(f.clock.Now().In(time.FixedZone("CST", 8*3600)))
		rc, _, err := f.app.Casework.Register(ctx, clerk, casework.Registration{
			Application: casework.Application{AgencyID: justice.ID, ApplicantType: "natural_person", Name: "张三", IDNumber: "11010519491231002X",
				Phone: "13812345678", Address: "浙江省宁波市北仑区明州路1号", Content: "2025年行政许可统计", Form: "电子", Delivery: casework.DeliveryPost},
			Submission: request.Submission{Channel: request.InPerson, Submitted: today}})
		if err != nil {
			t.Fatal(err)
		}
		page := "/admin/requests/" + strconv.FormatInt(rc.RequestID, 10)
		f.run(t, scenario{name: "request in English", as: "clerk", method: "GET", url: page + "?lang=en", status: 200,
			want: []string{">Registered<", "Natural person", "In person"}, notWant: []string{">已登记<", "自然人"}})
		f.run(t, scenario{name: "list in English", as: "clerk", method: "GET", url: "/admin/requests?lang=en", status: 200,
			want: []string{">Registered<", "Natural person"}, notWant: []string{"自然人"}})
		f.run(t, scenario{name: "request in Chinese", as: "clerk", method: "GET", url: page + "?lang=zh", status: 200,
			want: []string{">已登记<", "自然人", "当面"}})
		// An error that names an outcome names it in the page's language.
		if _, err := f.app.Casework.Step(ctx, clerk, rc.RequestID, casework.Step{Action: request.ActStart}); err != nil {
			t.Fatal(err)
		}
		f.run(t, scenario{name: "outcome named in English", as: "clerk", method: "POST", url: page + "/steps/draft?lang=en",
			body: "outcome=other_no_correction&note=x", status: 400,
			want: []string{"“Other: not corrected in time” is not a reply"}, notWant: []string{"不是答复", "申请人无正当理由逾期不补正"}})
		f.run(t, scenario{name: "outcome named in Chinese", as: "clerk", method: "POST", url: page + "/steps/draft?lang=zh",
			body: "outcome=other_no_correction&note=x", status: 400, want: []string{"不是答复", "申请人无正当理由逾期不补正"}})
		f.run(t, scenario{name: "password hint in English", as: "clerk", method: "GET", url: "/admin/password?lang=en", status: 200,
			want: []string{"At least"}, notWant: []string{"至少", "个字符"}})
		f.run(t, scenario{name: "password hint in Chinese", as: "clerk", method: "GET", url: "/admin/password?lang=zh", status: 200,
			want: []string{"至少"}, notWant: []string{"At least"}})
	})
}
