package parse

import (
	"strings"

	"github.com/gongkai/gongkai/internal/hanfold"
)

// Mirror sites and 港澳 bodies publish reports in 繁體 (開放政府資訊…，收到和處理
// 政府信息公開申請情況). The reader folds traditional characters to simplified
// ones before it matches labels; the text it keeps (values as found,
// positions, the agency's name) stays as written.
//
// The fold is character by character, from OpenCC's TSCharacters table
// (internal/hanfold, which search folds with too): the template's words need no phrase conversion, and a
// one-to-one fold keeps every position. The converter the issue suggested,
// github.com/longbridgeapp/opencc, builds with CGO_ENABLED=0 and converts
// phrases too, but it links github.com/liuzl/cedar-go, which is GPL-2.0,
// and converts about 1 MB/s (2.6 ms and 1 MB to load); the table folds
// at map-lookup speed and adds no dependency.

// tradTable is the fold map, shared with search (hanfold owns it).
func tradTable() map[rune]rune { return hanfold.Table() }

// tradHints are traditional characters that every report in 繁體 has
// (in 開, 資, 訊, 報, 請, 處, 關, 機, 總, 計, 結, 轉, 數, 與, 條, 項…): a document
// without any of them is not folded at all.
const tradHints = "開資訊報請處關機總計結轉數與條項況門華務規這於辦審議訟維糾從為區縣會體國廣東"

// hasTrad reports whether s contains one of tradHints.
func hasTrad(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && strings.ContainsRune(tradHints, r) {
			return true
		}
	}
	return false
}

// foldTrad returns s with every traditional character in the table
// replaced by its simplified form; the result has as many runes as s.
func foldTrad(s string) string { return hanfold.String(s) }

// docHasTrad reports whether any cell of d is in traditional characters.
func (d *Doc) docHasTrad() bool {
	for _, l := range d.Lines {
		for _, c := range l.Cells {
			if hasTrad(c.Text) {
				return true
			}
		}
	}
	return false
}
