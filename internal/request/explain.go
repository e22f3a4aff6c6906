package request

import (
	"fmt"
	"strings"

	"github.com/gongkai/gongkai/internal/calendar"
)

// A LineKind says what an explanation line is about.
type LineKind string

// The kinds of explanation line.
const (
	LineStart      LineKind = "start"      // receipt, the day not counted
	LineCorrection LineKind = "correction" // 补正 restarts the period
	LineHoliday    LineKind = "holiday"    // national days off, skipped
	LineMakeUp     LineKind = "makeup"     // a weekend make-up working day, counted
	LineClosure    LineKind = "closure"    // a local closure, skipped
	LineOpening    LineKind = "opening"    // a local extra working day, counted
	LinePause      LineKind = "pause"      // a consultation or fee pause
	LineExtension  LineKind = "extension"  // the approved extension
	LineDue        LineKind = "due"        // the result
	LineDelay      LineKind = "delay"      // the computed date, replaced under 第三十五条
	LineWarning    LineKind = "warning"    // days the data do not cover
)

// A Line is one sentence of a due-date explanation, in Chinese and English.
type Line struct {
	Kind LineKind
	Date calendar.Date // the first day the line is about; zero for the extension
	Zh   string
	En   string
}

// A Deadline is a computed reply due date with the reasons for it.
type Deadline struct {
	Clock     Clock         // the input, with defaults filled in
	Start     calendar.Date // the day the period runs from (not counted)
	Due       calendar.Date // the last day to reply
	Paused    int           // working days added by pauses
	Delayed   bool          // Due is the 第三十五条 date, not the computed one
	Uncovered []int         // years whose national holidays are not in the data
	Lines     []Line        // the explanation, in order
}

// Due computes the reply due date of c on cal and explains it line by line:
// receipt, 补正, every holiday skipped, every make-up day counted, local
// closures and openings, each pause and the working days it added, the
// extension, and years the calendar does not cover (regulation.md §7).
func Due(cal *calendar.Calendar, c Clock) (Deadline, error) {
	c, err := c.validate()
	if err != nil {
		return Deadline{}, err
	}
	due, spans := dueDate(cal, c)
	dl := Deadline{Clock: c, Start: c.Start(), Due: due}
	for _, s := range spans {
		dl.Paused += s.days
	}
	dl.Lines = explain(cal, dl, spans)
	if delayed, added := delayedDue(cal, c); delayed.After(due) {
		dl.Due = delayed
		dl.Delayed = true
		last := &dl.Lines[len(dl.Lines)-1]
		if last.Kind == LineDue {
			last.Kind = LineDelay
			last.Zh = strings.Replace(last.Zh, "答复期限：", "按条例第三十三条计算的期限：", 1)
			last.En = strings.Replace(last.En, "Due: ", "Computed under Art. 33: ", 1)
		}
		if added == 0 {
			dl.Lines = append(dl.Lines, Line{Kind: LineDue, Date: delayed,
				Zh: fmt.Sprintf("依条例第三十五条确定延迟答复的合理期限至 %s（%s）并已告知申请人，以此为答复期限。", delayed, delayed.WeekdayZh()),
				En: fmt.Sprintf("Under Art. 35 the agency set a later reply date, %s (%s), and told the applicant; it is the due date.", delayed, delayed.Weekday())})
		} else {
			dl.Lines = append(dl.Lines, Line{Kind: LineDelay, Date: c.DelayedTo,
				Zh: fmt.Sprintf("依条例第三十五条确定延迟答复的合理期限至 %s 并已告知申请人；其后征求意见或缴费暂停 %d 个工作日，不计入期限（条例第三十三条第三款），相应顺延。", c.DelayedTo, added),
				En: fmt.Sprintf("Under Art. 35 the agency set a later reply date, %s, and told the applicant; pauses after it (consultation or fee, Art. 33(3)) add %d working days.", c.DelayedTo, added)},
				Line{Kind: LineDue, Date: delayed, Zh: fmt.Sprintf("答复期限：%s（%s）。", delayed, delayed.WeekdayZh()),
					En: fmt.Sprintf("Due: %s (%s).", delayed, delayed.Weekday())})
		}
	}
	dl.Uncovered = cal.Uncovered(dl.Start, dl.Due)
	for _, y := range dl.Uncovered {
		dl.Lines = append(dl.Lines, Line{Kind: LineWarning, Date: calendar.D(y, 1, 1),
			Zh: fmt.Sprintf("注意：%d年的国务院节假日安排尚未收录，该年按普通周一至周五计算（本机关登记的停止办公日和增加的工作日除外），请核对。", y),
			En: fmt.Sprintf("Warning: the State Council holiday notice for %d is not in the data; that year counts ordinary Monday–Friday only (plus local overrides). Please check.", y)})
	}
	return dl, nil
}

