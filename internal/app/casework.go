package app

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/config"
	"github.com/gongkai/gongkai/internal/pii"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/stationery"
	"github.com/gongkai/gongkai/internal/web/portal"
)

// newCasework builds the 依申请公开 service on st. Applicants' personal
// data is sealed with the keyring of o.PIIKeys or, when nil, the key of
// GONGKAI_PII_KEY / GONGKAI_PII_KEY_FILE, else the configured
// pii_key_file, else the file pii.key beside the SQLite database (created
// on first use, mode 0400) or, on PostgreSQL, in the data directory
// (SECURITY.md C-05: never in the database or the config file).
func newCasework(st *sqlstore.Store, log *audit.Log, cfg config.Config, o Options) (*casework.Service, error) {
	keys := o.PIIKeys
	if keys == nil {
		dir := cfg.DataDir
		if st.Dialect() == "sqlite" {
			dir = filepath.Dir(st.Where())
		}
		var err error
		if keys, err = pii.LoadFrom(os.LookupEnv, cfg.PIIKeyFile, dir, true); err != nil {
			return nil, fmt.Errorf("app: personal-data key: %w", err)
		}
	}
	svc := casework.New(st, log, keys)
	svc.Now = o.Now
	return svc, nil
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
