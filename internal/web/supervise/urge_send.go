package supervise

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// urgeSend sends a 督办 notice (条例第五十条) to the agencies ticked in the
// overview's list, or, with target=filtered, to every agency the list's
// filter keeps (all its pages), then returns to the list.
func (s *Site) urgeSend(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	if err := r.ParseForm(); err != nil {
		s.bo.Fail(w, r, rq, apperr.Wrap(apperr.Invalid, "", err))
		return
	}
	back := r.PostForm.Get("back")
	u, err := url.Parse(back)
	if err != nil || u.Path != "/admin/reports/overview" || u.Host != "" || u.Scheme != "" {
		back = "/admin/reports/overview"
		u, _ = url.Parse(back)
	}
	f := readFilter(u.Query(), s.thisYear())
	var ids []int64
	if r.PostForm.Get("target") == "filtered" {
		if ids, err = s.filtered(r, rq, f); err != nil {
			s.bo.Fail(w, r, rq, err)
			return
		}
	} else {
		for _, v := range r.PostForm["agency"] {
			id, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				s.bo.Fail(w, r, rq, apperr.New(apperr.NotFound, "agency.not_found"))
				return
			}
			ids = append(ids, id)
		}
	}
	if _, err := s.deps.Season.Urge(r.Context(), staffer(rq), f.Year, ids, strings.TrimSpace(r.PostForm.Get("body"))); err != nil {
		s.bo.Fail(w, r, rq, err)
		return
	}
	s.bo.Flash(r.Context(), "sup.urge.sent")
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// filtered lists every agency the overview's filter f keeps.
func (s *Site) filtered(r *http.Request, rq *backoffice.Request, f Filter) ([]int64, error) {
	scope, err := s.scopeOf(r, rq, f)
	if err != nil {
		return nil, err
	}
	ov, err := s.deps.Reports.OverviewOf(r.Context(), scope, f.Year)
	if err != nil {
		return nil, err
	}
	var ruled map[int64]bool
	if f.Rule != "" {
		ids, err := s.deps.Reports.RuleAgencies(r.Context(), scope, f.Year, f.Rule)
		if err != nil {
			return nil, err
		}
		ruled = map[int64]bool{}
		for _, id := range ids {
			ruled[id] = true
		}
	}
	var out []int64
	for _, row := range filterRows(ov.Rows, f, ruled) {
		out = append(out, row.AgencyID)
	}
	return out, nil
}
