package letter

import (
	"fmt"
	"strings"

	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/request"
)

// A ReceiptInput is what a 登记回执 says.
type ReceiptInput struct {
	Case
	Deadline  request.Deadline // the reply due date with its explanation
	QueryCode string           // the code that lets the applicant follow the request online
}

// Receipt writes the 登记回执: the tracking number, the receipt date under
// 条例第三十一条, the reply due date under 第三十三条第二款 with the lines
// that explain it, and how to follow the request.
func Receipt(s Settings, m Meta, in ReceiptInput) (*Letter, error) {
	const op = "receipt"
	if err := s.check(op, m); err != nil {
		return nil, err
	}
	if err := in.check(op, m); err != nil {
		return nil, err
	}
	if in.Deadline.Due.IsZero() {
		return nil, invalid(op, "letter.due_missing")
	}
	l := newLetter(s, m, KindReceipt, "政府信息公开申请登记回执", in.Applicant)
	l.para("%s已收悉，本机关已予登记。现将有关事项告知如下：", in.received())
	l.item("一、登记号：" + in.TrackingNo)
	if in.Content != "" {
		l.item("二、申请公开的政府信息：" + in.Content)
	}
	l.item(fmt.Sprintf("三、收到申请之日：%s。%s。", in.Received.Chinese(), receiptRule(in.Channel)))
	dl := in.Deadline
	l.item(fmt.Sprintf("四、答复期限：依照《条例》第三十三条第二款，本机关自收到申请之日起20个工作日内予以答复，答复期限%s，该日为%s。期限计算如下：",
		lastDay(dl.Due), dl.Due.WeekdayZh()))
	for _, line := range dl.Lines {
		l.note(line.Zh)
	}
	l.para("需要%s补正申请、征求第三方或者其他机关意见、收取信息处理费，或者经批准延长答复期限的，答复期限依法相应调整，本机关将另行书面告知。",
		in.you())
	query := "可以凭登记号"
	if in.QueryCode != "" {
		query += "和查询码（" + in.QueryCode + "）"
	}
	where := "向本机关查询办理进度"
	if s.QueryURL != "" {
		where = "登录 " + s.QueryURL + " 查询办理进度、阅读本机关的告知书"
	}
	if s.Phone != "" {
		where += "，也可以拨打 " + s.Phone + " 咨询"
	}
	l.para("%s%s%s。", in.you(), query, where)
	l.cite("第三十一条", "第三十三条第二款")
	return l, nil
}

// A CorrectionInput is what a 补正告知书 says.
type CorrectionInput struct {
	Case
	Items []string      // what to correct, one item each
	Until calendar.Date // the end of the correction period the agency sets
}

// Correction writes the 补正告知书 of 条例第三十条: what to correct, all at
// once, and the correction period; that the reply period restarts from
// receipt of the corrected application; and that an application not
// corrected in time without good reason is treated as withdrawn.
func Correction(s Settings, m Meta, in CorrectionInput) (*Letter, error) {
	const op = "correction"
	if err := s.check(op, m); err != nil {
		return nil, err
	}
	if err := in.check(op, m); err != nil {
		return nil, err
	}
	var items []string
	for _, it := range in.Items {
		if it = strings.TrimSpace(it); it != "" {
			items = append(items, it)
		}
	}
	if len(items) == 0 {
		return nil, invalid(op, "letter.correction_items")
	}
	if !in.Until.After(m.Date) {
		return nil, invalid(op, "letter.correction_until_early", in.Until, m.Date)
	}
	l := newLetter(s, m, KindCorrection, "政府信息公开申请补正告知书", in.Applicant)
	l.para("%s已收悉。经审查，%s的申请内容不明确，本机关无法确定%s所需的政府信息。依照%s（以下简称《条例》）第三十条的规定，现一次性告知%s对以下事项作出补正：",
		in.received(), in.you(), in.you(), Regulation, in.you())
	for i, it := range items {
		l.item(fmt.Sprintf("%d. %s", i+1, it))
	}
	l.para("补正期限%s。请%s在补正期限内将补正后的申请提交本机关。补正时，请写明所需政府信息的名称、文号或者便于本机关查询的其他特征性描述。", lastDay(in.Until), in.you())
	l.para("依照《条例》第三十条，答复期限自本机关收到补正的申请之日起重新计算。")
	l.para("%s无正当理由逾期不补正的，视为放弃申请，本机关将不再处理该政府信息公开申请。", in.you())
	l.cite("第三十条")
	return l, nil
}

// An ExtensionInput is what a 延期告知书 says.
type ExtensionInput struct {
	Case
	Reason      string        // why the reply cannot be given in time
	Days        int           // the extension in working days, 1–20
	OriginalDue calendar.Date // the due date before the extension
	NewDue      calendar.Date // the due date after it
}

