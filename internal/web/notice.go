package web

import (
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/account"
)

// noticeMessages are the texts of account notices (package account),
// shown once after the holder's next sign-in, in the back office and on
// the portal alike.
var noticeMessages = Messages{
	"notice.heading": {"账号安全提醒", "Account security notices"},
	"notice." + account.TopicLockout: {"%s：因来自 %s 的连续多次密码错误，您的账号已暂停从该地址登录，至 %s（北京时间）解除。其他地址登录不受影响；如非本人操作，请修改密码。",
		"%s: after repeated wrong passwords from %s, your account was locked for that address until %s (UTC+8). Other addresses were not locked; if it was not you, change your password."},
	"notice." + account.TopicRegisterTaken: {"%s：有人使用您的登录名申请注册账号，未新建账号，您的账号和密码不受影响。",
		"%s: someone tried to register an account with your login; none was created and your password is unchanged."},
	"notice." + account.TopicRegistered: {"%s：您的账号已注册。", "%s: your account was registered."},
}

func init() {
	for k, v := range noticeMessages {
		CommonMessages[k] = v
	}
}

// noticeZone is the zone in which notices give their time (UTC+8).
var noticeZone = time.FixedZone("UTC+8", 8*3600)

// Notices renders account notices in the page's language, oldest first.
func (p Page) Notices(ns []account.Notice) []string {
	out := make([]string, 0, len(ns))
	for _, n := range ns {
		at := n.CreatedAt.In(noticeZone).Format("2006-01-02 15:04")
		args := []any{at}
		if n.Detail != "" {
			for _, part := range strings.Split(n.Detail, "|") {
				args = append(args, part)
			}
		}
		out = append(out, p.Format("notice."+n.Topic, args...))
	}
	return out
}