// explain walks the days from the start to the due date once and writes
// the lines; the walk also numbers the counted working days.
func explain(cal *calendar.Calendar, dl Deadline, spans []span) []Line {
	c := dl.Clock
	var lines []Line
	r := c.Received
	lines = append(lines, Line{Kind: LineStart, Date: r,
		Zh: fmt.Sprintf("%s（%s）收到申请（条例第三十一条），当日不计入期限（《民法典》第二百零一条）。", r, r.WeekdayZh()),
		En: fmt.Sprintf("%s (%s): application received (Art. 31); the day itself is not counted.", r, r.Weekday())})
	if !c.Corrected.IsZero() {
		k := c.Corrected
		lines = append(lines, Line{Kind: LineCorrection, Date: k,
			Zh: fmt.Sprintf("%s（%s）收到补正后的申请，答复期限自该日重新起算（条例第三十条），该日不计入。", k, k.WeekdayZh()),
			En: fmt.Sprintf("%s (%s): corrected application received; the period restarts from this day (Art. 30), not counted.", k, k.Weekday())})
	}
	paused := func(d calendar.Date) *span {
		for i := range spans {
			if s := &spans[i]; s.days > 0 && d.After(s.from) && !d.After(s.to) {
				return s
			}
		}
		return nil
	}
	spanAt := map[calendar.Date][]span{}
	for _, s := range spans {
		spanAt[s.pause.From] = append(spanAt[s.pause.From], s)
	}
	// Pauses that began before the start (补正 restarted the period) come first.
	for _, s := range spans {
		if s.pause.From.Before(dl.Start) {
			lines = append(lines, pauseLine(s, s.days == 0))
		}
	}
	notable := map[calendar.Date]calendar.Day{}
	for _, d := range cal.Notable(dl.Start, dl.Due) {
		notable[d.Date] = d
	}
	counted := 0
	var run []calendar.Day // consecutive skipped days of one holiday or closure
	flush := func() {
		if len(run) > 0 {
			lines = append(lines, skippedLine(run))
			run = nil
		}
	}
	for d := dl.Start; !d.After(dl.Due); d = d.AddDays(1) {
		for _, s := range spanAt[d] {
			if s.ignored {
				continue
			}
			flush()
			lines = append(lines, pauseLine(s, false))
		}
		if d == dl.Start {
			continue
		}
		working := cal.IsWorkday(d)
		if working && paused(d) == nil {
			counted++
		}
		day, ok := notable[d]
		if !ok || paused(d) != nil {
			continue
		}
		switch day.Kind {
		case calendar.Holiday, calendar.LocalClosure:
			if len(run) > 0 && (run[0].Kind != day.Kind || run[0].Name != day.Name || run[len(run)-1].Date.AddDays(1) != d) {
				flush()
			}
			run = append(run, day)
		case calendar.MakeUpDay, calendar.LocalOpening:
			flush()
			lines = append(lines, countedLine(day, counted))
		}
	}
	flush()
	// Pauses after the due date do not move it; say so.
	for _, s := range spans {
		if s.ignored {
			lines = append(lines, pauseLine(s, false))
		}
	}
	if c.Extension > 0 {
		lines = append(lines, Line{Kind: LineExtension,
			Zh: fmt.Sprintf("延长答复期限 %d 个工作日（条例第三十三条第二款：经政府信息公开工作机构负责人同意并告知申请人，最长不超过 20 个工作日）。", c.Extension),
			En: fmt.Sprintf("Extended by %d working days (Art. 33(2): approved by the head of the disclosure office, applicant informed; at most 20).", c.Extension)})
	}
	total := c.Workdays + c.Extension
	parts := []string{fmt.Sprintf("%d", c.Workdays)}
	partsEn := []string{fmt.Sprintf("%d", c.Workdays)}
	if c.Extension > 0 {
		parts = append(parts, fmt.Sprintf("延长 %d", c.Extension))
		partsEn = append(partsEn, fmt.Sprintf("%d extension", c.Extension))
	}
	tail, tailEn := "", ""
	if dl.Paused > 0 {
		tail = fmt.Sprintf("，另有 %d 个工作日因暂停不计入", dl.Paused)
		tailEn = fmt.Sprintf("; %d paused working days not counted", dl.Paused)
	}
	why, whyEn := "", ""
	if c.Extension > 0 || dl.Paused > 0 {
		why = "（" + strings.Join(parts, " + ") + tail + "）"
		whyEn = " (" + strings.Join(partsEn, " + ") + tailEn + ")"
	}
	u := dl.Due
	lines = append(lines, Line{Kind: LineDue, Date: u,
		Zh: fmt.Sprintf("答复期限：%s（%s），为起算日 %s 后的第 %d 个工作日%s。", u, u.WeekdayZh(), dl.Start, total, why),
		En: fmt.Sprintf("Due: %s (%s), working day %d after %s%s.", u, u.Weekday(), total, dl.Start, whyEn)})
	if counted != total {
		// The walk and the arithmetic disagree: never hide it.
		lines = append(lines, Line{Kind: LineWarning, Date: u,
			Zh: fmt.Sprintf("内部校验不一致：逐日计数为 %d 个工作日，应为 %d，请报告此问题。", counted, total),
			En: fmt.Sprintf("Internal check failed: the day walk counted %d working days, want %d; please report.", counted, total)})
	}
	return lines
}

