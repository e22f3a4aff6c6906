package demo

import (
	"context"
	"fmt"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/ledger"
	"github.com/gongkai/gongkai/internal/ledger/gen"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/request"
)

// AgencyFinder finds an agency by name (agency.Store has it).
type AgencyFinder interface {
	AgencyByName(ctx context.Context, name string) (agency.Agency, error)
}

// RequestsResult says what SeedRequests stored.
type RequestsResult struct {
	Imported map[string]int // requests imported, by agency name
	Pending  []casework.Receipt
}

// Empty reports whether SeedRequests stored nothing.
func (r RequestsResult) Empty() bool { return len(r.Imported) == 0 && len(r.Pending) == 0 }

// Text describes the seeded requests for the console, with the query codes
// of the pending online submissions (shown once, like passwords).
func (r RequestsResult) Text() string {
	s := ""
	for _, name := range []string{Justice, Education} {
		if n, ok := r.Imported[name]; ok {
			s += fmt.Sprintf("演示申请 demo requests: %s %d 件\n", name, n)
		}
	}
	for _, p := range r.Pending {
		s += fmt.Sprintf("待确认的在线申请 pending online request: %s 编号 %s 查询码 %s\n", Justice, p.Tracking, p.QueryCode)
	}
	return s
}

// EducationRequests is how many random requests the busier department
// gets, over EducationFrom … EducationTo.
const EducationRequests = 3000

// Education's three years of requests.
var (
	EducationFrom = calendar.D(2023, 1, 1)
	EducationTo   = calendar.D(2025, 12, 31)
)

// justiceLedger is 北仑区司法局's one request of 2022: a natural person's,
// received and granted in 2022, so that its compiled tables 三 and 四 are
// those of its published 2022 report (testdata/reports/2022-ningbo-beilun-sifaju.json).
func justiceLedger() *ledger.Ledger {
	return &ledger.Ledger{Records: []ledger.Record{{
		ID: "2022-0001", Received: calendar.D(2022, 6, 13), ApplicantType: report.NaturalPerson, Applicant: "演示申请人",
		Content: "2021年度北仑区法律援助案件办理情况统计", Method: "网上", HasResult: true, Result: report.Granted,
		Replied: calendar.D(2022, 7, 1),
	}}}
}

// SeedRequests stores the demo requests of `gongkai serve --demo`, unless
// they are there already: 北仑区司法局's 2022 request, so that `gongkai
// report build --agency 北仑区司法局 --year 2022` reproduces tables 三 and
// 四 of its published report; 3,000 random requests of 北仑区教育局 over
// 2023–2025 (package ledger/gen), whose compiled reports balance; and two
// online submissions to 北仑区司法局 waiting for a clerk to confirm them.
// The agencies must exist (Seed creates them).
func SeedRequests(ctx context.Context, agencies AgencyFinder, svc *casework.Service) (RequestsResult, error) {
	res := RequestsResult{Imported: map[string]int{}}
	justice, err := agencies.AgencyByName(ctx, Justice)
	if err != nil {
		return res, fmt.Errorf("demo: requests: %w", err)
	}
	edu, err := agencies.AgencyByName(ctx, Education)
	if err != nil {
		return res, fmt.Errorf("demo: requests: %w", err)
	}
	sets := []struct {
		ag  agency.Agency
		led func() *ledger.Ledger
	}{
		{justice, justiceLedger},
		{edu, func() *ledger.Ledger {
			return gen.Ledger(gen.Options{Seed: 2022, N: EducationRequests, From: EducationFrom, To: EducationTo,
				AsOf: calendar.D(2026, 1, 20), Prefix: "JYJ"})
		}},
	}
	for _, set := range sets {
		have, err := svc.Cases(ctx, set.ag.ID, 2100)
		if err != nil {
			return res, fmt.Errorf("demo: requests of %s: %w", set.ag.Name, err)
		}
		if len(have) > 0 {
			continue
		}
		r, err := svc.ImportLedger(ctx, audit.CLI, set.ag.ID, set.led())
		if err != nil {
			return res, fmt.Errorf("demo: requests of %s: %w", set.ag.Name, err)
		}
		res.Imported[set.ag.Name] = r.Requests
		if set.ag.ID != justice.ID {
			continue
		}
		for _, a := range pendingApplications {
			a.AgencyID = justice.ID
			rc, err := svc.Submit(ctx, a, "")
			if err != nil {
				return res, fmt.Errorf("demo: online request: %w", err)
			}
			res.Pending = append(res.Pending, rc)
		}
	}
	return res, nil
}

// pendingApplications are online submissions waiting for confirmation, with
// made-up identity numbers whose check digits are right.
var pendingApplications = []casework.Application{
	{ApplicantType: request.NaturalPerson, Name: "李演示", IDNumber: "11010519491231002X", Phone: "13800000000",
		Address: "浙江省宁波市北仑区新碶街道演示路1号", Content: "2025年度北仑区人民调解组织名册", Form: "电子", Delivery: "电子邮件",
		Email: "demo@example.cn"},
	{ApplicantType: request.LegalService, Name: "宁波演示律师事务所", IDNumber: "91350100M000100Y43", Phone: "057400000000",
		Content: "某行政复议决定书（演示）", Form: "纸质", Delivery: casework.DeliveryPost, Address: "浙江省宁波市北仑区大碶街道演示路2号"},
}
