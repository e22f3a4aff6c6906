package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAgencyImportCommand(t *testing.T) {
	dir := migrated(t)
	good := filepath.Join(t.TempDir(), "good.csv")
	bad := filepath.Join(t.TempDir(), "bad.csv")
	head := "名称*,上级,类型*,统一社会信用代码,监督范围,编制年报\n"
	if err := os.WriteFile(good, []byte(head+"北仑区司法局,北仑区人民政府,部门,,,\n北仑区人民政府,,人民政府,,,\n公开办,北仑区人民政府,其他,,北仑区人民政府,否\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte(head+"甲局,不存在,部门,,,\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, s := range []struct {
		args         []string
		code         int
		stdout, list string
	}{
		{[]string{"--data", dir, "agency", "import", bad}, ExitFailure, "第 2 行 上级：机关“不存在”既不在本文件中，也未登记", ""},
		{[]string{"--data", dir, "agency", "import", good}, ExitOK, "已导入 3 个机关", "1  北仑区人民政府  [人民政府]\n  2  北仑区司法局  [部门]\n  3  公开办  [其他]  (不编制年报 no report)  (监督 oversees 北仑区人民政府)\n"},
		{[]string{"--data", dir, "agency", "import", good}, ExitFailure, "机关“北仑区司法局”已存在", ""},
		{[]string{"--data", dir, "agency", "import"}, ExitUsage, "", ""},
	} {
		out, errOut, code := gk(t, s.args...)
		if code != s.code || !strings.Contains(out, s.stdout) {
			t.Errorf("gongkai %s: exit %d, stdout %q, stderr %q; want %d with %q", strings.Join(s.args[2:], " "), code, out, errOut, s.code, s.stdout)
		}
		if s.list != "" {
			if out, _, _ := gk(t, "--data", dir, "agency", "list"); out != s.list {
				t.Errorf("agency list = %q; want %q", out, s.list)
			}
		}
	}
}
