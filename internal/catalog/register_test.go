package catalog_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/catalog"
	"github.com/gongkai/gongkai/internal/ledger"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

func TestYuan(t *testing.T) {
	for in, want := range map[string]string{"12345.60": "1.23456", "12,345.6元": "1.23456", "0.01": "0.000001", "10000": "1", "0": "0", "１００": "0.01"} {
		fen, err := catalog.ParseYuan(in)
		if err != nil || catalog.WanYuan(fen) != want {
			t.Errorf("ParseYuan(%q) → %d %v → %s; want %s", in, fen, err, catalog.WanYuan(fen), want)
		}
	}
	for _, bad := range []string{"1.234", "-5", "abc", "", "1e5", "12345678901234"} {
		if _, err := catalog.ParseYuan(bad); err == nil {
			t.Errorf("ParseYuan(%q) accepted", bad)
		}
	}
	if got := catalog.WanYuan(123456789); got != "123.456789" {
		t.Errorf("WanYuan = %s", got)
	}
}

func TestReadDecisions(t *testing.T) {
	good := "北仑区司法局 2022 年处理决定\n文书号*,决定日期*,类别*,事项\n仑司罚〔2022〕1号,2022-03-01,行政处罚,无证执业\n仑司许〔2022〕2号,2022/4/2,行政许可,\n"
	ds, err := catalog.ReadDecisions(strings.NewReader(good))
	if err != nil || len(ds) != 2 || ds[0].Kind != catalog.Penalty || ds[1].On != calendar.D(2022, 4, 2) || ds[1].Row != 4 {
		t.Fatalf("good file: %v %+v", err, ds)
	}
	tests := []struct{ name, file, want string }{
		{"bad kind", "文书号,决定日期,类别\nA,2022-01-01,行政检查\n", "第 2 行 类别：“行政检查”应为"},
		{"bad date", "文书号,决定日期,类别\nA,2022-02-30,行政许可\n", "第 2 行 决定日期："},
		{"duplicate", "文书号,决定日期,类别\nA,2022-01-01,行政许可\nA,2022-01-02,行政许可\n", "第 3 行 文书号：“A”与第 2 行重复"},
		{"no doc number", "文书号,决定日期,类别\n,2022-01-01,行政许可\n", "第 2 行 文书号：必填"},
		{"missing column", "文书号,类别\nA,行政许可\n", "决定日期*：缺少必填列"},
		{"empty", "", "文件是空的"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := catalog.ReadDecisions(strings.NewReader(tt.file))
			var ps ledger.Problems
			if !errors.As(err, &ps) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err %v; want Problems with %q", err, tt.want)
			}
		})
	}
}

func TestReadFeesXLSX(t *testing.T) {
	f := excelize.NewFile()
	rows := [][]any{{"日期*", "金额（元）*", "项目"}, {"2022-01-05", "12345.60", "公证费"}, {44570, 100, ""}}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		f.SetSheetRow("Sheet1", cell, &r)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	fs, err := catalog.ReadFees(&buf)
	if err != nil || len(fs) != 2 || fs[0].Fen != 1234560 || fs[1].On != calendar.D(2022, 1, 9) || fs[1].Fen != 10000 {
		t.Fatalf("xlsx fees: %v %+v", err, fs)
	}
	_, err = catalog.ReadFees(strings.NewReader("日期,金额（元）\n2022-01-01,1.234\n2022-01-01,\n"))
	if err == nil || !strings.Contains(err.Error(), "第 2 行 金额（元）") || !strings.Contains(err.Error(), "第 3 行 金额（元）：必填") {
		t.Errorf("bad fees: %v", err)
	}
}

