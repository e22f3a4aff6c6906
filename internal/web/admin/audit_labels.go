package admin

import (
	"strings"

	"github.com/gongkai/gongkai/internal/web"
)

// auditLabels names the audit actions on the audit page, in Chinese and
// English; the raw code stays beside the label (for the action filter).
// TestAuditLabels scans the code base for every action it records and
// fails when one has no label here or in auditFamilies.
var auditLabels = map[string][2]string{
	"access.denied":               {"访问被拒绝", "Access denied"},
	"agency.appeal":               {"登记主动公开复议诉讼", "Appeal on proactive disclosure recorded"},
	"agency.appeal_concluded":     {"主动公开复议诉讼结案", "Appeal on proactive disclosure concluded"},
	"agency.create":               {"新增机关", "Agency added"},
	"agency.import":               {"导入机关", "Agencies imported"},
	"agency.update":               {"修改机关", "Agency changed"},
	"api.auth":                    {"集成令牌认证", "API token authentication"},
	"api.token.create":            {"创建集成令牌", "API token created"},
	"api.token.revoke":            {"吊销集成令牌", "API token revoked"},
	"audit.export":                {"导出审计日志", "Audit log exported"},
	"audit.search":                {"查询审计日志", "Audit log searched"},
	"audit.verify":                {"校验审计日志", "Audit log verified"},
	"backup.run":                  {"备份", "Backup"},
	"bootstrap.consume":           {"使用初始化口令", "Bootstrap code used"},
	"bootstrap.issue":             {"签发初始化口令", "Bootstrap code issued"},
	"calendar.override":           {"登记本地停止办公日或工作日", "Local closure or working day set"},
	"calendar.override_remove":    {"删除本地停止办公日或工作日", "Local closure or working day removed"},
	"catalog.attachment_open":     {"打开主动公开附件", "Catalogue attachment opened"},
	"catalog.channel":             {"设置发布渠道更新周期", "Channel interval set"},
	"catalog.column":              {"新增目录栏目", "Catalogue column added"},
	"catalog.decisions_import":    {"导入行政许可、处罚等决定", "Decisions imported"},
	"catalog.export":              {"导出政府信息公开目录", "Catalogue exported"},
	"catalog.fees_import":         {"导入行政事业性收费", "Fees imported"},
	"catalog.import":              {"导入政府信息公开目录", "Catalogue imported"},
	"catalog.list":                {"查看目录列表", "Catalogue list read"},
	"catalog.profile":             {"设置目录档案", "Catalogue profile set"},
	"catalog.read":                {"查看目录条目", "Catalogue item read"},
	"catalog.seed":                {"生成默认栏目", "Default columns created"},
	"keys.rotate":                 {"轮换密钥", "Keys rotated"},
	"ledger.export":               {"导出登记台账", "Ledger exported"},
	"ledger.import":               {"导入登记台账", "Ledger imported"},
	"letter.settings":             {"修改文书设置", "Letter settings changed"},
	"login.fail":                  {"登录失败", "Sign-in failed"},
	"login.locked":                {"账户锁定期间尝试登录", "Sign-in while locked"},
	"login.lockout":               {"登录失败次数过多，账户锁定", "Account locked after failed sign-ins"},
	"login.ok":                    {"登录成功", "Signed in"},
	"logout":                      {"退出登录", "Signed out"},
	"password.change":             {"修改密码", "Password changed"},
	"public.login.fail":           {"公众账户登录失败", "Public account sign-in failed"},
	"public.login.locked":         {"公众账户锁定期间尝试登录", "Public account sign-in while locked"},
	"public.login.lockout":        {"公众账户锁定", "Public account locked"},
	"public.login.ok":             {"公众账户登录成功", "Public account signed in"},
	"public.logout":               {"公众账户退出登录", "Public account signed out"},
	"public.password.change":      {"公众账户修改密码", "Public account password changed"},
	"public.register":             {"注册公众账户", "Public account registered"},
	"public.request.claim":        {"公众账户认领申请", "Request claimed by a public account"},
	"public.request.link":         {"申请关联公众账户", "Request linked to a public account"},
	"public.unlock":               {"解除公众账户锁定", "Public account unlocked"},
	"report.correct":              {"更正已发布的年度报告", "Published annual report corrected"},
	"report.reopen":               {"解除年度记录锁定", "Reported year reopened for edits"},
	"report.area":                 {"编制全区域报告草稿", "Area report compiled"},
	"report.relock":               {"重新锁定年度记录", "Reported year locked again"},
	"report.import":               {"导入年度报告", "Annual report imported"},
	"report.publish":              {"发布年度报告", "Annual report published"},
	"report.save":                 {"保存年度报告", "Annual report saved"},
	"season.ack":                  {"确认督办通知或年报提醒", "Urging notice or report reminder acknowledged"},
	"season.urge":                 {"发送督办通知", "Urging notice sent"},
	"request.appeal":              {"登记复议诉讼", "Appeal recorded"},
	"request.appeal_concluded":    {"复议诉讼结案", "Appeal concluded"},
	"request.attach":              {"上传申请附件", "Request file uploaded"},
	"request.attachment_download": {"下载申请附件", "Request file downloaded"},
	"request.release_add":         {"上传答复公开的文件", "Released file uploaded"},
	"request.release_remove":      {"移除答复公开的文件", "Released file removed"},
	"request.release_download":    {"申请人下载公开的文件", "Released file downloaded by the applicant"},
	"request.resubmit":            {"重复提交申请（未再登记）", "Same request submitted again (not filed again)"},
	"request.attachments":         {"查看申请附件", "Request files listed"},
	"request.confirm":             {"确认网上申请", "Online application confirmed"},
	"request.fee_notice":          {"发出收费通知", "Fee notice sent"},
	"request.list":                {"查看申请列表", "Request list read"},
	"request.notices":             {"查看工作提醒", "Staff notices read"},
	"request.overview":            {"查看办理概况", "Request overview read"},
	"request.read":                {"查看申请", "Request read"},
	"request.register":            {"登记申请", "Request registered"},
	"request.reminders":           {"查看到期提醒", "Reminders read"},
	"request.reveal":              {"查看申请人个人信息", "Applicant's personal data shown"},
	"request.submit":              {"网上提交申请", "Application submitted online"},
	"schema.migrate":              {"升级数据库结构", "Schema migrated"},
	"session.end":                 {"结束会话", "Session ended"},
	"totp.enable":                 {"启用动态口令", "Authenticator enabled"},
	"user.create":                 {"新增账户", "Account created"},
	"user.disable":                {"停用账户", "Account disabled"},
	"user.reset":                  {"重置密码", "Password reset"},
	"user.roles":                  {"变更角色", "Roles changed"},
	"user.unlock":                 {"解除账户锁定", "Account unlocked"},
	"website.identity":            {"修改网站标识", "Website identity changed"},
}

