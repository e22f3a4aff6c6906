package office

import (
	"bytes"
	"context"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/render"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// ReportEditor is the annual-report part of the report page: the form
// for what is entered by hand (table 二, sections 一/五/六, the date), the
// findings of R1–R10, a preview with the cells concerned highlighted,
// publication and downloads.
type ReportEditor struct {
	Status      annual.Status
	Published   bool
	Stored      bool
	UpdatedBy   string
	UpdatedAt   time.Time
	PublishedBy string
	PublishedAt time.Time
	CanEdit     bool
	CanPublish  bool
	// CanCorrect: the report is published and w is its 负责人, who may
	// publish a correction (CorrectURL) with a 更正说明.
	CanCorrect bool
	CorrectURL string
	Note       string
	// Reopened is the year's open reopening (the period lock lifted for
	// edits to its records), nil when the records are locked; ReopenURL
	// and RelockURL are the 负责人's forms.
	Reopened             *annual.Reopen
	ReopenURL, RelockURL string
	// Versions are the published versions, oldest first.
	Versions []annual.Version
	// FromRecords: table 二 comes from the agency's 主动公开 records (or,
	// for an area report, from the area's sums).
	FromRecords bool
	// Area describes a whole-area report (nil for an agency's own);
	// AreaURL, when set, is the form that compiles the area (again).
	Area       *AreaNote
	AreaURL    string
	Fields     []ReportField
	Overview   string
	Problems   string
	Other      string
	Date       string
	Deadline   string
	Errors     int
	Warnings   int
	Findings   []report.Finding
	HasPrev    bool
	Preview    template.HTML
	Action     string // the form's URL (agency and year in the query)
	PublishURL string
	Downloads  []DownloadLink
}

// A ReportField is one input of table 二. When the agency keeps 主动公开
// records, Compiled is the cell as the records give it, and a Value that
// differs overrides it (Overridden) with Reason beside it.
type ReportField struct {
	Name, Group, Label, Value string
	Decimal                   bool
	FromRecords               bool
	Compiled                  string
	Overridden                bool
	Reason                    string
}

// A DownloadLink is one format of a report to download.
type DownloadLink struct {
	Href, Label string
}

// proactiveFields are table 二's cells in template order: form name,
// group, column label and the cell.
var proactiveFields = []struct {
	name, group, label string
	num                func(p *report.Proactive) *report.Num
}{
	{"reg_issued", "第二十条第（一）项 · 规章", "本年制发件数", func(p *report.Proactive) *report.Num { return &p.Regulations.Issued }},
	{"reg_repealed", "第二十条第（一）项 · 规章", "本年废止件数", func(p *report.Proactive) *report.Num { return &p.Regulations.Repealed }},
	{"reg_in_force", "第二十条第（一）项 · 规章", "现行有效件数", func(p *report.Proactive) *report.Num { return &p.Regulations.InForce }},
	{"norm_issued", "第二十条第（一）项 · 行政规范性文件", "本年制发件数", func(p *report.Proactive) *report.Num { return &p.NormativeDocuments.Issued }},
	{"norm_repealed", "第二十条第（一）项 · 行政规范性文件", "本年废止件数", func(p *report.Proactive) *report.Num { return &p.NormativeDocuments.Repealed }},
	{"norm_in_force", "第二十条第（一）项 · 行政规范性文件", "现行有效件数", func(p *report.Proactive) *report.Num { return &p.NormativeDocuments.InForce }},
	{"licensing", "第二十条第（五）项 · 行政许可", "本年处理决定数量", func(p *report.Proactive) *report.Num { return &p.LicensingDecisions }},
	{"penalty", "第二十条第（六）项 · 行政处罚", "本年处理决定数量", func(p *report.Proactive) *report.Num { return &p.PenaltyDecisions }},
	{"coercion", "第二十条第（六）项 · 行政强制", "本年处理决定数量", func(p *report.Proactive) *report.Num { return &p.CoercionDecisions }},
}

// feesField is the one decimal cell of table 二 (万元).
const feesField = "fees"

// fieldCells are the cell ids of the editor's table 二 inputs.
var fieldCells = map[string]report.CellID{
	"reg_issued": "proactive.regulations.issued", "reg_repealed": "proactive.regulations.repealed",
	"reg_in_force": "proactive.regulations.in_force", "norm_issued": "proactive.normative_documents.issued",
	"norm_repealed": "proactive.normative_documents.repealed", "norm_in_force": "proactive.normative_documents.in_force",
	"licensing": "proactive.licensing_decisions", "penalty": "proactive.penalty_decisions",
	"coercion": "proactive.coercion_decisions", feesField: "proactive.fees_wan_yuan",
}

// reasonField is the form name of the override reason beside input name.
func reasonField(name string) string { return "reason_" + name }

// parseEntries reads the editor's form. A blank cell stays absent (R5
// reports it), never 0.
func parseEntries(form url.Values) (annual.Entries, error) {
	var e annual.Entries
	for _, f := range proactiveFields {
		v := normDigits(form.Get(f.name))
		if v == "" {
			continue
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return e, apperr.New(apperr.Invalid, "report.cell_count", f.group, f.label)
		}
		*f.num(&e.Proactive) = report.N(n)
	}
	if v := normDigits(form.Get(feesField)); v != "" {
		if !report.IsDecimal(v) || strings.HasPrefix(v, "-") {
			return e, apperr.New(apperr.Invalid, "report.fees_form")
		}
		e.Proactive.FeesWanYuan = report.D(v)
	}
	for name, id := range fieldCells {
		if r := strings.TrimSpace(form.Get(reasonField(name))); r != "" {
			if e.Reasons == nil {
				e.Reasons = map[report.CellID]string{}
			}
			e.Reasons[id] = r
		}
	}
	e.Sections = report.Sections{Overview: strings.TrimSpace(form.Get("overview")),
		Problems: strings.TrimSpace(form.Get("problems")), Other: strings.TrimSpace(form.Get("other"))}
	e.Date = strings.TrimSpace(form.Get("date"))
	return e, e.Check()
}

// normDigits trims v and turns full-width digits and point into ASCII.
func normDigits(v string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return '0' + (r - '０')
		case r == '．':
			return '.'
		}
		return r
	}, strings.TrimSpace(v))
}

