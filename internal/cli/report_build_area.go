package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/report"
)

// reportBuildArea implements `gongkai report build --agency NAME --year Y
// --area`: the whole-area report of the 人民政府 named name (#13), summed
// over itself and every agency below it as the back office's 编制全区域报告草稿
// compiles it (annual.Service.AreaPreview), written like any built report;
// where the numbers come from and which agencies lack them go to stderr.
// Nothing is stored: the draft is the government's staff's to compile,
// edit and publish in the back office (audited there).
func reportBuildArea(ctx context.Context, env Env, sf *storeFlags, name string, year int, out string, write func(io.Writer, *report.Report) error) int {
	st, cw, ag, err := openCasework(ctx, sf, name)
	if err != nil {
		return fail(env.Stderr, "report build", err)
	}
	defer st.Close()
	log := &audit.Log{Store: st}
	svc, err := annual.New(st, cw, st, log)
	if err != nil {
		return fail(env.Stderr, "report build", err)
	}
	if svc.Records, err = catalog.NewService(st, log); err != nil {
		return fail(env.Stderr, "report build", err)
	}
	a, err := svc.AreaPreview(ctx, ag.ID, year)
	if err != nil {
		return fail(env.Stderr, "report build", err)
	}
	if err := writeBuilt(env, out, write, a.Base); err != nil {
		fmt.Fprintf(env.Stderr, "gongkai report build: %v\n", err)
		return ExitFailure
	}
	areaNotes(env.Stderr, a)
	return ExitOK
}

// areaNotes tells the operator what the area's report sums and lacks.
func areaNotes(w io.Writer, a annual.Area) {
	n := a.Count()
	fmt.Fprintf(w, "全区域报告：汇总 %d 个机关（本机关及所辖机关）：已发布报告 %d，导入报告 %d，下级政府全区域报告 %d，依办理记录 %d，无数据 %d。\n",
		len(a.Sources), n[annual.FromPublished], n[annual.FromImported], n[annual.FromArea], n[annual.FromRecords], n[annual.FromNone]+n[annual.FromOther])
	if m := a.Missing(); len(m) > 0 {
		names := make([]string, len(m))
		for i, s := range m {
			names[i] = s.Agency
		}
		fmt.Fprintf(w, "以下机关没有数据，合计中不含它们（不按 0 计）：%s\n", strings.Join(names, "、"))
	}
	if len(a.Absences) > 0 {
		fmt.Fprintf(w, "%d 个单元格只含部分机关的数字（缺失的机关见后台报告页）。\n", len(a.Absences))
	}
	fmt.Fprintln(w, "未保存任何内容：请在后台该人民政府的年度报告页“编制全区域报告草稿”，再编辑、发布。")
}
