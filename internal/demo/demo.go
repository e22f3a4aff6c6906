// Package demo seeds a demonstration installation for `gongkai serve
// --demo`: the hierarchy 宁波市 → 北仑区 → 北仑区司法局 with sibling
// departments, the city's 政务公开办 as supervisor, and one account per
// role with a random one-time password. Seeding is idempotent: what exists
// is left alone, and a second start creates nothing and returns no
// passwords.
package demo

import (
	"context"
	"fmt"
	"strings"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
)

// Agency names of the demo hierarchy.
const (
	City        = "宁波市"
	District    = "北仑区"
	Justice     = "北仑区司法局"
	Education   = "北仑区教育局"
	Health      = "北仑区卫生健康局"
	Planning    = "北仑区自然资源和规划分局"
	OpenOffice  = "宁波市人民政府办公厅 政务公开办"
	demoLoginPf = "demo-"
)

// agencies lists the demo agencies parents first: name, parent, and the
// agency whose subtree it oversees.
var agencies = []struct{ name, parent, oversees string }{
	{City, "", ""},
	{District, City, ""},
	{Justice, District, ""},
	{Education, District, ""},
	{Health, District, ""},
	{Planning, District, ""},
	// 条例第三条: the 政府办公厅 is the competent department for disclosure
	// work in its area, so its office supervises the whole city.
	{OpenOffice, City, City},
}

// accounts lists one demo account per role.
var accounts = []struct {
	role    account.Role
	agency  string
	display string
}{
	{account.Clerk, Justice, "王经办 (演示)"},
	{account.Reviewer, Justice, "李审核 (演示)"},
	{account.Head, Justice, "张负责 (演示)"},
	{account.Supervisor, OpenOffice, "陈监督 (演示)"},
	{account.SysAdmin, OpenOffice, "系统管理员 (演示)"},
	{account.SecAdmin, OpenOffice, "安全管理员 (演示)"},
	{account.AuditAdmin, OpenOffice, "审计管理员 (演示)"},
}

// An Account is a demo account created by Seed, with its one-time
// password.
type Account struct {
	Login    string
	Role     account.Role
	Agency   string
	Password string
}

// Result says what Seed created.
type Result struct {
	Agencies []string  // names of agencies created
	Accounts []Account // accounts created, with their one-time passwords
}

// Empty reports whether Seed created nothing.
func (r Result) Empty() bool { return len(r.Agencies) == 0 && len(r.Accounts) == 0 }

// Text formats the created accounts for the console: login, role, agency
// and one-time password, one a line. It is empty when nothing was created.
func (r Result) Text() string {
	if len(r.Accounts) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("演示账户 demo accounts (一次性口令, 首次登录须修改 / one-time passwords, change at first login):\n")
	for _, a := range r.Accounts {
		fmt.Fprintf(&b, "  %-17s %-6s %-22s %s\n", a.Login, a.Role.Label(), a.Agency, a.Password)
	}
	return b.String()
}

// Seed creates whatever part of the demo data is missing, as the command
// line actor, and returns what it created.
func Seed(ctx context.Context, ag *agency.Service, users *auth.Service) (Result, error) {
	var res Result
	ids := map[string]int64{}
	for _, d := range agencies {
		a, err := ag.Store.AgencyByName(ctx, d.name)
		if apperr.KindOf(err) == apperr.NotFound {
			a, err = ag.Create(ctx, audit.CLI, agency.Agency{Name: d.name, ParentID: ids[d.parent], OverseesID: ids[d.oversees]})
			if err == nil {
				res.Agencies = append(res.Agencies, a.Name)
			}
		}
		if err != nil {
			return res, fmt.Errorf("demo: agency %s: %w", d.name, err)
		}
		ids[d.name] = a.ID
	}
	for _, d := range accounts {
		login := demoLoginPf + string(d.role)
		_, err := users.Users.UserByLogin(ctx, login)
		if err == nil {
			continue
		}
		if apperr.KindOf(err) != apperr.NotFound {
			return res, fmt.Errorf("demo: account %s: %w", login, err)
		}
		_, pw, err := users.AddUser(ctx, audit.CLI, auth.NewUser{AgencyID: ids[d.agency], Login: login,
			DisplayName: d.display, Roles: []account.Role{d.role}})
		if err != nil {
			return res, fmt.Errorf("demo: account %s: %w", login, err)
		}
		res.Accounts = append(res.Accounts, Account{Login: login, Role: d.role, Agency: d.agency, Password: pw})
	}
	return res, nil
}
