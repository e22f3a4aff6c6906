package office

import (
	"errors"
	"net/url"
	"testing"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/report"
)

func TestParseEntries(t *testing.T) {
	for _, tc := range []struct {
		name string
		form url.Values
		ok   bool
		want func(p report.Proactive) bool
	}{
		{"blank stays absent", url.Values{}, true, func(p report.Proactive) bool { return !p.LicensingDecisions.Valid && !p.FeesWanYuan.Valid }},
		{"zero is present", url.Values{"licensing": {"0"}}, true, func(p report.Proactive) bool { return p.LicensingDecisions == report.N(0) }},
		{"full-width digits", url.Values{"penalty": {"１２"}, "fees": {"０．３５"}}, true,
			func(p report.Proactive) bool {
				return p.PenaltyDecisions == report.N(12) && p.FeesWanYuan == report.D("0.35")
			}},
		{"in force", url.Values{"norm_in_force": {" 7 "}}, true, func(p report.Proactive) bool { return p.NormativeDocuments.InForce == report.N(7) }},
		{"negative", url.Values{"reg_issued": {"-1"}}, false, nil},
		{"not a number", url.Values{"coercion": {"三"}}, false, nil},
		{"negative fees", url.Values{"fees": {"-0.5"}}, false, nil},
		{"fees with unit", url.Values{"fees": {"3万元"}}, false, nil},
		{"bad date", url.Values{"date": {"2023-13-01"}}, false, nil},
		{"override reason kept by cell", url.Values{"penalty": {"3"}, "reason_penalty": {" 处罚决定尚未迁入 "}, "reason_fees": {""}}, true,
			func(p report.Proactive) bool { return p.PenaltyDecisions == report.N(3) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, err := parseEntries(tc.form)
			if !tc.ok {
				if !errors.Is(err, apperr.Invalid) {
					t.Errorf("err = %v; want Invalid", err)
				}
				return
			}
			if err != nil || !tc.want(e.Proactive) {
				t.Errorf("got %+v, %v", e.Proactive, err)
			}
			if r := tc.form.Get("reason_penalty"); r != "" && (len(e.Reasons) != 1 || e.Reasons["proactive.penalty_decisions"] != "处罚决定尚未迁入") {
				t.Errorf("reasons %v; want the penalty cell's, trimmed, and no empty one", e.Reasons)
			}
		})
	}
}

func FuzzParseEntries(f *testing.F) {
	f.Add("12", "0.35", "2023-01-15", "总体情况")
	f.Add("-1", "x", "2023-02-30", "")
	f.Fuzz(func(t *testing.T, n, fees, date, text string) {
		e, err := parseEntries(url.Values{"licensing": {n}, "fees": {fees}, "date": {date}, "overview": {text}})
		if err != nil {
			if apperr.KindOf(err) != apperr.Invalid {
				t.Fatalf("err %v is not Invalid", err)
			}
			return
		}
		if v := e.Proactive.LicensingDecisions; v.Valid && v.V < 0 {
			t.Fatalf("negative count accepted: %v", v)
		}
		if d := e.Proactive.FeesWanYuan; d.Valid && !report.IsDecimal(d.S) {
			t.Fatalf("fees %q accepted", d.S)
		}
	})
}
