// Package letter writes the letters of 依申请公开 (条例第三十~四十二条):
// the 登记回执, 补正告知书, 延期告知书, 征求第三方意见书, 收费通知书,
// 说明理由通知书, 延迟答复告知书, 撤回确认书 and a reply letter (答复告知书)
// for each of the 21 outcomes, each citing its article. A builder
// (Receipt, Correction, Extension, ThirdParty, Fee, Reasons, Delay,
// Withdrawal, Reply) checks its input and returns a *Letter, a small
// document model;
// DOCX and HTML write it with the agency's letterhead, a document number,
// the date in Chinese and a seal placeholder.
//
// Letters name the applicant by name only: a Case has no field for an
// identity number, so none can reach a letter. The package is pure: no
// database, no HTTP, and no html/template (STYLE.md keeps templates out of
// domain packages); the HTML is written by hand and escaped like
// internal/report/render's.
package letter

import (
	"fmt"
	"strings"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/request"
)

// Regulation is the full name of the 条例 a letter cites first; later
// citations use the short name 《条例》.
const Regulation = "《中华人民共和国政府信息公开条例》"

// FeeRules is the fee rules' full name with their document number.
const FeeRules = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"

// A Letterhead is what an agency prints at the head and foot of its
// letters; only Agency is required.
type Letterhead struct {
	Agency   string // 宁波市北仑区司法局
	Office   string // the disclosure office, e.g. 办公室（政府信息公开工作机构）
	Address  string
	Postcode string
	Phone    string
	Contact  string // the person to contact
	Website  string
}

// Settings are an agency's letter settings.
type Settings struct {
	Letterhead
	NumberPrefix string // the 机关代字 of document numbers: 北司公开
	QueryURL     string // where applicants follow a request online
	Payment      string // how to pay a fee: account, payee, or 非税收入 payment code
	Remedies     Remedies
}

// Meta is what every letter has besides its content: its sequence number
// in the year (0 for a letter without a document number) and its date.
type Meta struct {
	Seq  int
	Date calendar.Date
}

// DocNumber formats a document number as 北司公开〔2026〕12号: 机关代字,
// the year in 六角括号 and the sequence number, without 第 (GB/T 9704,
// regulation.md §8).
func DocNumber(prefix string, year, seq int) string {
	return fmt.Sprintf("%s〔%d〕%d号", prefix, year, seq)
}

// A Kind is the kind of a letter.
type Kind string

// The letter kinds.
const (
	KindReceipt    Kind = "receipt"     // 登记回执（第三十一条、第三十三条）
	KindCorrection Kind = "correction"  // 补正告知书（第三十条）
	KindExtension  Kind = "extension"   // 延期告知书（第三十三条第二款）
	KindThirdParty Kind = "third_party" // 征求第三方意见书（第三十二条）
	KindFee        Kind = "fee"         // 收费通知书（第四十二条，109号办法）
	KindReasons    Kind = "reasons"     // 说明理由通知书（第三十五条）
	KindDelay      Kind = "delay"       // 延迟答复告知书（第三十五条）
	KindReply      Kind = "reply"       // 答复告知书（第三十六~三十九条等）；终止处理告知书（第三十条，109号办法）
	KindWithdrawal Kind = "withdrawal"  // 撤回确认书
)

// A BlockKind is what a block of a letter's body is.
type BlockKind int

// The block kinds.
const (
	Para  BlockKind = iota // a paragraph with a first-line indent
	Item                   // a numbered or listed line, indented
	Note                   // a smaller paragraph without indent (explanations)
	Table                  // a table of cells (Rows)
)

// A Block is one piece of a letter's body.
type Block struct {
	Kind BlockKind
	Text string
	Rows [][]string // Table: the first row is the header
}

// A Letter is a letter ready to write as DOCX or HTML.
type Letter struct {
	Kind      Kind
	Outcome   request.Outcome // reply letters only
	Title     string
	Number    string // document number, "" for none
	To        string // the addressee, without the colon
	Body      []Block
	Citations []string // the articles the letter cites, as 第三十六条第（一）项
	Date      calendar.Date
	Head      Letterhead
	// Draft marks a letter not yet sent (a reply drafted but not
	// delivered): HTML and DOCX carry a 草稿 watermark on every page, so
	// a printed draft is never mistaken for the letter sent.
	Draft bool
	// Tracking is the request's tracking number, for the file name.
	Tracking string
}

// A Case is what letters say about a request: never an identity number.
type Case struct {
	TrackingNo string          // the registration (tracking) number
	Applicant  string          // the applicant's name
	Received   calendar.Date   // the receipt date under 条例第三十一条
	Channel    request.Channel // how the application arrived
	Content    string          // the information asked for (第二十九条（二）)
	// Organisation is true for a 法人或其他组织: letters say 贵单位, not 您.
	Organisation bool
}

