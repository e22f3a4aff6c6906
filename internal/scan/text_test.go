package scan

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// spot is a finding reduced to what a corpus test pins: kind and place.
type spot struct {
	Kind  Kind
	Where string
}

func spots(fs []Finding) []spot {
	out := make([]spot, len(fs))
	for i, f := range fs {
		out[i] = spot{f.Kind, f.Where}
	}
	return out
}

// TestCorpus runs the scanner on realistic government documents with
// valid numbers, masked numbers and near misses (wrong check digit,
// impossible date, failed Luhn, 准考证号, 索引号, 统一社会信用代码, hotlines,
// amounts, statistics): it must find exactly the personal data.
func TestCorpus(t *testing.T) {
	tests := []struct {
		file string
		want []spot
	}{
		{"penalty-decision.txt", []spot{{IDCard, "第 9 行"}, {Mobile, "第 10 行"}, {BankCard, "第 13 行"}}},
		{"dibao-notice.txt", []spot{{IDCard, "第 8 行"}, {IDCard, "第 10 行"}, {Mobile, "第 14 行"}}},
		{"hiring-list.txt", []spot{{Email, "第 14 行"}}},
		{"statistics-bulletin.txt", []spot{}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "corpus", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			fs, err := Document(context.Background(), tc.file, data)
			if err != nil {
				t.Fatal(err)
			}
			got := fmt.Sprint(spots(fs))
			if want := fmt.Sprint(tc.want); got != want {
				t.Errorf("findings %s; want %s\n%v", got, want, fs)
			}
			for _, f := range fs {
				if strings.Count(f.Masked, "*") < len([]rune(f.Masked))/2 {
					t.Errorf("%v: masked value %q hides less than half", f.Kind, f.Masked)
				}
			}
		})
	}
}

// TestNumbers pins the disguises the scanner must see through and the
// look-alikes it must leave alone.
func TestNumbers(t *testing.T) {
	tests := []struct {
		name, text string
		want       []Kind
	}{
		{"id plain", "身份证号330206198503122715。", []Kind{IDCard}},
		{"id lower x", "证件号：11010519491231002x", []Kind{IDCard}},
		{"id upper x", "证件号：11010519491231002X，", []Kind{IDCard}},
		{"id full-width", "身份证：３３０２０６１９８５０３１２２７１５", []Kind{IDCard}},
		{"id spaces", "身份证 330206 19850312 2715", []Kind{IDCard}},
		{"id groups of four", "3302 0619 8503 1227 15", []Kind{IDCard}},
		{"id hyphens", "330206-19850312-2715", []Kind{IDCard}},
		{"id line break", "身份证号码为33020619850\n3122715，特此", []Kind{IDCard}},
		{"id zero-width", "33020619850\u200b3122715", []Kind{IDCard}},
		{"id ideographic space", "330206\u300019850312\u30002715", []Kind{IDCard}},
		{"id legacy 15", "旧证号 330206850312271", []Kind{IDCard}},
		{"id wrong check digit", "330206198503122710", nil},
		{"id impossible date", "330206200102301237", nil},
		{"id bad province", "990206198503122718", nil},
		{"id masked", "330206********2715", nil},
		{"id inside longer digits", "43302061985031227150", nil},
		{"id after letters", "No.A330206198503122715", nil},
		{"id as 索引号", "索引号：330102199001011234/2022-00012", nil},
		{"id after 信用代码 label", "统一社会信用代码 330102199001011234", nil},
		{"mobile", "联系电话13957466123", []Kind{Mobile}},
		{"mobile split", "电话 139-5746-6123", []Kind{Mobile}},
		{"mobile +86", "+86 139 5746 6123", []Kind{Mobile}},
		{"mobile full-width", "手机：１３９５７４６６１２３", []Kind{Mobile}},
		{"not mobile 12", "1195746612", nil},
		{"landline", "0574-86781234", nil},
		{"hotline", "拨打12345或96345", nil},
		{"400 number", "400-820-8820", nil},
		{"bank card 19", "卡号 6217001234567890122", []Kind{BankCard}},
		{"bank card 16 spaced", "4367 4200 1234 5673", []Kind{BankCard}},
		{"bank card luhn fails", "6217001234567890", nil},
		{"amount", "罚款人民币50000元，合计1234567890123456.78元", nil},
		{"decimal", "0.6217001234567890122", nil},
		{"date", "2022-10-15 至 2022-10-21", nil},
		{"year range in table", "2021 2022 2023 2024 2025", nil},
		{"stats row", "12 345 6789 1011 12 13", nil},
		{"credit code digits", "91330206 0025 4612 3X", nil},
		{"exam number", "准考证号 20221020113", nil},
		{"two on a row", "张三 330206198503122715 13957466123", []Kind{IDCard, Mobile}},
		{"email", "联系邮箱 zhangsan_1990@163.com", []Kind{Email}},
		{"email gov", "邮箱 gkb@beilun.gov.cn", nil},
		{"email full-width at", "ｚｈａｎｇ＠ｑｑ．ｃｏｍ", []Kind{Email}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []Kind
			for _, f := range Text(tc.text) {
				got = append(got, f.Kind)
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("Text(%q) kinds %v; want %v", tc.text, got, tc.want)
			}
		})
	}
}

