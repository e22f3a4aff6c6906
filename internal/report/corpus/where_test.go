package corpus

import "testing"

func TestCompactWhere(t *testing.T) {
	tests := []struct {
		in   []string
		want string
	}{
		{nil, ""},
		{[]string{"第 149 行"}, "第 149 行"},
		{[]string{"第 30 行", "第 28 行", "第 29 行"}, "第 28–30 行"},
		{[]string{"第 88 行", "第 94 行"}, "第 88、94 行"},
		{[]string{"表格 3 第 4 行第 5 列", "表格 3 第 4 行第 1 列", "表格 3 第 4 行第 2 列", "表格 3 第 4 行第 3 列", "表格 3 第 4 行第 4 列"}, "表格 3 第 4 行第 1–5 列"},
		{[]string{"表格 2 第 3 行第 4 列", "表格 2 第 5 行第 4 列", "第 7 行", "位置不明"}, "表格 2 第 3 行第 4 列、表格 2 第 5 行第 4 列、第 7 行、位置不明"},
	}
	for _, tt := range tests {
		if got := CompactWhere(tt.in); got != tt.want {
			t.Errorf("CompactWhere(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}
