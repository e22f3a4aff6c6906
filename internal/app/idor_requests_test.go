package app

import (
	"context"
	"strconv"
	"testing"
)

// The IDOR test also covers the request pages: it files an application
// to 北仑区教育局 on the portal, whose id the clerk of 北仑区司法局 then
// tries on every /admin/requests/{id} route.
func init() {
	otherAgencyIDs["/admin/requests/"] = "{request:education}"
	idorSetups = append(idorSetups, func(t *testing.T, f *fixture) {
		form := applyForm(f)
		form.Set("agency", strconv.FormatInt(f.agencies["education"].ID, 10))
		form.Set("content", "北仑区教育局2025年校舍维修经费明细")
		resp := f.do(f.client(), "POST", "/apply", form.Encode(), nil)
		m := reTracking.FindStringSubmatch(resp.body)
		if resp.status != 200 || m == nil {
			t.Fatalf("file an application to 北仑区教育局: %d\n%s", resp.status, clip(resp.body))
		}
		recs, err := f.app.Store.RequestsByTracking(context.Background(), m[1])
		if err != nil || len(recs) != 1 {
			t.Fatalf("request %s: %v", m[1], err)
		}
		f.names["request:education"] = strconv.FormatInt(recs[0].ID, 10)
	})
}
