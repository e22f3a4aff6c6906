package catalog

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/calendar"
)

// YearFacts are the facts of section 二's narrative that the records give
// for a year (catalog.md §3): items published per channel (the seed: 459 =
// 63 on the portal + 396 on the WeChat account), per column, and how many
// were late under 条例第二十六条.
type YearFacts struct {
	Year      int
	Published int            // items first published in the year
	Late      int            // of those, published after the 20 working days
	Channels  map[string]int // posts dated in the year, by channel
	Columns   map[string]int // items first published in the year, by top column path
}

// FactCounts is what the store counts for YearFacts.
type FactCounts struct {
	Published, Late int
	Channels        map[string]int
	Categories      map[string]int // by full category path
}

// yearBounds returns the instants a year of Beijing days spans.
func yearBounds(year int) (from, to time.Time) {
	return time.Date(year, 1, 1, 0, 0, 0, 0, CST), time.Date(year+1, 1, 1, 0, 0, 0, 0, CST)
}

// ChannelNames are the Chinese names of the usual channel codes
// (条例第二十三条), used where an agency has not named its own.
var ChannelNames = map[string]string{
	PortalChannel: "政府信息公开专栏",
	"wechat":      "微信公众号",
	"weibo":       "政务微博",
	"douyin":      "政务抖音号",
	"app":         "政务客户端",
	"gazette":     "政府公报",
	"board":       "公开栏",
	"press":       "新闻发布会",
}

// Facts counts an agency's year for the annual report's narrative.
func (s *Service) Facts(ctx context.Context, agencyID int64, year int) (YearFacts, error) {
	from, to := yearBounds(year)
	c, err := s.st.CountYear(ctx, agencyID, from, to, calendar.D(year, 1, 1), calendar.D(year, 12, 31))
	if err != nil {
		return YearFacts{}, err
	}
	f := YearFacts{Year: year, Published: c.Published, Late: c.Late, Channels: c.Channels, Columns: map[string]int{}}
	for cat, n := range c.Categories {
		top, _, _ := strings.Cut(cat, "/")
		f.Columns[top] += n
	}
	return f, nil
}

// Sentence writes the facts as the narrative quotes them, e.g.
// 2022年共主动公开政府信息459条，其中政府信息公开专栏63条、wechat 396条；逾期公开3条（条例第二十六条）。
// names gives channel and column names by code.
func (f YearFacts) Sentence(names map[string]string) string {
	var parts []string
	keys := make([]string, 0, len(f.Channels))
	for k := range f.Channels {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if (keys[i] == PortalChannel) != (keys[j] == PortalChannel) {
			return keys[i] == PortalChannel
		}
		return f.Channels[keys[i]] > f.Channels[keys[j]] || f.Channels[keys[i]] == f.Channels[keys[j]] && keys[i] < keys[j]
	})
	for _, k := range keys {
		n := names[k]
		if n == "" {
			n = ChannelNames[k]
		}
		if n == "" {
			n = k + " "
		}
		parts = append(parts, fmt.Sprintf("%s%d条", n, f.Channels[k]))
	}
	s := fmt.Sprintf("%d年共主动公开政府信息%d条", f.Year, f.Published)
	if len(parts) > 0 {
		s += "，其中" + strings.Join(parts, "、")
	}
	return s + fmt.Sprintf("；逾期公开%d条（条例第二十六条）。", f.Late)
}
