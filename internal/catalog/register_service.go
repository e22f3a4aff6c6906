package catalog

import (
	"context"
	"fmt"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/ledger"
	"github.com/gongkai/gongkai/internal/report"
)

// ImportDecisions stores the decisions ReadDecisions read for an agency,
// all or nothing: a 文书号 the agency holds already is refused as a
// duplicate (catalog.md §3), with every such row listed.
func (s *Service) ImportDecisions(ctx context.Context, by audit.Actor, agencyID int64, ds []Decision) error {
	return s.tx(ctx, func(ctx context.Context) error {
		held, err := s.st.HeldDecisions(ctx, agencyID)
		if err != nil {
			return err
		}
		var probs ledger.Problems
		for i := range ds {
			ds[i].AgencyID = agencyID
			if held[ds[i].DocNo] {
				probs = append(probs, ledger.Problem{Row: ds[i].Row, Column: "文书号", Reason: fmt.Sprintf("“%s”已导入过，不能重复", ds[i].DocNo)})
			}
		}
		if len(probs) > 0 {
			return probs
		}
		if err := s.st.AddDecisions(ctx, ds, s.now()); err != nil {
			return err
		}
		n := map[DecisionKind]int{}
		for _, d := range ds {
			n[d.Kind]++
		}
		return s.log.Record(ctx, by.Event("catalog.decisions_import", "agency", agencyID, audit.ResultOK,
			fmt.Sprintf("导入处理决定 %d 件：行政许可 %d，行政处罚 %d，行政强制 %d", len(ds), n[Licensing], n[Penalty], n[Coercion])))
	})
}

// ImportFees stores the fee entries ReadFees read for an agency, in one
// transaction.
func (s *Service) ImportFees(ctx context.Context, by audit.Actor, agencyID int64, fs []Fee) error {
	var fen int64
	for i := range fs {
		fs[i].AgencyID = agencyID
		fen += fs[i].Fen
	}
	return s.tx(ctx, func(ctx context.Context) error {
		if err := s.st.AddFees(ctx, fs, s.now()); err != nil {
			return err
		}
		return s.log.Record(ctx, by.Event("catalog.fees_import", "agency", agencyID, audit.ResultOK,
			fmt.Sprintf("导入收费 %d 笔，合计 %s 万元", len(fs), WanYuan(fen))))
	})
}

// Table2 compiles table 二 of an agency's report on year from its records
// (CompileTable2).
func (s *Service) Table2(ctx context.Context, agencyID int64, year int) (Table2, error) {
	docs, err := s.st.RegisterDocs(ctx, agencyID)
	if err != nil {
		return Table2{}, err
	}
	lo, hi := calendar.D(year, 1, 1), calendar.D(year, 12, 31)
	ds, err := s.st.Decisions(ctx, agencyID, lo, hi)
	if err != nil {
		return Table2{}, err
	}
	fs, err := s.st.Fees(ctx, agencyID, lo, hi)
	if err != nil {
		return Table2{}, err
	}
	return CompileTable2(year, docs, ds, fs), nil
}

// Table2019 compiles table 二 of the 2019 template for an agency's report
// on year (2019 or 2020) from its records (CompileTable2019); the cells
// records cannot give stay absent.
func (s *Service) Table2019(ctx context.Context, agencyID int64, year int) (Table2019, error) {
	docs, err := s.st.RegisterDocs(ctx, agencyID)
	if err != nil {
		return Table2019{}, err
	}
	ds, err := s.st.Decisions(ctx, agencyID, calendar.D(year, 1, 1), calendar.D(year, 12, 31))
	if err != nil {
		return Table2019{}, err
	}
	return CompileTable2019(year, docs, ds), nil
}

// ProactiveTable2 is Table2 for the annual-report service
// (annual.ProactiveRecords): ok is false, and nothing compiled, when the
// agency keeps no 主动公开 records in gongkai (KeepsRecords).
func (s *Service) ProactiveTable2(ctx context.Context, agencyID int64, year int) (report.Proactive, map[report.CellID][]string, bool, error) {
	keeps, err := s.KeepsRecords(ctx, agencyID)
	if err != nil || !keeps {
		return report.Proactive{}, nil, false, err
	}
	t, err := s.Table2(ctx, agencyID, year)
	if err != nil {
		return report.Proactive{}, nil, false, err
	}
	return t.Proactive, t.Cells, true, nil
}

// KeepsRecords reports whether an agency keeps its 主动公开 records in
// gongkai: it has a catalogue, or decisions or fees. An agency that does
// not has table 二 entered by hand, not compiled as zeros.
func (s *Service) KeepsRecords(ctx context.Context, agencyID int64) (bool, error) {
	if _, err := s.st.CatalogProfile(ctx, agencyID); err == nil {
		return true, nil
	} else if apperr.KindOf(err) != apperr.NotFound {
		return false, err
	}
	all := [2]calendar.Date{calendar.D(1900, 1, 1), calendar.D(2200, 12, 31)}
	ds, err := s.st.Decisions(ctx, agencyID, all[0], all[1])
	if err != nil || len(ds) > 0 {
		return len(ds) > 0, err
	}
	fs, err := s.st.Fees(ctx, agencyID, all[0], all[1])
	return len(fs) > 0, err
}
