package portal

import "github.com/gongkai/gongkai/internal/web"

// accountMessages are the texts of the public-account pages; init merges
// them into Messages.
var accountMessages = web.Messages{
	"nav.account":              {"我的申请", "My requests"},
	"acct.title":               {"我的申请", "My requests"},
	"acct.lead":                {"这里列出您登录后提交的申请，以及您用申请编号和查询码添加的申请。无需账号也可以提交申请。", "Requests you filed while signed in and those you added with their tracking number and query code. You can apply without an account."},
	"acct.signedin.as":         {"登录账号", "Signed in as"},
	"acct.none":                {"暂无申请。", "No requests yet."},
	"acct.apply":               {"提交新的申请", "File a new request"},
	"acct.claim.link":          {"添加以前提交的申请", "Add an earlier request"},
	"acct.password.link":       {"修改密码", "Change password"},
	"acct.col.tracking":        {"申请编号", "Tracking number"},
	"acct.col.agency":          {"受理机关", "Agency"},
	"acct.col.state":           {"办理状态", "State"},
	"acct.col.submitted":       {"提交日期", "Submitted"},
	"acct.col.due":             {"答复期限", "Due"},
	"acct.due.none":            {"未开始计时", "not running"},
	"acct.ended":               {"已办结", "closed"},
	"acct.claimed":             {"（查询码添加）", "(added with its code)"},
	"acct.login.title":         {"登录", "Sign in"},
	"acct.login.lead":          {"登录后可以查看您的申请，提交申请时自动填写姓名和联系方式。", "Sign in to see your requests; the application form is filled with your name and contact."},
	"acct.login.field":         {"电子邮箱或手机号码", "E-mail or mobile number"},
	"acct.password":            {"密码", "Password"},
	"acct.login.submit":        {"登录", "Sign in"},
	"acct.login.failed":        {"账号或密码错误。连续输错 5 次，账号将锁定 15 分钟。", "Wrong account or password. After 5 wrong attempts the account is locked for 15 minutes."},
	"acct.login.register":      {"还没有账号？注册", "No account yet? Register"},
	"acct.logout.done":         {"您已退出登录。", "You are signed out."},
	"acct.register.title":      {"注册账号", "Register"},
	"acct.register.lead":       {"账号是可选的：不注册也可以提交申请和查询进度。注册后可以集中查看自己的申请。", "An account is optional: you can apply and follow a request without one. With an account your requests are in one place."},
	"acct.register.login.hint": {"用于登录；加密保存，不会公开。", "Used to sign in; stored encrypted, never published."},
	"acct.name":                {"姓名或名称", "Name"},
	"acct.name.hint":           {"提交申请时自动填入申请人姓名。", "Filled in as the applicant's name on the application form."},
	"acct.password.hint":       {"至少 12 个字符，可以使用中文；不要使用常见密码。", "At least 12 characters, Chinese allowed; no common passwords."},
	"acct.password2":           {"再次输入密码", "Repeat the password"},
	"acct.password.mismatch":   {"两次输入的密码不一致。", "The two passwords differ."},
	"acct.register.submit":     {"注册", "Register"},
	"acct.register.done": {"注册申请已受理。如该登录名此前未注册，账号现已开通，请用刚才设置的密码登录；如该登录名已有账号，账号所有人会收到通知。",
		"Registration received. If this login was free, the account now exists: sign in with the password you chose. If it already had an account, its owner has been notified."},
	"acct.register.pipl": {"个人信息处理告知：本机关为提供申请查询服务处理您填写的电子邮箱或手机号码和姓名，登录账号加密保存，仅用于登录和预填申请表，不会公开或用于其他目的（《个人信息保护法》第十七条、第三十五条）。",
		"Notice on personal data: the agency processes your e-mail or mobile number and your name to provide this service; the login is stored encrypted, used only to sign in and to fill in the application form, never published or used otherwise (PIPL Art. 17, 35)."},
	"acct.claim.title":      {"添加以前提交的申请", "Add an earlier request"},
	"acct.claim.lead":       {"输入未登录时提交的申请的编号和查询码，将它加入您的账号。之后查看进度无需再输入查询码。", "Enter the tracking number and query code of a request you filed without signing in to add it to your account. You will not need the code again to follow it."},
	"acct.claim.submit":     {"添加", "Add"},
	"acct.claim.taken":      {"该申请已加入其他账号。", "This request belongs to another account."},
	"acct.claim.done":       {"已将申请加入您的账号。", "The request was added to your account."},
	"acct.password.title":   {"修改密码", "Change password"},
	"acct.password.current": {"当前密码", "Current password"},
	"acct.password.new":     {"新密码", "New password"},
	"acct.password.new2":    {"再次输入新密码", "Repeat the new password"},
	"acct.password.submit":  {"修改", "Change"},
	"acct.password.done":    {"密码已修改，其他设备上的登录已失效。", "Password changed; sessions on other devices have ended."},
	"acct.apply.prefilled":  {"已按您的账号填写姓名和联系方式，可以修改。本申请将加入您的账号。", "Your name and contact are filled in from your account; you may change them. This request will be added to your account."},
	"acct.apply.linked":     {"本申请已加入您的账号。", "This request was added to your account."},
	"acct.apply.signin":     {"登录后可在“我的申请”中查看（可选）", "Sign in to keep your requests in one place (optional)"},
}

func init() {
	for k, v := range accountMessages {
		Messages[k] = v
	}
}
