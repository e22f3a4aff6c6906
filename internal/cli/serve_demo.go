package cli

import (
	"context"

	"github.com/gongkai/gongkai/internal/app"
	"github.com/gongkai/gongkai/internal/demo"
)

// demoSeed creates the demo data of `gongkai serve --demo` on first start —
// agencies, one account per role, 北仑区司法局's 2022 request and its 2022
// catalogue (demo.SeedCatalog), a busier department's requests over three
// years and two pending online submissions — and returns what to print: the one-time passwords and the
// pending submissions' query codes. 北仑区司法局 also gets its letter
// settings and its published annual report on 2022. On later starts it creates nothing and
// says so: secrets are shown once.
func demoSeed(ctx context.Context, a *app.App) (string, error) {
	res, err := demo.Seed(ctx, a.Agencies, a.Auth)
	if err != nil {
		return "", err
	}
	reqs, err := demo.SeedRequests(ctx, a.Store, a.Casework)
	if err != nil {
		return "", err
	}
	cat, err := demo.SeedCatalog(ctx, a.Store, a.Catalog)
	if err != nil {
		return "", err
	}
	if !res.Empty() {
		// First start: 北仑区司法局's letter settings and its published
		// report on 2022, after its request is in.
		if err := demo.SeedReports(ctx, a.Store, a.Annual, a.Stationery); err != nil {
			return "", err
		}
	}
	if res.Empty() && reqs.Empty() && cat.Imported == 0 {
		return "演示数据已存在；一次性口令只在首次启动时显示，如需新口令请运行 gongkai user reset LOGIN。\n" +
			"Demo data exists already; one-time passwords are shown on first start only (new one: gongkai user reset LOGIN).\n", nil
	}
	out := "\n"
	if !res.Empty() {
		out += res.Text() + "\n"
	}
	if !reqs.Empty() {
		out += reqs.Text() + "\n"
	}
	if t := cat.Text(); t != "" {
		out += t + "\n"
	}
	return out, nil
}