func FuzzReadDecisions(f *testing.F) {
	f.Add("文书号,决定日期,类别\nA,2022-01-01,行政许可\n")
	f.Add("\xef\xbb\xbf文书号\t决定日期\t类别\nA\t44570\t行政强制")
	f.Fuzz(func(t *testing.T, s string) {
		ds, err := catalog.ReadDecisions(strings.NewReader(s))
		var ps ledger.Problems
		if err != nil && !errors.As(err, &ps) {
			t.Fatalf("%q: %v is not Problems", s, err)
		}
		for _, d := range ds {
			if d.DocNo == "" || d.On.IsZero() || d.Kind.Label() == "" {
				t.Fatalf("accepted %+v", d)
			}
		}
	})
}

// oracle counts table 二 straight from catalog.md §3's words.
func oracle(year int, docs []catalog.RegisterDoc, ds []catalog.Decision, fs []catalog.Fee) report.Proactive {
	var p report.Proactive
	tri := func(dt catalog.DocType) report.Triple {
		var t [3]int64
		for _, d := range docs {
			if d.DocType != dt {
				continue
			}
			gone := d.Validity == catalog.Repealed || d.Validity == catalog.Expired
			if d.FormedOn.Year() == year {
				t[0]++
			}
			if gone && d.ValidityChangedOn.Year() == year {
				t[1]++
			}
			if d.FormedOn.Year() <= year && !(gone && d.ValidityChangedOn.Year() <= year) {
				t[2]++
			}
		}
		return report.Triple{Issued: report.N(t[0]), Repealed: report.N(t[1]), InForce: report.N(t[2])}
	}
	p.Regulations, p.NormativeDocuments = tri(catalog.Regulation), tri(catalog.Normative)
	var k [3]int64
	for _, d := range ds {
		if d.On.Year() == year {
			k[map[catalog.DecisionKind]int{catalog.Licensing: 0, catalog.Penalty: 1, catalog.Coercion: 2}[d.Kind]]++
		}
	}
	p.LicensingDecisions, p.PenaltyDecisions, p.CoercionDecisions = report.N(k[0]), report.N(k[1]), report.N(k[2])
	var fen int64
	for _, f := range fs {
		if f.On.Year() == year {
			fen += f.Fen
		}
	}
	p.FeesWanYuan = report.D(strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%d.%06d", fen/1_000_000, fen%1_000_000), "0"), "."))
	return p
}

// TestTable2FromRandomRecords generates four years of random records,
// stores them through the service and checks table 二 of each year
// against the oracle, and R7 between consecutive years, on both databases.
func TestTable2FromRandomRecords(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		w := newWorld(t, st)
		ctx := context.Background()
		rng := rand.New(rand.NewPCG(8, 2022))
		day := func(y0, y1 int) calendar.Date {
			return calendar.D(y0, 1, 1).AddDays(rng.IntN(calendar.D(y1, 12, 31).Sub(calendar.D(y0, 1, 1)) + 1))
		}
		var docs []catalog.RegisterDoc
		var text strings.Builder
		for i := range 160 {
			dt := []catalog.DocType{catalog.Regulation, catalog.Normative, catalog.Normative, catalog.Notice}[rng.IntN(4)]
			d := catalog.RegisterDoc{IndexNo: fmt.Sprintf("X/%05d", i), DocType: dt, FormedOn: day(2019, 2024), Validity: catalog.InForce}
			if dt.HasValidity() && rng.IntN(3) == 0 {
				d.Validity = []catalog.Validity{catalog.Repealed, catalog.Expired, catalog.Amended}[rng.IntN(3)]
				d.ValidityChangedOn = d.FormedOn.AddDays(rng.IntN(900))
			}
			if !dt.HasValidity() {
				d.Validity = ""
			}
			extra := ""
			if d.Validity == catalog.Amended {
				extra = `,"replaced_by":"X/99999"`
			}
			if !d.ValidityChangedOn.IsZero() {
				extra += fmt.Sprintf(`,"validity_changed_on":"%s"`, d.ValidityChangedOn)
			}
			if d.Validity != "" {
				extra += fmt.Sprintf(`,"validity":"%s"`, d.Validity)
			}
			withdrawn := ""
			if rng.IntN(20) == 0 { // withdrawn items leave the register
				withdrawn = `,"withdrawn":{"at":"2025-01-02T00:00:00Z","reason":"误发"}`
			} else if dt.HasValidity() {
				docs = append(docs, d)
			}
			fmt.Fprintf(&text, `{"index_no":"%s","title":"文件%d","category":"rules/normative","doc_type":"%s","formed_on":"%s","published_at":"%sT09:00:00+08:00"%s%s}`+"\n",
				d.IndexNo, i, dt, d.FormedOn, d.FormedOn.AddDays(3), extra, withdrawn)
		}
		lines, err := catalog.ReadItems(strings.NewReader(text.String()), w.a.Name, tree, nil)
		w.must(err)
		_, err = w.svc.Import(ctx, audit.CLI, w.a.ID, w.a.Name, lines, nil)
		w.must(err)
		var ds []catalog.Decision
		for i := range 300 {
			ds = append(ds, catalog.Decision{DocNo: fmt.Sprintf("决〔%d〕", i), On: day(2020, 2024),
				Kind: []catalog.DecisionKind{catalog.Licensing, catalog.Penalty, catalog.Coercion}[rng.IntN(3)]})
		}
		w.must(w.svc.ImportDecisions(ctx, audit.CLI, w.a.ID, ds))
		var fs []catalog.Fee
		for range 200 {
			fs = append(fs, catalog.Fee{On: day(2020, 2024), Fen: rng.Int64N(5_000_000)})
		}
		w.must(w.svc.ImportFees(ctx, audit.CLI, w.a.ID, fs))

		var prev report.Proactive
		for year := 2021; year <= 2024; year++ {
			got, err := w.svc.Table2(ctx, w.a.ID, year)
			w.must(err)
			want := oracle(year, docs, ds, fs)
			if fmt.Sprint(got.Proactive) != fmt.Sprint(want) {
				t.Errorf("%d: got %+v\nwant %+v", year, got.Proactive, want)
			}
			if n := int64(len(got.Cells["proactive.normative_documents.in_force"])); n != got.Proactive.NormativeDocuments.InForce.V {
				t.Errorf("%d: %d in-force cells behind %d", year, n, got.Proactive.NormativeDocuments.InForce.V)
			}
			if year > 2021 {
				for _, pair := range [][2]report.Triple{{prev.Regulations, got.Proactive.Regulations}, {prev.NormativeDocuments, got.Proactive.NormativeDocuments}} {
					if pair[1].InForce.V != pair[0].InForce.V+pair[1].Issued.V-pair[1].Repealed.V {
						t.Errorf("%d: R7 broken: %+v after %+v", year, pair[1], pair[0])
					}
				}
			}
			prev = got.Proactive
		}
		// A 文书号 held already is refused, and nothing of the file is stored.
		err = w.svc.ImportDecisions(ctx, audit.CLI, w.a.ID, []catalog.Decision{{DocNo: "新", On: calendar.D(2022, 1, 1), Kind: catalog.Penalty, Row: 2},
			{DocNo: "决〔7〕", On: calendar.D(2022, 1, 1), Kind: catalog.Penalty, Row: 3}})
		if err == nil || !strings.Contains(err.Error(), "第 3 行 文书号：“决〔7〕”已导入过") {
			t.Errorf("duplicate 文书号: %v", err)
		}
		if got, _ := st.Decisions(ctx, w.a.ID, calendar.D(2000, 1, 1), calendar.D(2100, 1, 1)); len(got) != 300 {
			t.Errorf("%d decisions after a refused import; want 300", len(got))
		}
	})
}

