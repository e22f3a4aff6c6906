package render_test

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/parse"
	"github.com/gongkai/gongkai/internal/report/render"
)

var roundTrips = flag.Int("roundtrips", 40, "random reports per format in TestRoundTrip")

var agencies = []string{
	"宁波市北仑区司法局", "洪泽区人民政府", "示例市交通运输局", "北京市朝阳区人民政府办公室",
	"上海市浦东新区生态环境局", "广州市天河区教育局", "成都市武侯区卫生健康局", "淮安市自然资源和规划局",
}

var sentences = []string{
	"本机关认真贯彻落实《中华人民共和国政府信息公开条例》，全面推进政务公开。",
	"通过政府网站、政务新媒体等渠道及时发布政府信息。",
	"进一步规范依申请公开办理流程，严格按照法定时限答复。",
	"加强政府信息公开平台建设，优化栏目设置。",
	"公开内容的全面性和及时性仍有提升空间。",
	"本年度未收取信息处理费。",
}

// small returns a count that is usually small and sometimes large.
func small(rng *rand.Rand) int64 {
	switch rng.IntN(10) {
	case 0, 1, 2, 3:
		return 0
	case 9:
		return rng.Int64N(5000)
	default:
		return rng.Int64N(30)
	}
}

func fees(rng *rand.Rand) string {
	switch rng.IntN(4) {
	case 0:
		return "0"
	case 1:
		return fmt.Sprint(rng.IntN(100))
	case 2:
		return fmt.Sprintf("%d.%d", rng.IntN(50), 1+rng.IntN(9))
	default:
		return fmt.Sprintf("%d.%d%d", rng.IntN(9000), rng.IntN(10), 1+rng.IntN(9))
	}
}

func text(rng *rand.Rand) string {
	var ps []string
	for i := 0; i < 1+rng.IntN(3); i++ {
		ps = append(ps, sentences[rng.IntN(len(sentences))]+sentences[rng.IntN(len(sentences))])
	}
	return strings.Join(ps, "\n")
}

// randomReport returns a valid report (R1–R5 hold, every cell present) in
// the given template.
func randomReport(rng *rand.Rand, t report.Template) *report.Report {
	r := report.Empty(t)
	r.Agency = agencies[rng.IntN(len(agencies))]
	r.Year = 2021 + rng.IntN(5)
	if t == report.Template2019 {
		r.Year = 2019 + rng.IntN(2)
	}
	if rng.IntN(5) > 0 {
		r.Date = fmt.Sprintf("%d-01-%02d", r.Year+1, 1+rng.IntN(31))
	}
	n := func() report.Num { return report.N(small(rng)) }
	if t == report.Template2021 {
		p := &r.Proactive
		p.Regulations = report.Triple{Issued: n(), Repealed: n(), InForce: n()}
		p.NormativeDocuments = report.Triple{Issued: n(), Repealed: n(), InForce: n()}
		p.LicensingDecisions, p.PenaltyDecisions, p.CoercionDecisions = n(), n(), n()
		p.FeesWanYuan = report.D(fees(rng))
	} else {
		change := func() report.Num { return report.N(small(rng) - small(rng)) }
		items := func() report.Items2019 { return report.Items2019{PrevYear: n(), Change: change(), Decisions: n()} }
		p := r.Proactive2019
		p.Regulations = report.Triple2019{Made: n(), Published: n(), Total: n()}
		p.NormativeDocuments = report.Triple2019{Made: n(), Published: n(), Total: n()}
		p.Licensing, p.OtherServices, p.Penalty, p.Coercion = items(), items(), items(), items()
		p.Fees = report.Items2019{PrevYear: n(), Change: change()}
		p.ProcurementCount = n()
		p.ProcurementAmount = []string{"0", "52.15", "251000元", "12.6万元"}[rng.IntN(4)]
	}
	q := &r.Requests
	for c := report.Col(0); c < report.ColTotal; c++ {
		var total int64
		for _, id := range report.ResultRows() {
			if q[id] == nil {
				continue
			}
			v := small(rng)
			q[id][c] = report.N(v)
			total += v
		}
		q[report.RowTotal][c] = report.N(total)
		forward := small(rng)
		over := rng.Int64N(total + forward + 1)
		q[report.CarriedForward][c] = report.N(forward)
		q[report.CarriedOver][c] = report.N(over)
		q[report.New][c] = report.N(total + forward - over) // R1
	}
	for _, row := range q {
		if row == nil {
			continue
		}
		var s int64
		for c := report.Col(0); c < report.ColTotal; c++ {
			s += row[c].V
		}
		row[report.ColTotal] = report.N(s) // R2
	}
	for _, g := range r.ReviewLitigation.Groups() {
		g.Upheld, g.Corrected, g.Other, g.Pending = n(), n(), n(), n()
		g.Total = report.N(g.Upheld.V + g.Corrected.V + g.Other.V + g.Pending.V) // R4
	}
	r.Sections = report.Sections{Overview: text(rng), Problems: text(rng), Other: text(rng)}
	return r
}

