package request

// An Outcome is how a request ended: exactly one of the 21 result rows of
// table 三 of the annual report (regulation.md §7 "one request, one
// outcome"). Its value is the row id of report-model.md §三.
type Outcome string

// The 21 outcomes, in the order of the report's rows.
const (
	Granted                     Outcome = "granted"
	PartiallyGranted            Outcome = "partially_granted"
	WithheldStateSecret         Outcome = "withheld_state_secret"
	WithheldProhibitedByLaw     Outcome = "withheld_prohibited_by_law"
	WithheldSecurityStability   Outcome = "withheld_security_stability"
	WithheldThirdParty          Outcome = "withheld_third_party"
	WithheldInternalAffairs     Outcome = "withheld_internal_affairs"
	WithheldProcessInfo         Outcome = "withheld_process_info"
	WithheldEnforcementFile     Outcome = "withheld_enforcement_file"
	WithheldAdministrativeQuery Outcome = "withheld_administrative_query"
	UnavailableNotHeld          Outcome = "unavailable_not_held"
	UnavailableNeedsCreation    Outcome = "unavailable_needs_creation"
	UnavailableUnclear          Outcome = "unavailable_unclear"
	RejectedPetition            Outcome = "rejected_petition"
	RejectedDuplicate           Outcome = "rejected_duplicate"
	RejectedPublication         Outcome = "rejected_publication"
	RejectedMassRepeated        Outcome = "rejected_mass_repeated"
	RejectedReconfirm           Outcome = "rejected_reconfirm"
	OtherNoCorrection           Outcome = "other_no_correction"
	OtherFeeUnpaid              Outcome = "other_fee_unpaid"
	OtherOther                  Outcome = "other_other"
)

// A LetterKind is the kind of letter that tells the applicant an outcome.
type LetterKind string

// The letter kinds. An outcome that ends a request without a reply
// (LetterTermination) is still notified, but it is not a 答复.
const (
	LetterDisclosure  LetterKind = "disclosure"  // 政府信息公开告知书（予以公开）
	LetterPartial     LetterKind = "partial"     // 政府信息部分公开告知书
	LetterWithholding LetterKind = "withholding" // 政府信息不予公开告知书
	LetterUnavailable LetterKind = "unavailable" // 政府信息无法提供告知书
	LetterNoAction    LetterKind = "no_action"   // 政府信息公开申请不予处理告知书
	LetterTermination LetterKind = "termination" // 终止处理告知书（逾期不补正、逾期未缴费）
	LetterOther       LetterKind = "other"       // 其他处理告知书
)

// LetterLabel returns the Chinese title of a letter kind.
func (k LetterKind) LetterLabel() string {
	switch k {
	case LetterDisclosure:
		return "政府信息公开告知书"
	case LetterPartial:
		return "政府信息部分公开告知书"
	case LetterWithholding:
		return "政府信息不予公开告知书"
	case LetterUnavailable:
		return "政府信息无法提供告知书"
	case LetterNoAction:
		return "政府信息公开申请不予处理告知书"
	case LetterTermination:
		return "政府信息公开申请终止处理告知书"
	case LetterOther:
		return "政府信息公开申请处理告知书"
	}
	return ""
}

// An OutcomeInfo describes an outcome: its group and leaf label as the
// report template prints them, the legal basis a reply letter cites, and
// the letter that carries it.
type OutcomeInfo struct {
	ID     Outcome
	Group  string     // （一）予以公开 … （六）其他处理, without the numbering
	Label  string     // the template's leaf label, without the numbering
	Basis  string     // the articles of the 条例 (or other rule) to cite
	Letter LetterKind // the letter that tells the applicant
	// Reply is false for the two outcomes that end a request without a
	// 答复: the applicant gave up by not correcting or not paying.
	Reply bool
}