func TestYearFacts(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		w := newWorld(t, st)
		ctx := context.Background()
		text := `{"index_no":"F/1","title":"a","category":"livelihood","doc_type":"notice","formed_on":"2022-01-04","channels":[{"channel":"portal","on":"2022-01-05"},{"channel":"wechat","on":"2022-01-05"}],"published_at":"2022-01-05T09:00:00+08:00"}
{"index_no":"F/2","title":"b","category":"livelihood","doc_type":"notice","formed_on":"2022-01-04","channels":[{"channel":"wechat","on":"2022-09-01"}],"published_at":"2022-09-01T09:00:00+08:00"}
{"index_no":"F/3","title":"c","category":"organ","doc_type":"notice","formed_on":"2021-12-01","published_at":"2021-12-31T23:30:00+08:00"}
{"index_no":"F/4","title":"d","category":"other","doc_type":"notice","formed_on":"2022-12-20","published_at":"2022-12-31T23:30:00+08:00"}
`
		lines, err := catalog.ReadItems(strings.NewReader(text), w.a.Name, tree, nil)
		w.must(err)
		_, err = w.svc.Import(ctx, audit.CLI, w.a.ID, w.a.Name, lines, nil)
		w.must(err)
		f, err := w.svc.Facts(ctx, w.a.ID, 2022)
		w.must(err)
		// 23:30 in Beijing on 31 December is still in the year: F/4 counts, F/3 does not.
		if f.Published != 3 || f.Late != 1 || f.Channels["wechat"] != 2 || f.Channels["portal"] != 2 ||
			f.Columns["livelihood"] != 2 || f.Columns["other"] != 1 || f.Columns["organ"] != 0 {
			t.Errorf("facts %+v", f)
		}
		want := "2022年共主动公开政府信息3条，其中政府信息公开专栏2条、微信公众号2条；逾期公开1条（条例第二十六条）。"
		if got := f.Sentence(nil); got != want {
			t.Errorf("sentence %q; want %q", got, want)
		}
	})
}

