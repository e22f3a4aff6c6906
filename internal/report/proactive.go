package report

// Proactive is table 二 (主动公开政府信息情况) in the 2021 template.
type Proactive struct {
	Regulations        Triple `json:"regulations"`         // 第二十条第（一）项 规章
	NormativeDocuments Triple `json:"normative_documents"` // 第二十条第（一）项 行政规范性文件
	LicensingDecisions Num    `json:"licensing_decisions"` // 第二十条第（五）项 行政许可
	PenaltyDecisions   Num    `json:"penalty_decisions"`   // 第二十条第（六）项 行政处罚
	CoercionDecisions  Num    `json:"coercion_decisions"`  // 第二十条第（六）项 行政强制
	FeesWanYuan        Dec    `json:"fees_wan_yuan"`       // 第二十条第（八）项 行政事业性收费（万元）
}

// A Triple is one row of the 第二十条第（一）项 block.
type Triple struct {
	Issued   Num `json:"issued"`   // 本年制发件数
	Repealed Num `json:"repealed"` // 本年废止件数
	InForce  Num `json:"in_force"` // 现行有效件数
}

// Proactive2019 is table 二 in the 2019 (试行) template, whose columns
// differ from 2021's. It is exported under "proactive_2019".
type Proactive2019 struct {
	Regulations        Triple2019 `json:"regulations"`         // 规章
	NormativeDocuments Triple2019 `json:"normative_documents"` // 规范性文件
	Licensing          Items2019  `json:"licensing"`           // 第二十条第（五）项 行政许可
	OtherServices      Items2019  `json:"other_services"`      // 其他对外管理服务事项
	Penalty            Items2019  `json:"penalty"`             // 第二十条第（六）项 行政处罚
	Coercion           Items2019  `json:"coercion"`            // 行政强制
	Fees               Items2019  `json:"fees"`                // 第二十条第（八）项 行政事业性收费 (no 处理决定数量)
	ProcurementCount   Num        `json:"procurement_count"`   // 第二十条第（九）项 采购项目数量
	ProcurementAmount  string     `json:"procurement_amount"`  // 采购总金额, as written (unit varies)
}

// Triple2019 is a 第二十条第（一）项 row in the 2019 template.
type Triple2019 struct {
	Made      Num `json:"made"`      // 本年新制作数量
	Published Num `json:"published"` // 本年新公开数量
	Total     Num `json:"total"`     // 对外公开总数量
}

// Items2019 is a 第二十条第（五）/（六）/（八）项 row in the 2019 template.
type Items2019 struct {
	PrevYear  Num `json:"prev_year"` // 上一年项目数量
	Change    Num `json:"change"`    // 本年增/减 ("减4" is -4)
	Decisions Num `json:"decisions"` // 处理决定数量
}

// ReviewLitigation is table 四 (政府信息公开行政复议、行政诉讼情况).
type ReviewLitigation struct {
	Review                Group `json:"review"`                  // 行政复议
	LitigationDirect      Group `json:"litigation_direct"`       // 行政诉讼 未经复议直接起诉
	LitigationAfterReview Group `json:"litigation_after_review"` // 行政诉讼 复议后起诉
}

// A Group is one of the three five-column groups of table 四.
type Group struct {
	Upheld    Num `json:"upheld"`    // 结果维持
	Corrected Num `json:"corrected"` // 结果纠正
	Other     Num `json:"other"`     // 其他结果
	Pending   Num `json:"pending"`   // 尚未审结
	Total     Num `json:"total"`     // 总计
}

// GroupLabels are the template's names of the three groups of table 四.
var GroupLabels = [3]string{"行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）"}

// GroupIDs are the stable ids of the three groups of table 四.
var GroupIDs = [3]string{"review", "litigation_direct", "litigation_after_review"}

// OutcomeLabels are the template's column headers inside each group.
var OutcomeLabels = [5]string{"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"}

// OutcomeIDs are the stable ids of the columns inside each group.
var OutcomeIDs = [5]string{"upheld", "corrected", "other", "pending", "total"}

// Groups returns pointers to the three groups in template order.
func (rl *ReviewLitigation) Groups() [3]*Group {
	return [3]*Group{&rl.Review, &rl.LitigationDirect, &rl.LitigationAfterReview}
}

// Cells returns pointers to the group's five cells in template order.
func (g *Group) Cells() [5]*Num {
	return [5]*Num{&g.Upheld, &g.Corrected, &g.Other, &g.Pending, &g.Total}
}
