package agency_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/ledger"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

const header = "名称*,上级,类型*,统一社会信用代码,监督范围,编制年报\n"

func TestReadImportProblems(t *testing.T) {
	for _, c := range []struct {
		name, file string
		want       []string // every problem, as printed
	}{
		{"ok", header + "甲区,,人民政府,,,\n", nil},
		{"no header", "x,y\n1,2\n3,4\n5,6\n7,8\n9,10\n", []string{"第 5 行：找不到表头"}},
		{"empty", "", []string{"机关文件是空的"}},
		{"missing kind column", "名称,上级\n甲,\n", []string{"第 1 行 类型*：缺少必填列"}},
		{"row errors", header + "甲局,,局,123,,也许\n,,部门,,,\n甲局,,部门,,,\n乙局,乙局,部门,,,\n", []string{
			"第 2 行 类型：无法识别“局”", "第 2 行 编制年报：无法识别“也许”", "第 2 行 统一社会信用代码：“123”不是 18 位",
			"第 3 行 名称：不能为空", "第 4 行 名称：“甲局”与第 2 行重复", "第 5 行 上级：不能是本机关自己"}},
		{"credit code letters", header + "甲局,,部门,11330206002937650I,,\n", []string{"第 2 行 统一社会信用代码"}},
	} {
		rows, err := agency.ReadImport(strings.NewReader(c.file))
		if c.want == nil {
			if err != nil || len(rows) != 1 {
				t.Errorf("%s: %d rows, %v; want 1 row", c.name, len(rows), err)
			}
			continue
		}
		var ps ledger.Problems
		if !errors.As(err, &ps) || len(ps) != len(c.want) {
			t.Errorf("%s: err %v; want %d problems %v", c.name, err, len(c.want), c.want)
			continue
		}
		for i, w := range c.want {
			if !strings.HasPrefix(ps[i].String(), w) {
				t.Errorf("%s: problem %d = %q; want %q…", c.name, i, ps[i], w)
			}
		}
	}
}

func TestPlan(t *testing.T) {
	stored := []agency.Agency{{ID: 1, Name: "宁波市人民政府"}}
	rows := []agency.ImportRow{
		{Row: 2, Name: "北仑区司法局", Parent: "北仑区人民政府"},
		{Row: 3, Name: "公开办", Parent: "宁波市人民政府", Oversees: "北仑区人民政府"},
		{Row: 4, Name: "北仑区人民政府", Parent: "宁波市人民政府"},
	}
	plan, err := agency.Plan(rows, stored)
	if err != nil {
		t.Fatal(err)
	}
	pos := map[string]int{}
	for i, r := range plan {
		pos[r.Name] = i
	}
	if len(plan) != 3 || pos["北仑区人民政府"] > pos["北仑区司法局"] || pos["北仑区人民政府"] > pos["公开办"] {
		t.Errorf("plan %v: a parent or overseen agency after its dependant", plan)
	}
	for _, c := range []struct {
		name string
		rows []agency.ImportRow
		want string
	}{
		{"stored name", []agency.ImportRow{{Row: 2, Name: "宁波市人民政府"}}, "第 2 行 名称：机关“宁波市人民政府”已存在"},
		{"unknown parent", []agency.ImportRow{{Row: 2, Name: "甲", Parent: "乙"}}, "第 2 行 上级：机关“乙”既不在本文件中，也未登记"},
		{"unknown oversees", []agency.ImportRow{{Row: 2, Name: "甲", Oversees: "乙"}}, "第 2 行 监督范围：机关“乙”"},
		{"loop", []agency.ImportRow{{Row: 2, Name: "甲", Parent: "乙"}, {Row: 3, Name: "乙", Parent: "甲"}}, "上级或监督范围形成循环"},
	} {
		_, err := agency.Plan(c.rows, stored)
		var ps ledger.Problems
		if !errors.As(err, &ps) || len(ps) != 1 || !strings.Contains(ps[0].String(), c.want) {
			t.Errorf("%s: %v; want one problem %q", c.name, err, c.want)
		}
	}
}

