package office

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/letter"
	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/stationery"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// LetterSettingsPage edits an agency's letterhead and document numbers.
type LetterSettingsPage struct {
	web.Page
	AgencyID int64
	Agency   string
	Agencies []AgencyRow // the agencies the user may edit (a 系统管理员: all)
	Settings stationery.Settings
	Year     int
	Next     int
	Example  string
	// ReviewFirst are the outcomes a reply decides, each checked when it
	// is 复议前置 under the settings (regulation.md §8).
	ReviewFirst []OutcomeChoice
}

// letterAgency is the agency whose settings the page edits: ?agency= when
// the user may edit it, else the user's own.
func (s *Site) letterAgency(r *http.Request, rq *backoffice.Request) int64 {
	if id := formInt(r.URL.Query().Get("agency")); id > 0 && stationery.CanEdit(rq.Subject, id) {
		return id
	}
	return rq.User.AgencyID
}

func (s *Site) letterSettingsShow(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	s.letterSettingsPage(w, r, rq, http.StatusOK, nil, nil)
}

func (s *Site) letterSettingsPage(w http.ResponseWriter, r *http.Request, rq *backoffice.Request, status int, errs []string, posted *stationery.Settings) {
	ctx := r.Context()
	id := s.letterAgency(r, rq)
	if !stationery.CanEdit(rq.Subject, id) {
		s.bo.Fail(w, r, rq, apperr.New(apperr.Forbidden, ""))
		return
	}
	year := s.deps.Now().In(web.DisplayZone).Year()
	set, next, err := s.deps.LetterSettings.Get(ctx, id, year)
	var name string
	if err == nil {
		a, aerr := s.deps.AgencyStore.Agency(ctx, id)
		name, err = a.Name, aerr
	}
	if err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	if posted != nil {
		set = *posted
	}
	pg := LetterSettingsPage{Page: s.bo.Page(r, rq, "ls.title"), AgencyID: id, Agency: name, Settings: set, Year: year, Next: next}
	if set.Prefix != "" {
		pg.Example = letter.DocNumber(set.Prefix, year, next)
	}
	rem := set.Letter(name).Remedies
	for _, o := range request.Outcomes() {
		if o.Reply {
			pg.ReviewFirst = append(pg.ReviewFirst, OutcomeChoice{Value: string(o.ID), Label: o.Label, Basis: o.Basis, Selected: rem.IsReviewFirst(o.ID)})
		}
	}
	pg.Agencies = s.agencyChoices(r, func(id int64) bool { return stationery.CanEdit(rq.Subject, id) })
	pg.Errors = errs
	s.renderReq(w, r, status, "letter_settings", pg)
}

func (s *Site) letterSettingsSave(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	id := s.letterAgency(r, rq)
	f := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	set := stationery.Settings{AgencyID: id, Office: f("office"), Address: f("address"), Postcode: f("postcode"), Phone: f("phone"),
		Contact: f("contact"), Website: f("website"), Prefix: f("prefix"), QueryURL: f("query_url"), Payment: f("payment"),
		ReviewBody: f("review_body"), Court: f("court")}
	readReviewFirst(r, &set)
	next := 0
	var err error
	if v := f("next"); v != "" {
		n, perr := strconv.Atoi(normDigits(v))
		if perr != nil || n < 1 {
			err = apperr.New(apperr.Invalid, "letters.next_seq")
		}
		next = n
	}
	if err == nil {
		by := rq.Actor
		err = s.deps.LetterSettings.Save(r.Context(), rq.Subject, by, set, s.deps.Now().In(web.DisplayZone).Year(), next)
	}
	if err != nil {
		status := web.StatusOf(err)
		if status != http.StatusBadRequest {
			s.bo.Fail(w, r, rq, err)
			return
		}
		s.letterSettingsPage(w, r, rq, status, []string{s.bo.ErrText(r, err)}, &set)
		return
	}
	s.bo.Flash(r.Context(), "ls.saved")
	http.Redirect(w, r, "/admin/letter-settings?agency="+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

// readReviewFirst reads the form's 复议前置 outcomes (regulation.md §8).
// A form without the list (review_first_shown absent) keeps the default;
// a list equal to the default is stored as the default, so the agency
// follows it.
func readReviewFirst(r *http.Request, set *stationery.Settings) {
	if r.PostFormValue("review_first_shown") == "" {
		return
	}
	_ = r.ParseForm()
	var got []request.Outcome
	for _, v := range r.PostForm["review_first"] {
		got = append(got, request.Outcome(v))
	}
	if slices.Equal(got, letter.DefaultReviewFirst()) {
		return
	}
	set.ReviewFirst, set.CustomReviewFirst = got, true
}
