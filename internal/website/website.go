// Package website holds what the public site shows beside the catalogue:
// the site's identity, which every page's footer shows (the site's name,
// 网站标识码, ICP备案号, 公安机关备案号, 主办单位 and 联系方式), set for the whole
// site and overridden field by field for an agency's 专栏; and each
// agency's 政府信息公开指南 and 政府信息公开制度 (条例第十二条; 国办公开办函
// 〔2019〕61号's first-level entries), kept as versions: each save is a new
// version with the date it takes effect, and the older ones stay readable.
package website

import (
	"context"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/calendar"
)

// SiteID is the agency id under which the whole site's identity is kept.
const SiteID = 0

// An Identity is what a site or an agency's 专栏 says about itself in the
// footer. The fields follow 《政府网站发展指引》(国办发〔2017〕47号): every
// government website shows its 网站标识码, its ICP 备案编号 and 公安机关备案号,
// its 主办单位 and a way to contact it.
type Identity struct {
	AgencyID     int64  // SiteID for the whole site
	SiteName     string // 网站名称: the site's (an agency's 专栏 shows the site's name and its own)
	SiteCode     string // 网站标识码, e.g. 3302060001
	ICP          string // ICP备案号, e.g. 浙ICP备05001234号
	PoliceRecord string // 公安机关备案号, e.g. 浙公网安备 33020602000123号
	Sponsor      string // 主办单位
	Contact      string // 联系方式: phone, e-mail or address
	UpdatedBy    string
	UpdatedAt    time.Time
}

// Over returns id with every field that over sets replacing id's: an
// agency's identity over the site's. The site's name stays the site's.
func (id Identity) Over(over Identity) Identity {
	pick := func(a, b string) string {
		if b != "" {
			return b
		}
		return a
	}
	out := id
	out.AgencyID = over.AgencyID
	out.SiteCode = pick(id.SiteCode, over.SiteCode)
	out.ICP = pick(id.ICP, over.ICP)
	out.PoliceRecord = pick(id.PoliceRecord, over.PoliceRecord)
	out.Sponsor = pick(id.Sponsor, over.Sponsor)
	out.Contact = pick(id.Contact, over.Contact)
	return out
}

// Empty reports whether no field of the footer is set.
func (id Identity) Empty() bool {
	return id.SiteCode == "" && id.ICP == "" && id.PoliceRecord == "" && id.Sponsor == "" && id.Contact == ""
}

// siteCodeRE is a 网站标识码: ten characters, digits, or "bm" and eight
// digits for a ministry's site.
var siteCodeRE = regexp.MustCompile(`^(?:[0-9]{10}|bm[0-9]{8})$`)

// MaxField bounds every text field of an identity and of a 指南.
const MaxField = 200

// normalize trims every field.
func (id Identity) normalize() Identity {
	for _, f := range []*string{&id.SiteName, &id.SiteCode, &id.ICP, &id.PoliceRecord, &id.Sponsor, &id.Contact} {
		*f = strings.TrimSpace(*f)
	}
	return id
}

// Check returns the first problem of id: a field too long, or a 网站标识码
// of the wrong form.
func (id Identity) Check() error {
	for _, f := range []string{id.SiteName, id.SiteCode, id.ICP, id.PoliceRecord, id.Sponsor, id.Contact} {
		if utf8.RuneCountInString(f) > MaxField {
			return apperr.New(apperr.Invalid, "website.field_too_long", MaxField)
		}
	}
	if id.SiteCode != "" && !siteCodeRE.MatchString(id.SiteCode) {
		return apperr.New(apperr.Invalid, "website.site_code_invalid", id.SiteCode)
	}
	return nil
}

// A Kind is which of an agency's texts a Doc is.
type Kind string

// The kinds of text.
const (
	Guide Kind = "guide" // 政府信息公开指南 (条例第十二条)
	Rules Kind = "rules" // 政府信息公开制度
)

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { return k == Guide || k == Rules }

// A Doc is one version of an agency's 公开指南 or 公开制度. The contact
// fields are what 条例第十二条 asks a 指南 to give (the office that handles
// requests, its address, hours, phone, fax, e-mail and postcode); Body is
// sanitized HTML with the rest of the text. A 制度 uses Body alone.
type Doc struct {
	AgencyID    int64
	Kind        Kind
	N           int           // version, 1, 2, …
	EffectiveOn calendar.Date // the date the version took effect (shown)
	Office      string        // 受理机构
	Address     string        // 办公地址
	Hours       string        // 办公时间
	Phone       string        // 咨询电话
	Fax         string
	Email       string
	Postcode    string // 邮政编码
	Body        string // sanitized HTML
	SavedBy     string
	SavedAt     time.Time
}

// Store is what the site's settings need from storage.
type Store interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
	// SiteIdentity returns the identity kept for agencyID (SiteID for the
	// site); one never saved is the zero Identity with that id, no error.
	SiteIdentity(ctx context.Context, agencyID int64) (Identity, error)
	// SaveSiteIdentity inserts or replaces an identity.
	SaveSiteIdentity(ctx context.Context, id Identity) error
	// AddDoc appends a version; its number must be the next one
	// (apperr.Conflict otherwise). Versions are never changed.
	AddDoc(ctx context.Context, d Doc) error
	// Docs returns every version of an agency's text of kind, newest first.
	Docs(ctx context.Context, agencyID int64, kind Kind) ([]Doc, error)
}
