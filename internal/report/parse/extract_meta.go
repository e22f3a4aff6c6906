package parse

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/report"
)

var (
	// titleRE matches a report title once normalised:
	// 宁波市北仑区司法局2022年度政府信息公开年度报告,
	// 洪泽区人民政府2023年政府信息公开工作年度报告,
	// 2022年度宁波市北仑区司法局政府信息公开工作年度报告.
	titleRE = regexp.MustCompile(`^(.*?)((?:19|20)\d\d)年度?(.*?)(?:政府信息公开|政务公开).{0,8}报告`)
	// titleYearLastRE matches 某局政府信息公开工作年度报告（2022年度）.
	titleYearLastRE = regexp.MustCompile(`^(.*?)(?:政府信息公开|政务公开).{0,8}报告[(（]((?:19|20)\d\d)年?度?[)）]$`)
	// sigRE matches a signature date line, optionally after the agency.
	sigRE   = regexp.MustCompile(`^([^,，。;；:]{0,30}?)((?:19|20)\d\d)年(\d{1,2})月(\d{1,2})日$`)
	sigCNRE = regexp.MustCompile(`^([^,，。;；:]{0,30}?)([〇零○O0一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$`)
	// pubRE matches a web page's 发布时间/发布日期 line.
	pubRE = regexp.MustCompile(`(?:发布时间|发布日期|成文日期|发文日期|印发日期)[:]?((?:19|20)\d\d)[-/.年](\d{1,2})[-/.月](\d{1,2})`)
	// sentenceRE matches a report named in the first sentence when there is
	// no title line: …现公布区统计局2023年政府信息公开工作年度报告,
	// 特编制湛江市人民政府地方志办公室2023年政府信息公开工作年度报告.
	sentenceRE = regexp.MustCompile(`(?:现公布|现予公布|予以公布|现将|现发布|特编制|编制|制作|形成)了?(?:本机关|本单位|我局|我委|我办)?([^,，。;；:《》“”]{2,40}?)((?:19|20)\d\d)年度?(?:的)?(?:政府信息公开|政务公开)[^。]{0,8}报告`)
	// periodRE matches the statistical period 2023年1月1日起至2023年12月31日.
	periodRE = regexp.MustCompile(`((?:19|20)\d\d)年1月1日(?:起)?(?:至|到|-|—)(?:(?:19|20)\d\d)年12月31日`)
)

// metadata found by meta.
type metadata struct {
	agency string
	year   int
	date   string
}

// meta finds the title (agency and year), the signature block and the date.
func (x *extractor) meta() {
	x.sigLine = len(x.d.Lines)
	x.findSignature()
}

// lineNorm returns the normalised text of line li.
func (x *extractor) lineNorm(li int) string {
	s, e := x.lineStart[li], x.lineStart[li+1]
	if e-s == 1 {
		return x.toks[s].n
	}
	var b strings.Builder
	for j := s; j < e; j++ {
		b.WriteString(x.toks[j].n)
	}
	return b.String()
}

// metaInto sets the agency, year and date of r.
func (x *extractor) metaInto(r *report.Report) {
	m := x.title()
	if m.agency == "" && m.year == 0 {
		m = x.sentence()
	}
	if m.year == 0 {
		m.year = x.period()
	}
	if m.agency == "" {
		m.agency = x.signatureAgency()
	}
	if m.year == 0 && len(x.date) == len("2006-01-02") && x.date[5:7] <= "06" {
		// Only a date: a report dated in the first half of a year reports on
		// the year before (it is due by 31 January, 条例第四十九条).
		fmt.Sscan(x.date[:4], &m.year)
		m.year--
	}
	if x.trad {
		m.agency = x.asWritten(m.agency)
	}
	r.Agency, r.Year = strings.Clone(m.agency), m.year
	r.Date = x.date
}