// formats are the renderers whose output a parser reads back.
var formats = []struct {
	ext    string
	render func(io.Writer, *report.Report) error
}{
	{"json", render.JSON},
	{"html", func(w io.Writer, r *report.Report) error { return render.HTML(w, r, nil) }},
	{"docx", render.DOCX},
	{"xlsx", render.XLSX},
}

func TestRoundTrip(t *testing.T) {
	for _, f := range formats {
		t.Run(f.ext, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(2, uint64(len(f.ext))))
			for i := 0; i < *roundTrips; i++ {
				tmpl := report.Template2021
				if i%3 == 2 {
					tmpl = report.Template2019
				}
				want := randomReport(rng, tmpl)
				var buf bytes.Buffer
				if err := f.render(&buf, want); err != nil {
					t.Fatalf("render: %v", err)
				}
				name := fmt.Sprintf("roundtrip-%d.%s", i, f.ext)
				got, err := parse.Parse(name, buf.Bytes())
				if err != nil {
					t.Fatalf("%s (template %s): parse: %v", name, tmpl, err)
				}
				if d := report.Diff(got, want); d != nil {
					t.Fatalf("%s (template %s): parse(render(r)) differs from r:\n%s", name, tmpl, strings.Join(d, "\n"))
				}
				// A valid report read back from our own output must pass
				// every error-severity rule, R10 (headings, tables) included.
				for _, fd := range report.Validate(got, nil) {
					if fd.Severity == report.Error {
						t.Errorf("%s (template %s): read back, it breaks %s: %s", name, tmpl, fd.Rule, fd.Message)
					}
				}
				if got.Sections != want.Sections && i == 0 {
					// Free text is not part of report.Diff; note it for the log.
					t.Logf("%s: free text differs after the round trip:\ngot  %q\nwant %q", name, got.Sections, want.Sections)
				}
			}
		})
	}
}

// TestRoundTripFixtures renders the fixture reports as published (洪泽区's
// single （六） row in the 2021 template, its broken table 四) and a 2019
// report, and reads them back.
func TestRoundTripFixtures(t *testing.T) {
	files, _ := filepath.Glob("../../../testdata/reports/*.json")
	files = append(files, "testdata/input/2020-example-2019-template.json")
	if len(files) < 3 {
		t.Fatalf("got %d fixture files; want 3", len(files))
	}
	for _, fn := range files {
		b, err := os.ReadFile(fn)
		if err != nil {
			t.Fatal(err)
		}
		want, err := report.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		withFindings := struct {
			ext    string
			render func(io.Writer, *report.Report) error
		}{"findings.html", func(w io.Writer, r *report.Report) error {
			// A findings list above the report must not confuse a reader.
			return render.HTML(w, r, []report.Finding{{Rule: "R1-balance", Severity: report.Error,
				Cells:   []report.CellID{"requests.total.natural_person"},
				Message: "表三 “（七）总计” 行 “自然人” 列为 20，但各办理结果之和为 26", Where: []string{"第 3 行"}}})
		}}
		for _, f := range append(formats, withFindings) {
			t.Run(filepath.Base(fn)+"."+f.ext, func(t *testing.T) {
				var buf bytes.Buffer
				if err := f.render(&buf, want); err != nil {
					t.Fatalf("render: %v", err)
				}
				got, err := parse.Parse("fixture."+f.ext, buf.Bytes())
				if err != nil {
					t.Fatalf("parse: %v", err)
				}
				if d := report.Diff(got, want); d != nil {
					t.Errorf("parse(render(r)) differs from r:\n%s", strings.Join(d, "\n"))
				}
			})
		}
	}
}

// TestRandomReportsValid makes sure the generator only makes valid reports
// (R1–R4 hold), so a round-trip failure is never the generator's.
func TestRandomReportsValid(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for i := 0; i < 200; i++ {
		r := randomReport(rng, []report.Template{report.Template2021, report.Template2019}[i%2])
		q := &r.Requests
		for c := report.Col(0); c < report.NumCols; c++ {
			if q[report.New][c].V+q[report.CarriedOver][c].V != q[report.RowTotal][c].V+q[report.CarriedForward][c].V {
				t.Fatalf("report %d column %d breaks R1", i, c)
			}
			var s int64
			for _, id := range report.ResultRows() {
				if q[id] != nil {
					s += q[id][c].V
				}
			}
			if s != q[report.RowTotal][c].V {
				t.Fatalf("report %d column %d breaks R3", i, c)
			}
		}
		for _, c := range r.Cells() {
			if !c.Present() && (r.Template == report.Template2021 || !strings.HasPrefix(string(c.ID), "proactive.")) {
				t.Fatalf("report %d: cell %s absent", i, c.ID)
			}
			if !c.IsDec && c.Num.V < 0 {
				t.Fatalf("report %d: cell %s negative", i, c.ID)
			}
		}
	}
}
