package request

import (
	"errors"
	"net/mail"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/idcheck"
)

// An Application is what an application for government information
// contains under 条例第二十九条第二款: （一）the applicant's name, identity
// document and contact; （二）a description of the information; （三）the form
// it is wanted in and how it is to be obtained. The public portal and the
// back office's registration check it with the same Check.
type Application struct {
	Type     ApplicantType
	Name     string
	IDNumber string // 居民身份证 number or 统一社会信用代码, checked unless OtherDocument
	// OtherDocument says the identity document is another one (passport,
	// 港澳通行证 …), whose number is not checked.
	OtherDocument bool
	Phone         string
	Email         string
	Address       string
	Content       string
	Form          string // one of Forms
	Delivery      string // one of Deliveries
}

// DeliveryPost is the delivery that needs a postal address.
const DeliveryPost = "邮寄"

// Forms are the forms of the information an applicant may ask for, and
// Deliveries the ways to obtain it (第二十九条第二款第（三）项), stored as
// written.
var (
	Forms      = []string{"纸质", "电子"}
	Deliveries = []string{DeliveryPost, "电子邮件", "当面领取", "网上获取"}
)

// The longest name, content and address an application may carry, in
// characters, and of an e-mail address in bytes (RFC 5321).
const (
	MaxNameLength    = 200
	MaxContentLength = 10000
	MaxAddressLength = 200
	MaxEmailLength   = 254
)

// An ApplicationError is one field of an application that breaks a rule: the
// field as the forms name it (name, id_number, contact …) and the message
// key with its arguments, which the web layer translates.
type ApplicationError struct {
	Field string
	Key   string
	Args  []any
}

// ApplicationErrors are every fault of an application, in the order of the
// form. As an error it lists the fields and keys, for the log.
type ApplicationErrors []ApplicationError

// Error lists the fields and their message keys.
func (fe ApplicationErrors) Error() string {
	parts := make([]string, len(fe))
	for i, f := range fe {
		parts[i] = f.Field + ": " + f.Key
	}
	return "request: application: " + strings.Join(parts, "; ")
}