// title finds the report's title among the first lines: the agency before
// (or after) the year, or on the line above when the title starts with
// the year ("洪泽区人民政府" / "2023 年政府信息公开工作年度报告").
func (x *extractor) title() metadata {
	lines := len(x.d.Lines)
	if lines > 80 {
		lines = 80
	}
	for li := 0; li < lines; li++ {
		n := x.lineNorm(li)
		if utf8.RuneCountInString(n) > 80 || !strings.Contains(n, "报告") {
			continue
		}
		m := titleRE.FindStringSubmatch(n)
		if m == nil {
			if m = titleYearLastRE.FindStringSubmatch(n); m == nil {
				continue
			}
			m = []string{m[0], m[1], m[2], ""}
		}
		var md metadata
		fmt.Sscan(m[2], &md.year)
		md.agency = cleanAgency(m[1])
		if strings.ContainsAny(md.agency, "，,。；;《》") {
			// A sentence, not a title: "…规定,现公布区统计局2023年…报告。"
			if s := sentenceRE.FindStringSubmatch(n); s != nil {
				md.agency = cleanAgency(s[1])
			} else {
				continue
			}
		}
		if md.agency == "" {
			md.agency = cleanAgency(m[3])
		}
		if md.agency == "" && li > 0 {
			for k := li - 1; k >= 0 && k >= li-3; k-- {
				p := x.lineNorm(k)
				if p == "" {
					continue
				}
				if utf8.RuneCountInString(p) <= 30 && !strings.ContainsAny(p, "0123456789,，。:") && heading(stripNum(p)) == 0 {
					md.agency = cleanAgency(p)
				}
				break
			}
		}
		return md
	}
	return metadata{}
}

// asWritten returns the agency's name as the document writes it (in
// traditional characters) for a name found in the folded text.
func (x *extractor) asWritten(folded string) string {
	if folded == "" {
		return ""
	}
	for li := range x.d.Lines {
		f := x.lineNorm(li)
		i := strings.Index(f, folded)
		if i < 0 {
			continue
		}
		var b strings.Builder
		for _, c := range x.d.Lines[li].Cells {
			b.WriteString(report.Normalize(c.Text))
		}
		u := []rune(b.String())
		start := utf8.RuneCountInString(f[:i])
		n := utf8.RuneCountInString(folded)
		if utf8.RuneCountInString(f) == len(u) && start+n <= len(u) {
			return string(u[start : start+n])
		}
	}
	return folded
}

// sentence finds the agency and year in the first sentences of a report
// that has no title line.
func (x *extractor) sentence() metadata {
	for li := 0; li < len(x.d.Lines) && li < 40; li++ {
		n := x.lineNorm(li)
		if !strings.Contains(n, "报告") {
			continue
		}
		m := sentenceRE.FindStringSubmatch(n)
		if m == nil {
			continue
		}
		var md metadata
		fmt.Sscan(m[2], &md.year)
		md.agency = cleanAgency(m[1])
		if strings.HasPrefix(md.agency, "我") || strings.HasPrefix(md.agency, "本") {
			md.agency = ""
		}
		return md
	}
	return metadata{}
}

// signatureAgency is the agency named in the signature block (the line
// above the date, or before it on the same line), "" when none.
func (x *extractor) signatureAgency() string {
	if x.sigLine >= len(x.d.Lines) {
		return ""
	}
	n := x.lineNorm(x.sigLine)
	if _, prefix, ok := parseDateLine(n); ok {
		return cleanAgency(prefix)
	}
	if utf8.RuneCountInString(n) <= 30 && !strings.ContainsAny(n, "0123456789,，。:：") {
		return cleanAgency(n)
	}
	return ""
}

// cleanAgency trims the decorations around an agency name in a title.
func cleanAgency(s string) string {
	s = strings.Trim(s, "《》<>\"“”-—:·")
	s = strings.TrimSuffix(s, "关于")
	s = strings.TrimPrefix(s, "关于")
	return strings.TrimSpace(s)
}

// period finds the year from the statistical period when the title has
// none.
func (x *extractor) period() int {
	for li := range x.d.Lines {
		n := x.lineNorm(li)
		if !strings.Contains(n, "12月31日") {
			continue
		}
		if m := periodRE.FindStringSubmatch(n); m != nil {
			var y int
			fmt.Sscan(m[1], &y)
			return y
		}
	}
	return 0
}