// outcomes lists the 21 outcomes in report order. Bases follow
// regulation.md §2 (the suggested mapping of 第三十六条 to the rows is
// marked DERIVED there; so is 行政查询事项 → 第三十六条第（七）项).
var outcomes = []OutcomeInfo{
	{Granted, "予以公开", "予以公开", "《中华人民共和国政府信息公开条例》第三十六条第（一）项、第（二）项", LetterDisclosure, true},
	{PartiallyGranted, "部分公开", "部分公开（区分处理的，只计这一情形，不计其他情形）", "《中华人民共和国政府信息公开条例》第三十七条、第三十六条第（三）项", LetterPartial, true},
	{WithheldStateSecret, "不予公开", "属于国家秘密", "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项", LetterWithholding, true},
	{WithheldProhibitedByLaw, "不予公开", "其他法律行政法规禁止公开", "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项", LetterWithholding, true},
	{WithheldSecurityStability, "不予公开", "危及“三安全一稳定”", "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项", LetterWithholding, true},
	{WithheldThirdParty, "不予公开", "保护第三方合法权益", "《中华人民共和国政府信息公开条例》第十五条、第三十二条、第三十六条第（三）项", LetterWithholding, true},
	{WithheldInternalAffairs, "不予公开", "属于三类内部事务信息", "《中华人民共和国政府信息公开条例》第十六条第一款、第三十六条第（三）项", LetterWithholding, true},
	{WithheldProcessInfo, "不予公开", "属于四类过程性信息", "《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项", LetterWithholding, true},
	{WithheldEnforcementFile, "不予公开", "属于行政执法案卷", "《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项", LetterWithholding, true},
	{WithheldAdministrativeQuery, "不予公开", "属于行政查询事项", "《中华人民共和国政府信息公开条例》第三十六条第（七）项", LetterWithholding, true},
	{UnavailableNotHeld, "无法提供", "本机关不掌握相关政府信息", "《中华人民共和国政府信息公开条例》第三十六条第（四）项、第（五）项", LetterUnavailable, true},
	{UnavailableNeedsCreation, "无法提供", "没有现成信息需要另行制作", "《中华人民共和国政府信息公开条例》第三十八条", LetterUnavailable, true},
	{UnavailableUnclear, "无法提供", "补正后申请内容仍不明确", "《中华人民共和国政府信息公开条例》第二十九条第二款第（二）项、第三十条", LetterUnavailable, true},
	{RejectedPetition, "不予处理", "信访举报投诉类申请", "《中华人民共和国政府信息公开条例》第三十九条第一款", LetterNoAction, true},
	{RejectedDuplicate, "不予处理", "重复申请", "《中华人民共和国政府信息公开条例》第三十六条第（六）项", LetterNoAction, true},
	{RejectedPublication, "不予处理", "要求提供公开出版物", "《中华人民共和国政府信息公开条例》第三十九条第二款", LetterNoAction, true},
	{RejectedMassRepeated, "不予处理", "无正当理由大量反复申请", "《中华人民共和国政府信息公开条例》第三十五条", LetterNoAction, true},
	{RejectedReconfirm, "不予处理", "要求行政机关确认或重新出具已获取信息", "《中华人民共和国政府信息公开条例》第三十六条（条例对此情形无专门条款，依实际情况说明理由）", LetterNoAction, true},
	{OtherNoCorrection, "其他处理", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "《中华人民共和国政府信息公开条例》第三十条", LetterTermination, false},
	{OtherFeeUnpaid, "其他处理", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "《中华人民共和国政府信息公开条例》第四十二条、《政府信息公开信息处理费管理办法》", LetterTermination, false},
	{OtherOther, "其他处理", "其他", "", LetterOther, true},
}

var outcomeIndex = func() map[Outcome]int {
	m := make(map[Outcome]int, len(outcomes))
	for i, o := range outcomes {
		m[o.ID] = i
	}
	return m
}()

// Outcomes returns the 21 outcomes in the order of the report's rows.
func Outcomes() []OutcomeInfo { return append([]OutcomeInfo(nil), outcomes...) }

// Info returns the description of o and whether o is one of the 21.
func (o Outcome) Info() (OutcomeInfo, bool) {
	i, ok := outcomeIndex[o]
	if !ok {
		return OutcomeInfo{}, false
	}
	return outcomes[i], true
}

// Valid reports whether o is one of the 21 outcomes.
func (o Outcome) Valid() bool { _, ok := outcomeIndex[o]; return ok }

// Label returns the template's leaf label of o ("" if o is not valid).
func (o Outcome) Label() string { i, _ := o.Info(); return i.Label }

// Index returns o's position among the 21 result rows (0 for granted),
// or -1 if o is not valid.
func (o Outcome) Index() int {
	if i, ok := outcomeIndex[o]; ok {
		return i
	}
	return -1
}
