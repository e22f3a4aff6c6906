package web

import "maps"

// ErrorMessages are the texts of apperr message keys, in Chinese and
// English: the one place an error's words live. Each site's catalog and
// the API include them; the CLI prints both languages. Placeholders are
// fmt verbs; write %[n]s where English orders the values differently.
// TestErrorKeys checks every key the code uses is here in both languages
// with the same placeholders, and every key here is used.
var ErrorMessages = mergeMessages(kindMessages, webErrors, releaseErrors, accountErrors, workErrors, systemErrors, letterErrors, applicationErrors, requestErrors, caseworkErrors, catalogErrors, websiteErrors, stepsErrors,
	partiesErrors, seasonErrors)

// kindMessages are the defaults of errors that carry no key of their own.
var kindMessages = Messages{
	"kind.internal":        {"系统内部错误，请稍后重试或联系系统管理员", "Internal error; please try again later or contact the system administrator"},
	"kind.not_found":       {"未找到该记录", "No such record"},
	"kind.conflict":        {"与已有记录冲突", "This conflicts with an existing record"},
	"kind.invalid":         {"输入不符合要求", "The input is not valid"},
	"kind.forbidden":       {"没有权限执行此操作", "You may not do this"},
	"kind.unauthenticated": {"请先登录", "Please sign in first"},
	"kind.outdated_schema": {"数据库结构与程序版本不一致，请运行 gongkai migrate", "The database schema does not match this program: run gongkai migrate"},
	"list.sep":             {"；", "; "},
}

func mergeMessages(sets ...Messages) Messages {
	out := Messages{}
	for _, s := range sets {
		maps.Copy(out, s)
	}
	return out
}

// webErrors are the errors of the web layer's own form handling.
var webErrors = Messages{
	"download.format_unknown": {"不支持的格式", "Unknown format"},
	"form.date_format":        {"日期格式应为 YYYY-MM-DD：%s", "Write dates as YYYY-MM-DD: %s"},
	"form.unreadable":         {"表单无法读取", "The form could not be read"},
	"calendar.date_required":  {"请填写日期", "Enter a date"},
	"attachment.missing":      {"请选择要上传的文件", "Choose a file to upload"},
	"upload.budget":           {"本地址上传的附件过多，请一小时后再试，或通过信函、当面等方式提交（条例第二十九条）", "Too many uploads from this address; try again in an hour, or apply by letter or in person"},
	"upload.too_large":        {"提交的内容超过 %d MB 的上限", "The submission is over the limit of %d MB"},
	"upload.unreadable":       {"无法读取提交的内容", "The submission could not be read"},
	"user.disable_self":       {"不能停用自己的账户", "You cannot disable your own account"},
	"user.reset_self":         {"请通过“修改口令”更改自己的口令", "Change your own password on the password page"},
	"token.name_length":       {"请填写1至100个字的系统名称", "Give the system a name of 1–100 characters"},
	"letters.next_seq":        {"下一个文号序号应为正整数", "The next number must be a positive whole number"},
	"report.cell_count":       {"“%s %s”应为不小于 0 的整数", "“%s %s” must be a whole number ≥ 0"},
	"report.fees_form":        {"“行政事业性收费 本年收费金额”应为不小于 0 的数字（单位：万元）", "Administrative fees this year must be a number ≥ 0 (in 10,000 yuan)"},
}
