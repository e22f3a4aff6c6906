package request

import (
	"strings"
)

// ActSplit is 拆分登记: an application that asks for several items is
// registered as several requests under the principle of 一事一申请 (the
// only national text on it, 《政府信息公开信息处理费管理办法》第四条, lets
// an agency split "以合理的最小单位拆分计算件数"). The request keeps the
// first item as its content (Event.Content); each further item
// (Event.Items) becomes a request of its own, registered by the caller with
// the same receipt date and channel, whose tracking numbers the event lists
// (Event.Split). Each then has its own outcome and letters.
//
// Counting (regulation.md §7: "counted as the number of requests the
// agency registered"): the request and each of its children count once
// each, all received on the original receipt date, so an application of n
// items counts n times in 一、本年新收 and once per item in 三 or 四; table 三
// balances because every one of them is an ordinary request.
const ActSplit Action = "split"

// MaxSplitItems bounds the items of one 拆分登记: more is a typing error,
// not an application.
const MaxSplitItems = 50

func init() {
	// Only at registration, before 补正 or handling change the request's
	// clock: the children start from the same receipt date with nothing
	// else to copy.
	transitions[ActSplit] = transition{[]State{Registered}, []Role{Clerk}, ""}
	actionLabels[ActSplit] = "拆分登记"
	actionOrder = append(actionOrder, ActSplit)
}

// checkSplit applies the rules of a 拆分登记: the item kept and every item
// split off are stated, there is at least one to split off, and the split
// falls in the year of receipt — the children count as received then, and
// a split after that year's report could change a report already due
// (条例第四十九条), so a later split is refused.
func (r *Request) checkSplit(e Event) error {
	a := e.Action
	if strings.TrimSpace(e.Content) == "" {
		return refuse(ErrRule, a, "request.split_kept")
	}
	if len(e.Items) == 0 {
		return refuse(ErrRule, a, "request.split_items")
	}
	if len(e.Items)+1 > MaxSplitItems {
		return refuse(ErrRule, a, "request.split_too_many", MaxSplitItems)
	}
	for _, it := range e.Items {
		if strings.TrimSpace(it) == "" {
			return refuse(ErrRule, a, "request.split_items")
		}
	}
	if e.On.Year() != r.Received.Year() {
		return refuse(ErrRule, a, "request.split_year", r.Received.Year())
	}
	if len(e.Split) != 0 && len(e.Split) != len(e.Items) {
		return refuse(ErrRule, a, "request.split_items")
	}
	return nil
}

// SplitItems returns the items of an application written one per line (a
// form's text area), without blank lines.
func SplitItems(text string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
