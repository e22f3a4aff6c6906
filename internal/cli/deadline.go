package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/app"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/request"
)

const deadlineUsage = `用法 usage: gongkai deadline --received YYYY-MM-DD [flags]

计算政府信息公开申请的答复期限（条例第三十三条：收到申请之日起 20 个工作日，
当日不计入），第一行只输出期限日期，其后逐行说明：跳过的节假日、计入的调休
上班日、暂停和延期。
Computes the reply due date of a disclosure request; the first line is the
date alone, then the explanation.

  --received DATE     收到申请的日期（条例第三十一条）/ receipt date (required)
  --workdays N        答复期限的工作日数，默认 20 / working days (default 20)
  --pause FROM:TO     暂停：FROM 发出征求意见书或收费通知之日，TO 收到答复或缴费之日；
                      可重复；可加类型前缀 third_party:（默认，第三十二条）、
                      other_agency:（第三十四条）、fee:（缴费），例如 fee:2026-03-02:2026-03-09
                      pause, repeatable; optional kind prefix as shown
  --extend N          经负责人同意延长的工作日数（最多 20）/ approved extension (≤ 20)
  --corrected DATE    收到补正后申请的日期，期限自该日重新起算（第三十条）/ correction received
  --closed DATE[:原因] 本机关停止办公日，可重复 / local closure, repeatable
  --open DATE[:原因]   本机关增加的工作日，可重复 / extra local working day, repeatable
  --en                用英文说明 / explain in English
`

// deadlineFlags collects the flags of `gongkai deadline`; the first bad
// value is kept with its flag name for a one-line Chinese error.
type deadlineFlags struct {
	clock     request.Clock
	overrides calendar.Overrides
	en        bool
	bad       error
}

// flagError is a bad flag value with the flag's name and a Chinese reason.
type flagError struct {
	flag, msg string
}

func (e *flagError) Error() string { return "--" + e.flag + "：" + e.msg }

func (f *deadlineFlags) fail(name, msg string) error {
	err := &flagError{name, msg}
	if f.bad == nil {
		f.bad = err
	}
	return err
}

func (f *deadlineFlags) date(name string, dst *calendar.Date) func(string) error {
	return func(s string) error {
		d, err := calendar.Parse(strings.TrimSpace(s))
		if err != nil {
			return f.fail(name, fmt.Sprintf("日期应写作 YYYY-MM-DD（如 2026-03-02），收到 %q", s))
		}
		*dst = d
		return nil
	}
}

func (f *deadlineFlags) integer(name string, dst *int, lo, hi int) func(string) error {
	return func(s string) error {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < lo || n > hi {
			return f.fail(name, fmt.Sprintf("应为 %d 到 %d 之间的整数，收到 %q", lo, hi, s))
		}
		*dst = n
		return nil
	}
}

func (f *deadlineFlags) pause(s string) error {
	parts := strings.Split(strings.TrimSpace(s), ":")
	kind := request.PauseThirdParty
	if len(parts) == 3 {
		kind = request.PauseKind(parts[0])
		if !kind.Valid() {
			return f.fail("pause", fmt.Sprintf("未知的暂停类型 %q（可用 third_party、other_agency、fee）", parts[0]))
		}
		parts = parts[1:]
	}
	if len(parts) != 2 {
		return f.fail("pause", fmt.Sprintf("应写作 FROM:TO（如 2026-03-02:2026-03-10），收到 %q", s))
	}
	from, err1 := calendar.Parse(parts[0])
	to, err2 := calendar.Parse(parts[1])
	if err1 != nil || err2 != nil {
		return f.fail("pause", fmt.Sprintf("日期应写作 YYYY-MM-DD:YYYY-MM-DD，收到 %q", s))
	}
	f.clock.Pauses = append(f.clock.Pauses, request.Pause{Kind: kind, From: from, To: to})
	return nil
}

func (f *deadlineFlags) override(name string, open bool) func(string) error {
	return func(s string) error {
		ds, reason, _ := strings.Cut(strings.TrimSpace(s), ":")
		d, err := calendar.Parse(ds)
		if err != nil {
			return f.fail(name, fmt.Sprintf("应写作 YYYY-MM-DD[:原因]，收到 %q", s))
		}
		if strings.TrimSpace(reason) == "" {
			reason = "本机关停止办公"
			if open {
				reason = "本机关增加工作日"
			}
		}
		if open {
			return f.overrides.Open(d, reason)
		}
		return f.overrides.Close(d, reason)
	}
}

// runDeadline implements `gongkai deadline`: it prints the due date alone
// on the first line, then the explanation (request.Due).
func runDeadline(ctx context.Context, env Env) int {
	var f deadlineFlags
	fs := flag.NewFlagSet("deadline", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.Func("received", "", f.date("received", &f.clock.Received))
	fs.Func("corrected", "", f.date("corrected", &f.clock.Corrected))
	f.clock.Workdays = request.DefaultWorkdays
	fs.Func("workdays", "", f.integer("workdays", &f.clock.Workdays, 1, 400))
	fs.Func("extend", "", f.integer("extend", &f.clock.Extension, 0, request.MaxExtension))
	fs.Func("pause", "", f.pause)
	fs.Func("closed", "", f.override("closed", false))
	fs.Func("open", "", f.override("open", true))
	fs.BoolVar(&f.en, "en", false, "")
	// Global flags the dispatcher forwards; the calculation needs no data.
	var sf storeFlags
	sf.register(fs)
	fail := func(msg string) int {
		fmt.Fprintln(env.Stderr, "gongkai deadline: "+msg)
		return ExitUsage
	}
	if err := fs.Parse(env.Args); err != nil {
		switch {
		case errors.Is(err, flag.ErrHelp):
			fmt.Fprint(env.Stdout, deadlineUsage)
			return ExitOK
		case f.bad != nil:
			return fail(f.bad.Error())
		}
		return fail(translateFlagError(err))
	}
	if fs.NArg() > 0 {
		return fail(fmt.Sprintf("多余的参数 %q；参数都以 -- 开头，见 gongkai deadline --help", fs.Arg(0)))
	}
	if f.clock.Received.IsZero() {
		return fail("--received：缺少收到申请的日期（YYYY-MM-DD）")
	}
	dl, err := request.Due(calendar.New(&f.overrides), f.clock)
	if err != nil {
		var fe *request.FieldError
		if errors.As(err, &fe) {
			return fail("--" + fe.Field + "：" + app.MessageText(fe.Key, fe.Args...))
		}
		return fail(err.Error())
	}
	fmt.Fprint(env.Stdout, dl.Text(f.en))
	return ExitOK
}

// translateFlagError turns the flag package's English errors into one
// Chinese line that names the flag.
func translateFlagError(err error) string {
	s := err.Error()
	if name, ok := strings.CutPrefix(s, "flag provided but not defined: "); ok {
		return fmt.Sprintf("未知参数 %s；见 gongkai deadline --help", name)
	}
	if name, ok := strings.CutPrefix(s, "flag needs an argument: "); ok {
		return fmt.Sprintf("参数 %s 缺少取值", name)
	}
	return "参数错误：" + s
}