// editor fills the editor part of the page from b; form, when not nil,
// holds the values just posted (shown again with the error).
func (s *Site) editor(ctx context.Context, rq *backoffice.Request, b annual.Built, form url.Values) (*ReportEditor, error) {
	rec := b.Record
	e := &ReportEditor{Status: rec.Status, Published: rec.Status == annual.Published, Stored: rec.Status != "",
		UpdatedBy: rec.UpdatedBy, UpdatedAt: rec.UpdatedAt, PublishedBy: rec.PublishedBy, PublishedAt: rec.PublishedAt,
		Findings: b.Findings, HasPrev: b.Prev != nil, Action: reportPath(b.AgencyID, b.Year),
		PublishURL: "/admin/requests/report/publish?" + url.Values{"agency": {strconv.FormatInt(b.AgencyID, 10)}, "year": {strconv.Itoa(b.Year)}}.Encode()}
	e.CanEdit = !e.Published && (auth.Can(rq.Subject, auth.ReportEdit, b.AgencyID) || auth.Can(rq.Subject, auth.ReportPublish, b.AgencyID))
	e.CanPublish = !e.Published && auth.Can(rq.Subject, auth.ReportPublish, b.AgencyID)
	e.CanCorrect = e.Published && auth.Can(rq.Subject, auth.ReportPublish, b.AgencyID)
	if e.CanCorrect {
		e.CorrectURL = strings.Replace(e.PublishURL, "/report/publish?", "/report/correct?", 1)
	}
	if e.Published {
		vs, err := s.deps.Reports.Versions(ctx, b.AgencyID, b.Year)
		if err != nil {
			return nil, err
		}
		e.Versions = vs
		switch ro, err := s.deps.Reports.Reopened(ctx, b.AgencyID, b.Year); {
		case err == nil:
			e.Reopened = &ro
		case !errors.Is(err, apperr.NotFound):
			return nil, err
		}
		if e.CanCorrect {
			e.ReopenURL = strings.Replace(e.PublishURL, "/report/publish?", "/report/reopen?", 1)
			e.RelockURL = strings.Replace(e.PublishURL, "/report/publish?", "/report/relock?", 1)
		}
	}
	if ok, err := s.canCompileArea(ctx, rq, b, e.Reopened != nil); err != nil {
		return nil, err
	} else if ok {
		e.AreaURL = areaURL(e.PublishURL)
	}
	e.Area = areaNote(b.Area)
	e.Errors, e.Warnings = report.Count(b.Findings)
	e.Deadline = b.Deadline.Format("2006-01-02")
	p := b.Report.Proactive
	for _, f := range proactiveFields {
		v := f.num(&p)
		val := ""
		if v.Valid {
			val = strconv.FormatInt(v.V, 10)
		}
		e.Fields = append(e.Fields, ReportField{Name: f.name, Group: f.group, Label: f.label, Value: val})
	}
	fees := ""
	if p.FeesWanYuan.Valid {
		fees = p.FeesWanYuan.S
	}
	e.Fields = append(e.Fields, ReportField{Name: feesField, Group: "第二十条第（八）项 · 行政事业性收费", Label: "本年收费金额（单位：万元）", Value: fees, Decimal: true})
	e.Overview, e.Problems, e.Other, e.Date = b.Report.Sections.Overview, b.Report.Sections.Problems, b.Report.Sections.Other, b.Report.Date
	e.FromRecords = b.FromRecords != nil
	markOverrides(e.Fields, b)
	if form != nil {
		for i := range e.Fields {
			e.Fields[i].Value = form.Get(e.Fields[i].Name)
			e.Fields[i].Reason = form.Get(reasonField(e.Fields[i].Name))
		}
		e.Overview, e.Problems, e.Other, e.Date = form.Get("overview"), form.Get("problems"), form.Get("other"), form.Get("date")
		e.Note = form.Get("note")
	}
	var buf bytes.Buffer
	if err := render.HTMLWithOptions(&buf, b.Report, b.Findings, render.HTMLOptions{Fragment: true}); err != nil {
		return nil, err
	}
	e.Preview = template.HTML(buf.String()) // render escapes every text it writes
	base := "/admin/requests/report/download?" + url.Values{"agency": {strconv.FormatInt(b.AgencyID, 10)}, "year": {strconv.Itoa(b.Year)}}.Encode()
	for _, f := range []struct{ format, label string }{{"docx", "Word (DOCX)"}, {"xlsx", "Excel (XLSX)"}, {"json", "JSON"}, {"html", "HTML（打印 / print）"}} {
		e.Downloads = append(e.Downloads, DownloadLink{Href: base + "&format=" + f.format, Label: f.label})
	}
	return e, nil
}

