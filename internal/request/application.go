package request

import (
	"errors"
	"slices"
	"strings"
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

// The longest name and content an application may carry, in characters.
const (
	MaxNameLength    = 200
	MaxContentLength = 10000
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
	// （一）申请人的姓名或者名称、身份证明、联系方式
	switch {
	case blank(a.Name):
		fault("name", "application.name")
	case utf8.RuneCountInString(a.Name) > MaxNameLength:
		fault("name", "application.too_long", MaxNameLength)
	}
	switch id := strings.TrimSpace(a.IDNumber); {
	case id == "":
		fault("id_number", "application.id")
	case a.OtherDocument || !a.Type.Valid():
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
	// （二）申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述
	switch {
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
