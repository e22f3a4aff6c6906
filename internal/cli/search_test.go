package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/search"
	"github.com/gongkai/gongkai/internal/sqlstore"
)

// TestSearchCommand imports the catalogue fixtures and searches them from
// the command line: text and JSON output, the agency filter, bad queries,
// and a reindex that changes nothing; the import merges its documents
// into blocks once there are MergeMinDocs of them.
func TestSearchCommand(t *testing.T) {
	saved := sqlstore.MergeMinDocs
	sqlstore.MergeMinDocs = 2 // the import's documents merged into blocks at its end
	defer func() { sqlstore.MergeMinDocs = saved }()
	_, _, run := newDataDir(t)
	run(ExitOK, "migrate")
	run(ExitOK, "agency", "add", "--name", "北仑区司法局")
	run(ExitOK, "agency", "add", "--name", "北仑区教育局")
	run(ExitOK, "catalog", "profile", "--agency", "北仑区司法局", "--credit-code", "11330206002882367P")
	out, _ := run(ExitOK, "catalog", "import", "--agency", "北仑区司法局", filepath.Join("testdata", "catalog", "items.jsonl"))
	if !strings.Contains(out, "search postings merged into blocks: ") {
		t.Errorf("an import of more than MergeMinDocs items did not merge them:\n%s", out)
	}

	out, _ = run(ExitOK, "search", "调解员", "修订")
	// both have both terms in the title and score alike: the newer first
	for _, want := range []string{"共 2 条 / 2 results", "1. 《北仑区人民调解员管理办法（修订）》政策解读\n   北仑区司法局  2022-08-30  002882367/2022-00016\n   一、【修订】背景",
		"2. 北仑区司法局关于印发《北仑区人民调解员管理办法（修订）》的通知", "人民【调解员】队伍"} {
		if !strings.Contains(out, want) {
			t.Errorf("search output lacks %q:\n%s", want, out)
		}
	}
	out, _ = run(ExitOK, "search", "--json", "--limit", "1", "仑司〔２０２２〕")
	var p search.PageJSON
	if err := json.Unmarshal([]byte(out), &p); err != nil || p.Total != 1 || len(p.Items) != 1 || p.Items[0].IndexNo != "002882367/2022-00015" ||
		!strings.Contains(out, "<mark>") {
		t.Errorf("--json: %v\n%s", err, out)
	}
	out, _ = run(ExitOK, "search", "--agency", "北仑区教育局", "调解")
	if !strings.Contains(out, "共 0 条") {
		t.Errorf("another agency's search: %s", out)
	}
	_, errs := run(ExitUsage, "search", strings.Repeat("长", 70))
	if !strings.Contains(errs, "term too long") {
		t.Errorf("long term: %s", errs)
	}
	run(ExitUsage, "search")
	run(ExitFailure, "search", "--agency", "不存在", "调解")
	// the attachments' text is not searched until extracted: reindex
	// extracts it (both files are TXT) and says so
	if out, _ = run(ExitOK, "search", "制定本办法"); !strings.Contains(out, "共 0 条") {
		t.Errorf("a word only in an attachment found before extraction: %s", out)
	}
	out, _ = run(ExitOK, "search", "reindex")
	if !strings.Contains(out, "4 条信息") || !strings.Contains(out, "2 extracted, 0 to retry, 0 failed") {
		t.Errorf("reindex: %s", out)
	}
	if out, _ = run(ExitOK, "search", "制定本办法"); !strings.Contains(out, "共 1 条") || !strings.Contains(out, "【制定本办法】") {
		t.Errorf("a word only in an attachment after reindex: %s", out)
	}
	out, _ = run(ExitOK, "search", "调解员")
	if !strings.Contains(out, "共 3 条") {
		t.Errorf("after reindex: %s", out)
	}
	// a query of single characters with more matches than are ranked says so
	savedRanked := search.MaxSingleRanked
	search.MaxSingleRanked = 2
	defer func() { search.MaxSingleRanked = savedRanked }()
	out, _ = run(ExitOK, "search", "调")
	if !strings.Contains(out, "共 3 条") || !strings.Contains(out, "ranked among the 2 last indexed") {
		t.Errorf("a bounded single-character query: %s", out)
	}
}
