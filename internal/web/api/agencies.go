package api

import (
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/apperr"
)

// AgencyJSON is an agency as the API returns it.
type AgencyJSON struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	ParentID  *int64    `json:"parent_id"`
	CreatedAt time.Time `json:"created_at"`
}

// MeJSON describes the calling integration.
type MeJSON struct {
	TokenID  int64      `json:"token_id"`
	Name     string     `json:"name"`
	Agency   AgencyJSON `json:"agency"`
	ScopeIDs []int64    `json:"scope_agency_ids"`
}

func toJSON(a agency.Agency) AgencyJSON {
	out := AgencyJSON{ID: a.ID, Name: a.Name, CreatedAt: a.CreatedAt.UTC()}
	if a.ParentID != 0 {
		p := a.ParentID
		out.ParentID = &p
	}
	return out
}

func (a *API) meShow(w http.ResponseWriter, r *http.Request) {
	t, _ := TokenFrom(r.Context())
	ag, err := a.deps.Agencies.Agency(r.Context(), t.AgencyID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	scope, err := agency.Scope(r.Context(), a.deps.Agencies, t.AgencyID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, MeJSON{TokenID: t.ID, Name: t.Name, Agency: toJSON(ag), ScopeIDs: scope})
}

// agenciesList returns the agencies the token's agency covers (its
// subtree): a token never reads outside its scope.
func (a *API) agenciesList(w http.ResponseWriter, r *http.Request) {
	t, _ := TokenFrom(r.Context())
	scope, err := agency.Scope(r.Context(), a.deps.Agencies, t.AgencyID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	all, err := a.deps.Agencies.ListAgencies(r.Context())
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out := []AgencyJSON{}
	for _, ag := range all {
		if slices.Contains(scope, ag.ID) {
			out = append(out, toJSON(ag))
		}
	}
	writeJSON(w, http.StatusOK, out)
}

// agencyShow returns one agency in scope; one outside the scope is
// reported as not found, so ids cannot be probed (SECURITY.md O-AC-02).
func (a *API) agencyShow(w http.ResponseWriter, r *http.Request) {
	t, _ := TokenFrom(r.Context())
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		a.fail(w, r, apperr.New(apperr.NotFound, "agency.not_found"))
		return
	}
	scope, err := agency.Scope(r.Context(), a.deps.Agencies, t.AgencyID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if !slices.Contains(scope, id) {
		a.fail(w, r, apperr.New(apperr.NotFound, "agency.not_found"))
		return
	}
	ag, err := a.deps.Agencies.Agency(r.Context(), id)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toJSON(ag))
}
