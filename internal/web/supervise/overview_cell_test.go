package supervise

import (
	"errors"
	"net/url"
	"testing"

	"github.com/gongkai/gongkai/internal/apperr"
)

// TestCellPageOf: the drill-down's page is 1 when absent and a whole
// number from 1 to the last page otherwise; anything else is invalid
// input (400), never a page clamped or a 500.
func TestCellPageOf(t *testing.T) {
	for _, c := range []struct {
		page  string
		pages int
		want  int
	}{
		{"", 1, 1}, {"", 5, 1}, {"1", 1, 1}, {"3", 3, 3}, {"2", 3, 2},
		{"0", 3, 0}, {"-1", 3, 0}, {"4", 3, 0}, {"2", 1, 0}, {"x", 3, 0}, {"1.0", 3, 0}, {" 1", 3, 0},
		{"99999999999999999999999", 3, 0},
	} {
		q := url.Values{}
		if c.page != "" {
			q.Set("page", c.page)
		}
		got, err := cellPageOf(q, c.pages)
		if c.want == 0 {
			if !errors.Is(err, apperr.Invalid) {
				t.Errorf("page %q of %d: %d, %v, want invalid", c.page, c.pages, got, err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("page %q of %d: %d, %v, want %d", c.page, c.pages, got, err, c.want)
		}
	}
}
