package demo

import (
	"context"
	"fmt"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/stationery"
)

// JusticeReportYear is the year of 北仑区司法局's demo annual report, the
// year of the published report in testdata/reports (the repository root).
const JusticeReportYear = 2022

// A ReportSeeder finds the agency and the demo 负责人 (sqlstore has both).
type ReportSeeder interface {
	AgencyFinder
	UserByLogin(ctx context.Context, login string) (account.User, error)
}

// justiceEntries are the hand-entered parts of 北仑区司法局's report on
// 2022 as it published them (table 二, the date, the free text in short).
func justiceEntries() annual.Entries {
	zero := report.N(0)
	return annual.Entries{
		Proactive: report.Proactive{
			Regulations:        report.Triple{Issued: zero, Repealed: zero, InForce: zero},
			NormativeDocuments: report.Triple{Issued: zero, Repealed: zero, InForce: report.N(1)},
			LicensingDecisions: zero, PenaltyDecisions: zero, CoercionDecisions: zero,
			FeesWanYuan: report.D("0"),
		},
		Sections: report.Sections{
			Overview: "2022年，区司法局认真贯彻落实《中华人民共和国政府信息公开条例》，通过政府信息公开平台、部门网站、微信公众号等公开信息共计459条。" +
				"本年度共计收到一次公开申请，已按照相关规定处理。",
			Problems: "信息公开的及时性和规范性有待进一步提高。下一步将加强信息发布的自查整改，对照网络测评要求及时整改。",
			Other:    "本年度未收取信息处理费。",
		},
		Date: "2023-01-15",
	}
}

// SeedReports gives 北仑区司法局 its letter settings and publishes its
// annual report on 2022 (tables 三 and 四 compiled from the demo request,
// table 二 and the text as the agency published them; when ann compiles
// table 二 from the 主动公开 records and SeedCatalog ran first, as in serve
// --demo, the hand-entered table 二 equals the records' and is not stored:
// the published table 二 is the records'), so the portal's
// 年度报告 list and the letters show real content. Call it once, on the
// first start, after Seed; the demo 负责人 (demo-head) saves and publishes,
// audited as any 负责人.
func SeedReports(ctx context.Context, st ReportSeeder, ann *annual.Service, stat *stationery.Service) error {
	justice, err := st.AgencyByName(ctx, Justice)
	if err != nil {
		return fmt.Errorf("demo: reports: %w", err)
	}
	u, err := st.UserByLogin(ctx, demoLoginPf+string(account.Head))
	if err != nil {
		return fmt.Errorf("demo: reports: the demo 负责人: %w", err)
	}
	head := casework.Staffer{Subject: auth.Subject{UserID: u.ID, Login: u.Login, AgencyID: justice.ID, Roles: []account.Role{account.Head}}, IP: "127.0.0.1"}
	// The remedies its letters state (regulation.md §8): 复议 to the
	// district government (行政复议法第二十四条); suit in the district court.
	set := stationery.Settings{AgencyID: justice.ID, Office: "北仑区司法局政府信息公开工作机构", Address: "宁波市北仑区", Prefix: "北司公开",
		ReviewBody: "宁波市北仑区人民政府", Court: "宁波市北仑区人民法院"}
	by := audit.Actor{UserID: u.ID, Login: u.Login, IP: "127.0.0.1"}
	if err := stat.Save(ctx, head.Subject, by, set, 0, 0); err != nil {
		return fmt.Errorf("demo: letter settings: %w", err)
	}
	if err := ann.Save(ctx, head, justice.ID, JusticeReportYear, justiceEntries()); err != nil {
		return fmt.Errorf("demo: report draft: %w", err)
	}
	if _, err := ann.Publish(ctx, head, justice.ID, JusticeReportYear); err != nil {
		return fmt.Errorf("demo: publish report: %w", err)
	}
	return nil
}
