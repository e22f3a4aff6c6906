package app

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/season"
)

// The IDOR test also covers /admin/season/notices/{id}/ack: a 督办 notice
// sent to 北仑区教育局 only, which the clerk of 北仑区司法局 then tries to
// acknowledge.
func init() {
	otherAgencyIDs["/admin/season/notices/"] = "{notice:education}"
	idorSetups = append(idorSetups, func(t *testing.T, f *fixture) {
		id, _, err := f.app.Store.AddSeasonNotice(context.Background(), season.Notice{Kind: season.Urge, Year: 2025,
			Body: "请北仑区教育局于五个工作日内公布年度报告", SentBy: "supervisor", FromAgency: f.agencies["district"].ID,
			CreatedAt: time.Now(), Agencies: []int64{f.agencies["education"].ID}})
		if err != nil {
			t.Fatal(err)
		}
		f.names["notice:education"] = strconv.FormatInt(id, 10)
	})
}