// markOverrides sets, for an agency that keeps 主动公开 records, each
// field's compiled value and whether the hand entry overrides it, with the
// stored reason. A published report shows the reasons stored with it.
func markOverrides(fields []ReportField, b annual.Built) {
	if b.FromRecords == nil {
		for i := range fields {
			if r := b.Record.Entries.Reasons[fieldCells[fields[i].Name]]; r != "" && b.Record.Status == annual.Published {
				fields[i].Overridden, fields[i].Reason = true, r
			}
		}
		return
	}
	compiled := map[report.CellID]string{}
	for _, c := range (&report.Report{Proactive: *b.FromRecords}).Cells() {
		compiled[c.ID] = c.String()
	}
	over := map[report.CellID]annual.Override{}
	for _, o := range b.Overrides {
		over[o.Cell] = o
	}
	for i := range fields {
		id := fieldCells[fields[i].Name]
		fields[i].FromRecords, fields[i].Compiled = true, compiled[id]
		if o, ok := over[id]; ok {
			fields[i].Overridden, fields[i].Reason = true, o.Reason
		}
	}
}

// reportSave stores the hand entries.
func (s *Site) reportSave(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	s.postEntries(w, r, rq, "rep.saved", func(agencyID int64, year int, e annual.Entries) error {
		return s.deps.Reports.Save(r.Context(), staffer(rq), agencyID, year, e)
	})
}

