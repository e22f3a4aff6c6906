package request

import (
	"errors"
	"slices"
	"testing"
)

// TestSplit: 拆分登记 keeps the first item on the request and lists the
// others; it is refused after handling starts, without items, with a blank
// item, and after the year of receipt.
func TestSplit(t *testing.T) {
	split := func(on string, kept string, items ...string) Event {
		return Event{Action: ActSplit, On: md(on), Actor: clerk, Content: kept, Items: items}
	}
	cases := []struct {
		name  string
		start bool
		e     Event
		key   string
	}{
		{"two items", false, split("2026-03-03", "2025年老旧小区改造项目清单", "2025年加装电梯补助名单"), ""},
		{"after handling started", true, split("2026-03-03", "清单", "名单"), "request.wrong_state"},
		{"nothing split off", false, split("2026-03-03", "清单"), "request.split_items"},
		{"a blank item", false, split("2026-03-03", "清单", " "), "request.split_items"},
		{"nothing kept", false, split("2026-03-03", "", "名单"), "request.split_kept"},
		{"the next year", false, split("2027-01-04", "清单", "名单"), "request.split_year"},
		{"a clerk only", false, Event{Action: ActSplit, On: md("2026-03-03"), Actor: head, Content: "清单", Items: []string{"名单"}}, "request.wrong_role"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := register(t, "2026-03-02")
			if c.start {
				mustApply(t, r, nil, Event{Action: ActStart, On: md("2026-03-02"), Actor: clerk})
			}
			err := r.Apply(nil, c.e)
			var re *Error
			switch {
			case c.key == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case c.key != "" && (!errors.As(err, &re) || re.Key != c.key):
				t.Fatalf("got %v; want %s", err, c.key)
			case c.key == "":
				if r.Content != "2025年老旧小区改造项目清单" || r.State != Registered || r.Received != md("2026-03-02") {
					t.Errorf("after the split: content %q state %s received %s", r.Content, r.State, r.Received)
				}
				if !slices.Contains(r.Allowed(Clerk), ActStart) || !slices.Contains(Allowed(Registered, Clerk), ActSplit) {
					t.Errorf("allowed: %v", r.Allowed(Clerk))
				}
			}
		})
	}
	if got := SplitItems("一、清单\r\n\n 二、名单 \n"); !slices.Equal(got, []string{"一、清单", "二、名单"}) {
		t.Errorf("SplitItems: %q", got)
	}
}