func TestChannelsGoStale(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		w := newWorld(t, st)
		ctx := context.Background()
		text := `{"index_no":"C/1","title":"a","category":"other","doc_type":"notice","formed_on":"2022-08-01","channels":[{"channel":"portal","on":"2022-12-20"}],"published_at":"2022-12-20T09:00:00+08:00"}
{"index_no":"C/2","title":"b","category":"other","doc_type":"notice","formed_on":"2022-08-01","channels":[{"channel":"wechat","on":"2022-09-08"}],"published_at":"2022-09-08T09:00:00+08:00"}
{"index_no":"C/3","title":"c","category":"other","doc_type":"notice","formed_on":"2022-08-01","channels":[{"channel":"weibo","on":"2022-12-25"}],"published_at":"2022-12-25T09:00:00+08:00"}
`
		lines, err := catalog.ReadItems(strings.NewReader(text), w.a.Name, tree, nil)
		w.must(err)
		_, err = w.svc.Import(ctx, audit.CLI, w.a.ID, w.a.Name, lines, nil)
		w.must(err)
		cs, err := w.svc.Channels(ctx, w.a.ID, calendar.D(2022, 12, 31))
		w.must(err)
		if len(cs) != 3 || cs[0].Channel != "wechat" || !cs[0].Stale || cs[0].Silent != 114 || cs[0].Name != "微信公众号" ||
			cs[1].Stale || cs[2].Stale {
			t.Errorf("channels %+v; want only wechat stale, silent 114 days", cs)
		}
	})
}

