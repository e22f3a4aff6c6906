package website

import (
	"context"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
)

// Who may edit what (decision, README "Site settings"):
//
//   - an agency's 公开指南 and 公开制度 are disclosure texts the agency
//     publishes under its name (条例第十二条), so they are its 负责人's
//     (catalog.publish, the permission that signs items for publication);
//     a 系统管理员 does not write an agency's texts (三员分立: the
//     administrators run the system, not its content);
//   - the footer identity of an agency's 专栏 is the 负责人's or a
//     系统管理员's: it is part the agency's (主办单位, 联系方式), part the
//     site's registration (网站标识码, ICP and 公安 备案号);
//   - the identity of the whole site is the 系统管理员's alone.

// CanEditDocs reports whether s may save versions of agencyID's 指南 and 制度.
func CanEditDocs(s auth.Subject, agencyID int64) bool {
	return agencyID != SiteID && auth.Can(s, auth.CatalogPublish, agencyID)
}

// CanEditIdentity reports whether s may set the footer identity kept for
// agencyID (SiteID: the whole site's).
func CanEditIdentity(s auth.Subject, agencyID int64) bool {
	if agencyID == SiteID {
		return auth.Can(s, auth.SettingsManage, SiteID)
	}
	return auth.Can(s, auth.SettingsManage, agencyID) || auth.Can(s, auth.CatalogPublish, agencyID)
}

// refuse records a refused change and returns apperr.Forbidden.
func (s *Service) refuse(ctx context.Context, by audit.Actor, action string, agencyID int64) error {
	if err := s.log.Record(ctx, by.Event(action, "agency", agencyID, audit.ResultDenied, "无权修改")); err != nil {
		return err
	}
	return apperr.New(apperr.Forbidden, "website.forbidden")
}

// EditIdentity is SetIdentity for a member of staff: it checks
// CanEditIdentity first, and audits a refusal.
func (s *Service) EditIdentity(ctx context.Context, subj auth.Subject, by audit.Actor, id Identity) error {
	if !CanEditIdentity(subj, id.AgencyID) {
		return s.refuse(ctx, by, "website.identity", id.AgencyID)
	}
	if id.AgencyID != SiteID {
		id.SiteName = "" // an agency's 专栏 shows the site's name (Identity.Over)
	}
	return s.SetIdentity(ctx, by, id)
}

// EditDoc is SaveDoc for a member of staff: it checks CanEditDocs first,
// and audits a refusal.
func (s *Service) EditDoc(ctx context.Context, subj auth.Subject, by audit.Actor, d Doc) (Doc, error) {
	if !CanEditDocs(subj, d.AgencyID) {
		return d, s.refuse(ctx, by, "website."+string(d.Kind), d.AgencyID)
	}
	return s.SaveDoc(ctx, by, d)
}
