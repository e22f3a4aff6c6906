package request

// A State is where a request stands in its workflow (regulation.md §7).
type State string

// The states. A request starts registered and ends replied-then-closed, or
// ends without a reply (ended_no_correction, ended_fee_unpaid, withdrawn).
const (
	Registered          State = "registered"           // 已登记
	CorrectionRequested State = "correction_requested" // 已告知补正，等待申请人（计时停止）
	Corrected           State = "corrected"            // 已收到补正，期限重新起算
	InProgress          State = "in_progress"          // 办理中
	Consulting          State = "consulting"           // 征求意见中（计时暂停，第三十二、三十四条）
	AwaitingFee         State = "awaiting_fee"         // 已发收费通知，等待缴费（计时暂停）
	DraftReply          State = "draft_reply"          // 答复拟稿
	InReview            State = "in_review"            // 审核中
	Approved            State = "approved"             // 负责人已批准
	Replied             State = "replied"              // 已答复
	Closed              State = "closed"               // 已办结归档（第四十五条）
	EndedNoCorrection   State = "ended_no_correction"  // 逾期不补正，不再处理（第三十条）
	EndedFeeUnpaid      State = "ended_fee_unpaid"     // 逾期未缴费，不再处理
	Withdrawn           State = "withdrawn"            // 申请人撤回
)

var stateLabels = map[State]string{
	Registered:          "已登记",
	CorrectionRequested: "待补正",
	Corrected:           "已补正",
	InProgress:          "办理中",
	Consulting:          "征求意见中",
	AwaitingFee:         "待缴费",
	DraftReply:          "答复拟稿",
	InReview:            "审核中",
	Approved:            "已批准",
	Replied:             "已答复",
	Closed:              "已办结",
	EndedNoCorrection:   "逾期未补正终止",
	EndedFeeUnpaid:      "逾期未缴费终止",
	Withdrawn:           "已撤回",
}

// Label returns the state's Chinese name.
func (s State) Label() string { return stateLabels[s] }

// Valid reports whether s is a known state.
func (s State) Valid() bool { _, ok := stateLabels[s]; return ok }

// Ended reports whether a request in state s has its outcome for the
// report: replied (or closed after the reply), or ended without a reply.
func (s State) Ended() bool {
	switch s {
	case Replied, Closed, EndedNoCorrection, EndedFeeUnpaid, Withdrawn:
		return true
	}
	return false
}

// Paused reports whether the reply clock is stopped in state s.
func (s State) Paused() bool {
	return s == CorrectionRequested || s == Consulting || s == AwaitingFee
}

// A Role is what a member of staff may do with requests. Roles are names
// here; accounts and permissions live elsewhere.
type Role string

// The roles of the workflow.
const (
	Clerk    Role = "clerk"    // 承办人: registers, handles, drafts, sends
	Reviewer Role = "reviewer" // 审核人: reviews drafts
	Head     Role = "head"     // 政府信息公开工作机构负责人: approves replies and extensions
)

// An Action is a step of the workflow; each event records one.
type Action string

// The actions.
const (
	ActRegister          Action = "register"
	ActRequestCorrection Action = "request_correction" // 补正告知（第三十条，7 个工作日内）
	ActReceiveCorrection Action = "receive_correction" // 收到补正，期限重新起算
	ActCorrectionExpired Action = "correction_expired" // 补正期限届满未补正
	ActStart             Action = "start"              // 开始办理（分配承办人）
	ActConsult           Action = "consult"            // 发出征求意见书
	ActConsultAnswered   Action = "consult_answered"   // 收到意见或期满
	ActFeeNotice         Action = "fee_notice"         // 发出收费通知
	ActFeePaid           Action = "fee_paid"           // 申请人缴费
	ActFeeExpired        Action = "fee_expired"        // 20 个工作日内未缴费
	ActRequestExtension  Action = "request_extension"  // 承办人申请延期（待负责人同意，条例第三十三条第二款）
	ActExtend            Action = "extend"             // 延期（负责人批准，告知申请人）
	ActRefuseExtension   Action = "refuse_extension"   // 负责人不同意延期
	ActAskReasons        Action = "ask_reasons"        // 第三十五条：要求申请人说明理由（说明理由通知书）
	ActReasonsGiven      Action = "reasons_received"   // 第三十五条：收到申请人说明的理由
	ActDelay             Action = "delay"              // 第三十五条：确定延迟答复的合理期限（延迟答复告知书）
	ActDeliver           Action = "deliver"            // 登记邮寄的告知书、征求意见书送达之日
	ActDraft             Action = "draft"              // 拟写答复并选定办理结果
	ActSubmit            Action = "submit"             // 提交审核
	ActReview            Action = "review"             // 审核人审核通过，报负责人批准
	ActReturn            Action = "return"             // 退回修改
	ActApprove           Action = "approve"            // 负责人批准
	ActReply             Action = "reply"              // 答复送达
	ActClose             Action = "close"              // 办结归档
	ActWithdraw          Action = "withdraw"           // 申请人撤回
)