// Extension writes the 延期告知书 of 条例第三十三条第二款: the reply period
// is extended, with the approval of the head of the disclosure office, by
// at most 20 working days, to the new due date.
func Extension(s Settings, m Meta, in ExtensionInput) (*Letter, error) {
	const op = "extension"
	if err := s.check(op, m); err != nil {
		return nil, err
	}
	if err := in.check(op, m); err != nil {
		return nil, err
	}
	if in.Days < 1 || in.Days > request.MaxExtension {
		return nil, invalid(op, "letter.extension_days", request.MaxExtension, in.Days)
	}
	if in.OriginalDue.IsZero() || !in.NewDue.After(in.OriginalDue) {
		return nil, invalid(op, "letter.extension_not_later")
	}
	if m.Date.After(in.OriginalDue) {
		return nil, invalid(op, "letter.extension_too_late", in.OriginalDue)
	}
	l := newLetter(s, m, KindExtension, "政府信息公开申请延期答复告知书", in.Applicant)
	why := "因所申请的政府信息需要进一步检索、核实"
	if r := strings.TrimSpace(in.Reason); r != "" {
		why = "因" + strings.TrimPrefix(strings.TrimSuffix(r, "。"), "因")
	}
	l.para("%s已收悉。%s，本机关无法在%s（以下简称《条例》）第三十三条第二款规定的20个工作日内作出答复。",
		in.received(), why, Regulation)
	l.para("经本机关政府信息公开工作机构负责人同意，依照《条例》第三十三条第二款的规定，答复期限延长%d个工作日，延长后的答复期限%s。原答复期限为%s。延长的期限最长不超过20个工作日。",
		in.Days, lastDay(in.NewDue), in.OriginalDue.Chinese())
	l.para("特此告知。")
	l.cite("第三十三条第二款")
	return l, nil
}

// A ThirdPartyInput is what a 征求第三方意见书 says. The applicant is not
// named to the third party.
type ThirdPartyInput struct {
	Case
	ThirdParty  string        // the addressee
	Information string        // the information whose disclosure concerns the third party
	Until       calendar.Date // optional: the last day to answer, if the agency computed it
}

// ThirdPartyWorkdays is the time a third party has to answer (条例第三十二条).
const ThirdPartyWorkdays = 15

// ThirdParty writes the 征求第三方意见书 of 条例第三十二条: the third party
// answers within 15 working days of receiving it; without an answer the
// agency decides under the 条例; a refusal with good reason means no
// disclosure unless withholding would seriously harm the public interest.
func ThirdParty(s Settings, m Meta, in ThirdPartyInput) (*Letter, error) {
	const op = "third party"
	if err := s.check(op, m); err != nil {
		return nil, err
	}
	if err := in.check(op, m); err != nil {
		return nil, err
	}
	if strings.TrimSpace(in.ThirdParty) == "" {
		return nil, invalid(op, "letter.third_party_missing")
	}
	info := strings.TrimSpace(in.Information)
	if info == "" {
		info = strings.TrimSpace(in.Content)
	}
	if info == "" {
		return nil, invalid(op, "letter.third_party_info")
	}
	if !in.Until.IsZero() && !in.Until.After(m.Date) {
		return nil, invalid(op, "letter.third_party_until_early", in.Until, m.Date)
	}
	l := newLetter(s, m, KindThirdParty, "政府信息公开第三方意见征询书", in.ThirdParty)
	l.para("本机关于%s收到一份政府信息公开申请（登记号：%s），申请公开的政府信息为：%s。经审查，该政府信息的公开可能损害你方的合法权益。依照%s（以下简称《条例》）第三十二条的规定，现书面征求你方意见。",
		in.Received.Chinese(), in.TrackingNo, strings.TrimSuffix(info, "。"), Regulation)
	until := ""
	if !in.Until.IsZero() {
		until = "，即" + lastDay(in.Until)
	}
	l.para("请你方自收到本意见书之日起%d个工作日内%s，以书面形式向本机关提出是否同意公开的意见；不同意公开的，请说明理由并提供相应材料。",
		ThirdPartyWorkdays, until)
	l.para("你方逾期未提出意见的，由本机关依照《条例》的规定决定是否公开。你方不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知你方。")
	l.para("附：第三方意见回执")
	l.Body = append(l.Body, Block{Kind: Table, Rows: [][]string{
		{"事项", "第三方填写"},
		{"是否同意公开", "□ 同意公开　□ 不同意公开"},
		{"理由", ""},
		{"签名（盖章）", ""},
		{"日期", "______年____月____日"},
	}})
	l.cite("第三十二条")
	return l, nil
}

// receiptRule says which day is the receipt day for a channel, citing
// 条例第三十一条 and the item that applies (request.Channel.ReceiptRule).
func receiptRule(c request.Channel) string {
	art, text := "第三十一条", "收到申请之日依法确定"
	if rule := c.ReceiptRule(); rule != "" {
		if i := strings.Index(rule, "（条例"); i > 0 {
			text = rule[:i]
			art = strings.TrimSuffix(rule[i+len("（条例"):], "）")
		}
	}
	return "依照" + Regulation + "（以下简称《条例》）" + art + "，" + text
}
