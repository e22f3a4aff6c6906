package letter

import "strings"

// DraftMark is the watermark of a draft letter and the suffix of its
// file name.
const DraftMark = "草稿"

// FileName is the name a letter is downloaded under: the tracking number
// and the letter's title (its kind, such as 政府信息公开申请答复书), then
// 草稿 for a draft, and ext (".docx"), e.g. 2026-0012-政府信息公开申请答复书.docx.
// Characters a file system refuses (/ \ : * ? " < > | and control
// characters) become "_".
func (l *Letter) FileName(ext string) string {
	parts := make([]string, 0, 3)
	if t := strings.TrimSpace(l.Tracking); t != "" {
		parts = append(parts, t)
	}
	parts = append(parts, l.Title)
	if l.Draft {
		parts = append(parts, DraftMark)
	}
	name := strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || strings.ContainsRune(`/\:*?"<>|`, r) {
			return '_'
		}
		return r
	}, strings.Join(parts, "-"))
	return name + ext
}
