package app

import (
	"strconv"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/calendar"
)

// TestArticle35Scenario walks 条例第三十五条 and delivery days through the
// office pages: the clerk asks for reasons (说明理由通知书, sent by post),
// records the day it arrived and the applicant's reasons; the 负责人 may
// set a later reply date only then (延迟答复告知书); who may take each step
// is the workflow's; the applicant downloads both letters. A second
// request is withdrawn and its 撤回确认书 is the applicant's to download.
func TestArticle35Scenario(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		id, tracking, code := submitOnPortal(t, f)
		today := calendar.Of(time.Now().In(time.FixedZone("CST", 8*3600)))
		f.names["req"], f.names["tracking"], f.names["code"] = strconv.FormatInt(id, 10), tracking, code
		f.names["today"], f.names["later"], f.names["delayed"] = today.String(), today.AddDays(7).String(), today.AddDays(90).String()
		steps := "/admin/requests/{req}/steps/"
		f.walk(t, []scenario{
			{name: "confirm", as: "clerk", method: "POST", url: steps + "confirm", body: "on={today}", status: 303},
			{name: "start", as: "clerk", method: "POST", url: steps + "start", body: "on={today}", status: 303},
			{name: "clerk is offered 说明理由, head no delay yet", as: "clerk", method: "GET", url: "/admin/requests/{req}", status: 200,
				want: []string{`id="form-ask_reasons"`, "第三十五条", `name="dispatch"`}, notWant: []string{`id="form-reasons_received"`, `id="form-deliver"`}},
			{name: "head: no delay before the reasons", as: "head", method: "GET", url: "/admin/requests/{req}", status: 200, notWant: []string{`id="form-delay"`}},
			{name: "head cannot delay before the reasons", as: "head", method: "POST", url: steps + "delay", body: "on={today}&until={delayed}&note=数量大&confirm=1", status: 400,
				want: []string{"说明理由"}},
			{name: "reviewer cannot ask for reasons", as: "reviewer", method: "POST", url: steps + "ask_reasons", body: "on={today}&until={later}&note=x", status: 403},
			{name: "other agency's clerk: not found", as: "clerk2", method: "POST", url: steps + "ask_reasons", body: "on={today}&until={later}&note=x", status: 404},
			{name: "clerk asks for reasons by post", as: "clerk", method: "POST", url: steps + "ask_reasons",
				body: "on={today}&until={later}&note=本月已申请42件&dispatch=post", status: 303},
			{name: "the delivery and the reasons are offered", as: "clerk", method: "GET", url: "/admin/requests/{req}", status: 200,
				want: []string{`id="form-deliver"`, `id="form-reasons_received"`, "要求说明理由（第三十五条）"}, notWant: []string{`id="form-ask_reasons"`}},
			{name: "delivery in the future refused", as: "clerk", method: "POST", url: steps + "deliver", body: "delivered={delayed}", status: 400},
			{name: "clerk records the delivery", as: "clerk", method: "POST", url: steps + "deliver", body: "delivered={today}", status: 303},
			{name: "clerk records the reasons", as: "clerk", method: "POST", url: steps + "reasons_received", body: "on={today}&note=课题研究需要", status: 303},
			{name: "clerk cannot delay", as: "clerk", method: "POST", url: steps + "delay", body: "on={today}&until={delayed}&note=数量大&confirm=1", status: 403},
			{name: "head is offered the delay", as: "head", method: "GET", url: "/admin/requests/{req}", status: 200, want: []string{`id="form-delay"`}},
			{name: "head delays", as: "head", method: "POST", url: steps + "delay", body: "on={today}&until={delayed}&note=需要从14个街道逐件调取&confirm=1", status: 303},
			{name: "due date moved", as: "clerk", method: "GET", url: "/admin/requests/{req}", status: 200,
				want: []string{"{delayed}", `href="/admin/requests/{req}/letters/reasons"`, `href="/admin/requests/{req}/letters/delay"`}},
			{name: "staff print the reasons notice", as: "clerk", method: "GET", url: "/admin/requests/{req}/letters/reasons", status: 200,
				want: []string{"说明理由通知书", "本月已申请42件", "第三十五条", "（含当日）"}, notWant: []string{"不服"}},
			{name: "applicant reads the delay letter", method: "POST", url: "/apply/status/letter", body: "tracking={tracking}&code={code}&kind=delay", status: 200,
				want: []string{"延迟答复告知书", "第三十五条", "理由合理", "需要从14个街道逐件调取"}, notWant: []string{"11010519491231002X", "不服"}},
		})

		id2, tracking2, code2 := submitOnPortal(t, f)
		f.names["req2"], f.names["tracking2"], f.names["code2"] = strconv.FormatInt(id2, 10), tracking2, code2
		f.walk(t, []scenario{
			{name: "confirm the second", as: "clerk", method: "POST", url: "/admin/requests/{req2}/steps/confirm", body: "on={today}", status: 303},
			{name: "withdrawn", as: "clerk", method: "POST", url: "/admin/requests/{req2}/steps/withdraw", body: "on={today}&note=申请人书面撤回&confirm=1", status: 303},
			{name: "applicant sees the confirmation listed", method: "POST", url: "/apply/status", body: "tracking={tracking2}&code={code2}", status: 200,
				want: []string{"撤回确认书"}},
			{name: "applicant reads the withdrawal confirmation", method: "POST", url: "/apply/status/letter", body: "tracking={tracking2}&code={code2}&kind=withdrawal", status: 200,
				want: []string{"撤回确认书", "不再处理"}, notWant: []string{"不服"}},
		})
	})
}
