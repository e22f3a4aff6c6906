package request

import (
	"strings"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/calendar"
)

// A Channel is how an application reached the agency. It decides which
// date is the receipt date (条例第三十一条).
type Channel string

// The channels.
const (
	InPerson   Channel = "in_person"   // 当面提交（含口头提出、代为填写）
	PostSigned Channel = "post_signed" // 邮寄，需签收（挂号信、快递）
	PostPlain  Channel = "post_plain"  // 平常信函等无需签收的邮寄
	Internet   Channel = "internet"    // 互联网渠道（在线申请平台）
	Email      Channel = "email"       // 电子邮件（数据电文，属互联网渠道）
	Fax        Channel = "fax"         // 政府信息公开工作机构的传真
)

var channels = []struct {
	c     Channel
	label string
	rule  string
}{
	{InPerson, "当面", "以提交之日为收到申请之日（条例第三十一条第（一）项）"},
	{PostSigned, "邮寄（签收）", "以行政机关签收之日为收到申请之日（条例第三十一条第（二）项）"},
	{PostPlain, "平常信函", "以与申请人确认之日为收到申请之日（条例第三十一条第（二）项）"},
	{Internet, "网上", "以双方确认之日为收到申请之日（条例第三十一条第（三）项）"},
	{Email, "电子邮件", "以双方确认之日为收到申请之日（条例第三十一条第（三）项）"},
	{Fax, "传真", "以双方确认之日为收到申请之日（条例第三十一条第（三）项）"},
}

// Channels returns every channel.
func Channels() []Channel {
	out := make([]Channel, len(channels))
	for i, c := range channels {
		out[i] = c.c
	}
	return out
}

func (c Channel) index() int {
	for i, x := range channels {
		if x.c == c {
			return i
		}
	}
	return -1
}

// Valid reports whether c is a known channel.
func (c Channel) Valid() bool { return c.index() >= 0 }

// Label returns the channel's Chinese name, as a ledger writes it.
func (c Channel) Label() string {
	if i := c.index(); i >= 0 {
		return channels[i].label
	}
	return ""
}

// ReceiptRule returns the sentence of 第三十一条 that fixes the receipt date.
func (c Channel) ReceiptRule() string {
	if i := c.index(); i >= 0 {
		return channels[i].rule
	}
	return ""
}

// ParseChannel accepts a channel id or the labels a ledger uses (网上,
// 信函, 当面, 传真, 电子邮件). A ledger's 信函 does not say whether it was
// signed for; it is read as PostSigned, the common case for applications.
func ParseChannel(s string) (Channel, bool) {
	s = strings.TrimSpace(s)
	for _, x := range channels {
		if s == string(x.c) || s == x.label {
			return x.c, true
		}
	}
	switch s {
	case "信函", "邮寄", "挂号信", "快递":
		return PostSigned, true
	case "在线", "网络", "互联网", "在线申请":
		return Internet, true
	case "现场", "口头":
		return InPerson, true
	case "邮件", "email", "e-mail":
		return Email, true
	}
	return "", false
}

// A Submission is what staff know about how and when an application came
// in; ReceiptDate turns it into the receipt date of 第三十一条.
type Submission struct {
	Channel   Channel
	Submitted calendar.Date // the day handed in (当面) or sent
	Signed    calendar.Date // the day the agency signed for the post
	Confirmed calendar.Date // the day the agency and the applicant confirmed it
}

// ReceiptDate applies 条例第三十一条: in person, the day of submission;
// signed post, the signing day; plain post, internet, e-mail and fax, the
// day the agency confirmed the application with the applicant (for online
// applications, the day staff confirm them, not the day they were typed).
func (s Submission) ReceiptDate() (calendar.Date, error) {
	var d calendar.Date
	var need apperr.Key // the message naming the missing date
	switch s.Channel {
	case InPerson:
		d, need = s.Submitted, apperr.Key("clock.needs_submitted")
	case PostSigned:
		d, need = s.Signed, apperr.Key("clock.needs_signed")
	case PostPlain, Internet, Email, Fax:
		d, need = s.Confirmed, apperr.Key("clock.needs_confirmed")
	default:
		return calendar.Date{}, fieldErr("channel", "clock.channel_unknown", string(s.Channel))
	}
	if d.IsZero() {
		return d, fieldErr("channel", string(need), s.Channel.Key())
	}
	if !s.Submitted.IsZero() && d.Before(s.Submitted) {
		return d, fieldErr("channel", "clock.received_before_submitted", d, s.Submitted)
	}
	return d, nil
}