// CaseOf takes a letter's Case from a request: the applicant's name only,
// never the ID number or contact details.
func CaseOf(r *request.Request) Case {
	return Case{TrackingNo: r.ID, Applicant: r.Applicant.Name, Received: r.Received, Channel: r.Channel, Content: r.Content,
		Organisation: r.Applicant.Type.Organisation()}
}

// invalid returns an input error of op with the message key and its
// arguments.
func invalid(op, key string, args ...any) error {
	return fmt.Errorf("letter: %s: %w", op, apperr.New(apperr.Invalid, key, args...))
}

// check validates what every letter needs.
func (s Settings) check(op string, m Meta) error {
	if strings.TrimSpace(s.Agency) == "" {
		return invalid(op, "letter.agency_missing")
	}
	if m.Date.IsZero() {
		return invalid(op, "letter.date_missing")
	}
	if m.Seq < 0 {
		return invalid(op, "letter.seq_negative", m.Seq)
	}
	return nil
}

func (c Case) check(op string, m Meta) error {
	if strings.TrimSpace(c.Applicant) == "" {
		return invalid(op, "letter.applicant_missing")
	}
	if strings.TrimSpace(c.TrackingNo) == "" {
		return invalid(op, "letter.tracking_missing")
	}
	if c.Received.IsZero() {
		return invalid(op, "letter.received_missing")
	}
	if m.Date.Before(c.Received) {
		return invalid(op, "letter.date_before_received", m.Date, c.Received)
	}
	return nil
}

// newLetter starts a letter with the settings' letterhead and number.
func newLetter(s Settings, m Meta, kind Kind, title, to string) *Letter {
	l := &Letter{Kind: kind, Title: title, To: to, Date: m.Date, Head: s.Letterhead}
	if m.Seq > 0 && s.NumberPrefix != "" {
		l.Number = DocNumber(s.NumberPrefix, m.Date.Year(), m.Seq)
	}
	return l
}

func (l *Letter) para(format string, args ...any) {
	l.Body = append(l.Body, Block{Kind: Para, Text: fmt.Sprintf(format, args...)})
}

func (l *Letter) item(text string) { l.Body = append(l.Body, Block{Kind: Item, Text: text}) }

func (l *Letter) note(text string) { l.Body = append(l.Body, Block{Kind: Note, Text: text}) }

func (l *Letter) cite(articles ...string) { l.Citations = append(l.Citations, articles...) }

// you is how a letter addresses the applicant: 您, or 贵单位.
func (c Case) you() string {
	if c.Organisation {
		return "贵单位"
	}
	return "您"
}

// received is the opening clause about the application, e.g.
// 您于2026年11月2日通过互联网政府信息公开申请平台提交的政府信息公开申请（登记号：X）.
func (c Case) received() string {
	return fmt.Sprintf("%s于%s%s提交的政府信息公开申请（登记号：%s）", c.you(), c.Received.Chinese(), channelVia(c.Channel), c.TrackingNo)
}

// channelVia is how a letter says a channel (当面, 通过邮寄方式, …): the
// ledger labels (网上, 信函) read badly in a sentence. Unknown: "".
func channelVia(c request.Channel) string {
	switch c {
	case request.InPerson:
		return "当面"
	case request.PostSigned, request.PostPlain:
		return "通过邮寄方式"
	case request.Internet:
		return "通过互联网政府信息公开申请平台"
	case request.Email:
		return "通过电子邮件"
	case request.Fax:
		return "通过传真"
	}
	return ""
}

// lastDay writes a period's last day as regulation.md §8 asks:
// 至2026年11月18日（含当日）.
func lastDay(d calendar.Date) string { return "至" + d.Chinese() + "（含当日）" }

// Text returns the letter as plain lines in reading order, as a reader of
// the DOCX sees it: letterhead, number, title, addressee, body (a table row
// as its cells joined by |), seal, signature and contact lines.
func (l *Letter) Text() []string {
	var out []string
	out = append(out, l.Head.Agency)
	if l.Number != "" {
		out = append(out, l.Number)
	}
	out = append(out, l.Title, l.To+"：")
	for _, b := range l.Body {
		if b.Kind == Table {
			for _, r := range b.Rows {
				out = append(out, strings.Join(r, "|"))
			}
			continue
		}
		out = append(out, b.Text)
	}
	out = append(out, Seal, l.Head.Agency, l.Date.Chinese())
	return append(out, l.Head.contactLines()...)
}

// Seal is the text of the box where the seal goes.
const Seal = "（印章）"

// contactLines are the letterhead's contact details at the foot.
func (h Letterhead) contactLines() []string {
	var out []string
	add := func(label, v string) {
		if strings.TrimSpace(v) != "" {
			out = append(out, label+"："+v)
		}
	}
	add("联系机构", h.Office)
	add("联系人", h.Contact)
	add("联系电话", h.Phone)
	add("通信地址", h.Address)
	add("邮政编码", h.Postcode)
	add("网址", h.Website)
	return out
}
