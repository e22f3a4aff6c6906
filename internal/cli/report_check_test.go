package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/report"
)

const reportFixtures = "../../testdata/reports"

var (
	beilunJSON = filepath.Join(reportFixtures, "2022-ningbo-beilun-sifaju.json")
	hongzeJSON = filepath.Join(reportFixtures, "2023-huaian-hongze.json")
	beilunTXT  = filepath.Join(reportFixtures, "2022-ningbo-beilun-sifaju.txt")
	hongzePDF  = filepath.Join(reportFixtures, "2023-huaian-hongze.pdf")
)

// reportRun runs gongkai with args and returns the exit code and output.
func reportRun(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = Main(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// reportVariant writes the beilun fixture, changed by edit, to dir/name.
func reportVariant(t *testing.T, dir, name string, edit func(r *report.Report)) string {
	t.Helper()
	b, err := os.ReadFile(beilunJSON)
	if err != nil {
		t.Fatal(err)
	}
	r, err := report.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	edit(r)
	var buf bytes.Buffer
	if err := report.Encode(&buf, r); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReportCheckExitCodes(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"schema":"gongkai.annual-report/v1","template":"2021","agency":`), 0o644); err != nil {
		t.Fatal(err)
	}
	late := reportVariant(t, dir, "late.json", func(r *report.Report) { r.Date = "2023-02-15" })
	list := filepath.Join(dir, "list.txt")
	if err := os.WriteFile(list, []byte("政府信息公开年报\n三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\n（一）予以公开\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	web := "../../testdata/reports-web/"
	tests := []struct {
		name    string
		args    []string
		code    int
		stdout  []string
		stderr  []string
		noOut   []string
		stderrN int // lines on stderr
	}{
		{"clean report", []string{"report", "check", beilunJSON}, 0,
			[]string{"2022-ningbo-beilun-sifaju.json", "宁波市北仑区司法局 · 2022 年度 · 2021 年版模板", "未发现问题"}, nil, []string{"错误"}, 0},
		{"warnings only exit 0", []string{"report", "check", late}, 0,
			[]string{"警告 1 项", "[R8-deadline] 报告日期为 2023 年 2 月 15 日"}, nil, []string{"错误"}, 0},
		{"error finding", []string{"report", "check", hongzeJSON}, 1,
			[]string{"错误 4 项", "[R4-review-sum] 表四 “行政复议” 的 “总计” 为 0", "[R5-cells] 表三缺少", "警告 1 项"}, nil, nil, 0},
		{"two files and totals", []string{"report", "check", beilunJSON, hongzeJSON}, 1,
			[]string{"共 2 个文件：2 份报告可读取；1 份有错误；错误 4 项，警告 1 项"}, nil, nil, 0},
		{"missing file", []string{"report", "check", filepath.Join(dir, "nope.json"), beilunJSON}, 2,
			[]string{"未发现问题", "无法读取"}, []string{"nope.json", "文件不存在"}, nil, 1},
		{"unreadable beats error findings", []string{"report", "check", hongzeJSON, bad}, 2,
			nil, []string{"bad.json: report json: unexpected end of JSON input"}, nil, 1},
		{"crawled page, cells run together", []string{"report", "check", web + "2022-pingtan-gongan-crawled.txt"}, 0,
			[]string{"平潭综合实验区公安局 · 2022 年度 · 2021 年版模板", "未发现问题"}, nil, nil, 0},
		{"page cut short: cells present, R10 names the rest", []string{"report", "check", web + "2023-tongjiju-cell-pipe-partial.txt"}, 1,
			[]string{"区统计局 · 2023 年度", "[R10-sections] 报告缺少表四", "[R5-cells] 表三缺少"}, nil, nil, 0},
		{"not a report", []string{"report", "check", list}, 2,
			[]string{"无法读取"}, []string{"list.txt: 不是一份年度报告"}, nil, 1},
		{"flags after files", []string{"report", "check", beilunJSON, "--json"}, 0, []string{`"file":`}, nil, nil, 0},
		{"no file", []string{"report", "check"}, 2, nil, []string{"用法 usage"}, nil, -1},
		{"bad flag", []string{"report", "check", "--nope", beilunJSON}, 2, nil, []string{"nope"}, nil, -1},
		{"missing prev", []string{"report", "check", "--prev", filepath.Join(dir, "x.json"), beilunJSON}, 2, nil, []string{"--prev", "x.json"}, nil, 1},
		{"unknown subcommand", []string{"report", "frobnicate"}, 2, nil, []string{"未知子命令"}, nil, 1},
		{"help", []string{"report", "help"}, 0, []string{"check", "convert", "audit", "build"}, nil, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := reportRun(tt.args...)
			if code != tt.code {
				t.Errorf("exit %d; want %d\nstdout: %s\nstderr: %s", code, tt.code, out, errOut)
			}
			for _, w := range tt.stdout {
				if !strings.Contains(out, w) {
					t.Errorf("stdout lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tt.noOut {
				if strings.Contains(out, w) {
					t.Errorf("stdout has %q:\n%s", w, out)
				}
			}
			for _, w := range tt.stderr {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
			if n := strings.Count(errOut, "\n"); tt.stderrN >= 0 && n != tt.stderrN {
				t.Errorf("got %d stderr lines; want %d:\n%s", n, tt.stderrN, errOut)
			}
		})
	}
}

// checkEntry is the documented JSON shape of one file in `check --json`.
type checkEntry struct {
	File     string `json:"file"`
	Agency   string `json:"agency"`
	Year     int    `json:"year"`
	Template string `json:"template"`
	Date     string `json:"date"`
	Errors   int    `json:"errors"`
	Warnings int    `json:"warnings"`
	Rules    []string
	Findings []struct {
		Rule     string   `json:"rule"`
		Severity string   `json:"severity"`
		Cells    []string `json:"cells"`
		Message  string   `json:"message"`
		Where    []string `json:"where"`
	} `json:"findings"`
	Error string `json:"error"`
}

func TestReportCheckJSON(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := reportRun("report", "check", "--json", beilunJSON, hongzeJSON, filepath.Join(dir, "gone.pdf"))
	if code != 2 {
		t.Errorf("exit %d; want 2 (one input unreadable); stderr %s", code, errOut)
	}
	var got []checkEntry
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("decode: %v\n%s", err, out)
	}
	if len(got) != 3 {
		t.Fatalf("got %d entries; want 3", len(got))
	}
	b, h, g := got[0], got[1], got[2]
	if b.Agency != "宁波市北仑区司法局" || b.Year != 2022 || b.Template != "2021" || b.Errors != 0 || len(b.Findings) != 0 || b.Findings == nil {
		t.Errorf("beilun: got %+v", b)
	}
	if h.Errors != 4 || h.Warnings != 1 || len(h.Findings) != 5 || h.Findings[0].Rule != "R4-review-sum" || h.Findings[0].Severity != "error" ||
		h.Findings[0].Cells[0] != "review_litigation.review.total" || strings.Join(h.Rules, " ") != "R4-review-sum R5-cells R8-deadline" {
		t.Errorf("hongze: got %+v", h)
	}
	if !strings.Contains(g.Error, "文件不存在") || g.Findings == nil || g.Agency != "" {
		t.Errorf("unreadable: got %+v", g)
	}
}

func TestReportCheckPrev(t *testing.T) {
	dir := t.TempDir()
	chained := reportVariant(t, dir, "2021.json", func(r *report.Report) {
		r.Year, r.Date = 2021, "2022-01-20"
		r.Proactive.NormativeDocuments.InForce = report.N(1)
	})
	broken := reportVariant(t, dir, "2021-broken.json", func(r *report.Report) {
		r.Year, r.Date = 2021, "2022-01-20"
		r.Requests[report.New] = &report.Row{report.N(3), report.N(0), report.N(0), report.N(0), report.N(0), report.N(0), report.N(3)}
		r.Requests[report.Granted] = &report.Row{report.N(2), report.N(0), report.N(0), report.N(0), report.N(0), report.N(0), report.N(2)}
		r.Requests[report.RowTotal] = r.Requests[report.Granted]
		r.Requests[report.CarriedForward] = &report.Row{report.N(1), report.N(0), report.N(0), report.N(0), report.N(0), report.N(0), report.N(1)}
		r.Proactive.NormativeDocuments.InForce = report.N(4)
	})
	other := reportVariant(t, dir, "other.json", func(r *report.Report) { r.Agency, r.Year = "宁波市北仑区财政局", 2021 })
	tests := []struct {
		name, prev string
		code       int
		want       []string
	}{
		{"chain holds", chained, 0, []string{"未发现问题"}},
		{"carried over breaks the chain", broken, 1, []string{
			"[R6-carry-chain] 表三 “二、上年结转政府信息公开申请数量” 行 “自然人” 列为 0，但 2021 年度报告 “四、结转下年度继续办理” 行同列为 1",
			"[R7-in-force-chain] 表二 “行政规范性文件” 行 “现行有效件数” 列为 1，但 2021 年度报告的现行有效件数 4"}},
		{"another agency is said, not compared", other, 0, []string{"警告 1 项", "不是同一机关"}},
		{"same year is said, not compared", beilunJSON, 0, []string{"应为 2021 年度"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := reportRun("report", "check", "--prev", tt.prev, beilunJSON)
			if code != tt.code {
				t.Errorf("exit %d; want %d\n%s%s", code, tt.code, out, errOut)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("stdout lacks %q:\n%s", w, out)
				}
			}
		})
	}
}

// requirePDFToText skips a test when pdftotext is missing, unless CI is set.
func requirePDFToText(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext (poppler-utils) is required in CI")
		}
		t.Skip("pdftotext not installed")
	}
}

func TestReportCheckPublishedFormats(t *testing.T) {
	t.Run("seed text", func(t *testing.T) {
		code, out, errOut := reportRun("report", "check", beilunTXT)
		if code != 0 || !strings.Contains(out, "未发现问题") {
			t.Errorf("exit %d; want 0 and no findings (R1–R5, R10 pass; R9 reads 一次公开申请)\n%s%s", code, out, errOut)
		}
	})
	t.Run("hongze pdf", func(t *testing.T) {
		requirePDFToText(t)
		code, out, errOut := reportRun("report", "check", "--json", hongzePDF)
		if code != 1 {
			t.Fatalf("exit %d; want 1\n%s%s", code, out, errOut)
		}
		var got []checkEntry
		if err := json.Unmarshal([]byte(out), &got); err != nil || len(got) != 1 {
			t.Fatalf("decode: %v\n%s", err, out)
		}
		var rules []string
		for _, f := range got[0].Findings {
			rules = append(rules, f.Rule)
		}
		if want := "R4-review-sum R4-review-sum R5-cells R5-cells R8-deadline"; strings.Join(rules, " ") != want {
			t.Errorf("got %v; want %s", rules, want)
		}
		if len(got[0].Findings[0].Where) == 0 {
			t.Errorf("R4 from a PDF has no position: %+v", got[0].Findings[0])
		}
	})
}
