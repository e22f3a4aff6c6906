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
	return bilingual(errCatalog.Err(web.LangZH, err), errCatalog.Err(web.LangEN, err))
}

// MessageText renders a message key with its arguments for the console
// the way ErrorText does, for the domain's own error types (a
// request.FieldError).
func MessageText(key string, args ...any) string {
	return bilingual(errCatalog.Format(web.LangZH, key, args...), errCatalog.Format(web.LangEN, key, args...))
}

func bilingual(zh, en string) string {
	if zh == en {
		return zh
	}
	return zh + " (" + en + ")"
}
