package parse

import (
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/report"
)

func linesDoc(lines ...string) *Doc {
	return textDoc("t.txt", FormatText, strings.Join(lines, "\n"))
}

func TestTitle(t *testing.T) {
	tests := []struct {
		name   string
		lines  []string
		agency string
		year   int
	}{
		{"agency then year 年度", []string{"宁波市北仑区司法局2022年度政府信息公开年度报告"}, "宁波市北仑区司法局", 2022},
		{"工作年度报告", []string{"洪泽区人民政府2023年政府信息公开工作年度报告"}, "洪泽区人民政府", 2023},
		{"year first", []string{"2022年度宁波市北仑区司法局政府信息公开工作年度报告"}, "宁波市北仑区司法局", 2022},
		{"two lines", []string{"                洪泽区人民政府", "      2023 年政府信息公开工作年度报告", "", "本报告由……"}, "洪泽区人民政府", 2023},
		{"full-width digits and book title marks", []string{"《某市某局２０２１年政府信息公开工作年度报告》"}, "某市某局", 2021},
		{"after navigation", []string{"首页 > 政务公开", "某县人民政府办公室2020年政府信息公开工作年度报告"}, "某县人民政府办公室", 2020},
		{"year last", []string{"某市某局政府信息公开工作年度报告（2022年度）"}, "某市某局", 2022},
		{"period only", []string{"年度报告", "报告中所列数据统计期限自 2023 年 1 月 1 日起至 2023 年 12 月 31 日止。"}, "", 2023},
		{"none", []string{"一、总体情况"}, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := newExtractor(linesDoc(tt.lines...))
			r := &report.Report{}
			x.meta()
			x.metaInto(r)
			if r.Agency != tt.agency || r.Year != tt.year {
				t.Errorf("got %q %d; want %q %d", r.Agency, r.Year, tt.agency, tt.year)
			}
		})
	}
}

func TestDate(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  string
	}{
		{"signature under the text", []string{"六、其他需要报告的事项", "无。", "", "北仑区司法局", "2023年1月15日"}, "2023-01-15"},
		{"agency and date on one line", []string{"六、其他需要报告的事项", "无。", "北仑区司法局    2023年1月15日"}, "2023-01-15"},
		{"Chinese numerals", []string{"无。", "某市某局", "二〇二三年一月二十日"}, "2023-01-20"},
		{"in brackets", []string{"无。", "（2023年1月15日）"}, "2023-01-15"},
		{"Chinese numerals 三十一", []string{"无。", "二〇二一年十二月三十一日"}, "2021-12-31"},
		{"web page 发布时间", []string{"发布时间：2023-01-20 来源：本站", "正文", "无。"}, "2023-01-20"},
		{"web page 发布日期 with 年月日", []string{"发布日期：2022年1月28日", "正文"}, "2022-01-28"},
		{"signature wins over 发布时间", []string{"发布时间：2023-01-28", "正文", "无。", "某局", "2023年1月15日"}, "2023-01-15"},
		{"statistical period is not a date", []string{"报告中所列数据统计期限自 2023 年 1 月 1 日起至 2023 年 12 月 31 日止。", "全年收取政府信息公开信息处理费 0 元。"}, ""},
		{"impossible date", []string{"无。", "2023年2月30日"}, ""},
		{"date inside a sentence", []string{"无。", "我局于2023年1月15日召开会议。"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := newExtractor(linesDoc(tt.lines...))
			x.meta()
			if x.date != tt.want {
				t.Errorf("got %q; want %q", x.date, tt.want)
			}
		})
	}
}

func TestHeading(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"一、总体情况", 1},
		{"2、 主动公开政府信息情况", 2},
		{"（二）主动公开政府信息情况", 2},
		{"三、收到和处理政府信息公开申请情况", 3},
		{"四、政府信息公开行政复议、行政诉讼情况", 4},
		{"四、因政府信息公开工作被申请行政复议和提起行政诉讼情况", 4},
		{"五、存在的主要问题及改进情况", 5},
		{"五、存在问题及改进情况", 5},
		{"五、存在的主要问题和改进措施", 5},
		{"五、政府信息公开工作存在的主要问题及改进情况", 5},
		{"六、其他需要报告的事项", 6},
		{"（一）主动公开情况。主要通过政府门户网站主动公开政府文件", 0},
		{"（4） 平台保障情况", 0},
		{"四、结转下年度继续办理", 0},
		{"三、本年度办理结果", 0},
	}
	d := textDoc("t", FormatText, "三、  收到和处理政府信息公开申请情况\n行政复议  行政诉讼\n")
	x := newExtractor(d)
	if h := x.lineHeading(0); h != 3 {
		t.Errorf("heading split over two cells: got %d; want 3", h)
	}
	if h := x.lineHeading(1); h != 0 {
		t.Errorf("table 四 header: got heading %d; want 0", h)
	}
	for _, tt := range tests {
		if got := heading(stripNum(report.Normalize(tt.in))); got != tt.want {
			t.Errorf("heading(%q) = %d; want %d", tt.in, got, tt.want)
		}
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		in   string
		want kind
	}{
		{"0", kNum}, {"１２", kNum}, {" 3 ", kNum}, {"1,234", kNum}, {"7730.28", kNum}, {"3件", kNum},
		{"[bookmark: _GoBack]0", kNum},
		{"", kBlank}, {"  ", kBlank},
		{"/", kDash}, {"—", kDash}, {"——", kDash}, {"-", kDash}, {"－", kDash}, {"无", kDash},
		{"1O", kBad}, {"约3", kBad}, {"3左右", kBad}, {"1,23", kBad},
		{"2.重复申请", kText}, {"规章", kText}, {"第二十条第（一）项", kText},
	}
	for _, tt := range tests {
		if got := classify(report.Normalize(tt.in)); got != tt.want {
			t.Errorf("classify(%q) = %d; want %d", tt.in, got, tt.want)
		}
	}
}

func TestMatchReqAgreesWithModel(t *testing.T) {
	for r, ri := range report.Rows {
		k := stripNum(report.Normalize(ri.Label))
		m, ok := matchReq(k, true, true)
		if !ok || m.group != 0 || m.row != report.RowID(r) {
			t.Errorf("label %q: got %+v %v; want row %s", ri.Label, m, ok, ri.ID)
		}
	}
	for _, typo := range []struct {
		in   string
		want report.RowID
	}{
		{"二、上年转结政府信息公开申请数量", report.CarriedOver},
		{"四、转结下年度继续办理", report.CarriedForward},
		{"3.危及三安全一稳定", report.WithheldSecurityStability},
		{"2.其他法律行政止公开", report.WithheldProhibitedByLaw},
		{"5.要求行政机关确认或重 新出具", report.RejectedReconfirm},
		{"（五）不予处理 2.重复申请", report.RejectedDuplicate},
		{"（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", report.OtherNoCorrection},
		{"（六）其他处理3.其他", report.OtherOther},
		{"三、本年度办理结果 （一）予以公开", report.Granted},
	} {
		if m, ok := matchReq(stripNum(report.Normalize(typo.in)), false, true); !ok || m.row != typo.want {
			t.Errorf("label %q: got %+v %v; want %s", typo.in, m, ok, report.Rows[typo.want].ID)
		}
	}
	if _, ok := matchReq("其他", false, false); ok {
		t.Error("bare 其他 outside （六） matched a row")
	}
	if _, ok := matchReq("总计", false, false); ok {
		t.Error("column header 总计 before any result row matched a row")
	}
}
