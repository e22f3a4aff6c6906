package corpus

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

var (
	cellPosRE = regexp.MustCompile(`^表格 (\d+) 第 (\d+) 行第 (\d+) 列$`)
	linePosRE = regexp.MustCompile(`^第 (\d+) 行$`)
)

// CompactWhere shortens a finding's positions for people to read: lines
// become ranges (第 28–30 行) and cells of one table row are merged (表格 3
// 第 4 行第 1–5 列). Positions it does not recognise are kept as they are,
// and the first-seen order of groups is kept.
func CompactWhere(where []string) string {
	type group struct {
		key  string
		nums []int
	}
	var groups []*group
	byKey := map[string]*group{}
	for _, w := range where {
		key, n := w, -1
		if m := cellPosRE.FindStringSubmatch(w); m != nil {
			key = "表格 " + m[1] + " 第 " + m[2] + " 行第 %s 列"
			n, _ = strconv.Atoi(m[3])
		} else if m := linePosRE.FindStringSubmatch(w); m != nil {
			key = "第 %s 行"
			n, _ = strconv.Atoi(m[1])
		}
		g := byKey[key]
		if g == nil {
			g = &group{key: key}
			byKey[key] = g
			groups = append(groups, g)
		}
		if n >= 0 {
			g.nums = append(g.nums, n)
		}
	}
	parts := make([]string, 0, len(groups))
	for _, g := range groups {
		if len(g.nums) == 0 {
			parts = append(parts, g.key)
			continue
		}
		parts = append(parts, fmt.Sprintf(g.key, ranges(g.nums)))
	}
	return strings.Join(parts, "、")
}

// ranges writes sorted distinct numbers as ranges: 1–5、8.
func ranges(ns []int) string {
	sort.Ints(ns)
	var out []string
	for i := 0; i < len(ns); {
		j := i
		for j+1 < len(ns) && ns[j+1] <= ns[j]+1 {
			j++
		}
		if ns[j] == ns[i] {
			out = append(out, strconv.Itoa(ns[i]))
		} else {
			out = append(out, strconv.Itoa(ns[i])+"–"+strconv.Itoa(ns[j]))
		}
		i = j + 1
	}
	return strings.Join(out, "、")
}
