package agency

import (
	"context"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/ledger"
)

// An ImportRow is one agency of an import file (gongkai agency import).
type ImportRow struct {
	Row        int // the sheet's row, for errors
	Name       string
	Parent     string // name of the agency above, in the file or stored
	Kind       Kind
	CreditCode string // 统一社会信用代码, 18 characters, or ""
	Oversees   string // 监督范围: the agency whose subtree this one oversees
	NoReport   bool   // 编制年报 = 否
}

// The columns of an import file; * marks the required ones.
var importColumns = []struct {
	name     string
	required bool
}{{"名称", true}, {"上级", false}, {"类型", true}, {"统一社会信用代码", false}, {"监督范围", false}, {"编制年报", false}}

// MaxImportProblems stops reading a file after this many problems.
const MaxImportProblems = 200

// ReadImport reads an agency file — CSV or XLSX with the columns 名称*,
// 上级, 类型* (人民政府 · 部门 · 乡镇/街道 · 其他), 统一社会信用代码, 监督范围 and
// 编制年报 (是/否, default 是) — and returns its rows, or ledger.Problems
// naming the row and column of every problem (a name twice, a kind or
// 是/否 not understood, a malformed credit code). Parents are resolved by
// Plan, not here.
func ReadImport(r io.Reader) ([]ImportRow, error) {
	return ledger.ReadTable(r, func(next ledger.RowFunc) ([]ImportRow, error) {
		var out []ImportRow
		var probs ledger.Problems
		var idx map[string]int
		seen := map[string]int{}
		for searched := 0; len(probs) < MaxImportProblems; {
			cells, n, err := next()
			if err == io.EOF {
				break
			}
			if err != nil {
				if ps, ok := err.(ledger.Problems); ok {
					return nil, append(probs, ps...)
				}
				return nil, err
			}
			if blank(cells) {
				continue
			}
			if idx == nil {
				if idx = importHeader(cells); idx == nil {
					if searched++; searched < 5 {
						continue
					}
					return nil, ledger.Problems{{Row: n, Reason: "找不到表头：应有列 名称*、上级、类型*、统一社会信用代码、监督范围、编制年报"}}
				}
				for _, c := range importColumns {
					if _, ok := idx[c.name]; !ok && c.required {
						probs = append(probs, ledger.Problem{Row: n, Column: c.name + "*", Reason: "缺少必填列"})
					}
				}
				if len(probs) > 0 {
					return nil, probs
				}
				continue
			}
			cell := func(name string) string {
				if i, ok := idx[name]; ok && i < len(cells) {
					return NormalizeName(cells[i])
				}
				return ""
			}
			row := ImportRow{Row: n, Name: cell("名称"), Parent: cell("上级"), Oversees: cell("监督范围"),
				CreditCode: strings.ToUpper(cell("统一社会信用代码"))}
			bad := func(col, format string, args ...any) {
				probs = append(probs, ledger.Problem{Row: n, Column: col, Reason: fmt.Sprintf(format, args...)})
			}
			switch {
			case row.Name == "":
				bad("名称", "不能为空")
			case utf8.RuneCountInString(row.Name) > MaxNameLen:
				bad("名称", "超过 %d 个字", MaxNameLen)
			case seen[row.Name] != 0:
				bad("名称", "“%s”与第 %d 行重复", row.Name, seen[row.Name])
			default:
				seen[row.Name] = n
			}
			if k, ok := ParseKind(cell("类型")); ok {
				row.Kind = k
			} else if cell("类型") == "" {
				bad("类型", "不能为空：应为 人民政府、部门、乡镇/街道 或 其他")
			} else {
				bad("类型", "无法识别“%s”：应为 人民政府、部门、乡镇/街道 或 其他", cell("类型"))
			}
			switch v := cell("编制年报"); v {
			case "", "是", "Y", "y", "1":
			case "否", "N", "n", "0":
				row.NoReport = true
			default:
				bad("编制年报", "无法识别“%s”：应为 是 或 否", v)
			}
			if c := row.CreditCode; c != "" && !creditCodeShape(c) {
				bad("统一社会信用代码", "“%s”不是 18 位统一社会信用代码", c)
			}
			if row.Parent != "" && row.Parent == row.Name {
				bad("上级", "不能是本机关自己")
			}
			out = append(out, row)
		}
		if idx == nil {
			return nil, ledger.Problems{{Reason: "机关文件是空的：应有表头 名称*、上级、类型*、统一社会信用代码、监督范围、编制年报"}}
		}
		if len(probs) > 0 {
			return nil, probs
		}
		return out, nil
	})
}

