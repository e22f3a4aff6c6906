package cli

import (
	"context"

	"github.com/gongkai/gongkai/internal/app"
)

// demoSeed is wired to internal/demo once that package exists.
var demoSeed func(ctx context.Context, a *app.App) (string, error)
