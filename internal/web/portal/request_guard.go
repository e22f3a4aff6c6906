package portal

import (
	"crypto/hmac"
	"crypto/rand"
	"encoding/hex"
	"strconv"
	"strings"
	"time"

	"github.com/emmansun/gmsm/sm3"
)

// Anti-automation on the application form without a CAPTCHA (SECURITY.md
// a honeypot field people never see, and a signed timestamp of when
// the form was shown. Neither ever refuses an application: 条例第二十九条
// makes the agency record what it is sent, and 第三十五条 lets it ask for
// reasons, not drop. The reason goes with the application to staff as a
// hint (casework.Application.Suspicious).
const (
	// honeypotField is the hidden field; a person leaves it empty.
	honeypotField = "website"
	// stampField carries the signed time the form was shown.
	stampField = "form_ts"
	// minFillTime is the least time a person takes to fill the form.
	minFillTime = 3 * time.Second
	// stampSkew is how far in the future a stamp may be (clock steps).
	stampSkew = 5 * time.Second
)

// formGuard signs and checks form timestamps with a key that lives as long
// as the process: a form shown before a restart is reported as unverifiable,
// which is only a hint.
type formGuard struct {
	key []byte
	now func() time.Time
}

// newFormGuard returns a guard with a fresh random key.
func newFormGuard() *formGuard {
	key := make([]byte, 32)
	_, _ = rand.Read(key) // never fails since Go 1.24 (it crashes the program instead)
	return &formGuard{key: key, now: time.Now}
}

// mac returns the HMAC-SM3 of the stamp's time text.
func (g *formGuard) mac(ts string) string {
	m := hmac.New(sm3.New, g.key)
	m.Write([]byte("gongkai-apply-form:" + ts))
	return hex.EncodeToString(m.Sum(nil))
}

// stamp returns a signed stamp of now: milliseconds since 1970, a dot,
// and the MAC.
func (g *formGuard) stamp() string {
	ts := strconv.FormatInt(g.now().UnixMilli(), 10)
	return ts + "." + g.mac(ts)
}

// shown returns when a valid stamp was made, and false for a missing,
// malformed, forged or future one.
func (g *formGuard) shown(stamp string) (time.Time, bool) {
	ts, sig, ok := strings.Cut(stamp, ".")
	if !ok || len(ts) > 19 || !hmac.Equal([]byte(sig), []byte(g.mac(ts))) {
		return time.Time{}, false
	}
	ms, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return time.Time{}, false
	}
	t := time.UnixMilli(ms)
	if t.After(g.now().Add(stampSkew)) {
		return time.Time{}, false
	}
	return t, true
}

// check returns why a submission looks automated, in Chinese for staff,
// or "" when it looks filled by a person.
func (g *formGuard) check(honeypot, stamp string) string {
	var why []string
	if strings.TrimSpace(honeypot) != "" {
		why = append(why, "填写了对用户隐藏的栏目")
	}
	switch t, ok := g.shown(stamp); {
	case stamp == "":
		why = append(why, "缺少表单时间戳")
	case !ok:
		why = append(why, "表单时间戳无效（伪造，或页面在服务重启前打开）")
	default:
		if d := g.now().Sub(t); d < minFillTime {
			why = append(why, "打开表单后 "+strconv.FormatFloat(max(d, 0).Seconds(), 'f', 1, 64)+" 秒即提交")
		}
	}
	return strings.Join(why, "；")
}

// keep returns the stamp to put in a form shown again after an error: the
// posted one when valid, so the fill time counts from the first showing,
// else a new one.
func (g *formGuard) keep(stamp string) string {
	if _, ok := g.shown(stamp); ok {
		return stamp
	}
	return g.stamp()
}