// skippedLine describes a run of consecutive days off of one holiday or closure.
func skippedLine(run []calendar.Day) Line {
	first, last := run[0].Date, run[len(run)-1].Date
	when, whenEn := first.String(), first.String()
	if last != first {
		when = fmt.Sprintf("%s 至 %s", first, last)
		whenEn = fmt.Sprintf("%s to %s", first, last)
	}
	weekdays := 0
	for _, d := range run {
		if !d.Date.IsWeekend() {
			weekdays++
		}
	}
	if run[0].Kind == calendar.LocalClosure {
		return Line{Kind: LineClosure, Date: first,
			Zh: fmt.Sprintf("%s 本机关停止办公（%s），不计入期限。", when, run[0].Name),
			En: fmt.Sprintf("%s: agency closed (%s), not counted.", whenEn, run[0].Name)}
	}
	days := fmt.Sprintf("%d 天，其中 %d 天为星期一至星期五", len(run), weekdays)
	daysEn := fmt.Sprintf("%d days, %d of them Monday–Friday", len(run), weekdays)
	switch weekdays {
	case 0:
		days = fmt.Sprintf("%d 天，均为周末", len(run))
		daysEn = fmt.Sprintf("%d days, all at the weekend", len(run))
	case len(run):
		days = fmt.Sprintf("%d 天", len(run))
		daysEn = fmt.Sprintf("%d days", len(run))
	}
	if len(run) == 1 {
		daysEn = strings.Replace(daysEn, "1 days", "1 day", 1)
	}
	return Line{Kind: LineHoliday, Date: first,
		Zh: fmt.Sprintf("%s %s放假（%s），不计入期限。", when, run[0].Name, days),
		En: fmt.Sprintf("%s: %s holiday (%s), not counted.", whenEn, calendar.NameEn(run[0].Name), daysEn)}
}

