package ledger

import (
	"fmt"
	"strings"
)

// A Problem is one thing wrong with a ledger file: a cell, a row, or the
// file as a whole.
type Problem struct {
	// Row is the 1-based row of the sheet as a spreadsheet shows it (the
	// header is row 1); 0 for a problem with the whole file.
	Row int
	// Column is the header of the column concerned, as the file writes
	// it, or "" for a problem with the whole row.
	Column string
	// Reason says what is wrong, in Chinese.
	Reason string
}

// String writes the problem as 第 14 行 办理结果：无法识别“部分予以公开”.
func (p Problem) String() string {
	switch {
	case p.Row == 0 && p.Column == "":
		return p.Reason
	case p.Row == 0:
		return p.Column + "：" + p.Reason
	case p.Column == "":
		return fmt.Sprintf("第 %d 行：%s", p.Row, p.Reason)
	}
	return fmt.Sprintf("第 %d 行 %s：%s", p.Row, p.Column, p.Reason)
}

// Problems is the error Read returns for a ledger that cannot be imported:
// every problem found, in row order.
type Problems []Problem

// Error lists the problems one a line, after a count.
func (ps Problems) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "台账有 %d 处错误，未导入任何记录", len(ps))
	for _, p := range ps {
		b.WriteString("\n")
		b.WriteString(p.String())
	}
	return b.String()
}