// A transition is one allowed step: from one of several states, by one of
// several roles, to a state ("" keeps the state).
type transition struct {
	from  []State
	roles []Role
	to    State
}

// open lists the states in which a request is still being handled.
var open = []State{Registered, CorrectionRequested, Corrected, InProgress, Consulting, AwaitingFee, DraftReply, InReview, Approved}

// extendable lists the states in which the reply period can be extended:
// from the start of handling until the reply is approved.
var extendable = []State{InProgress, Consulting, AwaitingFee, DraftReply, InReview}

// transitions is the workflow of regulation.md §7 and issue 4.
var transitions = map[Action]transition{
	ActRegister:          {nil, []Role{Clerk}, Registered},
	ActRequestCorrection: {[]State{Registered}, []Role{Clerk}, CorrectionRequested},
	ActReceiveCorrection: {[]State{CorrectionRequested}, []Role{Clerk}, Corrected},
	ActCorrectionExpired: {[]State{CorrectionRequested}, []Role{Clerk, Head}, EndedNoCorrection},
	ActStart:             {[]State{Registered, Corrected}, []Role{Clerk, Head}, InProgress},
	ActConsult:           {[]State{InProgress}, []Role{Clerk}, Consulting},
	ActConsultAnswered:   {[]State{Consulting}, []Role{Clerk}, InProgress},
	ActFeeNotice:         {[]State{InProgress}, []Role{Clerk}, AwaitingFee},
	ActFeePaid:           {[]State{AwaitingFee}, []Role{Clerk}, InProgress},
	ActFeeExpired:        {[]State{AwaitingFee}, []Role{Clerk, Head}, EndedFeeUnpaid},
	ActRequestExtension:  {extendable, []Role{Clerk}, ""},
	ActExtend:            {extendable, []Role{Head}, ""},
	ActRefuseExtension:   {extendable, []Role{Head}, ""},
	ActAskReasons:        {[]State{InProgress}, []Role{Clerk}, ""},
	ActReasonsGiven:      {extendable, []Role{Clerk}, ""},
	ActDelay:             {extendable, []Role{Head}, ""},
	ActDeliver:           {open, []Role{Clerk}, ""},
	ActDraft:             {[]State{InProgress, DraftReply}, []Role{Clerk}, DraftReply},
	ActSubmit:            {[]State{DraftReply}, []Role{Clerk}, InReview},
	ActReview:            {[]State{InReview}, []Role{Reviewer}, ""},
	ActReturn:            {[]State{InReview, Approved}, []Role{Reviewer, Head}, DraftReply},
	ActApprove:           {[]State{InReview}, []Role{Head}, Approved},
	ActReply:             {[]State{Approved}, []Role{Clerk}, Replied},
	ActClose:             {[]State{Replied}, []Role{Clerk, Head}, Closed},
	ActWithdraw:          {open, []Role{Clerk}, Withdrawn},
}

// Allowed returns the actions a member of staff with role may take on a
// request in state s, in a stable order: what a page offers as buttons.
func Allowed(s State, role Role) []Action {
	var out []Action
	for _, a := range actionOrder {
		t := transitions[a]
		if a == ActRegister || !contains(t.roles, role) || !contains(t.from, s) {
			continue
		}
		out = append(out, a)
	}
	return out
}

var actionOrder = []Action{ActRequestCorrection, ActReceiveCorrection, ActCorrectionExpired, ActStart,
	ActConsult, ActConsultAnswered, ActFeeNotice, ActFeePaid, ActFeeExpired, ActRequestExtension, ActExtend, ActRefuseExtension,
	ActAskReasons, ActReasonsGiven, ActDelay, ActDeliver, ActDraft, ActSubmit, ActReview, ActReturn, ActApprove, ActReply, ActClose, ActWithdraw}

func contains[T comparable](xs []T, x T) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
