package app

import (
	"github.com/gongkai/gongkai/internal/web"
)

// errCatalog holds the error messages for the console.
var errCatalog = web.NewCatalog(web.ErrorMessages)

// ErrorText renders err's safe message for the operator's console from
// the same message key the pages translate: the Chinese, then the English
// in parentheses. The internal cause is not part of it.
func ErrorText(err error) string {
	zh, en := errCatalog.Err(web.LangZH, err), errCatalog.Err(web.LangEN, err)
	if zh == en {
		return zh
	}
	return zh + " (" + en + ")"
}
