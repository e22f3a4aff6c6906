package office

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// CatalogListPage lists an agency's 主动公开 items, newest first, with the
// ones waiting for the viewer's step first.
type CatalogListPage struct {
	web.Page
	AgencyID int64
	State    string
	States   []Option
	Rows     []CatalogRow
	More     int
	CanDraft bool
	// Overdue counts the listed items not yet published whose 20 working
	// days (条例第二十六条) have passed; Late those published late.
	Overdue, Late int
	// Channels are the agency's channels with the day each last carried an
	// item; a stale one is flagged (catalog.md §6).
	Channels []catalog.ChannelStatus
	// CanSetChannels shows the forms that set each channel's interval
	// (the agency's 负责人).
	CanSetChannels bool
}

// An Option is one choice of a select.
type Option struct {
	Value, Label string
	Selected     bool
}

// A CatalogRow is an item in a list.
type CatalogRow struct {
	ID        int64
	IndexNo   string
	Title     string
	Column    string
	Type      string
	State     string
	Published string
	Late      bool // published after the 20 working days
	Overdue   bool // not yet published, and the 20 working days have passed
}

var catalogStates = []catalog.State{catalog.Draft, catalog.InReview, catalog.Reviewed, catalog.Scheduled,
	catalog.Published, catalog.Withdrawn, catalog.Discarded}

func (s *Site) catalogList(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	s.catalogListPage(w, r, rq, http.StatusOK, nil)
}

// catalogListPage renders the list with errs (a refused channel form).
func (s *Site) catalogListPage(w http.ResponseWriter, r *http.Request, rq *backoffice.Request, status int, errs []string) {
	ctx := r.Context()
	agencyID := requestAgency(r, rq, auth.CatalogRead)
	state := r.URL.Query().Get("state")
	f := catalog.Filter{AgencyID: agencyID}
	if catalog.State(state).Valid() {
		f.States = []catalog.State{catalog.State(state)}
	}
	recs, err := s.cp.svc.List(ctx, catalogStaff(rq), f)
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	_, cols, err := s.cp.svc.Profile(ctx, agencyID, s.agencyName(ctx, agencyID))
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	tree := catalog.NewTree(cols)
	cal, err := s.cp.svc.Calendar(ctx, agencyID)
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	today := s.cp.svc.Today()
	channels, err := s.cp.svc.Channels(ctx, agencyID, today)
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	pg := CatalogListPage{Page: s.bo.Page(r, rq, "cat.list.title"), AgencyID: agencyID, State: state,
		CanDraft: auth.Can(rq.Subject, auth.CatalogEdit, agencyID), Channels: channels,
		CanSetChannels: auth.Can(rq.Subject, auth.CatalogPublish, agencyID)}
	pg.Errors = errs
	for _, st := range catalogStates {
		pg.States = append(pg.States, Option{Value: string(st), Label: st.Label(), Selected: string(st) == state})
	}
	slices.Reverse(recs)
	if len(recs) > maxListRows {
		pg.More, recs = len(recs)-maxListRows, recs[:maxListRows]
	}
	for _, rec := range recs {
		row := CatalogRow{ID: rec.ID, IndexNo: rec.IndexNo, Title: rec.Shown.Title, Column: tree[rec.Shown.Category].Name,
			Type: rec.Shown.DocType.Label(), State: rec.State.Label(), Late: rec.Late}
		if !rec.FirstPublished.IsZero() {
			row.Published = rec.FirstPublished.In(catalog.CST).Format("2006-01-02")
		} else if rec.State.Working() {
			row.Overdue = catalog.CheckTimeliness(cal, rec.Shown, time.Time{}, today).Late
		}
		if row.Late {
			pg.Late++
		}
		if row.Overdue {
			pg.Overdue++
		}
		pg.Rows = append(pg.Rows, row)
	}
	s.renderCat(w, r, status, "catalog_list", pg)
}

// catalogChannelSave sets the name and expected interval of one of the
// agency's channels (catalog.md §6); catalog checks that the user is its
// 负责人 and audits it.
func (s *Site) catalogChannelSave(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	c := catalog.ChannelSetting{AgencyID: rq.User.AgencyID, Code: v("code"), Name: v("name")}
	n, err := strconv.Atoi(normDigits(v("interval")))
	if err != nil {
		err = apperr.New(apperr.Invalid, "catalog.channel.interval_invalid", catalog.MaxIntervalDays)
	} else {
		c.IntervalDays = n
		err = s.cp.svc.SetChannel(r.Context(), catalogStaff(rq), c)
	}
	if err != nil {
		if status := web.StatusOf(err); status == http.StatusBadRequest {
			s.catalogListPage(w, r, rq, status, []string{s.bo.ErrText(r, err)})
			return
		}
		s.bo.Fail(w, r, rq, err)
		return
	}
	s.bo.Flash(r.Context(), "cat.saved")
	http.Redirect(w, r, "/admin/catalog#channels", http.StatusSeeOther)
}
