package app

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/casework"
)

// The IDOR test also covers /admin/appeals/{id}: an appeal about
// 主动公开 recorded against 北仑区教育局, which the clerk of 北仑区司法局
// then tries to conclude.
func init() {
	otherAgencyIDs["/admin/appeals/"] = "{appeal:education}"
	idorSetups = append(idorSetups, func(t *testing.T, f *fixture) {
		a, err := f.app.Store.AddPublicationAppeal(context.Background(), casework.PublicationAppeal{AgencyID: f.agencies["education"].ID,
			Kind: casework.Review, Subject: casework.SubjectNotPublished, Matter: "北仑区教育局2025年部门预算未主动公开",
			Filed: calendar.D(2025, 3, 1), CreatedAt: time.Now()})
		if err != nil {
			t.Fatal(err)
		}
		f.names["appeal:education"] = strconv.FormatInt(a.ID, 10)
	})
}
