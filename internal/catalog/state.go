package catalog

import (
	"maps"
	"slices"

	"github.com/gongkai/gongkai/internal/apperr"
)

// A State is where an item stands in the review before publication
// (catalog.md §4). While a correction is being prepared the item is in a
// working state again, and its last published version stays public.
type State string

// The states.
const (
	Draft     State = "draft"     // 拟稿（经办人）
	InReview  State = "in_review" // 待审核（审核人：保密审查）
	Reviewed  State = "reviewed"  // 待签发（负责人）
	Scheduled State = "scheduled" // 已签发，定时发布
	Published State = "published" // 已发布
	Withdrawn State = "withdrawn" // 已撤回（记录与理由保留）
	Discarded State = "discarded" // 未发布即作废（记录保留）
)

var stateLabels = map[State]string{Draft: "拟稿", InReview: "待审核", Reviewed: "待签发", Scheduled: "待发布",
	Published: "已发布", Withdrawn: "已撤回", Discarded: "已作废"}

// Label returns the state's Chinese name.
func (s State) Label() string { return stateLabels[s] }

// Valid reports whether s is a known state.
func (s State) Valid() bool { _, ok := stateLabels[s]; return ok }

// Working reports whether an item in state s has a working copy being
// drafted, reviewed or waiting to be published.
func (s State) Working() bool { return s == Draft || s == InReview || s == Reviewed || s == Scheduled }

// A Role is what a member of staff may do with items.
type Role string

// The roles of the review (catalog.md §4).
const (
	Clerk    Role = "clerk"    // 经办人: drafts, submits, corrects
	Reviewer Role = "reviewer" // 审核人: 保密审查
	Head     Role = "head"     // 负责人: signs, overrides findings, withdraws
	System   Role = "system"   // the scheduler and migration imports
)

var roleLabels = map[Role]string{Clerk: "经办人", Reviewer: "审核人", Head: "负责人", System: "系统"}

// Label returns the role's Chinese name.
func (r Role) Label() string { return roleLabels[r] }

// An Action is a step of the workflow; each event records one.
type Action string

// The actions.
const (
	ActCreate      Action = "create"       // 经办人拟稿
	ActEdit        Action = "edit"         // 修改工作稿
	ActScan        Action = "scan"         // 个人信息与涉密标识扫描（系统）
	ActSubmit      Action = "submit"       // 提交审核
	ActReview      Action = "review"       // 审核人完成保密审查，报负责人签发
	ActReturn      Action = "return"       // 退回修改
	ActOverride    Action = "override"     // 负责人说明理由后放行扫描发现
	ActSign        Action = "sign"         // 负责人签发（立即或定时发布）
	ActPublish     Action = "publish"      // 定时发布到时（系统）
	ActCorrect     Action = "correct"      // 开始勘误：以已发布版本为工作稿
	ActSetValidity Action = "set_validity" // 变更规章、规范性文件的有效性
	ActWithdraw    Action = "withdraw"     // 撤回（保留记录）
	ActDiscard     Action = "discard"      // 作废未发布的稿件
	ActImport      Action = "import"       // 迁移导入（保留原索引号与日期，不再审核）
)

var actionLabels = map[Action]string{ActCreate: "拟稿", ActEdit: "修改", ActScan: "扫描", ActSubmit: "提交审核",
	ActReview: "审核通过", ActReturn: "退回修改", ActOverride: "放行扫描发现", ActSign: "签发", ActPublish: "发布",
	ActCorrect: "勘误", ActSetValidity: "变更有效性", ActWithdraw: "撤回", ActDiscard: "作废", ActImport: "导入"}

// Label returns the action's Chinese name.
func (a Action) Label() string {
	if l, ok := actionLabels[a]; ok {
		return l
	}
	return string(a)
}

// A transition is one allowed step: from one of several states, by one of
// several roles, to a state ("" keeps the state).
type transition struct {
	from  []State
	roles []Role
	to    State
}

var working = []State{Draft, InReview, Reviewed}

// transitions is the workflow of catalog.md §4.
var transitions = map[Action]transition{
	ActCreate:      {nil, []Role{Clerk}, Draft},
	ActEdit:        {[]State{Draft}, []Role{Clerk}, ""},
	ActScan:        {working, []Role{System}, ""},
	ActSubmit:      {[]State{Draft}, []Role{Clerk}, InReview},
	ActReview:      {[]State{InReview}, []Role{Reviewer, Head}, Reviewed},
	ActReturn:      {[]State{InReview, Reviewed, Scheduled}, []Role{Reviewer, Head}, Draft},
	ActOverride:    {[]State{InReview, Reviewed}, []Role{Head}, ""},
	ActSign:        {[]State{Reviewed}, []Role{Head}, ""}, // Published, or Scheduled for a later time
	ActPublish:     {[]State{Scheduled}, []Role{System, Head}, Published},
	ActCorrect:     {[]State{Published}, []Role{Clerk}, Draft},
	ActSetValidity: {[]State{Published}, []Role{Head}, ""},
	ActWithdraw:    {[]State{Published, Draft, InReview, Reviewed, Scheduled}, []Role{Head}, Withdrawn},
	ActDiscard:     {working, []Role{Clerk, Head}, Discarded},
	ActImport:      {nil, []Role{System}, Published},
}

var actionOrder = []Action{ActEdit, ActSubmit, ActReview, ActReturn, ActOverride, ActSign, ActPublish,
	ActCorrect, ActSetValidity, ActWithdraw, ActDiscard}

// Allowed returns the actions role may take on an item in state s, in a
// stable order: what a page offers as buttons. Item.Allowed also applies
// the item's own history.
func Allowed(s State, role Role) []Action {
	var out []Action
	for _, a := range actionOrder {
		t := transitions[a]
		if slices.Contains(t.roles, role) && slices.Contains(t.from, s) {
			out = append(out, a)
		}
	}
	return out
}

// Key returns the message key of the state's name, for errors that name
// it ("catalog.state.draft"); an item not yet created is "catalog.state.none".
func (s State) Key() apperr.Key {
	if s == "" {
		return "catalog.state.none"
	}
	return apperr.Key("catalog.state." + string(s))
}

// Key returns the message key of the role's name ("catalog.role.clerk").
func (r Role) Key() apperr.Key { return apperr.Key("catalog.role." + string(r)) }

// Key returns the message key of the action's name ("catalog.action.sign").
func (a Action) Key() apperr.Key { return apperr.Key("catalog.action." + string(a)) }

// roleKeys returns the keys of roles, which a message lists as
// alternatives (经办人或负责人).
func roleKeys(rs []Role) []apperr.Key {
	ks := make([]apperr.Key, len(rs))
	for i, r := range rs {
		ks[i] = r.Key()
	}
	return ks
}

// States, AllRoles and Actions list every code, sorted, for the check that
// each has its message key.
func States() []State { return slices.Sorted(maps.Keys(stateLabels)) }

// AllRoles lists every role (see States).
func AllRoles() []Role { return slices.Sorted(maps.Keys(roleLabels)) }

// Actions lists every action of the workflow (see States).
func Actions() []Action { return slices.Sorted(maps.Keys(transitions)) }
