package office

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/request"
)

// actionLabels name the workflow steps in Chinese and English.
var actionLabels = map[request.Action][2]string{
	request.ActRegister: {"登记", "Registered"}, request.ActRequestCorrection: {"告知补正", "补正 notice sent"},
	request.ActReceiveCorrection: {"收到补正", "Correction received"}, request.ActCorrectionExpired: {"逾期未补正终止", "Ended: no correction"},
	request.ActStart: {"开始办理", "Handling started"}, request.ActConsult: {"征求意见", "Consultation sent"},
	request.ActConsultAnswered: {"收到意见", "Consultation answered"}, request.ActFeeNotice: {"发出收费通知", "Fee notice sent"},
	request.ActFeePaid: {"已缴费", "Fee paid"}, request.ActFeeExpired: {"逾期未缴费终止", "Ended: fee unpaid"},
	request.ActExtend: {"负责人批准延期", "Extension approved"}, request.ActRequestExtension: {"承办人申请延期", "Extension requested"},
	request.ActRefuseExtension: {"负责人不同意延期", "Extension refused"}, request.ActReview: {"审核通过", "Review passed"}, request.ActDelay: {"确定延迟答复期限（第三十五条）", "Later reply date (Art. 35)"},
	request.ActAskReasons: {"要求说明理由（第三十五条）", "Reasons asked for (Art. 35)"}, request.ActReasonsGiven: {"收到申请人说明的理由", "Applicant's reasons received"},
	request.ActDeliver: {"登记送达日期", "Delivery day recorded"},
	request.ActDraft:   {"拟写答复", "Reply drafted"}, request.ActSubmit: {"提交审核", "Sent to review"},
	request.ActReturn: {"退回修改", "Returned for changes"}, request.ActApprove: {"负责人批准答复", "Reply approved"},
	request.ActReply: {"答复送达", "Reply sent"}, request.ActClose: {"办结归档", "Closed"}, request.ActWithdraw: {"申请人撤回", "Withdrawn"},
}

func actionLabel(a request.Action, en bool) string {
	l, ok := actionLabels[a]
	switch {
	case !ok:
		return string(a)
	case en:
		return l[1]
	}
	return l[0]
}

// maskName hides all but the first character of a natural person's name
// in lists; organisations' names are not personal data.
func maskName(t request.ApplicantType, name string) string {
	if t.Organisation() {
		return name
	}
	r := []rune(name)
	if len(r) <= 1 {
		return name
	}
	return string(r[0]) + strings.Repeat("＊", len(r)-1)
}

// formDate parses an optional YYYY-MM-DD form field.
func formDate(r *http.Request, key string) (calendar.Date, error) {
	v := strings.TrimSpace(r.PostFormValue(key))
	if v == "" {
		return calendar.Date{}, nil
	}
	d, err := calendar.Parse(v)
	if err != nil {
		return d, apperr.Wrap(apperr.Invalid, "form.date_format", err, v)
	}
	return d, nil
}

// formInt parses an optional integer form or query field.
func formInt(v string) int64 {
	n, _ := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	return n
}

// requestPath is the detail page of request id.
func requestPath(id int64) string { return "/admin/requests/" + strconv.FormatInt(id, 10) }
