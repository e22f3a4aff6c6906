package app

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/casework"
)

// init gives the IDOR test a staff notice of 北仑区教育局, which the clerk
// of 北仑区司法局 must not mark as read.
func init() {
	otherAgencyIDs["/admin/notices/"] = "{notice:education}"
	fixtureHooks = append(fixtureHooks, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		if _, err := f.app.Store.AddNotification(ctx, casework.Notification{AgencyID: f.agencies["education"].ID,
			Audience: casework.ToStaff, Kind: "test", Body: "北仑区教育局的提醒", CreatedAt: time.Now()}); err != nil {
			t.Fatalf("fixture notice: %v", err)
		}
		ns, err := f.app.Store.Notifications(ctx, casework.NotificationFilter{AgencyID: f.agencies["education"].ID, Audience: casework.ToStaff})
		if err != nil || len(ns) == 0 {
			t.Fatalf("fixture notice: %v", err)
		}
		f.names["notice:education"] = strconv.FormatInt(ns[len(ns)-1].ID, 10)
	})
}

// TestNoticeScenario: staff of the agency mark a notice as read; the
// other agency's clerk cannot.
func TestNoticeScenario(t *testing.T) {
	eachBackend(t, func(t *testing.T, f *fixture) {
		f.walk(t, []scenario{
			{name: "unread in the list", as: "clerk2", method: "GET", url: "/admin/requests", status: 200,
				want: []string{"北仑区教育局的提醒", "标为已读", `action="/admin/notices/{notice:education}/read"`}},
			{name: "other agency cannot mark it", as: "clerk", method: "POST", url: "/admin/notices/{notice:education}/read", status: 404},
			{name: "mark as read", as: "clerk2", method: "POST", url: "/admin/notices/{notice:education}/read", status: 303, location: "/admin/requests"},
			{name: "read now", as: "clerk2", method: "GET", url: "/admin/requests", status: 200,
				want: []string{"北仑区教育局的提醒"}, notWant: []string{`action="/admin/notices/{notice:education}/read"`}},
		})
	})
}
