package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/apperr"
)

// A Lang is a user-interface language. Chinese is the default; English is
// the second language.
type Lang string

// The supported languages, as BCP 47 tags (used in <html lang>).
const (
	LangZH Lang = "zh-CN"
	LangEN Lang = "en"
)

// ParseLang maps a query or cookie value to a language; ok is false for
// anything unknown.
func ParseLang(s string) (l Lang, ok bool) {
	switch s {
	case "zh", "zh-CN", "zh-cn", "zh-Hans":
		return LangZH, true
	case "en", "en-US", "en-GB":
		return LangEN, true
	}
	return "", false
}

// Messages maps a message key to its text in Chinese and in English.
type Messages map[string][2]string

// A Catalog looks up user-interface text by key and language. Each site
// builds one from the common messages plus its own.
type Catalog struct {
	m map[string][2]string
}

// NewCatalog merges message sets; a later set overrides an earlier one.
func NewCatalog(sets ...Messages) *Catalog {
	c := &Catalog{m: map[string][2]string{}}
	for _, s := range sets {
		for k, v := range s {
			c.m[k] = v
		}
	}
	return c
}

// T returns the text for key in lang; an unknown key comes back as
// itself, so a missing translation is visible rather than blank.
func (c *Catalog) T(lang Lang, key string) string {
	v, ok := c.m[key]
	if !ok {
		return key
	}
	if lang == LangEN && v[1] != "" {
		return v[1]
	}
	return v[0]
}

// Format returns the text for key in lang with args put into its
// placeholders (fmt verbs, indexed where the languages order them
// differently). An apperr.Key or apperr.Msg argument is translated
// first; an []apperr.Msg argument becomes a list in lang, an
// []apperr.Key argument alternatives (承办人或审核人).
func (c *Catalog) Format(lang Lang, key string, args ...any) string {
	text := c.T(lang, key)
	if len(args) == 0 {
		return text
	}
	vals := make([]any, len(args))
	for i, a := range args {
		switch a := a.(type) {
		case apperr.Key:
			vals[i] = c.T(lang, string(a))
		case apperr.Msg:
			vals[i] = c.Format(lang, a.Key, a.Args...)
		case []apperr.Msg:
			parts := make([]string, len(a))
			for j, m := range a {
				parts[j] = c.Format(lang, m.Key, m.Args...)
			}
			vals[i] = strings.Join(parts, c.T(lang, "list.sep"))
		case []apperr.Key:
			parts := make([]string, len(a))
			for j, k := range a {
				parts[j] = c.T(lang, string(k))
			}
			vals[i] = strings.Join(parts, c.T(lang, "list.or"))
		default:
			vals[i] = a
		}
	}
	if _, ok := c.m[key]; !ok {
		return key + fmt.Sprint(vals) // a missing message shows its key and values, never fmt's noise
	}
	return fmt.Sprintf(text, vals...)
}

// Err returns the safe message of err in lang: the message key and
// arguments of its apperr.Error, or its kind's default message. The
// internal cause is never part of it.
func (c *Catalog) Err(lang Lang, err error) string {
	key, args := apperr.MessageOf(err)
	return c.Format(lang, key, args...)
}

// Has reports whether key exists with both languages filled in.
func (c *Catalog) Has(key string) bool {
	v, ok := c.m[key]
	return ok && v[0] != "" && v[1] != ""
}

// Prefs are the display preferences of a visitor: language and the large
// text mode for older or low-vision readers (适老化).
type Prefs struct {
	Lang      Lang
	LargeText bool
}

// PrefsFrom returns the preferences the WithPrefs middleware found, or the
// defaults (Chinese, normal text).
func PrefsFrom(ctx context.Context) Prefs {
	p, ok := ctx.Value(ctxPrefs).(Prefs)
	if !ok {
		return Prefs{Lang: LangZH}
	}
	return p
}

// Cookie names for the display preferences.
const (
	LangCookie = "gk_lang"
	TextCookie = "gk_text"
)

// WithPrefs reads the language and text size from ?lang=en|zh and
// ?text=large|normal (remembered in a cookie for a year) or from the
// cookies, defaulting to Chinese and normal text.
func WithPrefs(secure bool) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			p := CookiePrefs(r)
			q := r.URL.Query()
			if l, ok := ParseLang(q.Get("lang")); ok {
				p.Lang = l
				setPrefCookie(w, LangCookie, string(l), secure)
			}
			switch q.Get("text") {
			case "large":
				p.LargeText = true
				setPrefCookie(w, TextCookie, "large", secure)
			case "normal":
				p.LargeText = false
				setPrefCookie(w, TextCookie, "normal", secure)
			}
			next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxPrefs, p)))
		})
	}
}

// CookiePrefs returns the preferences r's cookies ask for (Chinese and
// normal text without them); WithPrefs starts from them, and the page
// cache keys pages by them.
func CookiePrefs(r *http.Request) Prefs {
	p := Prefs{Lang: LangZH}
	if c, err := r.Cookie(LangCookie); err == nil {
		if l, ok := ParseLang(c.Value); ok {
			p.Lang = l
		}
	}
	if c, err := r.Cookie(TextCookie); err == nil {
		p.LargeText = c.Value == "large"
	}
	return p
}

func setPrefCookie(w http.ResponseWriter, name, value string, secure bool) {
	http.SetCookie(w, &http.Cookie{
		Name: name, Value: value, Path: "/", MaxAge: int((365 * 24 * time.Hour).Seconds()),
		HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode,
	})
}
