package catalog

import (
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/calendar"
)

func d(s string) calendar.Date { return calendar.MustParse(s) }

func TestDefaultColumnsCoverArticle20(t *testing.T) {
	for _, lv := range []Level{LevelCounty, LevelTownship, LevelOther} {
		cols := DefaultColumns(3, lv)
		tree := NewTree(cols)
		if len(tree) != len(cols) {
			t.Fatalf("%s: duplicate paths", lv)
		}
		items := map[int]bool{}
		for _, c := range cols {
			if err := CheckPath(c.Path); err != nil {
				t.Errorf("%s: %v", c.Path, err)
			}
			if !c.Article.Valid() || c.AgencyID != 3 || !c.Builtin {
				t.Errorf("%s: %+v", c.Path, c)
			}
			if p := c.Parent(); p != "" {
				if _, ok := tree[p]; !ok {
					t.Errorf("%s: parent missing", c.Path)
				}
			}
			if c.Article.Art == 20 && c.Depth() == 1 {
				items[c.Article.Item] = true
			}
		}
		for i := 1; i <= 15; i++ {
			if !items[i] {
				t.Errorf("%s: no top column for 第二十条第（%s）项", lv, cnNum[i])
			}
		}
		_, local := tree["local"]
		if local == (lv == LevelOther) {
			t.Errorf("%s: 第二十一条 column present = %v", lv, local)
		}
	}
	if _, ok := NewTree(DefaultColumns(1, LevelTownship))["local/homestead"]; !ok {
		t.Error("township tree lacks 宅基地使用情况审核")
	}
	if _, ok := NewTree(DefaultColumns(1, LevelCounty))["local/security"]; !ok {
		t.Error("county tree lacks 治安管理")
	}
}

func TestSubColumn(t *testing.T) {
	tree := NewTree(DefaultColumns(1, LevelCounty))
	c, err := tree.NewSubColumn("livelihood", "dibao", " 低保公示 ")
	if err != nil {
		t.Fatal(err)
	}
	if c.Path != "livelihood/dibao" || c.Name != "低保公示" || c.Article != (Article{20, 11}) || c.Builtin || c.Order != 1 {
		t.Errorf("got %+v", c)
	}
	tree[c.Path] = c
	for _, tt := range []struct{ parent, code, name, msg string }{
		{"nope", "x", "X", "catalog.column.no_parent"},
		{"livelihood", "dibao", "X", "catalog.column.exists"},
		{"livelihood", "Dibao", "X", "catalog.column.code_invalid"},
		{"livelihood", "x", " ", "catalog.column.name_empty"},
		{"livelihood/dibao", "a", "A", ""},
	} {
		_, err := tree.NewSubColumn(tt.parent, tt.code, tt.name)
		if (err == nil) != (tt.msg == "") || err != nil && !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("NewSubColumn(%q, %q): %v; want %q", tt.parent, tt.code, err, tt.msg)
		}
	}
	if a, ok := tree.Article("livelihood/dibao/2022"); !ok || a != (Article{20, 11}) {
		t.Errorf("Article of an unknown sub-path: %v %v", a, ok)
	}
	if got := (Article{20, 6}).String(); got != "第二十条第（六）项" {
		t.Errorf("Article.String = %q", got)
	}
}

func TestGuessLevel(t *testing.T) {
	for name, want := range map[string]Level{"北仑区司法局": LevelCounty, "大碶街道办事处": LevelTownship,
		"春晓镇人民政府": LevelTownship, "宁波市人民政府": LevelCounty} {
		if got := GuessLevel(name); got != want {
			t.Errorf("GuessLevel(%s) = %s; want %s", name, got, want)
		}
	}
}
