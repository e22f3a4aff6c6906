package office

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/stationery"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
	"github.com/gongkai/gongkai/internal/web/webtest"
)

// nopCasework satisfies Casework for tests that only render templates.
type nopCasework struct{ Casework }

func (nopCasework) Today() calendar.Date { return calendar.D(2026, 3, 2) }

func (nopCasework) Attachments(context.Context, casework.Staffer, int64) ([]casework.Attachment, error) {
	return []casework.Attachment{{ID: 1, Name: "扫描件.pdf", Size: 100}}, nil
}

// TestEveryRequestPageRenders executes every request-page template with
// its typed page struct, so a template naming a missing field fails here.
func TestEveryRequestPageRenders(t *testing.T) {
	var logBuf strings.Builder
	defer func() {
		if t.Failed() {
			t.Log(logBuf.String())
		}
	}()
	assets, err := web.NewAssets()
	if err != nil {
		t.Fatal(err)
	}
	s, sm := testSite(t, Deps{Requests: nopCasework{}, Log: slog.New(slog.NewTextHandler(&logBuf, nil))})
	r := httptest.NewRequest("GET", "/admin/requests", nil)
	ctx, err := sm.Load(r.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	r = r.WithContext(ctx)
	// Agency and applicant names, file names, reasons and rule texts kept
	// in Chinese: printed as they are in either language.
	zhData := []string{"甲", "乙", "张三", "扫描件", "台风", "即将到期", "数量多", "相似", "京司公开"}
	var show RequestPage
	for _, lang := range []web.Lang{web.LangEN, web.LangZH} {
		p := web.NewPage(r, s.bo.Catalog(), assets, "rq.list.title")
		p.Lang = lang
		p.Viewer = &web.Viewer{Name: "测试", Roles: "经办人"}
		p.Errors = []string{"一个错误"}
		d := calendar.D(2026, 3, 2)
		v := casework.View{Record: casework.Record{ID: 5, Tracking: "2026-0005", State: string(request.InProgress), Received: d,
			ApplicantType: request.NaturalPerson, ApplicantName: "张三", IDNumber: "1101**********002X"},
			Deadline: &request.Deadline{Due: d.AddDays(28), Lines: []request.Line{{Zh: "收到申请", En: "received"}}},
			Allowed:  []request.Action{request.ActSplit, request.ActConsultAnswered, request.ActConsult, request.ActFeeNotice, request.ActDraft, request.ActExtend, request.ActReturn, request.ActApprove, request.ActWithdraw},
			Findings: []request.Finding{{ID: "due-soon", Zh: "即将到期"}},
			Hints:    casework.Hints{Volume: &request.VolumeFlag{Zh: "数量多"}, Repeats: []request.RepeatMatch{{Prior: request.Prior{ID: "2025-0001"}, Score: 0.8, Zh: "相似"}}},
			Events:   []casework.StoredEvent{{Seq: 1, ActorLogin: "clerk", Event: request.Event{Action: request.ActRegister, On: d}}},
			Appeals:  []casework.Appeal{{ID: 1, Kind: casework.Review, Filed: d}}}
		show = s.requestPage(r, &backoffice.Request{User: userWithRoles("clerk", "head")}, v)
		show.Page = p
		pages := map[string]any{
			"request_list": RequestListPage{Page: p, CanRegister: true, States: []StateCount{{"in_progress", "办理中", 1}},
				Rows: []RequestRow{{ID: 5, Tracking: "2026-0005", Urgency: "已超期", Overdue: true}}, Agencies: []AgencyRow{{ID: 1, Name: "甲"}, {ID: 2, Name: "乙"}},
				Notices: []casework.Notification{{RequestID: 5, Body: "提醒"}}, InScope: true, Scope: []ScopeRow{{AgencyID: 1, Agency: "甲", Open: 2, Overdue: 1}}},
			"request_show":    show,
			"request_new":     RequestNewPage{Page: p, Types: []OutcomeChoice{{Value: "natural_person", Label: "自然人"}}, Channels: []ChannelChoice{{"in_person", "当面", "规则"}}, Deliveries: []string{"邮寄"}},
			"request_receipt": RequestReceiptPage{Page: p, Receipt: casework.Receipt{RequestID: 5, Tracking: "2026-0005", QueryCode: "ABC"}, Hints: v.Hints},
			"request_reveal":  RequestRevealPage{Page: p, ID: 5, Personal: casework.Personal{Name: "张三", IDNumber: "11010519491231002X"}},
			"calendar":        CalendarPage{Page: p, CanEdit: true, Rows: []calendar.Override{{Date: d, Reason: "台风"}}},
			"request_report": RequestReportPage{Page: p, Agencies: []AgencyRow{{ID: 1, Name: "甲"}}, Years: []int{2025}, Columns: []string{"自然人"},
				Rows:   []ReportRow{{Label: "一、本年新收", Cells: []ReportCell{{Value: "1", Href: "/admin/requests/report/cell?cell=x"}}}},
				Groups: []string{"行政复议"}, Outcomes: []string{"结果维持"}, RL: [][]ReportCell{{{Value: "0"}}},
				Editor: &ReportEditor{Stored: true, CanEdit: true, CanPublish: true, Errors: 1, Fields: []ReportField{{Name: "licensing", Group: "行政许可", Label: "本年处理决定数量", Value: "3"}},
					Findings: []report.Finding{{Rule: "R5-cells", Severity: report.Error, Message: "缺失"}}, Preview: "<div class=\"page\"></div>",
					Action: "/admin/requests/report?agency=1&year=2025", PublishURL: "/admin/requests/report/publish?agency=1&year=2025",
					Downloads:   []DownloadLink{{"/admin/requests/report/download?format=docx", "Word"}},
					FromRecords: true, AreaURL: "/admin/requests/report/area?agency=1&year=2025",
					Area: &AreaNote{CompiledBy: "clerk", Agencies: 3, Counts: []AreaCount{{Key: "rep.area.from.published", N: 2}},
						Missing: []string{"乙"}, Gaps: []AreaGap{{Agency: "甲", Count: 4, Cells: []string{"表二 规章"}}}}}},
			"letter_settings": LetterSettingsPage{Page: p, AgencyID: 1, Agency: "甲", Agencies: []AgencyRow{{ID: 1, Name: "甲"}, {ID: 2, Name: "乙"}},
				Settings: stationery.Settings{Prefix: "京司公开", UpdatedBy: "head"}, Year: 2026, Next: 3, Example: "京司公开〔2026〕3号"},
			"request_cell": RequestCellPage{Page: p, Rows: []RequestRow{{ID: 5, Tracking: "2026-0005"}}},
			"appeals": AppealsPage{Page: p, CanEdit: true, Today: "2026-03-02", Kinds: []OutcomeChoice{{Value: "review", Label: "行政复议"}},
				Subjects: []OutcomeChoice{{Value: "not_published", Label: "未依法主动公开"}},
				Rows: []PublicationAppealRow{{AppealRow: AppealRow{ID: 3, Kind: "行政复议", Filed: "2026-02-01", Open: true}, ReportID: "主动公开-3",
					Subject: "未依法主动公开", Matter: "2025年部门预算", ItemID: 4, ItemIndex: "A-1"}}},
			"error": web.ErrorPage{Page: p, Message: "x"},
		}
		for _, name := range s.req.rd.Names() {
			data, ok := pages[name]
			if !ok {
				t.Errorf("page %q has no typed data in this test", name)
				continue
			}
			rec := httptest.NewRecorder()
			s.req.rd.Render(rec, r, 200, name, data)
			if rec.Code != 200 {
				t.Errorf("%s: status %d: %s", name, rec.Code, rec.Body.String())
				continue
			}
			body := rec.Body.String()
			if lang == web.LangEN {
				// Data that exists only in Chinese carries lang="zh-CN"
				// on an English page (WCAG 3.1.2).
				for _, bad := range webtest.ZhUnmarked(body, zhData...) {
					t.Errorf("%s (en): %s lacks lang=\"zh-CN\"", name, bad)
				}
				continue
			}
			for _, want := range []string{`<html lang="zh-CN"`, `href="#main"`, "一个错误", "测试"} {
				if !strings.Contains(body, want) {
					t.Errorf("%s: lacks %q", name, want)
				}
			}
			if strings.Contains(body, "ZgotmplZ") {
				t.Errorf("%s: html/template refused a value (ZgotmplZ)", name)
			}
		}
	}
	// The detail page offers exactly the forms of the allowed steps.
	rec := httptest.NewRecorder()
	s.req.rd.Render(rec, r, 200, "request_show", show)
	body := rec.Body.String()
	for _, want := range []string{`id="form-consult"`, `id="form-draft"`, `id="form-extend"`, `id="form-approve"`, "予以公开", "第三十六条", `id="explanation"`,
		`id="form-split"`, `name="items"`, `name="opinion"`, `value="objected"`, `name="override"`} {
		if !strings.Contains(body, want) {
			t.Errorf("request_show lacks %q", want)
		}
	}
	for _, notWant := range []string{`id="form-confirm"`, `id="form-reply"`, `id="form-start"`, "11010519491231002X"} {
		if strings.Contains(body, notWant) {
			t.Errorf("request_show has %q", notWant)
		}
	}
}

func userWithRoles(login string, roles ...string) account.User {
	u := account.User{ID: 1, Login: login, AgencyID: 1}
	for _, r := range roles {
		u.Roles = append(u.Roles, account.Role(r))
	}
	return u
}

// TestDashboardRequestPanel renders the dashboard with the request panel.
func TestDashboardRequestPanel(t *testing.T) {
	assets, err := web.NewAssets()
	if err != nil {
		t.Fatal(err)
	}
	s, sm := testSite(t, Deps{Requests: nopCasework{}})
	r := httptest.NewRequest("GET", "/admin/", nil)
	ctx, err := sm.Load(r.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	r = r.WithContext(ctx)
	p := web.NewPage(r, s.bo.Catalog(), assets, "dashboard.title")
	var sum strings.Builder
	err = summaryTmpl.ExecuteTemplate(&sum, "panel", summaryPanel{Page: p, Requests: &RequestSummary{Due5: 2, Due1: 1, Overdue: 3,
		Urgent:  []RequestRow{{ID: 9, Tracking: "2026-0009", Due: "2026-03-02", Urgency: "已超期", Overdue: true}},
		States:  []StateCount{{"in_progress", "办理中", 4}},
		Notices: []casework.Notification{{Body: "申请 2026-0009 已超过答复期限"}}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`id="dash-overdue">3<`, `id="dash-due1">1<`, `id="dash-due5">2<`, "2026-0009", "办理中", "已超过答复期限"} {
		if !strings.Contains(sum.String(), want) {
			t.Errorf("dashboard lacks %q", want)
		}
	}
}
