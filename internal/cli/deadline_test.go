package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = Main(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestDeadline(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		first    string   // the due date line
		contains []string // further output
	}{
		{"plain", []string{"--received", "2026-03-02"}, "2026-03-30", []string{"第 20 个工作日"}},
		{"spring festival", []string{"--received", "2026-02-13"}, "2026-03-19",
			[]string{"2026-02-14（星期六）春节调休上班，计为第 1 个工作日", "2026-02-15 至 2026-02-23 春节放假"}},
		{"pause and extension", []string{"--received=2026-02-13", "--pause", "2026-03-02:2026-03-20", "--extend", "10"}, "2026-04-23",
			[]string{"期间 14 个工作日不计入", "延长答复期限 10 个工作日"}},
		{"fee pause and correction", []string{"--received", "2026-03-02", "--corrected", "2026-03-09", "--pause", "fee:2026-03-10:2026-03-12"}, "2026-04-09",
			[]string{"重新起算", "收费通知至缴费"}},
		{"workdays", []string{"--received", "2026-09-18", "--workdays", "5"}, "2026-09-24", nil},
		{"local closure", []string{"--received", "2026-03-02", "--closed", "2026-03-04:台风", "--open", "2026-03-07"}, "2026-03-30",
			[]string{"2026-03-04 本机关停止办公（台风）", "2026-03-07（星期六）本机关增加工作日"}},
		{"english", []string{"--received", "2026-02-13", "--en"}, "2026-03-19", []string{"make-up working day for Spring Festival"}},
		{"uncovered year", []string{"--received", "2028-03-01"}, "2028-03-29", []string{"2028年的国务院节假日安排尚未收录"}},
		// The dispatcher forwards global flags; deadline accepts and ignores them.
		{"global flag first", []string{"--data", "/nonexistent", "deadline", "--received", "2026-03-02"}, "2026-03-30", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := tt.args
			if args[0] != "--data" {
				args = append([]string{"deadline"}, args...)
			}
			code, out, errs := runCLI(args...)
			if code != ExitOK || errs != "" {
				t.Fatalf("exit %d, stderr %q", code, errs)
			}
			first, rest, _ := strings.Cut(out, "\n")
			if first != tt.first {
				t.Errorf("first line: got %q; want %q", first, tt.first)
			}
			for _, c := range tt.contains {
				if !strings.Contains(rest, c) {
					t.Errorf("output lacks %q:\n%s", c, out)
				}
			}
		})
	}
}

func TestDeadlineBadInput(t *testing.T) {
	tests := []struct {
		args []string
		flag string // the flag the error must name
	}{
		{[]string{}, "--received"},
		{[]string{"--received", "2026-02-30"}, "--received"},
		{[]string{"--received", "20260302"}, "--received"},
		{[]string{"--received"}, "-received"},
		{[]string{"--received", "2026-03-02", "--workdays", "x"}, "--workdays"},
		{[]string{"--received", "2026-03-02", "--workdays", "0"}, "--workdays"},
		{[]string{"--received", "2026-03-02", "--extend", "21"}, "--extend"},
		{[]string{"--received", "2026-03-02", "--pause", "2026-03-05"}, "--pause"},
		{[]string{"--received", "2026-03-02", "--pause", "2026-03-05:2026-03-04"}, "--pause"},
		{[]string{"--received", "2026-03-02", "--pause", "2026-03-01:2026-03-04"}, "--pause"},
		{[]string{"--received", "2026-03-02", "--pause", "holiday:2026-03-03:2026-03-04"}, "--pause"},
		{[]string{"--received", "2026-03-02", "--corrected", "2026-03-01"}, "--corrected"},
		{[]string{"--received", "2026-03-02", "--closed", "soon"}, "--closed"},
		{[]string{"--received", "2026-03-02", "--bogus"}, "-bogus"},
		{[]string{"--received", "2026-03-02", "extra"}, "extra"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, errs := runCLI(append([]string{"deadline"}, tt.args...)...)
			if code != ExitUsage {
				t.Errorf("exit %d; want %d", code, ExitUsage)
			}
			if out != "" {
				t.Errorf("stdout %q; want nothing", out)
			}
			if strings.Count(errs, "\n") != 1 || !strings.Contains(errs, tt.flag) || !strings.HasPrefix(errs, "gongkai deadline: ") {
				t.Errorf("stderr %q; want one line naming %s", errs, tt.flag)
			}
			if !containsHan(errs) {
				t.Errorf("stderr %q; want a Chinese message", errs)
			}
		})
	}
}

func containsHan(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

func TestDeadlineHelp(t *testing.T) {
	code, out, _ := runCLI("deadline", "--help")
	if code != ExitOK || !strings.Contains(out, "--received") || !strings.Contains(out, "--pause") {
		t.Errorf("help: exit %d, output %q", code, out)
	}
}

// FuzzDeadlineArgs feeds arbitrary flag values to the command: it must
// either print a date first or fail with exit 2 and one line, never panic.
func FuzzDeadlineArgs(f *testing.F) {
	f.Add("2026-02-13", "2026-03-02:2026-03-20", "10", "20")
	f.Add("2026-02-30", "fee:2026-03-02:2026-03-01", "x", "-1")
	f.Add("", "::", "", "")
	f.Fuzz(func(t *testing.T, received, pause, extend, workdays string) {
		code, out, errs := runCLI("deadline", "--received", received, "--pause", pause, "--extend", extend, "--workdays", workdays)
		switch code {
		case ExitOK:
			first, _, _ := strings.Cut(out, "\n")
			if len(first) != 10 || first[4] != '-' || first[7] != '-' {
				t.Errorf("first line %q is not a date", first)
			}
		case ExitUsage:
			if out != "" || strings.Count(errs, "\n") != 1 {
				t.Errorf("bad-input output: stdout %q stderr %q", out, errs)
			}
		default:
			t.Errorf("exit %d", code)
		}
	})
}
