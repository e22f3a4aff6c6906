package catalog

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/calendar"
)

// DefaultStaleDays is how long a 政务新媒体 channel may go without an item
// before it is flagged (catalog.md §6, decision: 14 days). The seed's
// WeChat account went silent in September 2022 unnoticed until the
// annual report.
const DefaultStaleDays = 14

// MaxIntervalDays bounds a channel's expected interval (ten years).
const MaxIntervalDays = 3660

// StaleDays returns the default expected interval of a channel, in
// calendar days, for a channel whose agency has not set one; 0 means the
// channel is not watched (the portal, whose items are the catalogue
// itself, and the 政府公报 and 公开栏, which follow their own issue
// schedules).
func StaleDays(channel string) int {
	switch channel {
	case PortalChannel, "gazette", "board", "press":
		return 0
	}
	return DefaultStaleDays
}

// A ChannelSetting is what an agency sets for one of its channels
// (catalog.md §6, decision: a setting per channel): the name it shows and
// the interval within which the channel is expected to carry an item (a
// WeChat account weekly, the portal daily); 0 days means not watched.
type ChannelSetting struct {
	AgencyID     int64
	Code         string // e.g. "wechat", "portal", "wechat-legal"
	Name         string // "" shows the usual name of the code
	IntervalDays int
	UpdatedBy    string
	UpdatedAt    time.Time
}

// channelCodeRE is a channel code: lower-case ASCII letters, digits, "-"
// and "_", starting with a letter (the codes items carry in JSON).
var channelCodeRE = regexp.MustCompile(`^[a-z][a-z0-9_-]{0,31}$`)

// maxChannelName bounds a channel's name.
const maxChannelName = 60

// Check returns the first problem of c: a malformed code, a name too
// long or an interval out of range.
func (c ChannelSetting) Check() error {
	switch {
	case !channelCodeRE.MatchString(c.Code):
		return apperr.New(apperr.Invalid, "catalog.channel.code_invalid", c.Code)
	case utf8.RuneCountInString(c.Name) > maxChannelName:
		return apperr.New(apperr.Invalid, "catalog.channel.name_too_long", maxChannelName)
	case c.IntervalDays < 0 || c.IntervalDays > MaxIntervalDays:
		return apperr.New(apperr.Invalid, "catalog.channel.interval_invalid", MaxIntervalDays)
	}
	return nil
}

// A ChannelStatus is one channel an agency publishes on and when it last
// carried an item.
type ChannelStatus struct {
	Channel  string
	Name     string
	Last     calendar.Date // zero: no item yet
	Silent   int           // days since Last (0 without one)
	Interval int           // the expected interval in days; 0: not watched
	Set      bool          // the agency set the interval (else the default)
	Stale    bool          // silent for longer than its expected interval
}

// Channels returns the channels an agency set or its items went out on,
// with the day each last carried one, stale ones first. A channel is
// stale when it has been silent for longer than its interval: the
// agency's setting for it, else StaleDays. A channel set but never used
// is listed, not flagged: there is no day to count from.
func (s *Service) Channels(ctx context.Context, agencyID int64, today calendar.Date) ([]ChannelStatus, error) {
	last, err := s.st.LastPosts(ctx, agencyID)
	if err != nil {
		return nil, err
	}
	sets, err := s.st.ChannelSettings(ctx, agencyID)
	if err != nil {
		return nil, err
	}
	byCode := map[string]ChannelSetting{}
	for _, c := range sets {
		byCode[c.Code] = c
		if _, ok := last[c.Code]; !ok {
			last[c.Code] = calendar.Date{}
		}
	}
	out := make([]ChannelStatus, 0, len(last))
	for ch, d := range last {
		cs := ChannelStatus{Channel: ch, Name: ChannelNames[ch], Last: d, Interval: StaleDays(ch)}
		if set, ok := byCode[ch]; ok {
			cs.Interval, cs.Set = set.IntervalDays, true
			if set.Name != "" {
				cs.Name = set.Name
			}
		}
		if cs.Name == "" {
			cs.Name = ch
		}
		if !d.IsZero() {
			cs.Silent = today.Sub(d)
			cs.Stale = cs.Interval > 0 && cs.Silent > cs.Interval
		}
		out = append(out, cs)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Stale != out[j].Stale {
			return out[i].Stale
		}
		return out[i].Channel < out[j].Channel
	})
	return out, nil
}

// SetChannel stores the name and expected interval of one of an agency's
// channels. Only the agency's 负责人 (catalog.publish) may: the interval
// decides when the dashboard raises the alarm, as the head decides the
// 公开方式 (条例第二十二条). Audited; a refusal too.
func (s *Service) SetChannel(ctx context.Context, w Staff, c ChannelSetting) error {
	c.Code, c.Name = strings.TrimSpace(c.Code), strings.TrimSpace(c.Name)
	if !auth.Can(w.Subject, auth.CatalogPublish, c.AgencyID) {
		if err := s.log.Record(ctx, w.actor().Event("catalog.channel", "agency", c.AgencyID, audit.ResultDenied, c.Code)); err != nil {
			return err
		}
		return apperr.New(apperr.Forbidden, "catalog.channel.forbidden")
	}
	if err := c.Check(); err != nil {
		return err
	}
	c.UpdatedBy, c.UpdatedAt = w.Subject.Login, s.now()
	return s.tx(ctx, func(ctx context.Context) error {
		if err := s.st.SaveChannelSetting(ctx, c); err != nil {
			return err
		}
		return s.log.Record(ctx, w.actor().Event("catalog.channel", "agency", c.AgencyID, audit.ResultOK,
			fmt.Sprintf("%s（%s）：%d 日", c.Code, c.Name, c.IntervalDays)))
	})
}
