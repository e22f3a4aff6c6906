package catalog

import (
	"context"
	"sort"

	"github.com/gongkai/gongkai/internal/calendar"
)

// DefaultStaleDays is how long a 政务新媒体 channel may go without an item
// before it is flagged (catalog.md §6, decision: 14 days). The seed's
// WeChat account went silent in September 2022 unnoticed until the
// annual report.
const DefaultStaleDays = 14

// StaleDays returns the expected interval of a channel, in calendar days;
// 0 means the channel is not watched (the portal, whose items are the
// catalogue itself, and the 政府公报 and 公开栏, which follow their own issue
// schedules).
func StaleDays(channel string) int {
	switch channel {
	case PortalChannel, "gazette", "board", "press":
		return 0
	}
	return DefaultStaleDays
}

// A ChannelStatus is one channel an agency publishes on and when it last
// carried an item.
type ChannelStatus struct {
	Channel string
	Name    string
	Last    calendar.Date
	Silent  int  // days since Last
	Stale   bool // silent for longer than its expected interval
}

// Channels returns the channels an agency's items went out on, with the
// day each last carried one, stale ones first.
func (s *Service) Channels(ctx context.Context, agencyID int64, today calendar.Date) ([]ChannelStatus, error) {
	last, err := s.st.LastPosts(ctx, agencyID)
	if err != nil {
		return nil, err
	}
	var out []ChannelStatus
	for ch, d := range last {
		cs := ChannelStatus{Channel: ch, Name: ChannelNames[ch], Last: d, Silent: today.Sub(d)}
		if cs.Name == "" {
			cs.Name = ch
		}
		if n := StaleDays(ch); n > 0 && cs.Silent > n {
			cs.Stale = true
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
