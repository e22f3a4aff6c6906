package catalog

import (
	"context"
	"time"

	"github.com/gongkai/gongkai/internal/calendar"
)

// A Profile is what the catalogue knows of an agency: the 统一社会信用代码
// its 索引号 start with and the level that decides its 第二十一条 columns.
type Profile struct {
	AgencyID   int64
	CreditCode string // empty until set; a first publication needs it
	Level      Level
}

// A Record is an item as stored: its workflow summary and the content the
// lists show (the live version's, or the working copy's before the first
// publication). Draft holds the working copy while the item is in a
// working state.
type Record struct {
	ID             int64
	AgencyID       int64
	IndexNo        string
	State          State
	Live           int
	Shown          Content // without Body and Attachments
	Draft          *Content
	FirstPublished time.Time // zero until published
	PublishAt      time.Time // when Scheduled
	Late           bool      // 第二十六条: published (or still unpublished) after the 20 working days
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// A Filter selects items for ListItems. Zero fields match all.
type Filter struct {
	AgencyID  int64
	States    []State
	Category  string // the column and its sub-columns
	DocType   DocType
	Validity  Validity
	Public    bool // published (in a version) and not withdrawn, 主动公开 only
	Late      *bool
	AfterID   int64
	Limit     int
	Published [2]calendar.Date // first publication from–to, legal days; zero ends are open
}

// A Link says that the 政策解读 From explains the document To, by 索引号.
type Link struct {
	From, To string
}

// Store is what the catalogue needs from storage. Every method joins the
// transaction the context carries (InTx). Missing rows are apperr.NotFound.
type Store interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error

	// CatalogProfile returns an agency's profile, or apperr.NotFound.
	CatalogProfile(ctx context.Context, agencyID int64) (Profile, error)
	// SaveCatalogProfile inserts or replaces an agency's profile.
	SaveCatalogProfile(ctx context.Context, p Profile, at time.Time) error
	// Columns returns an agency's columns, parents before children, each
	// level in display order.
	Columns(ctx context.Context, agencyID int64) ([]Column, error)
	// AddColumns inserts columns; a path already held is apperr.Conflict.
	AddColumns(ctx context.Context, cols []Column, at time.Time) error

	// NextIndexSeq reserves the next 索引号 sequence of an agency's year.
	NextIndexSeq(ctx context.Context, agencyID int64, year int) (int, error)
	// RaiseIndexSeq makes the next sequence of the year greater than seq
	// (an imported 索引号 of gongkai's form is never handed out again).
	RaiseIndexSeq(ctx context.Context, agencyID int64, year, seq int) error

	// CreateItem inserts r and returns its ID; an 索引号 already held is
	// apperr.Conflict.
	CreateItem(ctx context.Context, r Record, at time.Time) (int64, error)
	// UpdateItem writes everything of r but its ID, agency and creation.
	UpdateItem(ctx context.Context, r Record, at time.Time) error
	Item(ctx context.Context, id int64) (Record, error)
	// ItemIDByIndexNo returns the item holding an 索引号, or apperr.NotFound.
	ItemIDByIndexNo(ctx context.Context, indexNo string) (int64, error)
	ListItems(ctx context.Context, f Filter) ([]Record, error)

	// AppendItemEvent appends the seq-th event (1, 2, …) of an item.
	AppendItemEvent(ctx context.Context, itemID int64, seq int, e Event) error
	ItemEvents(ctx context.Context, itemID int64) ([]Event, error)
	// AddVersion appends a published version; versions are never changed.
	AddVersion(ctx context.Context, itemID int64, v Version) error
	Versions(ctx context.Context, itemID int64) ([]Version, error)
	// SetPosts replaces the channels an item's live version went out on.
	SetPosts(ctx context.Context, itemID int64, posts []Post) error
	// SetLinks replaces the 解读 links an item's live version declares
	// (From or To is its 索引号).
	SetLinks(ctx context.Context, agencyID int64, indexNo string, links []Link) error
	// AddLinks inserts links, ignoring those already held.
	AddLinks(ctx context.Context, agencyID int64, links []Link) error
	// Links returns the links from or to an 索引号.
	Links(ctx context.Context, indexNo string) ([]Link, error)

	// AddDecisions inserts decisions; a 文书号 the agency holds is apperr.Conflict.
	AddDecisions(ctx context.Context, ds []Decision, at time.Time) error
	// HeldDecisions returns the 文书号 an agency holds.
	HeldDecisions(ctx context.Context, agencyID int64) (map[string]bool, error)
	// Decisions returns an agency's decisions dated from–to, inclusive.
	Decisions(ctx context.Context, agencyID int64, from, to calendar.Date) ([]Decision, error)
	AddFees(ctx context.Context, fs []Fee, at time.Time) error
	// Fees returns an agency's fee entries dated from–to, inclusive.
	Fees(ctx context.Context, agencyID int64, from, to calendar.Date) ([]Fee, error)
	// RegisterDocs returns the published, not withdrawn 规章 and
	// 行政规范性文件 of an agency.
	RegisterDocs(ctx context.Context, agencyID int64) ([]RegisterDoc, error)

	// LastPosts returns, for each channel an agency's items went out on,
	// the latest day one did.
	LastPosts(ctx context.Context, agencyID int64) (map[string]calendar.Date, error)
	// ChannelSettings returns the channels an agency has set (name and
	// expected interval), by code.
	ChannelSettings(ctx context.Context, agencyID int64) ([]ChannelSetting, error)
	// SaveChannelSetting inserts or replaces the setting of one channel.
	SaveChannelSetting(ctx context.Context, c ChannelSetting) error
	// CountYear counts an agency's items first published in [from, to)
	// (all, late, by category) and its posts dated on–until by channel.
	CountYear(ctx context.Context, agencyID int64, from, to time.Time, on, until calendar.Date) (FactCounts, error)

	// PublicItems returns the items q selects (PublicQuery), newest first
	// publication first, then highest id.
	PublicItems(ctx context.Context, q PublicQuery) ([]Record, error)
	// CountPublicItems counts them, ignoring q's After, Offset and Limit.
	CountPublicItems(ctx context.Context, q PublicQuery) (int, error)
	// PublicCategoryCounts counts the public items of the agencies (all
	// when empty) by category.
	PublicCategoryCounts(ctx context.Context, agencyIDs []int64) (map[string]int, error)

	// CalendarOverrides returns an agency's local closures and openings.
	CalendarOverrides(ctx context.Context, agencyID int64) ([]calendar.Override, error)
}
