package portal

import "github.com/gongkai/gongkai/internal/web"

// Page is the shared frame of portal pages.
type Page = web.Page
