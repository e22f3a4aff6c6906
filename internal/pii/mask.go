package pii

import "strings"

// MaskID masks an identity document number to its first 4 and last 4
// characters: 330106199001011234 → 3301**********1234. Short values keep
// only their last character.
func MaskID(s string) string {
	r := []rune(strings.TrimSpace(s))
	switch {
	case len(r) == 0:
		return ""
	case len(r) <= 8:
		return strings.Repeat("*", len(r)-1) + string(r[len(r)-1:])
	}
	return string(r[:4]) + strings.Repeat("*", len(r)-8) + string(r[len(r)-4:])
}

// MaskPhone masks a phone number to its first 3 and last 4 digits:
// 13812345678 → 138****5678; landlines likewise keep the area code start.
func MaskPhone(s string) string {
	r := []rune(strings.TrimSpace(s))
	switch {
	case len(r) == 0:
		return ""
	case len(r) <= 2:
		return strings.Repeat("*", len(r))
	case len(r) <= 7:
		return strings.Repeat("*", len(r)-2) + string(r[len(r)-2:])
	}
	return string(r[:3]) + strings.Repeat("*", len(r)-7) + string(r[len(r)-4:])
}

// addressUnits end the part of an address a list may show: up to the
// 乡镇 or 街道 (永安市 2023 format), never the 门牌号码.
var addressUnits = []string{"街道", "镇", "乡"}

// MaskAddress cuts an address after its 街道/镇/乡, or after its first 6
// characters when it names none, and marks the cut with ＊＊＊.
func MaskAddress(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	best := -1
	for _, u := range addressUnits {
		if i := strings.Index(s, u); i >= 0 && (best < 0 || i+len(u) < best) {
			best = i + len(u)
		}
	}
	if best < 0 || best >= len(s) {
		r := []rune(s)
		if len(r) <= 6 {
			return string(r[:len(r)/2]) + "＊＊＊"
		}
		return string(r[:6]) + "＊＊＊"
	}
	return s[:best] + "＊＊＊"
}

// MaskEmail keeps the first character of the local part and the domain:
// zhang.san@example.cn → z***@example.cn.
func MaskEmail(s string) string {
	s = strings.TrimSpace(s)
	at := strings.LastIndex(s, "@")
	if at <= 0 {
		return MaskID(s)
	}
	r := []rune(s[:at])
	return string(r[:1]) + "***" + s[at:]
}
