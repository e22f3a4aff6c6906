package casework

import (
	"fmt"
	"strings"

	"github.com/gongkai/gongkai/internal/request"
)

// internalStep reports whether action a is a step inside the agency that
// the applicant is not told of: the review pass and the extension request
// and its refusal. The applicant hears of the approved extension (its
// notice and the 延期告知书) and of the reply.
func internalStep(a request.Action) bool {
	switch a {
	case request.ActReview, request.ActRequestExtension, request.ActRefuseExtension, request.ActDeliver:
		return true
	}
	return false
}

// staffNotice is the in-app notice to the agency's staff that step e
// calls for: the head has a review pass to approve or an extension request
// to decide, the clerk a decision on theirs. asked is the extension
// request pending before e, if any; dl the due date after e.
func staffNotice(rec Record, e request.Event, asked request.ExtensionAsk, dl *request.Deadline) (kind, body string) {
	due := ""
	if dl != nil {
		due = dl.Due.String()
	}
	reason := strings.TrimRight(strings.TrimSpace(e.Note), "。")
	switch e.Action {
	case request.ActReview:
		return "reviewed", fmt.Sprintf("申请 %s 的答复已由 %s 审核通过，请负责人批准。", rec.Tracking, e.Actor.Name)
	case request.ActRequestExtension:
		return "extension_requested", fmt.Sprintf("申请 %s：%s 申请延期 %d 个工作日，理由：%s。延期须经政府信息公开工作机构负责人同意（条例第三十三条第二款），请在答复期限 %s 前审批。",
			rec.Tracking, e.Actor.Name, e.Days, reason, due)
	case request.ActRefuseExtension:
		return "extension_refused", fmt.Sprintf("负责人 %s 不同意申请 %s 延期（%s 于 %s 申请 %d 个工作日），理由：%s。答复期限仍为 %s。",
			e.Actor.Name, rec.Tracking, asked.By, asked.On, asked.Days, reason, due)
	case request.ActExtend:
		if asked.On.IsZero() {
			return "", ""
		}
		return "extension_approved", fmt.Sprintf("负责人 %s 同意申请 %s 延期 %d 个工作日（%s 于 %s 申请 %d 个工作日）。答复期限：%s。",
			e.Actor.Name, rec.Tracking, e.Days, asked.By, asked.On, asked.Days, due)
	}
	return "", ""
}
