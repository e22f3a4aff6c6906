package backoffice

import "github.com/gongkai/gongkai/internal/web"

// Messages are the shell's texts (sign-in, sessions, dashboard, role
// names), Chinese first.
var Messages = web.Messages{
	"nav.dashboard": {"工作台", "Dashboard"},
	"nav.password":  {"修改口令", "Change password"},
	"nav.sessions":  {"我的会话", "My sessions"},

	"login.title":    {"工作人员登录", "Staff sign-in"},
	"login.login":    {"登录名", "Login name"},
	"login.password": {"口令", "Password"},
	"login.submit":   {"登录", "Sign in"},
	"login.failed":   {"登录名或口令错误。", "Wrong login name or password."},
	"login.help": {"连续5次输入错误，账户将被暂时锁定。忘记口令请联系系统管理员重置。",
		"After 5 wrong attempts the account is locked for a while. If you forgot your password, ask the system administrator to reset it."},
	"logout.done": {"您已退出登录。", "You have signed out."},

	"totp.title":  {"动态口令验证", "One-time code"},
	"totp.lead":   {"请输入身份验证器应用中显示的6位动态口令。", "Enter the 6-digit code shown in your authenticator app."},
	"totp.code":   {"动态口令", "Code"},
	"totp.hint":   {"6位数字，每30秒更新。", "6 digits, renewed every 30 seconds."},
	"totp.submit": {"验证", "Verify"},
	"totp.failed": {"动态口令错误或已过期。", "The code is wrong or has expired."},

	"enroll.title":  {"绑定动态口令", "Set up the one-time code"},
	"enroll.lead":   {"本系统要求使用动态口令（双因素认证）。请在手机身份验证器应用中添加下面的密钥，然后输入应用显示的6位动态口令。", "This system requires a second factor. Add the key below to an authenticator app on your phone, then enter the 6-digit code it shows."},
	"enroll.secret": {"密钥", "Key"},
	"enroll.qr":     {"用身份验证器应用扫描此二维码", "Scan this QR code with an authenticator app"},
	"enroll.link":   {"在本机的身份验证器应用中打开", "Open in an authenticator app on this device"},
	"enroll.again":  {"重新生成密钥", "Generate a new key"},

	"password.title": {"修改口令", "Change password"},
	"password.hint.classes": {"至少 %d 个字符，包含大写字母、小写字母、数字、其他字符中的至少 %d 类，不能包含登录名，不能过于常见。",
		"At least %d characters using %d of: upper case, lower case, digits, other characters; not containing the login name, not a common password."},
	"password.hint":     {"至少 %d 个字符，不能包含登录名，不能过于常见。", "At least %d characters; not containing the login name, not a common password."},
	"password.forced":   {"您正在使用一次性口令，请先设置新口令再继续。", "You signed in with a one-time password; choose a new password to continue."},
	"password.current":  {"当前口令", "Current password"},
	"password.new":      {"新口令", "New password"},
	"password.confirm":  {"再次输入新口令", "Repeat the new password"},
	"password.submit":   {"修改口令", "Change password"},
	"password.mismatch": {"两次输入的新口令不一致。", "The two new passwords differ."},
	"password.wrong":    {"当前口令错误。", "The current password is wrong."},
	"password.changed":  {"口令已修改。", "Your password has been changed."},

	"dashboard.title":         {"工作台", "Dashboard"},
	"dashboard.welcome":       {"您好，", "Welcome,"},
	"dashboard.agency":        {"所属机关", "Agency"},
	"dashboard.password.text": {"修改您自己的登录口令。", "Change your own password."},
	"dashboard.sessions.text": {"查看并结束您在其他设备上的登录。", "See and end your sign-ins on other devices."},

	"sessions.title":     {"我的会话", "My sessions"},
	"sessions.lead":      {"以下是您当前有效的登录会话。发现不认识的会话，请结束它并修改口令。", "These are your active sign-in sessions. If you do not recognise one, end it and change your password."},
	"sessions.created":   {"登录时间", "Signed in"},
	"sessions.seen":      {"最近活动", "Last seen"},
	"sessions.ip":        {"IP 地址", "IP address"},
	"sessions.ua":        {"浏览器", "Browser"},
	"sessions.current":   {"当前会话", "This session"},
	"sessions.end":       {"结束会话", "End session"},
	"sessions.endothers": {"结束其他所有会话", "End all other sessions"},
	"sessions.ended":     {"会话已结束。", "The session was ended."},

	"role.clerk":      {"经办人", "Clerk"},
	"role.reviewer":   {"审核人", "Reviewer"},
	"role.head":       {"负责人", "Head of office"},
	"role.supervisor": {"监督员", "Supervisor"},
	"role.sysadmin":   {"系统管理员", "System administrator"},
	"role.secadmin":   {"安全管理员", "Security administrator"},
	"role.auditadmin": {"审计管理员", "Audit administrator"},

	"bootstrap.title": {"初始化系统管理员", "Create the first administrator"},
	"bootstrap.link":  {"首次使用：用初始化令牌创建系统管理员", "First use: create the administrator with the bootstrap token"},
	"bootstrap.lead": {"系统中还没有系统管理员。请输入启动服务时终端上显示的一次性初始化令牌，创建第一个系统管理员账户。",
		"There is no system administrator yet. Enter the one-time bootstrap token printed when the server started to create the first one."},
	"bootstrap.token":  {"初始化令牌", "Bootstrap token"},
	"bootstrap.agency": {"所属机关名称", "Agency name"},
	"bootstrap.submit": {"创建系统管理员", "Create the administrator"},
	"bootstrap.failed": {"初始化令牌无效或已过期。", "The bootstrap token is invalid or has expired."},
	"bootstrap.done":   {"系统管理员已创建，请登录。", "The administrator was created; please sign in."},

	// Shared by the sections: the login field, the once-only secret.
	"users.login": {"登录名", "Login name"},
	"secret.once": {"此内容只显示这一次，离开本页后无法再次查看。", "This is shown only once; it cannot be seen again after you leave this page."},
}