func importHeader(cells []string) map[string]int {
	idx := map[string]int{}
	for i, c := range cells {
		k := ledger.HeaderKey(c)
		for _, col := range importColumns {
			if k == ledger.HeaderKey(col.name) {
				idx[col.name] = i
			}
		}
	}
	if _, ok := idx["名称"]; !ok {
		return nil
	}
	return idx
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// creditCodeShape checks the form of a 统一社会信用代码 (GB 32100-2015):
// 18 characters of digits and capital letters other than I, O, S, V, Z.
// The check character is not verified.
func creditCodeShape(c string) bool {
	if len(c) != 18 {
		return false
	}
	for _, r := range c {
		if !(r >= '0' && r <= '9' || r >= 'A' && r <= 'Z') || strings.ContainsRune("IOSVZ", r) {
			return false
		}
	}
	return true
}

// Plan orders the rows so that each comes after its parent and the agency
// it oversees (a parent may come later in the file than its child), and
// checks every reference against the file and the stored agencies: a name
// already stored, an unknown parent or 监督范围, or a loop is a problem of
// its row. The result is all or nothing.
func Plan(rows []ImportRow, stored []Agency) ([]ImportRow, error) {
	have := make(map[string]bool, len(stored))
	for _, a := range stored {
		have[a.Name] = true
	}
	inFile := make(map[string]int, len(rows))
	for i, r := range rows {
		inFile[r.Name] = i
	}
	var probs ledger.Problems
	for _, r := range rows {
		if have[r.Name] {
			probs = append(probs, ledger.Problem{Row: r.Row, Column: "名称", Reason: fmt.Sprintf("机关“%s”已存在", r.Name)})
		}
		for _, ref := range []struct{ col, name string }{{"上级", r.Parent}, {"监督范围", r.Oversees}} {
			if _, ok := inFile[ref.name]; ref.name != "" && !ok && !have[ref.name] {
				probs = append(probs, ledger.Problem{Row: r.Row, Column: ref.col, Reason: fmt.Sprintf("机关“%s”既不在本文件中，也未登记", ref.name)})
			}
		}
	}
	if len(probs) > 0 {
		return nil, probs
	}
	// Depth-first order over the in-file references; state 1 = on the
	// path (a loop when met again), 2 = placed.
	state := make([]byte, len(rows))
	out := make([]ImportRow, 0, len(rows))
	var visit func(i int) bool
	visit = func(i int) bool {
		switch state[i] {
		case 1:
			return false
		case 2:
			return true
		}
		state[i] = 1
		for _, ref := range []string{rows[i].Parent, rows[i].Oversees} {
			if j, ok := inFile[ref]; ok && ref != "" && !visit(j) {
				return false
			}
		}
		state[i] = 2
		out = append(out, rows[i])
		return true
	}
	for i := range rows {
		if state[i] == 0 && !visit(i) {
			return nil, ledger.Problems{{Row: rows[i].Row, Column: "上级", Reason: "上级或监督范围形成循环"}}
		}
	}
	return out, nil
}

// Import stores the agencies of an import file (ReadImport) in one
// transaction, parents first, and records one agency.import event with
// their number: all of them or, on any problem, none.
func (s *Service) Import(ctx context.Context, by audit.Actor, rows []ImportRow) (int, error) {
	now := s.now()
	err := s.Tx.InTx(ctx, func(ctx context.Context) error {
		stored, err := s.Store.ListAgencies(ctx)
		if err != nil {
			return err
		}
		plan, err := Plan(rows, stored)
		if err != nil {
			return err
		}
		ids := make(map[string]int64, len(stored)+len(plan))
		for _, a := range stored {
			ids[a.Name] = a.ID
		}
		for _, r := range plan {
			a := Agency{Name: r.Name, ParentID: ids[r.Parent], OverseesID: ids[r.Oversees], Kind: r.Kind,
				NoReport: r.NoReport, CreditCode: r.CreditCode, CreatedAt: now}
			if a, err = s.Store.CreateAgency(ctx, a); err != nil {
				return fmt.Errorf("第 %d 行：%w", r.Row, err)
			}
			ids[a.Name] = a.ID
		}
		return s.Audit.Record(ctx, by.Event(audit.ActAgencyImport, "agency", 0, audit.ResultOK, fmt.Sprintf("%d agencies", len(plan))))
	})
	if err != nil {
		return 0, err
	}
	return len(rows), nil
}
