package cli

import (
	"context"

	"github.com/gongkai/gongkai/internal/app"
	"github.com/gongkai/gongkai/internal/demo"
)

// demoSeed creates the demo data of `gongkai serve --demo` on first start
// and returns the accounts and one-time passwords to print. On later
// starts it creates nothing and says so: the passwords are shown once.
func demoSeed(ctx context.Context, a *app.App) (string, error) {
	res, err := demo.Seed(ctx, a.Agencies, a.Auth)
	if err != nil {
		return "", err
	}
	if res.Empty() {
		return "演示数据已存在；一次性口令只在首次启动时显示，如需新口令请运行 gongkai user reset LOGIN。\n" +
			"Demo data exists already; one-time passwords are shown on first start only (new one: gongkai user reset LOGIN).\n", nil
	}
	return "\n" + res.Text() + "\n", nil
}