// TestMarkings pins 密级 markings against sentences that only mention
// secrets.
func TestMarkings(t *testing.T) {
	tests := []struct {
		name, text string
		want       int
	}{
		{"star with period", "机密★1年\n宁波市北仑区司法局文件\n", 1},
		{"star long-term", "秘密★长期\n", 1},
		{"star spaced", "绝密 ★ 5年\n", 1},
		{"field", "密级：秘密\n", 1},
		{"bare top line", "机密\n宁波市北仑区司法局\n关于……的通知\n", 1},
		{"internal top", "内部资料 注意保存\n关于2022年工作的总结\n", 1},
		{"bracketed internal", "【内部资料】\n正文\n", 1},
		{"state secret mention", "涉及国家秘密的政府信息不予公开。\n", 0},
		{"trade secret", "涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开。\n", 0},
		{"internal in long sentence", "本机关内部事务信息，包括人事管理、后勤管理、内部工作流程等方面的信息，可以不予公开，也不得公开销售。\n", 0},
		{"bare below top", strings.Repeat("正文第一段。\n", 12) + "机密\n", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := 0
			for _, f := range Text(tc.text) {
				if f.Kind == Classified {
					n++
				}
			}
			if n != tc.want {
				t.Errorf("Text(%q): %d markings; want %d", tc.text, n, tc.want)
			}
		})
	}
}

func TestMask(t *testing.T) {
	tests := []struct{ in, want string }{
		{"330206198503122715", "330206**********15"},
		{"13957466123", "139******23"},
		{"6217001234567890122", "621700***********22"},
		{"ab", "**"},
		{"", ""},
	}
	for _, tc := range tests {
		if got := Mask(tc.in); got != tc.want {
			t.Errorf("Mask(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

func TestHTML(t *testing.T) {
	tests := []struct {
		name, src string
		want      []spot
	}{
		{"split by inline tags", "<p>身份证号：330206<span>19850312</span>2715</p>", []spot{{IDCard, "第 1 行"}}},
		{"cells apart", "<table>\n<tr><td>1395</td><td>7466</td><td>123</td></tr>\n</table>", nil},
		{"cell holds a number", "<table>\n<tr><td>张三</td>\n<td>13957466123</td></tr></table>", []spot{{Mobile, "第 3 行"}}},
		{"script skipped", "<script>var id='330206198503122715';</script><p>正文</p>", nil},
		{"entity digits", "<p>&#51;30206198503122715</p>", []spot{{IDCard, "第 1 行"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := spots(HTML([]byte(tc.src)))
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("HTML(%q) = %v; want %v", tc.src, got, tc.want)
			}
		})
	}
}
