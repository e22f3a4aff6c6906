package letter

import (
	"fmt"
	"strings"

	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/request"
)

// A FeeInput is what a 收费通知书 says.
type FeeInput struct {
	Case
	Quote request.FeeQuote // the computed fee with its bands
	PayBy calendar.Date    // optional: the last day to pay, if the agency computed it
}

// Fee writes the 收费通知书 (条例第四十二条; 《政府信息公开信息处理费管理办法》
// 国办函〔2020〕109号): the basis (按件, 第四条, or 按量, 第五条, never
// both, 第三条), the amount and how it was computed band by band, payment
// within 20 working days from the day after the notice is received, and
// that without payment the application is treated as withdrawn
// (regulation.md §3, §7).
func Fee(s Settings, m Meta, in FeeInput) (*Letter, error) {
	const op = "fee"
	if err := s.check(op, m); err != nil {
		return nil, err
	}
	if err := in.check(op, m); err != nil {
		return nil, err
	}
	q := in.Quote
	if q.Method != request.PerRequest && q.Method != request.PerPage {
		return nil, invalid(op, "letter.fee_method", q.Method)
	}
	if q.Yuan <= 0 {
		return nil, invalid(op, "letter.fee_zero")
	}
	if !in.PayBy.IsZero() && !in.PayBy.After(m.Date) {
		return nil, invalid(op, "letter.pay_by_early", in.PayBy, m.Date)
	}
	l := newLetter(s, m, KindFee, "政府信息公开信息处理费收费通知书", in.Applicant)
	l.para("%s已收悉。%s申请公开政府信息的数量、频次明显超过合理范围，依照%s（以下简称《条例》）第四十二条和%s（以下简称《办法》）的规定，本机关决定收取信息处理费。现将有关事项通知如下：",
		in.received(), in.you(), Regulation, FeeRules)
	rows := [][]string{{"计费档次", "收费标准", "计费数量", "金额（元）"}}
	switch q.Method {
	case request.PerRequest:
		l.item("一、计收方式：按件计收（《办法》第三条、第四条）。")
		l.item(fmt.Sprintf("二、计算方法：同一申请人一个自然月内累计申请10件以下（含10件）的，不收费；11—30件（含30件）的部分，100元/件；31件以上的部分，以10件为一档，每增加一档，收费标准提高100元/件。本申请为%s本自然月内累计提交的第%d件申请，收费%d元：",
			in.you(), q.Units, q.Yuan))
		lo, hi := perRequestBand(q.Units)
		rows = append(rows, []string{fmt.Sprintf("本月第%d—%d件", lo, hi), rate(request.PerRequestRate(q.Units), "件"), fmt.Sprintf("第%d件，1件", q.Units), fmt.Sprint(q.Yuan)})
	case request.PerPage:
		l.item("一、计收方式：按量计收（《办法》第三条、第五条）。")
		l.item(fmt.Sprintf("二、计算方法：按照超额累进方式计算，30页以下（含30页）的，不收费；31—100页（含100页）的部分，10元/页；101—200页（含200页）的部分，20元/页；201页以上的部分，40元/页。本申请共%d页，收费%d元：", q.Units, q.Yuan))
		for _, b := range q.Bands {
			rows = append(rows, []string{fmt.Sprintf("第%d—%d页", b.From, b.To), rate(b.Rate, "页"), fmt.Sprintf("%d页", b.Units), fmt.Sprint(b.Units * b.Rate)})
		}
	}
	rows = append(rows, []string{"合计", "", "", fmt.Sprint(q.Yuan)})
	l.Body = append(l.Body, Block{Kind: Table, Rows: rows})
	l.item(fmt.Sprintf("三、应缴金额：人民币%d元（大写：%s）。", q.Yuan, YuanZh(q.Yuan)))
	until := ""
	if !in.PayBy.IsZero() {
		until = "，即" + lastDay(in.PayBy)
	}
	pay := "缴纳方式请与本机关联系确认"
	if p := strings.TrimSpace(s.Payment); p != "" {
		pay = "缴纳方式：" + strings.TrimSuffix(p, "。")
	}
	l.item(fmt.Sprintf("四、缴纳期限：请%s自收到本通知次日起%d个工作日内缴纳%s。%s。", in.you(), request.FeePaymentWorkdays, until, pay))
	l.item(fmt.Sprintf("五、%s逾期未缴纳的，视为放弃申请，本机关将不再处理该政府信息公开申请。", in.you()))
	l.note("自本通知发出之日至缴费之日的期间，不计算在答复期限内。信息处理费按照政府非税收入和国库集中收缴有关规定缴入国库。")
	l.cite("第四十二条", "国办函〔2020〕109号")
	// A fee notice decides (regulation.md §8): it carries the remedies.
	rem, err := s.remedy(op, "", "本通知")
	if err != nil {
		return nil, err
	}
	l.para("%s", rem)
	return l, nil
}

// perRequestBand returns the 按件 band that the n-th request of a month
// falls in: 1–10, 11–30, then bands of 10 (办法第四条).
func perRequestBand(n int) (lo, hi int) {
	switch {
	case n <= 10:
		return 1, 10
	case n <= 30:
		return 11, 30
	}
	lo = 31 + 10*((n-31)/10)
	return lo, lo + 9
}

// rate writes a unit price: 不收费, or 100元/件.
func rate(yuan int, unit string) string {
	if yuan == 0 {
		return "不收费"
	}
	return fmt.Sprintf("%d元/%s", yuan, unit)
}

// YuanZh writes an amount of whole 元 in the capital numerals of receipts
// and invoices (大写): 1700 → 壹仟柒佰元整, 100200 → 壹拾万零贰佰元整.
// Negative amounts get 负.
func YuanZh(n int) string {
	if n == 0 {
		return "零元整"
	}
	sign := ""
	if n < 0 {
		sign, n = "负", -n
	}
	var groups []int // groups of four digits, lowest first
	for ; n > 0; n /= 10000 {
		groups = append(groups, n%10000)
	}
	bigs := []string{"", "万", "亿", "万亿", "亿亿"}
	var out strings.Builder
	zero := false
	for i := len(groups) - 1; i >= 0; i-- {
		g := groups[i]
		if g == 0 {
			zero = out.Len() > 0
			continue
		}
		if out.Len() > 0 && (zero || g < 1000) {
			out.WriteString("零")
		}
		out.WriteString(groupZh(g))
		if i < len(bigs) {
			out.WriteString(bigs[i])
		}
		zero = false
	}
	return sign + out.String() + "元整"
}

// groupZh writes 1–9999 in capital numerals, zeros inside as one 零.
func groupZh(g int) string {
	const digits = "零壹贰叁肆伍陆柒捌玖"
	d := []rune(digits)
	units := []string{"", "拾", "佰", "仟"}
	var out strings.Builder
	zero := false
	for pos, div := 3, 1000; pos >= 0; pos, div = pos-1, div/10 {
		x := g / div % 10
		if x == 0 {
			zero = out.Len() > 0
			continue
		}
		if zero {
			out.WriteString("零")
			zero = false
		}
		out.WriteRune(d[x])
		out.WriteString(units[pos])
	}
	return out.String()
}
