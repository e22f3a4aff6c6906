package app

import (
	"net/http"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/pii"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/stationery"
	"github.com/gongkai/gongkai/internal/web/portal"
)

// newCasework builds the 依申请公开 service on st; applicants' personal
// data is sealed with keys (New loads them: SECURITY.md C-05).
func newCasework(st *sqlstore.Store, log *audit.Log, keys *pii.Keyring, now func() time.Time) *casework.Service {
	svc := casework.New(st, log, keys)
	svc.Now = now
	return svc
}

// caseworkAdapter gives the sites casework.Service plus the letters,
// which need the store's agency names, the agency's letter settings and
// document numbers (stationery) and the letter package.
type caseworkAdapter struct {
	*casework.Service
	st   *sqlstore.Store
	log  *audit.Log
	stat *stationery.Service // nil: letterhead = the agency's name, no numbers
}

// newAnnual builds the annual-report service (tables 三/四 compiled by cw)
// and the letter-settings service on st.
func newAnnual(st *sqlstore.Store, log *audit.Log, cw *casework.Service, now func() time.Time) (*annual.Service, *stationery.Service) {
	ann := annual.New(st, cw, st, log)
	ann.Now = now
	stat := stationery.New(st, log)
	stat.Now = now
	return ann, stat
}

// uploadLimit is the body limit of r: the routes that take attachments
// (an application with its files on the portal, a clerk's upload in the
// back office) get room for them; every other request keeps n.
func uploadLimit(r *http.Request, n int64) int64 {
	if r.Method != http.MethodPost {
		return n
	}
	switch {
	case r.URL.Path == "/apply":
		return portal.MaxApplicationBody
	case strings.HasPrefix(r.URL.Path, "/admin/requests/") && strings.HasSuffix(r.URL.Path, "/attachments"):
		return casework.MaxAttachmentSize + 1<<20
	}
	return n
}