// Check checks the contents 条例第二十九条第二款 requires of a, field by
// field, and returns every fault (nil when there is none). Blank values
// count as missing. The identity number is checked with its check digit
// (居民身份证, born on or before today) or check character (统一社会信用
// 代码) unless a says it is another document; with no valid applicant
// type it is not checked at all, since the type decides which check.
func (a Application) Check(today calendar.Date) ApplicationErrors {
	var fe ApplicationErrors
	fault := func(field, key string, args ...any) {
		fe = append(fe, ApplicationError{Field: field, Key: key, Args: args})
	}
	blank := func(s string) bool { return strings.TrimSpace(s) == "" }
	if !a.Type.Valid() {
		fault("type", "application.type")
	}
	// Text no database can store faithfully (a NUL byte, which
	// PostgreSQL refuses, invalid UTF-8) or that changes how the text
	// reads (control characters) is refused field by field.
	bad := map[string]bool{}
	for _, f := range []struct {
		field, v  string
		multiline bool
	}{{"name", a.Name, false}, {"id_number", a.IDNumber, false}, {"phone", a.Phone, false}, {"email", a.Email, false},
		{"address", a.Address, true}, {"content", a.Content, true}} {
		bad[f.field] = !cleanText(f.v, f.multiline)
	}
	// （一）申请人的姓名或者名称、身份证明、联系方式
	switch {
	case bad["name"]:
		fault("name", "application.bad_chars")
	case blank(a.Name):
		fault("name", "application.name")
	case utf8.RuneCountInString(a.Name) > MaxNameLength:
		fault("name", "application.too_long", MaxNameLength)
	}
	switch id := strings.TrimSpace(a.IDNumber); {
	case bad["id_number"]:
		fault("id_number", "application.bad_chars")
	case id == "":
		fault("id_number", "application.id")
	case a.OtherDocument:
		if !otherDocument(id) {
			fault("id_number", "application.other_id")
		}
	case !a.Type.Valid():
	default:
		var err error
		if a.Type.Organisation() {
			_, err = idcheck.CheckCreditCode(id)
		} else {
			_, err = idcheck.CheckResident(id, today.Time())
		}
		var ie *idcheck.Error
		if errors.As(err, &ie) {
			fault("id_number", "application.id_invalid", ie.Reason)
		} else if err != nil {
			fault("id_number", "application.id_invalid", apperr.M("idcheck.unknown"))
		}
	}
	if blank(a.Phone) && blank(a.Email) && blank(a.Address) {
		fault("contact", "application.contact")
	}
	// A contact that cannot work means the applicant never hears back.
	switch p := strings.TrimSpace(a.Phone); {
	case bad["phone"]:
		fault("phone", "application.bad_chars")
	case p != "" && !phone(p):
		fault("phone", "application.phone")
	}
	switch e := strings.TrimSpace(a.Email); {
	case bad["email"]:
		fault("email", "application.bad_chars")
	case e != "" && !email(e):
		fault("email", "application.email")
	}
	switch {
	case bad["address"]:
		fault("address", "application.bad_chars")
	case utf8.RuneCountInString(strings.TrimSpace(a.Address)) > MaxAddressLength:
		fault("address", "application.too_long", MaxAddressLength)
	}
	// （二）申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述
	switch {
	case bad["content"]:
		fault("content", "application.bad_chars")
	case blank(a.Content):
		fault("content", "application.content")
	case utf8.RuneCountInString(a.Content) > MaxContentLength:
		fault("content", "application.too_long", MaxContentLength)
	}
	// （三）申请公开的政府信息的形式要求，包括获取信息的方式、途径
	if !slices.Contains(Forms, a.Form) {
		fault("form", "application.form")
	}
	if !slices.Contains(Deliveries, a.Delivery) {
		fault("delivery", "application.delivery")
	}
	if a.Delivery == DeliveryPost && blank(a.Address) {
		fault("address", "application.address")
	}
	return fe
}

// cleanText reports whether s is valid UTF-8 without NUL or other control
// characters (tab allowed, line breaks when multiline), nor the
// bidirectional overrides that make text read other than it is stored.
func cleanText(s string, multiline bool) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		switch {
		case r == '\t', multiline && (r == '\n' || r == '\r'):
		case unicode.IsControl(r), r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069':
			return false
		}
	}
	return true
}

// phone reports whether s looks like a telephone number: digits with the
// usual separators (space, -, +, parentheses, 转 for an extension), 5 to
// 20 digits (a short service number to an international number with an
// extension), at most 30 characters. Full-width digits are not allowed:
// nobody can dial them from a notice.
func phone(s string) bool {
	if utf8.RuneCountInString(s) > 30 {
		return false
	}
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(" -+()（）转", r):
		default:
			return false
		}
	}
	return digits >= 5 && digits <= 20
}

// email reports whether s is a plain mail address (local@domain.tld, no
// display name, no spaces) at most MaxEmailLength bytes: the address the
// notices of 条例第四十条 go to must be one a mail server accepts.
func email(s string) bool {
	if len(s) > MaxEmailLength || strings.ContainsAny(s, " <>\"\t") {
		return false
	}
	ad, err := mail.ParseAddress(s)
	if err != nil || ad.Address != s || ad.Name != "" {
		return false
	}
	local, domain, ok := strings.Cut(s, "@")
	return ok && local != "" && len(local) <= 64 && strings.Contains(domain, ".") &&
		!strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".") && !strings.Contains(domain, "..")
}

// otherDocument reports whether s can be the number of another identity
// document (passport, 港澳居民来往内地通行证, 军官证 …): 4 to 40
// characters of letters, digits, spaces, hyphens and parentheses.
func otherDocument(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 4 || n > 40 {
		return false
	}
	for _, r := range s {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(" -()（）/", r)) {
			return false
		}
	}
	return true
}
