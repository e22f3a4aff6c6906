package catalog

import (
	"time"

	"github.com/gongkai/gongkai/internal/calendar"
)

// A DocType is the kind of document an item is (catalog.md §2).
type DocType string

// The document types.
const (
	Regulation     DocType = "regulation"     // 规章
	Normative      DocType = "normative"      // 行政规范性文件
	Policy         DocType = "policy"         // 其他政策文件
	Interpretation DocType = "interpretation" // 政策解读
	Notice         DocType = "notice"         // 公告通知
	OtherDoc       DocType = "other"          // 其他
)

var docTypeLabels = map[DocType]string{Regulation: "规章", Normative: "行政规范性文件", Policy: "其他政策文件",
	Interpretation: "政策解读", Notice: "公告通知", OtherDoc: "其他"}

// Valid reports whether t is a known type.
func (t DocType) Valid() bool { _, ok := docTypeLabels[t]; return ok }

// Label returns the type's Chinese name.
func (t DocType) Label() string { return docTypeLabels[t] }

// HasValidity reports whether items of type t carry a validity: 规章 and
// 行政规范性文件, which 61号 asks to mark 有效/失效/废止.
func (t DocType) HasValidity() bool { return t == Regulation || t == Normative }

// A Validity is the legal status of a 规章 or 行政规范性文件.
type Validity string

// The validities.
const (
	InForce  Validity = "in_force" // 现行有效
	Amended  Validity = "amended"  // 已修改
	Expired  Validity = "expired"  // 失效
	Repealed Validity = "repealed" // 废止
)

var validityLabels = map[Validity]string{InForce: "现行有效", Amended: "已修改", Expired: "失效", Repealed: "废止"}

// Valid reports whether v is a known validity.
func (v Validity) Valid() bool { _, ok := validityLabels[v]; return ok }

// Label returns the validity's Chinese name.
func (v Validity) Label() string { return validityLabels[v] }

// Ended reports whether v takes the document out of force (table 二's
// 本年废止 counts these: catalog.md §3).
func (v Validity) Ended() bool { return v == Expired || v == Repealed }

// Replaced reports whether v names the document that replaces this one.
func (v Validity) Replaced() bool { return v == Amended || v == Repealed }

// A Disclosure is an item's 公开属性 (条例第十三条, 第二十二条).
type Disclosure string

// The disclosure attributes. Only proactive items are shown to the public.
const (
	Proactive Disclosure = "proactive"  // 主动公开
	OnRequest Disclosure = "on_request" // 依申请公开
	NotPublic Disclosure = "not_public" // 不予公开（须写明依据条款）
)

var disclosureLabels = map[Disclosure]string{Proactive: "主动公开", OnRequest: "依申请公开", NotPublic: "不予公开"}

// Valid reports whether d is a known attribute.
func (d Disclosure) Valid() bool { _, ok := disclosureLabels[d]; return ok }

// Label returns the attribute's Chinese name.
func (d Disclosure) Label() string { return disclosureLabels[d] }

// An Attachment is a file published with an item. The bytes live in the
// blob store under BlobKey; the row keeps what the public page shows.
type Attachment struct {
	Name        string `json:"name"` // file name shown, e.g. 附件1.pdf
	ContentType string `json:"content_type,omitempty"`
	Size        int64  `json:"size"`
	SHA256      string `json:"sha256"` // lower-case hex
	BlobKey     string `json:"blob_key,omitempty"`
	// Hazard is the bombcheck flag of a zip or XML bomb ("code: detail"),
	// set when the file was stored: staff are warned before they open it
	// and the scanner never reads it.
	Hazard string `json:"hazard,omitempty"`
}

// A Post records that an item went out on one channel on a date
// (条例第二十三条): the portal, a 政务新媒体 account, a 公开栏, a 公报.
type Post struct {
	Channel string        `json:"channel"` // "portal" or the agency's channel code, e.g. "wechat"
	On      calendar.Date `json:"on"`
}

// PortalChannel is the code of the agency's own 政府信息公开专栏.
const PortalChannel = "portal"

// Content is what staff write for an item: every field of gongkai.item/v1
// that a version keeps. Body is sanitized HTML (Sanitize).
type Content struct {
	Title      string        `json:"title"`
	DocNo      string        `json:"doc_no,omitempty"`      // 文号, e.g. 仑司〔2022〕12号
	CoAgencies []string      `json:"co_agencies,omitempty"` // 联合发文机构
	Category   string        `json:"category,omitempty"`    // column path
	DocType    DocType       `json:"doc_type,omitempty"`
	FormedOn   calendar.Date `json:"formed_on,omitzero"`  // 成文/形成日期
	ChangedOn  calendar.Date `json:"changed_on,omitzero"` // 变更日期, when the item updates an earlier one
	// Validity, ValidityChangedOn and ReplacedBy are set for 规章 and
	// 行政规范性文件 only.
	Validity          Validity      `json:"validity,omitempty"`
	ValidityChangedOn calendar.Date `json:"validity_changed_on,omitzero"`
	ReplacedBy        string        `json:"replaced_by,omitempty"` // index_no of the item that amends or repeals this one
	Interprets        []string      `json:"interprets,omitempty"`  // index_nos of the documents this 政策解读 explains
	Summary           string        `json:"summary,omitempty"`     // 内容概述
	Body              string        `json:"body,omitempty"`        // sanitized HTML
	Attachments       []Attachment  `json:"attachments,omitempty"`
	Channels          []Post        `json:"channels,omitempty"`
	Disclosure        Disclosure    `json:"disclosure,omitempty"`
	DisclosureBasis   string        `json:"disclosure_basis,omitempty"` // the article when not_public, e.g. 第十五条
}

// StartOn returns the day 第二十六条's 20 working days count from: the
// change date when the item updates an earlier one, else the formation date.
func (c Content) StartOn() calendar.Date {
	if !c.ChangedOn.IsZero() {
		return c.ChangedOn
	}
	return c.FormedOn
}

// A VersionKind says why a version was published.
type VersionKind string

// The version kinds.
const (
	FirstPublication VersionKind = "publication" // 首次发布
	Correction       VersionKind = "correction"  // 勘误
	Imported         VersionKind = "import"      // 迁移导入
)

// A Version is one published state of an item, kept for ever.
type Version struct {
	N           int // 1, 2, …
	Kind        VersionKind
	Content     Content
	PublishedAt time.Time
	By          string // who signed (or imported) it
	Note        string // 勘误说明
}
