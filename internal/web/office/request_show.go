package office

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// RequestPage is one request as staff see it: the record with personal
// data masked, the due date with how it was reached, findings and hints,
// the history, the appeals, and a form for every step the user may take.
type RequestPage struct {
	web.Page
	View     casework.View
	Type     string
	Channel  string
	State    string
	Outcome  string
	DueLines []string
	Events   []EventRow
	Appeals  []AppealRow
	Outcomes []OutcomeChoice
	// Grounds are the grounds a 部分公开 draft may withhold a part on
	// (条例第十四、十五、十六条): the withheld_* outcomes but 行政查询.
	Grounds   []OutcomeChoice
	Letters   []LetterLink
	Files     []casework.Attachment
	Today     string
	CanReveal bool // staff of the handling agency
	CanAppeal bool
	IsClerk   bool
	allowed   []request.Action

	// Released are the files the reply releases (网上获取); CanRelease:
	// the viewer is a clerk of the agency and the request is open.
	Released   []casework.Attachment
	CanRelease bool
}

// HazardOf is what the page shows of an attachment's stored bombcheck
// flag (#10 item 7(b)): the warning beside the file, as on the catalogue
// page, so nobody opens a zip or XML bomb unwarned.
func (RequestPage) HazardOf(stored string) Hazard { return hazardOf(stored) }

// An EventRow is one step of the history.
type EventRow struct {
	Seq    int
	On     string
	Action string
	Actor  string
	Detail string
}

// An AppealRow is one 行政复议 or 行政诉讼 case.
type AppealRow struct {
	ID        int64
	Kind      string
	Filed     string
	Concluded string
	Result    string
	Note      string
	Open      bool
}

// An OutcomeChoice is one of the 21 outcomes in the draft form.
type OutcomeChoice struct {
	Value, Label, Basis string
	Selected            bool
}

// Can reports whether the user may take step a (a request.Action, or
// "confirm" for an unconfirmed online submission) now.
func (p RequestPage) Can(a string) bool {
	if a == "confirm" {
		return p.View.Record.State == casework.Submitted && slices.Contains(p.allowed, request.ActRegister)
	}
	return slices.Contains(p.allowed, request.Action(a))
}

// InState reports whether the request is in state st.
func (p RequestPage) InState(st string) bool { return p.View.Record.State == st }

var appealKinds = map[casework.AppealKind]string{casework.Review: "行政复议",
	casework.LitigationDirect: "行政诉讼（未经复议直接起诉）", casework.LitigationAfterReview: "行政诉讼（复议后起诉）"}

var appealResults = map[casework.AppealResult]string{casework.Upheld: "结果维持", casework.Corrected: "结果纠正", casework.OtherEnd: "其他结果"}

func eventDetail(p web.Page, e request.Event) string {
	var parts []string
	if e.Outcome != "" {
		parts = append(parts, p.T("rq.outcome")+"："+p.Label("outcome", string(e.Outcome)))
	}
	if e.Days > 0 {
		parts = append(parts, fmt.Sprintf("延长 %d 个工作日", e.Days))
	}
	if !e.Until.IsZero() {
		parts = append(parts, "截止 "+e.Until.String())
	}
	if e.Pause != "" {
		parts = append(parts, e.Pause.Label())
	}
	if e.Party != "" {
		parts = append(parts, "征求对象："+e.Party)
	}
	if e.Fee.Yuan > 0 {
		parts = append(parts, e.Fee.Zh())
	}
	if e.Channel != "" {
		parts = append(parts, p.T("rq.channel")+"："+p.Label("channel", string(e.Channel)))
	}
	if e.Note != "" {
		parts = append(parts, e.Note)
	}
	return strings.Join(parts, "；")
}

func (s *Site) requestPage(r *http.Request, rq *backoffice.Request, v casework.View) RequestPage {
	p := s.bo.Page(r, rq, "rq.detail")
	p.Title = p.T("rq.detail") + " " + v.Record.Tracking
	en := p.Lang == web.LangEN
	pg := RequestPage{Page: p, View: v, Type: p.Label("type", string(v.Record.ApplicantType)), Channel: p.Label("channel", v.Record.Channel),
		State: p.Label("state", v.Record.State), Today: s.req.cw.Today().String(), allowed: v.Allowed,
		CanReveal: rq.User.AgencyID == v.Record.AgencyID && canActRequests(rq.Subject),
		IsClerk:   slices.Contains(rq.User.Roles, account.Clerk)}
	pg.CanAppeal = pg.CanReveal && (slices.Contains(rq.User.Roles, account.Clerk) || slices.Contains(rq.User.Roles, account.Head))
	if v.Record.Outcome != "" {
		pg.Outcome = p.Label("outcome", string(v.Record.Outcome))
	}
	if v.Deadline != nil {
		for _, l := range v.Deadline.Lines {
			if en && l.En != "" {
				pg.DueLines = append(pg.DueLines, l.En)
			} else {
				pg.DueLines = append(pg.DueLines, l.Zh)
			}
		}
	}
	for _, e := range v.Events {
		pg.Events = append(pg.Events, EventRow{Seq: e.Seq, On: e.Event.On.String(), Action: actionLabel(e.Event.Action, en),
			Actor: e.ActorLogin, Detail: eventDetail(p, e.Event)})
	}
	for _, a := range v.Appeals {
		row := AppealRow{ID: a.ID, Kind: appealKinds[a.Kind], Filed: a.Filed.String(), Note: a.Note, Open: a.Concluded.IsZero()}
		if !row.Open {
			row.Concluded, row.Result = a.Concluded.String(), appealResults[a.Result]
		}
		pg.Appeals = append(pg.Appeals, row)
	}
	if files, err := s.req.cw.Attachments(r.Context(), staffer(rq), v.Record.ID); err == nil {
		pg.Files, pg.Released = splitReleased(files)
	}
	pg.CanRelease = pg.IsClerk && pg.CanReveal && v.Record.State != casework.Submitted && !request.State(v.Record.State).Ended()
	for _, k := range casework.LettersFor(v.Events) {
		pg.Letters = append(pg.Letters, LetterLink{Kind: string(k), Label: web.LetterLabels[k]})
	}
	drafted := v.Record.Outcome
	for _, e := range v.Events {
		if e.Event.Action == request.ActDraft {
			drafted = e.Event.Outcome
		}
	}
	for _, o := range request.Outcomes() {
		label := o.Group + "：" + o.Label
		if o.Group == o.Label {
			label = o.Label
		}
		if en {
			label = p.Label("outcome", string(o.ID))
		}
		pg.Outcomes = append(pg.Outcomes, OutcomeChoice{Value: string(o.ID), Label: label, Basis: o.Basis, Selected: o.ID == drafted})
		if strings.HasPrefix(string(o.ID), "withheld_") && o.ID != request.WithheldAdministrativeQuery {
			pg.Grounds = append(pg.Grounds, OutcomeChoice{Value: string(o.ID), Label: o.Label, Basis: o.Basis})
		}
	}
	return pg
}

// requestShow shows one request. casework answers "not found" for a
// request of an agency the user may not read, so ids reveal nothing.
func (s *Site) requestShow(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	id, err := backoffice.PathID(r)
	var v casework.View
	if err == nil {
		v, err = s.req.cw.Get(r.Context(), staffer(rq), id)
	}
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	s.renderReq(w, r, http.StatusOK, "request_show", s.requestPage(r, rq, v))
}