// countedLine describes a make-up day or local opening that counts.
func countedLine(day calendar.Day, ordinal int) Line {
	d := day.Date
	if day.Kind == calendar.LocalOpening {
		return Line{Kind: LineOpening, Date: d,
			Zh: fmt.Sprintf("%s（%s）本机关增加工作日（%s），计为第 %d 个工作日。", d, d.WeekdayZh(), day.Name, ordinal),
			En: fmt.Sprintf("%s (%s): extra agency working day (%s), counted as working day %d.", d, d.Weekday(), day.Name, ordinal)}
	}
	return Line{Kind: LineMakeUp, Date: d,
		Zh: fmt.Sprintf("%s（%s）%s调休上班，计为第 %d 个工作日。", d, d.WeekdayZh(), day.Name, ordinal),
		En: fmt.Sprintf("%s (%s): make-up working day for %s, counted as working day %d.", d, d.Weekday(), calendar.NameEn(day.Name), ordinal)}
}

// pauseLine describes a pause and the working days it added.
func pauseLine(s span, beforeRestart bool) Line {
	k := pauseKinds[s.pause.Kind]
	p := s.pause
	head := fmt.Sprintf("%s 至 %s %s（%s）", p.From, p.To, k.zh, k.basis)
	headEn := fmt.Sprintf("%s to %s: %s", p.From, p.To, k.en)
	switch {
	case beforeRestart:
		return Line{Kind: LinePause, Date: p.From,
			Zh: head + "，在补正重新起算之前，不影响期限。",
			En: headEn + ", before the period restarted on correction; no effect."}
	case s.ignored:
		return Line{Kind: LinePause, Date: p.From,
			Zh: head + "，开始于期限届满之后，不影响期限。",
			En: headEn + ", began after the due date; no effect."}
	}
	capNote, capEn := "", ""
	if s.capped {
		from, fromEn := "", ""
		if p.capFrom() != p.From {
			from = fmt.Sprintf("自 %s 送达之日起", p.capFrom())
			fromEn = fmt.Sprintf(" from delivery on %s", p.capFrom())
		}
		capNote = fmt.Sprintf("；%s超过 %d 个工作日的部分（%s 之后）照常计算", from, s.pause.Kind.Cap(), s.to)
		capEn = fmt.Sprintf("; capped at %d working days%s (counting resumes after %s)", s.pause.Kind.Cap(), fromEn, s.to)
	}
	overlap, overlapEn := "", ""
	if s.from.After(p.From) && s.from.After(s.start) {
		overlap = fmt.Sprintf("；至 %s 与前一暂停重叠的日子不重复扣除", s.from)
		overlapEn = fmt.Sprintf("; days up to %s overlap an earlier pause and are not deducted twice", s.from)
	}
	return Line{Kind: LinePause, Date: p.From,
		Zh: fmt.Sprintf("%s，期间 %d 个工作日不计入，期限顺延 %d 个工作日%s%s。", head, s.days, s.days, capNote, overlap),
		En: fmt.Sprintf("%s: %d working days not counted, due date moves %d working days%s%s.", headEn, s.days, s.days, capEn, overlapEn)}
}

// Text returns the deadline as plain text: the due date alone on the first
// line (YYYY-MM-DD), then one explanation line per line, in Chinese, or in
// English when en is true. This is what `gongkai deadline` prints.
func (dl Deadline) Text(en bool) string {
	var b strings.Builder
	b.WriteString(dl.Due.String())
	b.WriteByte('\n')
	for _, l := range dl.Lines {
		if en {
			b.WriteString(l.En)
		} else {
			b.WriteString(l.Zh)
		}
		b.WriteByte('\n')
	}
	return b.String()
}
