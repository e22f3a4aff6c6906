package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/app"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/config"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/compile"
	"github.com/gongkai/gongkai/internal/sqlstore"
)

// openCasework opens the store and the request service for the commands
// that work on stored requests (ledger import/export, report build
// --agency), and looks up the agency by name.
func openCasework(ctx context.Context, sf *storeFlags, agencyName string) (*sqlstore.Store, *casework.Service, agency.Agency, error) {
	st, cfg, err := sf.open(ctx, true)
	if err != nil {
		return nil, nil, agency.Agency{}, err
	}
	svc, err := newCasework(ctx, st, cfg)
	if err != nil {
		st.Close()
		return nil, nil, agency.Agency{}, err
	}
	ag, err := st.AgencyByName(ctx, agency.NormalizeName(agencyName))
	if err != nil {
		st.Close()
		return nil, nil, agency.Agency{}, fmt.Errorf("机关“%s”: %w", agencyName, err)
	}
	return st, svc, ag, nil
}

// newCasework wires the request service on st: the audit log and the
// personal-data keyring (GONGKAI_PII_KEY, GONGKAI_PII_KEY_FILE, the
// configured pii_key_file, or DATA/pii.key, created on first use).
func newCasework(ctx context.Context, st *sqlstore.Store, cfg config.Config) (*casework.Service, error) {
	keys, err := app.LoadPIIKeys(ctx, st, cfg, os.LookupEnv, time.Now())
	if err != nil {
		return nil, err
	}
	log, err := auditLog(ctx, st, cfg)
	if err != nil {
		return nil, err
	}
	return casework.New(st, log, keys)
}

// storeBuildNotes tells the operator what a report compiled from the
// database holds and what it does not; entered says the hand entries
// saved in the back office were filled in.
func storeBuildNotes(w io.Writer, cases int, res *compile.Result, year int, entered bool) {
	q := res.Report.Requests
	fmt.Fprintf(w, "已由数据库中 %d 件申请生成 %d 年度表三、表四：新收 %s 件，上年结转 %s 件，办结 %s 件，结转下年 %s 件。\n",
		cases, year, q[report.New][report.ColTotal], q[report.CarriedOver][report.ColTotal],
		q[report.RowTotal][report.ColTotal], q[report.CarriedForward][report.ColTotal])
	switch {
	case entered:
	case len(res.HandEntered) == 0:
		fmt.Fprintln(w, "正文无法由记录生成，须在后台“年度报告统计”页面填写。")
	default:
		fmt.Fprintf(w, "表二（主动公开政府信息情况）%d 个单元格及正文无法由申请记录生成，已留空，须在后台“年度报告统计”页面填写。\n", len(res.HandEntered))
	}
}
