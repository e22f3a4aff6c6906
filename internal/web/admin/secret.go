package admin

import "github.com/gongkai/gongkai/internal/web"

// SecretPage shows a one-time password or an API token exactly once: it
// is rendered in the answer to the POST that made it and stored nowhere
// in clear.
type SecretPage struct {
	web.Page
	Lead   string
	Label  string
	Secret string
	Back   string
}