// postEntries reads the agency, the year and the posted hand entries,
// passes them to store and answers as reportDone does (flash on success,
// the form again with the error otherwise).
func (s *Site) postEntries(w http.ResponseWriter, r *http.Request, rq *backoffice.Request, flash string, store func(agencyID int64, year int, e annual.Entries) error) {
	agencyID, _, year, err := s.reportInput(r, rq)
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		s.bo.Fail(w, r, rq, apperr.Wrap(apperr.Invalid, "form.unreadable", err))
		return
	}
	e, err := parseEntries(r.PostForm)
	if err == nil {
		err = store(agencyID, year, e)
	}
	s.reportDone(w, r, rq, err, r.PostForm, flash, agencyID, year)
}

// reportPublish publishes the report (the 负责人).
func (s *Site) reportPublish(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	agencyID, _, year, err := s.reportInput(r, rq)
	if err == nil {
		_, err = s.deps.Reports.Publish(r.Context(), staffer(rq), agencyID, year)
	}
	s.reportDone(w, r, rq, err, nil, "rep.published", agencyID, year)
}

// reportCorrect publishes a correction of a published report (the
// 负责人), with its 更正说明.
func (s *Site) reportCorrect(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	s.postEntries(w, r, rq, "rep.corrected", func(agencyID int64, year int, e annual.Entries) error {
		_, _, err := s.deps.Reports.Correct(r.Context(), staffer(rq), agencyID, year, e, r.PostForm.Get("note"))
		return err
	})
}

// reportReopen lifts the period lock of a published year for edits to
// its records (the 负责人, with a reason).
func (s *Site) reportReopen(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	agencyID, _, year, err := s.reportInput(r, rq)
	if err == nil {
		if err = r.ParseForm(); err != nil {
			err = apperr.Wrap(apperr.Invalid, "form.unreadable", err)
		}
	}
	if err == nil {
		_, err = s.deps.Reports.Reopen(r.Context(), staffer(rq), agencyID, year, r.PostForm.Get("reason"))
	}
	s.reportDone(w, r, rq, err, nil, "rep.reopened", agencyID, year)
}

// reportRelock locks a reopened year again when nothing changed.
func (s *Site) reportRelock(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	agencyID, _, year, err := s.reportInput(r, rq)
	if err == nil {
		err = s.deps.Reports.Relock(r.Context(), staffer(rq), agencyID, year)
	}
	s.reportDone(w, r, rq, err, nil, "rep.relocked", agencyID, year)
}

func (s *Site) reportDone(w http.ResponseWriter, r *http.Request, rq *backoffice.Request, err error, form url.Values, flash string, agencyID int64, year int) {
	if err != nil {
		status := web.StatusOf(err)
		if status != http.StatusBadRequest && status != http.StatusConflict {
			s.bo.Fail(w, r, rq, err)
			return
		}
		s.reportPage(w, r, rq, status, []string{s.bo.ErrText(r, err)}, form)
		return
	}
	s.bo.Flash(r.Context(), flash)
	http.Redirect(w, r, reportPath(agencyID, year), http.StatusSeeOther)
}

// reportDownload sends the report — the published snapshot, or the draft
// as it stands — as DOCX, XLSX, JSON or printable HTML.
func (s *Site) reportDownload(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	agencyID, _, year, err := s.reportInput(r, rq)
	var b annual.Built
	if err == nil {
		b, err = s.deps.Reports.Build(r.Context(), staffer(rq), agencyID, year)
	}
	if err == nil {
		suffix := ""
		if b.Record.Status != annual.Published {
			suffix = "（草稿）"
		}
		err = web.WriteReport(w, b.Report, b.Findings, r.URL.Query().Get("format"), suffix)
	}
	if err != nil {
		s.bo.Fail(w, r, rq, err)
	}
}