// auditFamilies names the actions built at run time, prefix + value: the
// family's label and the message-key prefix of the value's label.
var auditFamilies = map[string]struct {
	label [2]string
	key   string
}{
	"request.": {[2]string{"依申请公开", "Request"}, "request.action."},
	"catalog.": {[2]string{"主动公开", "Catalogue"}, "catalog.action."},
	"website.": {[2]string{"政府网站", "Website"}, ""},
}

// auditFamily returns the label of the actions that start with prefix.
func auditFamily(prefix string) ([2]string, bool) {
	f, ok := auditFamilies[prefix]
	return f.label, ok
}

// auditLabel returns the label of audit action code in Chinese or
// English; an unknown code is returned as it is.
func auditLabel(code string, en bool) string {
	i := 0
	if en {
		i = 1
	}
	if l, ok := auditLabels[code]; ok {
		return l[i]
	}
	dot := strings.IndexByte(code, '.')
	if dot < 0 {
		return code
	}
	f, ok := auditFamilies[code[:dot+1]]
	if !ok {
		return code
	}
	rest := code[dot+1:]
	if m, ok := web.ErrorMessages[f.key+rest]; ok && f.key != "" {
		rest = m[i]
	}
	if en {
		return f.label[i] + ": " + rest
	}
	return f.label[i] + "：" + rest
}
