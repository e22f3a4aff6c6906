package office

import (
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// CatalogShowPage shows one item: its metadata, the scanner's findings,
// the 保密审查 checklist, the steps the viewer may take, its versions and
// its history.
type CatalogShowPage struct {
	web.Page
	ID         int64
	IndexNo    string
	State      string
	Content    catalog.Content
	Column     string
	Body       template.HTML // sanitized when stored (catalog.Sanitize)
	Timely     catalog.Timeliness
	Findings   []catalog.Finding
	Blocked    bool
	Overridden *catalog.Reasoned
	Withdrawal *catalog.Reasoned
	Correcting bool
	Live       int
	PublishAt  string
	Checklist  []catalog.Check
	Actions    map[string]bool // the steps offered, by action
	CanEdit    bool
	Files      []FileRow
	Versions   []catalog.Version
	History    []HistoryRow
}

// A ReasonStep is a step whose form is one reason.
type ReasonStep struct{ Action, LabelKey, ButtonKey string }

// ReasonSteps are the steps whose form is one reason: return, correct,
// withdraw, discard.
func (CatalogShowPage) ReasonSteps() []ReasonStep {
	return []ReasonStep{{"return", "cat.reason.return", "cat.step.return"}, {"correct", "cat.reason.correct", "cat.step.correct"},
		{"withdraw", "cat.reason.withdraw", "cat.step.withdraw"}, {"discard", "cat.reason.discard", "cat.step.discard"}}
}

// A FileRow is one attachment, numbered from 1 as its download link.
type FileRow struct {
	N    int
	Name string
	Size int64
	// Hazard warns of a zip or XML bomb (package bombcheck).
	Hazard Hazard
}

// A HistoryRow is one event of an item's history.
type HistoryRow struct {
	At, Action, By, Note string
}

// catalogPage builds the page of item it for rq.
func (s *Site) catalogPage(r *http.Request, rq *backoffice.Request, it *catalog.Item) (CatalogShowPage, error) {
	ctx := r.Context()
	pg := CatalogShowPage{Page: s.bo.Page(r, rq, "cat.show.title"), ID: it.ID, IndexNo: it.IndexNo, State: it.State.Label(),
		Content: it.Content, Body: template.HTML(it.Content.Body), Findings: it.Findings, Blocked: it.Blocked(),
		Overridden: it.Overridden, Withdrawal: it.Withdrawal, Correcting: it.Correcting, Live: it.Live,
		Checklist: catalog.Checklist, Actions: map[string]bool{}, Versions: it.Versions}
	pg.Title = it.Content.Title
	if !it.PublishAt.IsZero() {
		pg.PublishAt = it.PublishAt.In(catalog.CST).Format("2006-01-02 15:04")
	}
	_, cols, err := s.cp.svc.Profile(ctx, it.AgencyID, s.agencyName(ctx, it.AgencyID))
	if err != nil {
		return pg, err
	}
	pg.Column = catalog.NewTree(cols)[it.Content.Category].Name
	cal, err := s.cp.svc.Calendar(ctx, it.AgencyID)
	if err != nil {
		return pg, err
	}
	pg.Timely = catalog.CheckTimeliness(cal, it.Content, it.FirstPublished(), s.cp.svc.Today())
	for _, role := range catalog.Roles(catalogStaff(rq), it.AgencyID) {
		for _, a := range it.Allowed(role) {
			pg.Actions[string(a)] = true
		}
	}
	pg.CanEdit = pg.Actions[string(catalog.ActEdit)]
	for i, a := range it.Content.Attachments {
		pg.Files = append(pg.Files, FileRow{N: i + 1, Name: a.Name, Size: a.Size, Hazard: hazardOf(a.Hazard)})
	}
	for _, e := range slices.Backward(it.Events) {
		pg.History = append(pg.History, HistoryRow{At: e.At.In(catalog.CST).Format(time.DateTime), Action: e.Action.Label(),
			By: e.Actor.Name + "（" + e.Actor.Role.Label() + "）", Note: historyNote(e)})
	}
	return pg, nil
}

func historyNote(e catalog.Event) string {
	switch {
	case e.Note != "":
		return e.Note
	case e.Action == catalog.ActScan && len(e.Findings) > 0:
		return "发现 " + strconv.Itoa(len(e.Findings)) + " 处"
	case e.IndexNo != "":
		return e.IndexNo + " 第 " + strconv.Itoa(e.Version) + " 版"
	}
	return ""
}

// pathItem reads the item named by the path's {id} for the staff member;
// when it cannot, it has answered with the error page (ok false).
func (s *Site) pathItem(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) (it *catalog.Item, ok bool) {
	id, err := backoffice.PathID(r)
	if err == nil {
		it, err = s.cp.svc.Get(r.Context(), catalogStaff(rq), id)
	}
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return it, false
	}
	return it, true
}

func (s *Site) catalogShow(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	it, ok := s.pathItem(w, r, rq)
	if !ok {
		return
	}
	pg, err := s.catalogPage(r, rq, it)
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	s.renderCat(w, r, http.StatusOK, "catalog_show", pg)
}
