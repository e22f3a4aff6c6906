package report

// A Col is one column of table 三 (applicants).
type Col int

// The seven columns of table 三, in template order.
const (
	NaturalPerson Col = iota // 自然人
	Commercial               // 商业企业
	Research                 // 科研机构
	SocialWelfare            // 社会公益组织
	LegalService             // 法律服务机构
	OtherOrg                 // 其他
	ColTotal                 // 总计
	NumCols       = 7
)

// ColIDs are the stable ids of the columns of table 三.
var ColIDs = [NumCols]string{"natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"}

// ColLabels are the template's own column headers of table 三.
var ColLabels = [NumCols]string{"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"}

// A RowID is one row of table 三.
type RowID int

// The 25 rows of table 三, in template order.
const (
	New RowID = iota
	CarriedOver
	Granted
	PartiallyGranted
	WithheldStateSecret
	WithheldProhibitedByLaw
	WithheldSecurityStability
	WithheldThirdParty
	WithheldInternalAffairs
	WithheldProcessInfo
	WithheldEnforcementFile
	WithheldAdministrativeQuery
	UnavailableNotHeld
	UnavailableNeedsCreation
	UnavailableUnclear
	RejectedPetition
	RejectedDuplicate
	RejectedPublication
	RejectedMassRepeated
	RejectedReconfirm
	OtherNoCorrection
	OtherFeeUnpaid
	OtherOther
	RowTotal
	CarriedForward
	NumRows = 25
)

// A RowInfo describes one row of table 三 in the template's own words.
type RowInfo struct {
	ID    string // stable id, e.g. "withheld_state_secret"
	Group string // the enclosing label, e.g. "（三）不予公开"; "" for top-level rows
	Label string // the row's own label, e.g. "1.属于国家秘密"
}

// Name returns the row's label with its group, as a finding cites it:
// "（三）不予公开 1.属于国家秘密" or "（七）总计".
func (ri RowInfo) Name() string {
	if ri.Group == "" {
		return ri.Label
	}
	return ri.Group + " " + ri.Label
}

// Rows describes every row of table 三 (2021 template), indexed by RowID.
var Rows = [NumRows]RowInfo{
	{"new", "", "一、本年新收政府信息公开申请数量"},
	{"carried_over", "", "二、上年结转政府信息公开申请数量"},
	{"granted", "三、本年度办理结果", "（一）予以公开"},
	{"partially_granted", "三、本年度办理结果", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"},
	{"withheld_state_secret", "（三）不予公开", "1.属于国家秘密"},
	{"withheld_prohibited_by_law", "（三）不予公开", "2.其他法律行政法规禁止公开"},
	{"withheld_security_stability", "（三）不予公开", "3.危及“三安全一稳定”"},
	{"withheld_third_party", "（三）不予公开", "4.保护第三方合法权益"},
	{"withheld_internal_affairs", "（三）不予公开", "5.属于三类内部事务信息"},
	{"withheld_process_info", "（三）不予公开", "6.属于四类过程性信息"},
	{"withheld_enforcement_file", "（三）不予公开", "7.属于行政执法案卷"},
	{"withheld_administrative_query", "（三）不予公开", "8.属于行政查询事项"},
	{"unavailable_not_held", "（四）无法提供", "1.本机关不掌握相关政府信息"},
	{"unavailable_needs_creation", "（四）无法提供", "2.没有现成信息需要另行制作"},
	{"unavailable_unclear", "（四）无法提供", "3.补正后申请内容仍不明确"},
	{"rejected_petition", "（五）不予处理", "1.信访举报投诉类申请"},
	{"rejected_duplicate", "（五）不予处理", "2.重复申请"},
	{"rejected_publication", "（五）不予处理", "3.要求提供公开出版物"},
	{"rejected_mass_repeated", "（五）不予处理", "4.无正当理由大量反复申请"},
	{"rejected_reconfirm", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"},
	{"other_no_correction", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"},
	{"other_fee_unpaid", "（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"},
	{"other_other", "（六）其他处理", "3.其他"},
	{"total", "三、本年度办理结果", "（七）总计"},
	{"carried_forward", "", "四、结转下年度继续办理"},
}

// RowByID returns the row with the given stable id.
func RowByID(id string) (RowID, bool) {
	for i, ri := range Rows {
		if ri.ID == id {
			return RowID(i), true
		}
	}
	return 0, false
}

// IsResult reports whether the row is one of the 21 result rows
// (granted … other_other) that add up to the （七）总计 row.
func (r RowID) IsResult() bool { return r >= Granted && r <= OtherOther }

// Info returns the row's description.
func (r RowID) Info() RowInfo { return Rows[r] }

// A Row is one row of table 三: the six applicant columns and the total.
type Row [NumCols]Num

// Requests is table 三, indexed by RowID. A nil row is a row the report does
// not have (other_no_correction and other_fee_unpaid in the 2019 template).
type Requests [NumRows]*Row

// ResultRows returns the ids of the 21 result rows in template order.
func ResultRows() []RowID {
	out := make([]RowID, 0, 21)
	for r := Granted; r <= OtherOther; r++ {
		out = append(out, r)
	}
	return out
}
