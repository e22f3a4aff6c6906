package app

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/portal"
)

// TestRouteLimits: the body and rate limits a request meets come from
// the route it matches, as the sites declare them, not from its path
// spelled in middleware: a path variable, a trailing segment or another
// method gets the route's own limits.
func TestRouteLimits(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		for _, tc := range []struct {
			method, path string
			want         web.RouteLimit
		}{
			{"POST", "/apply", web.RouteLimit{MaxBody: portal.MaxApplicationBody, Upload: true, Rate: web.RateApply}},
			{"GET", "/apply", web.RouteLimit{}},
			{"POST", "/apply/status", web.RouteLimit{Rate: web.RateLookup}},
			{"POST", "/apply/status/letter", web.RouteLimit{Rate: web.RateLookup}},
			{"POST", "/apply/status/file", web.RouteLimit{Rate: web.RateLookup}},
			{"POST", "/account/claim", web.RouteLimit{Rate: web.RateLookup}},
			{"POST", "/admin/requests/42/attachments", web.RouteLimit{MaxBody: casework.MaxAttachmentSize + 1<<20, Upload: true}},
			{"GET", "/admin/requests/42/attachments/7", web.RouteLimit{}},
			{"POST", "/admin/requests/42/releases", web.RouteLimit{MaxBody: casework.MaxAttachmentSize + 1<<20, Upload: true}},
			{"POST", "/admin/agencies", web.RouteLimit{}},
			{"POST", "/api/v1/nope", web.RouteLimit{}},
		} {
			r := httptest.NewRequest(tc.method, tc.path, strings.NewReader(""))
			if got := f.app.routeLimit(r); got != tc.want {
				t.Errorf("%s %s: limits %+v; want %+v", tc.method, tc.path, got, tc.want)
			}
		}
		if got := (web.RouteLimit{}).Body(); got != web.DefaultMaxBody {
			t.Errorf("default body limit %d; want %d", got, web.DefaultMaxBody)
		}
	})
}
