package api

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/search"
)

// defaultPerPage is the page size when per_page is not given.
const defaultPerPage = 20

// The errors of page and per_page (search and the report list share them;
// both cap a page at 100).
var (
	errBadPage    = errors.New("page 应为 1–10000 的整数 / page must be an integer 1–10000")
	errBadPerPage = errors.New("per_page 应为 1–100 的整数 / per_page must be an integer 1–100")
)

// searchList answers GET /api/v1/search (条例第二十四条, catalog.md §5):
// public, without a token, limited per client address.
func (a *API) searchList(w http.ResponseWriter, r *http.Request) {
	if !a.allowPublic(w, r) {
		return
	}
	f, q, page, perPage, err := a.searchParams(r.Context(), r)
	if err != nil {
		if apperr.KindOf(err) == apperr.NotFound {
			writeError(w, r, http.StatusBadRequest, "invalid", "未找到该机关 / no such agency")
			return
		}
		writeError(w, r, http.StatusBadRequest, "invalid", err.Error())
		return
	}
	p, err := search.Search(r.Context(), a.deps.Search, q, f, page, perPage)
	if err != nil {
		var pe search.ParseError
		if errors.As(err, &pe) {
			writeError(w, r, http.StatusBadRequest, "invalid", err.Error())
			return
		}
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, p.JSON())
}

func (a *API) clientIP(r *http.Request) string {
	if a.deps.ClientIP != nil {
		return a.deps.ClientIP(r)
	}
	return r.RemoteAddr
}

// searchParams reads the query string. agency is an agency's name or id
// and includes its subtree unless subtree=false; from and to are years or
// days, both inclusive.
func (a *API) searchParams(ctx context.Context, r *http.Request) (f search.Filter, q string, page, perPage int, err error) {
	v := r.URL.Query()
	q = v.Get("q")
	if page, perPage, err = pageParams(v.Get("page"), v.Get("per_page")); err != nil {
		return f, q, 0, 0, err
	}
	if name := strings.TrimSpace(v.Get("agency")); name != "" {
		subtree := v.Get("subtree") != "false"
		if f.AgencyIDs, err = agencyFilter(ctx, a.deps.Agencies, name, subtree); err != nil {
			return f, q, 0, 0, err
		}
	}
	f.Category = strings.Trim(v.Get("category"), "/ ")
	if t := v.Get("doc_type"); t != "" {
		if !catalog.DocType(t).Valid() {
			return f, q, 0, 0, errors.New("doc_type 无效 / unknown doc_type")
		}
		f.DocType = t
	}
	if t := v.Get("validity"); t != "" {
		if !catalog.Validity(t).Valid() {
			return f, q, 0, 0, errors.New("validity 无效 / unknown validity")
		}
		f.Validity = t
	}
	if s := v.Get("from"); s != "" {
		if f.From, _, err = search.ParseDay(s); err != nil {
			return f, q, 0, 0, err
		}
	}
	if s := v.Get("to"); s != "" {
		if _, f.To, err = search.ParseDay(s); err != nil {
			return f, q, 0, 0, err
		}
	}
	return f, q, page, perPage, nil
}

// agencyFilter returns the agency named (or numbered) name, with its
// subtree when asked.
func agencyFilter(ctx context.Context, st agency.Store, name string, subtree bool) ([]int64, error) {
	var ag agency.Agency
	var err error
	if id, e := strconv.ParseInt(name, 10, 64); e == nil {
		ag, err = st.Agency(ctx, id)
	} else {
		ag, err = st.AgencyByName(ctx, agency.NormalizeName(name))
	}
	if err != nil {
		return nil, err
	}
	if !subtree {
		return []int64{ag.ID}, nil
	}
	return st.Subtree(ctx, ag.ID)
}