// TestChannelIntervalPerChannel sets the expected interval per channel
// (catalog.md §6): the WeChat account weekly, the portal daily, a 公开栏
// not watched. The alarm follows each channel's own interval, a channel
// set but never used is listed without an alarm, and only the agency's
// 负责人 may set them.
func TestChannelIntervalPerChannel(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		w := newWorld(t, st)
		ctx := context.Background()
		text := `{"index_no":"C/1","title":"a","category":"other","doc_type":"notice","formed_on":"2022-12-01","channels":[{"channel":"portal","on":"2022-12-29"}],"published_at":"2022-12-29T09:00:00+08:00"}
{"index_no":"C/2","title":"b","category":"other","doc_type":"notice","formed_on":"2022-12-01","channels":[{"channel":"wechat","on":"2022-12-22"}],"published_at":"2022-12-22T09:00:00+08:00"}
{"index_no":"C/3","title":"c","category":"other","doc_type":"notice","formed_on":"2022-12-01","channels":[{"channel":"board","on":"2022-01-05"}],"published_at":"2022-01-05T09:00:00+08:00"}
`
		lines, err := catalog.ReadItems(strings.NewReader(text), w.a.Name, tree, nil)
		w.must(err)
		_, err = w.svc.Import(ctx, audit.CLI, w.a.ID, w.a.Name, lines, nil)
		w.must(err)
		today := calendar.D(2022, 12, 31)
		stale := func() map[string]bool {
			t.Helper()
			cs, err := w.svc.Channels(ctx, w.a.ID, today)
			w.must(err)
			out := map[string]bool{}
			for _, c := range cs {
				out[c.Channel] = c.Stale
			}
			return out
		}
		// Defaults: WeChat 14 days (silent 9: fine), the portal and the
		// 公开栏 not watched.
		if got := stale(); got["wechat"] || got["portal"] || got["board"] {
			t.Fatalf("defaults: %v; want nothing stale", got)
		}
		for _, c := range []catalog.ChannelSetting{
			{AgencyID: w.a.ID, Code: "wechat", Name: "北仑司法微信公众号", IntervalDays: 7},
			{AgencyID: w.a.ID, Code: "portal", IntervalDays: 1},
			{AgencyID: w.a.ID, Code: "weibo", Name: "北仑司法微博", IntervalDays: 30},
		} {
			w.must(w.svc.SetChannel(ctx, w.head, c))
		}
		got := stale()
		if !got["wechat"] || !got["portal"] || got["board"] || got["weibo"] {
			t.Errorf("per channel: %v; want wechat (9 > 7) and portal (2 > 1) stale, board and the unused weibo not", got)
		}
		cs, _ := w.svc.Channels(ctx, w.a.ID, today)
		for _, c := range cs {
			if c.Channel == "wechat" && (c.Name != "北仑司法微信公众号" || c.Interval != 7 || !c.Set) {
				t.Errorf("wechat %+v; want its own name and 7 days", c)
			}
			if c.Channel == "weibo" && (!c.Last.IsZero() || c.Stale) {
				t.Errorf("weibo %+v; want listed, never used, not stale", c)
			}
		}
		// Back to 30 days: no longer stale (the row is replaced, not added).
		w.must(w.svc.SetChannel(ctx, w.head, catalog.ChannelSetting{AgencyID: w.a.ID, Code: "wechat", IntervalDays: 30}))
		if got := stale(); got["wechat"] {
			t.Errorf("wechat at 30 days is stale")
		}
		for _, tc := range []struct {
			name string
			who  catalog.Staff
			c    catalog.ChannelSetting
			kind apperr.Kind
		}{
			{"the clerk may not", w.clerk, catalog.ChannelSetting{AgencyID: w.a.ID, Code: "wechat", IntervalDays: 1}, apperr.Forbidden},
			{"the reviewer may not", w.rev, catalog.ChannelSetting{AgencyID: w.a.ID, Code: "wechat", IntervalDays: 1}, apperr.Forbidden},
			{"another agency's head may not", w.head, catalog.ChannelSetting{AgencyID: w.b.ID, Code: "wechat", IntervalDays: 1}, apperr.Forbidden},
			{"a bad code", w.head, catalog.ChannelSetting{AgencyID: w.a.ID, Code: "微信", IntervalDays: 1}, apperr.Invalid},
			{"a negative interval", w.head, catalog.ChannelSetting{AgencyID: w.a.ID, Code: "wechat", IntervalDays: -1}, apperr.Invalid},
			{"an interval too long", w.head, catalog.ChannelSetting{AgencyID: w.a.ID, Code: "wechat", IntervalDays: catalog.MaxIntervalDays + 1}, apperr.Invalid},
		} {
			if err := w.svc.SetChannel(ctx, tc.who, tc.c); apperr.KindOf(err) != tc.kind {
				t.Errorf("%s: %v; want %v", tc.name, err, tc.kind)
			}
		}
		if got := stale(); got["wechat"] {
			t.Errorf("a refused setting changed the interval")
		}
	})
}