// findSignature looks at the last lines for a date standing alone (the
// signature date, possibly after the agency's name on the same or the line
// above) and otherwise for a 发布时间/发布日期 line anywhere. It marks where
// the signature block starts so that it is not read as section 六's text.
func (x *extractor) findSignature() {
	seen := 0
	for li := len(x.d.Lines) - 1; li >= 0 && seen < 6; li-- {
		n := x.lineNorm(li)
		if n == "" {
			continue
		}
		seen++
		d, prefix, ok := parseDateLine(n)
		if !ok {
			continue
		}
		x.date = d
		x.sigLine = li
		if prefix == "" && li > 0 {
			p := x.lineNorm(li - 1)
			if p != "" && utf8.RuneCountInString(p) <= 30 && !strings.ContainsAny(p, "。，,;；") && heading(stripNum(p)) == 0 {
				x.sigLine = li - 1
			}
		}
		return
	}
	for li := range x.d.Lines {
		s, e := x.lineStart[li], x.lineStart[li+1]
		found := false
		for j := s; j < e; j++ {
			if strings.Contains(x.toks[j].raw, "日期") || strings.Contains(x.toks[j].raw, "时间") {
				found = true
				break
			}
		}
		if !found {
			continue
		}
		if m := pubRE.FindStringSubmatch(x.lineNorm(li)); m != nil {
			if d, ok := ymd(m[1], m[2], m[3]); ok {
				x.date = d
				return
			}
		}
	}
}

// parseDateLine reads a line that is only a date (after an optional short
// prefix such as the agency): "2023年1月15日", "二〇二三年一月十五日".
func parseDateLine(n string) (date, prefix string, ok bool) {
	if strings.HasSuffix(n, ")") {
		if i := strings.LastIndexByte(n, '('); i >= 0 {
			n = n[:i] + n[i+1:len(n)-1]
		}
	}
	if !strings.HasSuffix(n, "日") || utf8.RuneCountInString(n) > 45 {
		return "", "", false
	}
	if m := sigRE.FindStringSubmatch(n); m != nil {
		d, ok := ymd(m[2], m[3], m[4])
		return d, m[1], ok
	}
	if m := sigCNRE.FindStringSubmatch(n); m != nil {
		y := strings.Map(func(r rune) rune {
			switch r {
			case '〇', '零', '○', 'O':
				return '0'
			}
			if i := strings.IndexRune("一二三四五六七八九", r); i >= 0 {
				return '1' + rune(i/3)
			}
			return r
		}, m[2])
		mm, _ := report.ParseCount(m[3])
		dd, _ := report.ParseCount(m[4])
		d, ok := ymd(y, fmt.Sprint(mm), fmt.Sprint(dd))
		return d, m[1], ok
	}
	return "", "", false
}

// ymd validates a date and formats it as YYYY-MM-DD.
func ymd(y, m, d string) (string, bool) {
	yy, err1 := strconv.Atoi(y)
	mm, err2 := strconv.Atoi(m)
	dd, err3 := strconv.Atoi(d)
	if err1 != nil || err2 != nil || err3 != nil {
		return "", false
	}
	c, err := calendar.Parse(fmt.Sprintf("%04d-%02d-%02d", yy, mm, dd))
	if err != nil {
		return "", false
	}
	return c.String(), true
}

// template recognises the template version by table 二's column headers
// (regulation.md §1.2, recogniser hints): the 2019 (试行) template's
// 本年新制作数量/上一年项目数量/第二十条第（九）项 against the 2021 template's
// 本年制发件数/现行有效件数/本年收费金额. Without either, 2021.
func (x *extractor) template() report.Template {
	var s19, s21 int
	for i := range x.toks {
		t := &x.toks[i]
		if t.kind != kText || len(t.key) > 60 {
			continue
		}
		for _, m := range markers2019 {
			if strings.Contains(t.key, m) {
				s19++
			}
		}
		for _, m := range markers2021 {
			if strings.Contains(t.key, m) {
				s21++
			}
		}
	}
	if s19 > s21 {
		return report.Template2019
	}
	return report.Template2021
}