// hierarchy writes an import file of n agencies in a four-level tree
// (province, cities, counties, departments), children before parents.
func hierarchy(n int) string {
	var b strings.Builder
	b.WriteString(header)
	for i := n - 1; i >= 0; i-- {
		parent := ""
		if i > 0 {
			parent = fmt.Sprintf("机关%05d", (i-1)/20)
		}
		kind := "部门"
		if i%20 == 0 {
			kind = "人民政府"
		}
		fmt.Fprintf(&b, "机关%05d,%s,%s,,,\n", i, parent, kind)
	}
	return b.String()
}

func TestImport(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		ctx := context.Background()
		svc := &agency.Service{Store: st, Tx: st, Audit: &audit.Log{Store: st}, Now: func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }}
		rows, err := agency.ReadImport(strings.NewReader(hierarchy(500)))
		if err != nil {
			t.Fatal(err)
		}
		if n, err := svc.Import(ctx, audit.CLI, rows); err != nil || n != 500 {
			t.Fatalf("import: %d, %v", n, err)
		}
		all, err := st.ListAgencies(ctx)
		if err != nil || len(all) != 500 {
			t.Fatalf("%d agencies stored, %v; want 500", len(all), err)
		}
		byID := map[int64]agency.Agency{}
		for _, a := range all {
			byID[a.ID] = a
		}
		for _, a := range all {
			var i int
			fmt.Sscanf(a.Name, "机关%05d", &i)
			if want := fmt.Sprintf("机关%05d", (i-1)/20); i > 0 && byID[a.ParentID].Name != want {
				t.Errorf("%s: parent %q; want %q", a.Name, byID[a.ParentID].Name, want)
			}
			if want := map[bool]agency.Kind{true: agency.Government, false: agency.Department}[i%20 == 0]; a.Kind != want {
				t.Errorf("%s: kind %q; want %q", a.Name, a.Kind, want)
			}
		}
		// All or nothing: one bad row (a name now stored) stores nothing.
		more, err := agency.ReadImport(strings.NewReader(header + "新局,机关00000,部门,,公开办,否\n公开办,机关00000,其他,11330206002937650X,机关00001,否\n机关00007,,部门,,,\n"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Import(ctx, audit.CLI, more); err == nil || !strings.Contains(err.Error(), "已存在") {
			t.Errorf("import with a stored name: %v; want 已存在", err)
		}
		if _, err := st.AgencyByName(ctx, "新局"); err == nil {
			t.Error("a failed import stored 新局")
		}
		if _, err := svc.Import(ctx, audit.CLI, more[:2]); err != nil {
			t.Fatal(err)
		}
		office, err := st.AgencyByName(ctx, "公开办")
		if err != nil || !office.NoReport || office.Kind != agency.Other || office.CreditCode != "11330206002937650X" || byID[office.OverseesID].Name != "机关00001" {
			t.Errorf("公开办 = %+v, %v", office, err)
		}
		nw, err := st.AgencyByName(ctx, "新局")
		if err != nil || nw.OverseesID != office.ID {
			t.Errorf("新局 oversees %d; want 公开办 %d (later in the file)", nw.OverseesID, office.ID)
		}
	})
}

// BenchmarkImport10k reads and stores 10,000 agencies on SQLite (and on
// PostgreSQL when GONGKAI_TEST_POSTGRES is set): one op is one import.
func BenchmarkImport10k(b *testing.B) {
	file := hierarchy(10_000)
	for _, name := range sqlstoretest.Names {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				st := sqlstoretest.Open(b, name)
				svc, err := agency.NewService(st, &audit.Log{Store: st})
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				rows, err := agency.ReadImport(strings.NewReader(file))
				if err != nil {
					b.Fatal(err)
				}
				if n, err := svc.Import(context.Background(), audit.CLI, rows); err != nil || n != 10_000 {
					b.Fatal(n, err)
				}
			}
		})
	}
}

func FuzzReadImport(f *testing.F) {
	f.Add(header + "甲区,,人民政府,,,\n乙局,甲区,部门,11330206002937650X,,否\n")
	f.Add("名称,类型\n,\n")
	f.Fuzz(func(t *testing.T, s string) {
		rows, err := agency.ReadImport(strings.NewReader(s))
		if err != nil {
			return
		}
		for _, r := range rows {
			if r.Name == "" || !r.Kind.Valid() {
				t.Fatalf("accepted row %+v", r)
			}
		}
		_, _ = agency.Plan(rows, nil)
	})
}
